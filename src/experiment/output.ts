import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { ArrowFileWriter, type ColumnSpec } from '../io/arrowWriter';
import { getPath } from '../core/paths';
import type { Plan, RunSpec } from './plan';
import type { RunResult } from './runOne';
import type { RunTable } from './model';

/** The tokensim version, from package.json. */
export const VERSION: string = require('../../package.json').version;

/** Returns the git commit of the tokensim checkout, or null when not known. */
export function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: __dirname, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

/** Manifest status: running, complete (all ok), failed (some runs failed), interrupted. */
export type RunStatus = 'running' | 'complete' | 'failed' | 'interrupted';

/** A varied parameter's column: float64 when every value is a number, else utf8 (JSON for objects). */
function paramColumn(plan: Plan, path: string): { spec: ColumnSpec; value: (run: RunSpec) => number | string | null } {
  const numeric = plan.runs.every((r) => typeof getPath(r.params, path) === 'number');
  if (numeric) return { spec: { name: path, kind: 'float64' }, value: (r) => getPath(r.params, path) as number };
  return {
    spec: { name: path, kind: 'utf8', nullable: true },
    value: (r) => {
      const v = getPath(r.params, path);
      return v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v);
    },
  };
}

/**
 * Writes an experiment's output directory: `manifest.json`, `runs.arrow`,
 * `timeseries.arrow` and `summary.arrow` (Arrow IPC file format), one record
 * batch per run per file, streamed as runs are handed in (in run_id order),
 * so memory does not grow with the number of runs.
 */
export class ResultWriter {
  private written = 0;
  private failed = 0;

  private constructor(
    readonly dir: string,
    private readonly plan: Plan,
    private readonly metricNames: string[],
    private readonly kpiNames: string[],
    private readonly params: ReturnType<typeof paramColumn>[],
    private readonly runsFile: ArrowFileWriter,
    private readonly seriesFile: ArrowFileWriter,
    private readonly summaryFile: ArrowFileWriter,
    private readonly extraFiles: Map<string, ArrowFileWriter>,
    private readonly manifest: Record<string, unknown>,
  ) {}

  /** Creates `dir` and opens the three tables and the manifest (status `running`). */
  static async open(
    dir: string,
    plan: Plan,
    metricNames: string[],
    kpiNames: string[],
    tables: RunTable[] = [],
    extra: Record<string, unknown> = {},
  ): Promise<ResultWriter> {
    mkdirSync(dir, { recursive: true });
    const params = plan.variedPaths.map((p) => paramColumn(plan, p));
    const runsFile = await ArrowFileWriter.open(join(dir, 'runs.arrow'), [
      { name: 'run_id', kind: 'int32' },
      { name: 'variant', kind: 'utf8' },
      { name: 'replicate', kind: 'int32' },
      { name: 'seed', kind: 'uint32' },
      ...params.map((p) => p.spec),
      { name: 'status', kind: 'utf8' },
      { name: 'error', kind: 'utf8', nullable: true },
      { name: 'error_tick', kind: 'int32', nullable: true },
    ]);
    const seriesFile = await ArrowFileWriter.open(join(dir, 'timeseries.arrow'), [
      { name: 'run_id', kind: 'int32' },
      { name: 'tick', kind: 'int32' },
      ...metricNames.map((name): ColumnSpec => ({ name, kind: 'float64' })),
    ]);
    const summaryFile = await ArrowFileWriter.open(join(dir, 'summary.arrow'), [
      { name: 'run_id', kind: 'int32' },
      ...kpiNames.map((name): ColumnSpec => ({ name, kind: 'float64', nullable: true })),
    ]);
    const extraFiles = new Map<string, ArrowFileWriter>();
    for (const t of tables) {
      extraFiles.set(t.name, await ArrowFileWriter.open(join(dir, `${t.name}.arrow`), [{ name: 'run_id', kind: 'int32' }, ...t.columns]));
    }
    const e = plan.experiment;
    const manifest: Record<string, unknown> = {
      experiment: e.name,
      description: e.description,
      model: e.model.name,
      tokensim: VERSION,
      commit: gitCommit(),
      baseSeed: plan.baseSeed,
      seeds: plan.seeds,
      ticks: plan.ticks,
      record: e.record,
      set: plan.assignments,
      defaults: plan.defaults,
      variants: e.variants,
      sweep: null,
      runCount: plan.runs.length,
      ...extra,
      status: 'running' as RunStatus,
      runsWritten: 0,
      runsFailed: 0,
      files: ['runs.arrow', 'timeseries.arrow', 'summary.arrow', ...tables.map((t) => `${t.name}.arrow`)],
      columns: {
        timeseries: ['run_id', 'tick', ...metricNames],
        summary: ['run_id', ...kpiNames],
        ...Object.fromEntries(tables.map((t) => [t.name, ['run_id', ...t.columns.map((c) => c.name)]])),
      },
    };
    const w = new ResultWriter(dir, plan, metricNames, kpiNames, params, runsFile, seriesFile, summaryFile, extraFiles, manifest);
    w.writeManifest('running');
    return w;
  }

  /** Writes one run's rows to the three tables; runs must arrive in run_id order. */
  async write(result: RunResult): Promise<void> {
    const run = this.plan.runs[result.runId];
    const runCols: Record<string, unknown[] | Int32Array | Uint32Array | Float64Array> = {
      run_id: Int32Array.of(run.runId),
      variant: [run.variant],
      replicate: Int32Array.of(run.replicate),
      seed: Uint32Array.of(run.seed),
      status: [result.status],
      error: [result.error],
      error_tick: [result.errorTick],
    };
    for (const p of this.params) runCols[p.spec.name] = p.spec.kind === 'float64' ? Float64Array.of(p.value(run) as number) : [p.value(run)];
    await this.runsFile.writeBatch(runCols as never, 1);

    const n = result.ticks.length;
    const seriesCols: Record<string, Float64Array | Int32Array> = { run_id: new Int32Array(n).fill(run.runId), tick: result.ticks };
    for (const m of this.metricNames) seriesCols[m] = result.series[m] ?? new Float64Array(n).fill(NaN);
    await this.seriesFile.writeBatch(seriesCols, n);

    const sumCols: Record<string, unknown[] | Int32Array> = { run_id: Int32Array.of(run.runId) };
    for (const k of this.kpiNames) {
      const v = result.summary[k];
      sumCols[k] = [v === undefined || !Number.isFinite(v) ? null : v];
    }
    await this.summaryFile.writeBatch(sumCols as never, 1);

    for (const [name, file] of this.extraFiles) {
      const rows = result.tables[name] ?? { data: {}, length: 0 };
      if (rows.length === 0 && Object.keys(rows.data).length === 0) continue;
      await file.writeBatch({ run_id: new Int32Array(rows.length).fill(run.runId), ...rows.data }, rows.length);
    }

    this.written++;
    if (result.status === 'failed') this.failed++;
  }

  /** Returns the number of runs written and of those that failed. */
  get counts(): { written: number; failed: number } {
    return { written: this.written, failed: this.failed };
  }

  /** Finishes the three files and writes the manifest with the final status. */
  async close(status: RunStatus): Promise<void> {
    await Promise.all([this.runsFile.close(), this.seriesFile.close(), this.summaryFile.close(), ...[...this.extraFiles.values()].map((f) => f.close())]);
    this.writeManifest(status);
  }

  private writeManifest(status: RunStatus): void {
    Object.assign(this.manifest, { status, runsWritten: this.written, runsFailed: this.failed });
    const path = join(this.dir, 'manifest.json');
    writeFileSync(`${path}.tmp`, JSON.stringify(this.manifest, null, 2) + '\n');
    renameSync(`${path}.tmp`, path);
  }
}

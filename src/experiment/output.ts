import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArrowFileWriter } from '../io/arrowWriter';
import type { OutputLayout, Rows, TableLayout } from './layout';
import { readPart } from './parts';
import type { Plan } from './plan';
import { sweepSeed } from './sweep';

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

/** Manifest status: running, complete (all ok), failed (some runs failed), interrupted, or partial (a shard's share done). */
export type RunStatus = 'running' | 'complete' | 'failed' | 'interrupted' | 'partial';

/** A subset of runs: shard `index` (1-based) of `count` takes the runs whose run_id ≡ index − 1 (mod count). */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Returns what fixes an experiment's output (everything but who runs it and
 * where): experiment, model, seeds, ticks, record, `--set` values, parameter
 * defaults, variants, sweep (and the seed its points are drawn from), run
 * count and every table's columns. Two
 * directories with the same plan hold the same runs.
 */
export function planDescription(plan: Plan, layout: OutputLayout, check: boolean): Record<string, unknown> {
  const e = plan.experiment;
  return {
    experiment: e.name,
    model: e.model.name,
    baseSeed: plan.baseSeed,
    seeds: plan.seeds,
    ticks: plan.ticks,
    record: e.record,
    check,
    set: plan.assignments,
    defaults: plan.defaults,
    variants: e.variants,
    sweep: e.sweep,
    sweepSeed: e.sweep ? sweepSeed(e.sweep, plan.baseSeed) : null,
    pointCount: plan.pointCount,
    runCount: plan.runs.length,
    columns: Object.fromEntries(layout.tables.map((t) => [t.name, t.columns.map((c) => `${c.name}:${c.kind}`)])),
  };
}

/** Returns the SHA-256 (hex) of a plan description's canonical JSON. */
export function planHash(description: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(description)).digest('hex');
}

/** Returns the manifest of output directory `dir`, or null when it has none. */
export function readManifest(dir: string): Record<string, any> | null {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return null;
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Writes `manifest` to `dir/manifest.json` atomically (temporary file, then rename); returns nothing. */
export function writeManifest(dir: string, manifest: Record<string, unknown>): void {
  const path = join(dir, 'manifest.json');
  writeFileSync(`${path}.tmp`, JSON.stringify(manifest, null, 2) + '\n');
  renameSync(`${path}.tmp`, path);
}

/**
 * Returns a fresh manifest for `plan`: the plan description (and its hash),
 * the tokensim version and commit, the shard, the files and their columns,
 * status `running`.
 */
export function newManifest(plan: Plan, layout: OutputLayout, check: boolean, shard: Shard | null): Record<string, unknown> {
  const description = planDescription(plan, layout, check);
  const { columns, ...rest } = description;
  return {
    ...rest,
    description: plan.experiment.description,
    tokensim: VERSION,
    commit: gitCommit(),
    planHash: planHash(description),
    shard,
    status: 'running' as RunStatus,
    runsWritten: 0,
    runsFailed: 0,
    files: layout.files,
    columns: Object.fromEntries(layout.tables.map((t) => [t.name, t.columns.map((c) => c.name)])),
    units: columnUnits(plan),
    tables: layout.tables,
  };
}

/** Returns the unit, description and declaring block of every metric and KPI column of `plan`'s model, by table. */
function columnUnits(plan: Plan): Record<string, Record<string, { unit: string; description: string; block: string }>> {
  const m = plan.experiment.model;
  const entry = (c: { name: string; unit: string; description: string; block: string }) => [c.name, { unit: c.unit, description: c.description, block: c.block }] as const;
  return {
    timeseries: Object.fromEntries(m.metrics.map(entry)),
    summary: Object.fromEntries(m.kpis.map(entry)),
    tables: Object.fromEntries(m.tables.map((t) => [t.name, { unit: '', description: t.description, block: t.block }])),
  };
}

/**
 * Assembles the final tables of an output directory from per-run parts, one
 * record batch per run per file, appended in the order runs are handed in
 * (ascending run_id) and streamed: memory does not grow with the number of
 * runs. Files are written as `<table>.arrow.partial` and renamed into place
 * by `close`, so a `.arrow` file is always complete.
 */
export class Assembler {
  private constructor(
    private readonly outDir: string,
    private readonly tables: TableLayout[],
    private readonly writers: ArrowFileWriter[],
  ) {}

  /** Opens one writer per table in `outDir`. */
  static async open(outDir: string, tables: TableLayout[]): Promise<Assembler> {
    const writers: ArrowFileWriter[] = [];
    for (const t of tables) writers.push(await ArrowFileWriter.open(join(outDir, `${t.name}.arrow.partial`), t.columns));
    return new Assembler(outDir, tables, writers);
  }

  /**
   * Appends run `runId`'s part (read from `partsDir`, default the output
   * directory) to every table; returns the run's status (`ok` or `failed`).
   */
  async append(runId: number, partsDir = this.outDir): Promise<string> {
    return this.appendRows(this.tables.map((t) => readPart(partsDir, runId, t.name, t.columns)));
  }

  /**
   * Appends one run's rows (one entry per table, in table order) to every
   * table; returns the run's status (`ok` or `failed`). An extra table gets
   * no batch for a run without rows.
   */
  async appendRows(rows: Rows[]): Promise<string> {
    // One batch into each file at once: the files are independent, and waiting on each write in turn would leave the thread idle.
    await Promise.all(rows.map((r, k) => (this.tables[k].extra && r.length === 0 ? undefined : this.writers[k].writeBatch(r.data, r.length))));
    return String((rows[0].data.status as string[])[0]);
  }

  /** Writes the footers and renames every `.partial` file to its final name. */
  async close(): Promise<void> {
    await Promise.all(this.writers.map((w) => w.close()));
    for (const t of this.tables) renameSync(join(this.outDir, `${t.name}.arrow.partial`), join(this.outDir, `${t.name}.arrow`));
  }
}

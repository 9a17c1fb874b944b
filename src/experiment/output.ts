import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors';
import { ArrowFileWriter } from '../io/arrowWriter';
import { BatchCoalescer } from '../io/batchCoalescer';
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

/**
 * Returns the manifest of output directory `dir`, or null when it has none.
 * Throws an `InputError` naming the file when it is not tokensim's manifest
 * (not JSON, or without a plan hash).
 */
export function readManifest(dir: string): Record<string, any> | null {
  const path = join(dir, 'manifest.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw e;
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${path} is corrupt (${(e as Error).message}); expected the manifest tokensim writes`);
  }
  if (manifest === null || typeof manifest !== 'object' || typeof (manifest as { planHash?: unknown }).planHash !== 'string') {
    throw new InputError(`${path} is not a tokensim manifest (it has no planHash)`);
  }
  return manifest as Record<string, any>;
}

/** Writes `manifest` to `dir/manifest.json` atomically (temporary file, then rename); returns nothing. */
export function writeManifest(dir: string, manifest: Record<string, unknown>): void {
  const path = join(dir, 'manifest.json');
  try {
    writeFileSync(`${path}.tmp`, JSON.stringify(manifest, null, 2) + '\n');
    renameSync(`${path}.tmp`, path);
  } catch (e) {
    rmSync(`${path}.tmp`, { force: true });
    throw e;
  }
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
    tables: layout.tables,
  };
}

/** What appending a run reports: its status (`ok` or `failed`) and the KPIs it left without a finite value (comma-separated), or null. */
export interface AppendedRun {
  status: string;
  nullKpis: string | null;
}

/** Returns the name of the file table `table` is written to before it is complete: unique to the writer `tag`. */
export function partialName(table: string, tag: string): string {
  return `${table}.arrow.${tag}.partial`;
}

/**
 * Assembles the final tables of an output directory from per-run parts,
 * appended in the order runs are handed in (ascending run_id) and streamed:
 * memory does not grow with the number of runs. Small tables are gathered
 * into batches of at least `MIN_BATCH_ROWS` rows. Each file is written as
 * `<table>.arrow.<tag>.partial`, a name unique to its writer and created
 * exclusively, and renamed into place by `close`, so a `.arrow` file is
 * always complete and no writer ever truncates another's file.
 */
export class Assembler {
  private constructor(
    private readonly outDir: string,
    private readonly tables: TableLayout[],
    private readonly planHash: string,
    private readonly tag: string,
    private readonly writers: ArrowFileWriter[],
    private readonly batches: BatchCoalescer[],
  ) {}

  /** Opens one writer per table in `outDir` for parts of plan `planHash`; `tag` names this writer's `.partial` files. */
  static async open(outDir: string, tables: TableLayout[], planHash: string, tag: string): Promise<Assembler> {
    const writers: ArrowFileWriter[] = [];
    try {
      for (const t of tables) writers.push(await ArrowFileWriter.open(join(outDir, partialName(t.name, tag)), t.columns, undefined, { exclusive: true }));
    } catch (e) {
      await Promise.all(writers.map((w) => w.abort()));
      for (const t of tables.slice(0, writers.length)) rmSync(join(outDir, partialName(t.name, tag)), { force: true });
      throw e;
    }
    return new Assembler(outDir, tables, planHash, tag, writers, writers.map((w, k) => new BatchCoalescer(w, tables[k].columns)));
  }

  /**
   * Appends run `runId`'s part (read from `partsDir`, default the output
   * directory, and checked against its record) to every table; returns the
   * run's status (`ok` or `failed`) and its `null_kpis`. Throws a
   * `DamagedPart` when the part is not sound.
   */
  async append(runId: number, partsDir = this.outDir): Promise<AppendedRun> {
    return this.appendRows(readPart(partsDir, runId, this.planHash, this.tables));
  }

  /** Appends one run's rows (one entry per table, in table order, `runs` first) to every table; returns its status and `null_kpis`. */
  async appendRows(rows: Rows[]): Promise<AppendedRun> {
    // Into each file at once: the files are independent, and waiting on each write in turn would leave the thread idle.
    await Promise.all(rows.map((r, k) => this.batches[k].add(r.data, r.length)));
    const runs = rows[0].data;
    return { status: String((runs.status as string[])[0]), nullKpis: ((runs.null_kpis as (string | null)[] | undefined)?.[0] ?? null) };
  }

  /** Writes the last batches and the footers and renames every `.partial` file to its final name. */
  async close(): Promise<void> {
    await Promise.all(this.batches.map((b) => b.flush()));
    await Promise.all(this.writers.map((w) => w.close()));
    for (const t of this.tables) renameSync(join(this.outDir, partialName(t.name, this.tag)), join(this.outDir, `${t.name}.arrow`));
  }

  /** Stops writing and removes this writer's `.partial` files (after a failure); never throws. */
  async abort(): Promise<void> {
    await Promise.all(this.writers.map((w) => w.abort()));
    for (const t of this.tables) {
      try {
        rmSync(join(this.outDir, partialName(t.name, this.tag)), { force: true });
      } catch {
        // Nothing more can be done on a file system that refuses even this.
      }
    }
  }
}

import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors';
import { ArrowFileWriter } from '../io/arrowWriter';
import { BatchCoalescer, MIN_BATCH_ROWS } from '../io/batchCoalescer';
import { compactArrowFile } from '../io/compactArrow';
import { partialName } from './journal';
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
 * defaults, variants, scenarios (name → kind; their parameters are in the
 * defaults), sweep (and the seed its points are drawn from), run
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
    // Only an experiment with scenarios names them, so the plan (and hash) of one without stays as it was.
    ...(e.scenarioNames.length ? { scenarios: e.scenarioKinds } : {}),
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

/** What appending a run reports: its status (`ok` or `failed`) and the KPIs it left without a finite value (comma-separated), or null. */
export interface AppendedRun {
  status: string;
  nullKpis: string | null;
}

/**
 * Assembles the final tables of an output directory, appended in the order
 * runs are handed in (ascending run_id) and streamed: memory does not grow
 * with the number of runs. Each file is written as
 * `<table>.arrow.<tag>.partial`, a name unique to its writer and created
 * exclusively, and renamed into place by `close`, so a `.arrow` file is
 * always complete and no writer ever truncates another's file.
 *
 * Runs assembled from parts (`append`) are gathered into record batches of
 * at least `MIN_BATCH_ROWS` rows, so a table of one row per run is not one
 * batch per run. Runs written straight in (`appendRows`, one thread) are
 * one batch per run, each in the file once its call resolves, which is what
 * the journal needs (journal.ts: `sizes` and `digests`); `close` then
 * gathers the tables whose batches were small into the same batches the
 * parts would have given, so the files are the same either way.
 */
export class Assembler {
  /** Per table: whether a batch smaller than `MIN_BATCH_ROWS` went straight in (the table then needs gathering). */
  private readonly small: boolean[];

  private constructor(
    private readonly outDir: string,
    private readonly tables: TableLayout[],
    private readonly planHash: string,
    private readonly tag: string,
    private readonly writers: ArrowFileWriter[],
    private readonly batches: BatchCoalescer[],
  ) {
    this.small = tables.map(() => false);
  }

  /** Opens one writer per table in `outDir` for runs of plan `planHash`; `tag` names this writer's `.partial` files. */
  static async open(outDir: string, tables: TableLayout[], planHash: string, tag: string): Promise<Assembler> {
    const writers: ArrowFileWriter[] = [];
    try {
      for (const t of tables) writers.push(await ArrowFileWriter.open(join(outDir, partialName(t.name, tag)), t.columns, undefined, { exclusive: true, digest: true }));
    } catch (e) {
      await Promise.all(writers.map((w) => w.abort()));
      for (const t of tables.slice(0, writers.length)) rmSync(join(outDir, partialName(t.name, tag)), { force: true });
      throw e;
    }
    return new Assembler(outDir, tables, planHash, tag, writers, writers.map((w, k) => new BatchCoalescer(w, tables[k].columns)));
  }

  /**
   * Appends run `runId`'s part (read from `partsDir`, default the output
   * directory, and checked against its record) to every table, gathered
   * into larger batches; returns the run's status and `null_kpis`. Throws a
   * `DamagedPart` when the part is not sound.
   */
  async append(runId: number, partsDir = this.outDir): Promise<AppendedRun> {
    const rows = readPart(partsDir, runId, this.planHash, this.tables);
    // Into each file at once: the files are independent, and waiting on each write in turn would leave the thread idle.
    await Promise.all(rows.map((r, k) => this.batches[k].add(r.data, r.length)));
    return appended(rows);
  }

  /**
   * Appends one run's rows (one entry per table, in table order, `runs`
   * first) to every table as one batch each, in the files when it resolves;
   * returns the run's status and `null_kpis`. An extra table gets no batch
   * for a run without rows. Not to be mixed with `append`.
   */
  async appendRows(rows: Rows[]): Promise<AppendedRun> {
    await Promise.all(
      rows.map((r, k) => {
        if (r.length === 0 && this.tables[k].extra) return undefined;
        if (r.length < MIN_BATCH_ROWS) this.small[k] = true;
        return this.writers[k].writeBatch(r.data, r.length);
      }),
    );
    return appended(rows);
  }

  /** Returns each table file's size in bytes so far, in table order. */
  sizes(): number[] {
    return this.writers.map((w) => w.bytes);
  }

  /** Returns the SHA-256 (hex) of each table file's bytes so far, in table order. */
  digests(): string[] {
    return this.writers.map((w) => w.digest());
  }

  /**
   * Writes the last batches and the footers and renames every `.partial`
   * file to its final name. With `gather` (every run is in), the tables
   * `appendRows` wrote in small batches are first rewritten in gathered
   * batches; without it they stay as written, which the journal describes.
   */
  async close(gather = false): Promise<void> {
    await Promise.all(this.batches.map((b) => b.flush()));
    await Promise.all(this.writers.map((w) => w.close()));
    const partial = (t: TableLayout) => join(this.outDir, partialName(t.name, this.tag));
    const gathered = (t: TableLayout) => `${partial(t)}.gathered`;
    const regather = this.tables.filter((_, k) => gather && this.small[k]);
    for (const t of regather) await compactArrowFile(partial(t), gathered(t), t.columns);
    for (const t of this.tables) renameSync(regather.includes(t) ? gathered(t) : partial(t), join(this.outDir, `${t.name}.arrow`));
    for (const t of regather) rmSync(partial(t), { force: true });
  }

  /**
   * Stops writing (after a failure) and removes this writer's `.partial`
   * files, unless `keep` (they hold journaled runs); never throws.
   */
  async abort(keep = false): Promise<void> {
    await Promise.all(this.writers.map((w) => w.abort()));
    if (keep) return;
    for (const t of this.tables) {
      for (const path of [partialName(t.name, this.tag), `${partialName(t.name, this.tag)}.gathered`]) {
        try {
          rmSync(join(this.outDir, path), { force: true });
        } catch {
          // Nothing more can be done on a file system that refuses even this.
        }
      }
    }
  }
}

function appended(rows: Rows[]): AppendedRun {
  const runs = rows[0].data;
  return { status: String((runs.status as string[])[0]), nullKpis: (runs.null_kpis as (string | null)[] | undefined)?.[0] ?? null };
}

import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../core/errors';
import { applyTableFormat, checkFormatTargets, type TableFormat } from '../io/convertResults';
import type { Experiment } from './define';
import { Assembler, newManifest, readManifest, writeManifest, type RunStatus, type Shard } from './output';
import { listParts, PARTS, writePart } from './parts';
import type { PlanOptions } from './plan';
import { runOnWorkers, type RunDone } from './pool';
import { prepare } from './prepare';
import { makeProgress, type ProgressMode } from './progress';
import { hasJournal, journalRun, removeJournal, startJournal } from './journal';
import { recoverJournal } from './recover';
import { checkResumable } from './resume';
import { runOne } from './runOne';

/** Options of `runExperiment` (the `tokensim run` flags). */
export interface ExecuteOptions extends PlanOptions {
  /** Output directory; default `results/<experiment>/<timestamp>/`. */
  out?: string;
  /** Assert token and USD conservation every tick. */
  check?: boolean;
  /** Where progress lines go; default stderr. Null for none. */
  log?: ((line: string) => void) | null;
  /** Progress display; default a bar when stderr is a terminal, else periodic lines (none when `log` is null). */
  progress?: ProgressMode;
  /**
   * Compute threads: the main thread and workers − 1 worker threads; default
   * 1 (the command's default is the number of cores). More than 1 needs `file`.
   */
  workers?: number;
  /** The experiment's TypeScript file, which each worker loads. */
  file?: string;
  /** Finish the interrupted (or shard) run in this directory: run only the missing runs. */
  resume?: string;
  /** Run only this shard of the runs. */
  shard?: Shard;
  /** Called on the main thread after each run finishes, with the number finished in this call. */
  onRunDone?: (finished: number) => void;
  /** Table files: Arrow IPC (default), Parquet instead, or both; Parquet is written from the finished Arrow tables. */
  format?: TableFormat;
}

/** What a finished (or interrupted) experiment reports. */
export interface ExperimentOutcome {
  dir: string;
  status: RunStatus;
  /** Runs this directory holds when complete (all runs, or the shard's). */
  runs: number;
  written: number;
  failed: number;
  seconds: number;
  /** The signal that interrupted the run (status `interrupted`), else null. */
  signal: 'SIGINT' | 'SIGTERM' | null;
}

/** Returns `results/<name>/<UTC timestamp>` under the current directory. */
export function defaultOutDir(name: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:]/g, '-').replace(/\..+$/, '');
  return resolve('results', name, stamp);
}

/** Returns the shard as checked, or throws an `InputError`. */
function checkShard(shard: Shard | undefined): Shard | null {
  if (!shard) return null;
  const { index, count } = shard;
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 1 || index > count) {
    throw new InputError(`--shard ${index}/${count}: expected K/N with 1 <= K <= N, e.g. --shard 2/8`);
  }
  return { index, count };
}

/**
 * Runs every run of `experiment` (or of one shard) and writes the output
 * directory, in run_id order, so the files are the same whatever the worker
 * count or completion order, and memory does not grow with the number of
 * runs. On one thread, with no shard and no resume, each run is written
 * once, straight into the tables, and journaled (journal.ts). Otherwise
 * each finished run is written at once as its own part file (by the worker
 * that ran it), and the main thread appends the parts to the tables; a
 * shard keeps its parts for `merge`. Bad input throws an `InputError`
 * before any run starts; a failing run is recorded and the rest go on. On
 * SIGINT or SIGTERM the runs in flight finish, the files are closed with
 * every finished run, and the manifest says `interrupted`; `resume` then
 * runs only what is missing (first turning journaled runs into parts).
 */
export async function runExperiment<P extends object>(experiment: Experiment<P>, opts: ExecuteOptions = {}): Promise<ExperimentOutcome> {
  const started = Date.now();
  const log = opts.log === undefined ? (line: string) => process.stderr.write(line + '\n') : opts.log;
  const shard = checkShard(opts.shard);
  const workers = opts.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1) throw new InputError(`--workers ${workers}: expected a positive integer`);
  if (workers > 1 && !opts.file) throw new InputError('running on more than one worker needs the experiment file (option file), which each worker loads');
  const planOptions = { seeds: opts.seeds, ticks: opts.ticks, baseSeed: opts.baseSeed, set: opts.set, check: !!opts.check };
  const { plan, layout, hash, runOptions } = prepare(experiment, planOptions);
  const mine = plan.runs.filter((r) => !shard || r.runId % shard.count === shard.index - 1).map((r) => r.runId);

  let dir: string;
  let manifest: Record<string, unknown>;
  if (opts.resume) {
    dir = resolve(opts.resume);
    if (opts.out && resolve(opts.out) !== dir) throw new InputError(`--resume ${opts.resume} and --out ${opts.out} name different directories; give only --resume`);
    manifest = checkResumable(dir, plan, layout, !!opts.check, shard, hash);
  } else {
    dir = opts.out ? resolve(opts.out) : defaultOutDir(experiment.name);
    if (readManifest(dir)) throw new InputError(`${dir} already holds an experiment's output; finish it with --resume ${dir}, or choose another --out`);
    manifest = newManifest(plan, layout, !!opts.check, shard);
  }
  checkFormatTargets(dir, layout.tables.map((t) => t.name), opts.format);
  // One thread, all runs, from scratch: write each run once, straight into the tables.
  const direct = !shard && !opts.resume && (workers === 1 || mine.length <= 1);
  if (opts.resume && hasJournal(dir)) await recoverJournal(dir, layout.tables);
  mkdirSync(direct ? dir : join(dir, PARTS), { recursive: true });
  const done = new Uint8Array(plan.runs.length);
  for (const id of listParts(dir)) if (id < done.length) done[id] = 1;
  const todo = mine.filter((id) => !done[id]);
  writeManifest(dir, { ...manifest, status: 'running' });

  const mode: ProgressMode = log === null ? 'none' : (opts.progress ?? (process.stderr.isTTY ? 'bar' : 'lines'));
  const progress = makeProgress(mode, mine.length, mine.length - todo.length, log ?? (() => {}));
  const assembler = await Assembler.open(dir, layout.tables);
  if (direct) startJournal(dir, layout.tables);
  let cursor = 0;
  let written = 0;
  let failed = 0;
  let finished = 0;
  const appendRun = async (id: number) => {
    if ((await assembler.append(id)) === 'failed') failed++;
    written++;
  };
  // Appends the finished runs at the head of the queue, in run_id order; one drain at a time.
  let chain: Promise<void> = Promise.resolve();
  const drain = () => {
    chain = chain.then(async () => {
      while (cursor < mine.length && done[mine[cursor]]) await appendRun(mine[cursor++]);
    });
    return chain;
  };
  const tell = (d: Omit<RunDone, 'type'>) => {
    progress.tick(d.status === 'failed');
    if (d.status === 'failed') progress.note(`run ${d.runId} FAILED at tick ${d.errorTick}: ${d.error}`);
    opts.onRunDone?.(++finished);
  };
  const onDone = (d: Omit<RunDone, 'type'>) => {
    done[d.runId] = 1;
    tell(d);
    void drain();
  };

  let interrupted: 'SIGINT' | 'SIGTERM' | null = null;
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    if (interrupted) process.exit(signal === 'SIGTERM' ? 143 : 130);
    interrupted = signal;
    progress.note(`interrupted (${signal}): finishing the runs in flight and closing the files (a second signal aborts; --resume finishes the rest)`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const runHere = (id: number): RunDone => {
      const result = runOne(experiment.model, plan.runs[id], runOptions);
      writePart(dir, layout, result);
      return { type: 'done', runId: id, status: result.status, error: result.error, errorTick: result.errorTick };
    };
    if (direct) {
      // Each run's batches are written while the next run computes; the
      // journal line follows the bytes, which is what --resume relies on.
      let writing: Promise<void> = Promise.resolve();
      for (const id of todo) {
        if (interrupted) break;
        const result = runOne(experiment.model, plan.runs[id], runOptions);
        await writing;
        const rows = layout.rows(result);
        writing = assembler.appendRows(layout.tables.map((t) => rows[t.name])).then((status) => {
          if (status === 'failed') failed++;
          written++;
          journalRun(dir, layout.tables, id);
        });
        // A failed write surfaces at the next await of `writing`, not as an unhandled rejection meanwhile.
        writing.catch(() => {});
        tell({ runId: id, status: result.status, error: result.error, errorTick: result.errorTick });
        // Let a pending signal and finished writes be handled between runs.
        await new Promise((r) => setImmediate(r));
      }
      await writing;
    } else if (workers === 1 || todo.length <= 1) {
      for (const id of todo) {
        if (interrupted) break;
        onDone(runHere(id));
        // Assembly runs behind the runs, its file writes overlapping their
        // computation; it holds no rows (they are in the parts), and a cap
        // on how far behind it may fall keeps the parts waiting few.
        if (id - (mine[cursor] ?? id) > 64) await chain;
        // Let a pending signal and finished writes be handled between runs.
        await new Promise((r) => setImmediate(r));
      }
    } else {
      await runOnWorkers(workers, { file: resolve(opts.file!), planOptions, outDir: dir }, hash, todo, onDone, () => interrupted !== null, runHere);
    }
    await drain();
    // After an interrupt, keep every finished run: those past the first gap too, still in run_id order.
    for (; cursor < mine.length; cursor++) if (done[mine[cursor]]) await appendRun(mine[cursor]);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    progress.stop();
    await assembler.close();
  }
  const status: RunStatus = written < mine.length ? 'interrupted' : failed > 0 ? 'failed' : shard ? 'partial' : 'complete';
  // A whole run no longer needs its parts or journal; a shard keeps them for merge, an interrupted run for resume.
  if (!shard && written === plan.runs.length) {
    rmSync(join(dir, PARTS), { recursive: true, force: true });
    removeJournal(dir);
  }
  writeManifest(dir, { ...manifest, status, runsWritten: written, runsFailed: failed });
  await applyTableFormat(dir, status, opts.format);
  return { dir, status, runs: mine.length, written, failed, seconds: (Date.now() - started) / 1000, signal: status === 'interrupted' ? interrupted : null };
}

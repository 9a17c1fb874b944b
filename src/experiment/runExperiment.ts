import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../core/errors';
import { assertRunFits, computeSlots } from './bounds';
import { ClaimSet } from './claims';
import { removeParts } from './cleanup';
import type { Experiment } from './define';
import { executeRuns, runHere, type ExecuteSetup } from './execute';
import { helpWriter } from './help';
import { acquireLock, describeHolder, DirLock, readLock, type LockRecord } from './lock';
import { openDirectory } from './openDirectory';
import { assertResumableDir, prepareOutDir } from './outDir';
import { Assembler, partialName, readManifest, writeManifest, type RunStatus, type Shard } from './output';
import { listParts, partDir, PARTS } from './parts';
import type { PlanOptions } from './plan';
import type { RunDone } from './pool';
import { prepare } from './prepare';
import { liveness } from './processId';
import { makeProgress, type ProgressMode } from './progress';
import { RunQueue } from './runQueue';
import { stoppedBy } from './stopped';

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
}

/** What a finished (or interrupted) experiment reports. */
export interface ExperimentOutcome {
  dir: string;
  /** The manifest's status; `running` when this process only helped the directory's writer. */
  status: RunStatus;
  /** Runs this directory holds when complete (all runs, or the shard's). */
  runs: number;
  /** Runs written into the tables (by a helper: runs it wrote parts for). */
  written: number;
  failed: number;
  seconds: number;
  /** The writer this process helped (`--resume` while it ran), or null when it wrote the directory itself. */
  helped: string | null;
  /** Ok runs with a KPI that has no finite value (null in summary.arrow, named in runs.null_kpis). */
  undefinedKpiRuns: number;
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

/** Returns the refusal of a new run on `dir`, which the live `holder` is writing. */
function beingWritten(dir: string, holder: LockRecord): InputError {
  return new InputError(`--out ${dir} is being written by ${describeHolder(holder)}; choose another --out, or lend it this process with --resume ${dir}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs every run of `experiment` (or of one shard) and writes the output
 * directory. Each finished run is written at once as its own part file (by
 * the worker that ran it); the main thread appends parts to the final
 * tables in run_id order, so the files are the same whatever the worker
 * count or completion order, and memory does not grow with the number of
 * runs. Bad input throws an `InputError` before any run starts or anything
 * is written; a failing run is recorded and the rest go on.
 *
 * One process writes a directory at a time: it holds the directory's lock
 * (lock.ts). Another `run` on the same `--out` is refused; a `--resume`
 * started while the writer runs helps it instead (help.ts): it claims runs
 * not yet done and writes their parts, which the writer assembles. A part
 * is checked against its record before it is trusted; a damaged one is
 * named and run again. On SIGINT the runs in flight finish, the files are
 * closed with every finished run, and the manifest says `interrupted`;
 * `resume` then runs only what is missing. When writing fails (a full disk,
 * a worker's death) the original cause is thrown as one line and the
 * directory is left for `--resume`.
 */
export async function runExperiment<P extends object>(experiment: Experiment<P>, opts: ExecuteOptions = {}): Promise<ExperimentOutcome> {
  const started = Date.now();
  const log = opts.log === undefined ? (line: string) => process.stderr.write(line + '\n') : opts.log;
  const shard = checkShard(opts.shard);
  const workers = opts.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1) throw new InputError(`--workers ${workers}: expected a positive integer`);
  if (workers > 1 && !opts.file) throw new InputError('running on more than one worker needs the experiment file (option file), which each worker loads');
  for (const [flag, value] of [['--out', opts.out], ['--resume', opts.resume]] as const) {
    if (value !== undefined && value.trim() === '') throw new InputError(`${flag} '${value}': expected a directory path`);
  }
  const planOptions = { seeds: opts.seeds, ticks: opts.ticks, baseSeed: opts.baseSeed, set: opts.set, check: !!opts.check };
  const prepared = prepare(experiment, planOptions);
  const { plan, hash } = prepared;
  const mine = plan.runs.filter((r) => !shard || r.runId % shard.count === shard.index - 1).map((r) => r.runId);

  let dir: string;
  if (opts.resume) {
    dir = resolve(opts.resume);
    if (opts.out && resolve(opts.out) !== dir) throw new InputError(`--resume ${opts.resume} and --out ${opts.out} name different directories; give only --resume`);
    assertResumableDir(dir);
  } else {
    dir = opts.out ? resolve(opts.out) : defaultOutDir(experiment.name);
    prepareOutDir(dir);
    const holder = readLock(dir);
    if (holder && liveness(holder) !== 'dead') throw beingWritten(dir, holder);
    if (readManifest(dir)) throw new InputError(`${dir} already holds an experiment's output; finish it with --resume ${dir}, or choose another --out`);
  }
  const lock = acquireLock(dir, { planHash: hash, shard, joinable: true });
  if (!(lock instanceof DirLock)) {
    if (!opts.resume) throw beingWritten(dir, lock);
    const outcome = await helpWriter({ experiment, prepared, dir, shard, mine, holder: lock, workers, file: opts.file, planOptions, log, started, onRunDone: opts.onRunDone });
    // The writer stopped before finishing: finish in its place.
    if (outcome.helped === null) return runExperiment(experiment, opts);
    return outcome;
  }
  try {
    return await writeDirectory(experiment, opts, { prepared, dir, shard, mine, lock, workers, planOptions, log, started });
  } catch (e) {
    throw stoppedBy(e, dir);
  } finally {
    lock.release();
  }
}

interface WriteSetup<P extends object> {
  prepared: ReturnType<typeof prepare<P>>;
  dir: string;
  shard: Shard | null;
  mine: number[];
  lock: DirLock;
  workers: number;
  planOptions: PlanOptions & { check: boolean };
  log: ((line: string) => void) | null;
  started: number;
}

/** Runs and assembles the directory as the holder of its lock; see `runExperiment`. */
async function writeDirectory<P extends object>(experiment: Experiment<P>, opts: ExecuteOptions, w: WriteSetup<P>): Promise<ExperimentOutcome> {
  const { prepared, dir, shard, mine, log } = w;
  const { plan, layout, hash } = prepared;
  const tableNames = layout.tables.map((t) => t.name);
  const manifest = openDirectory(dir, prepared, !!opts.check, shard, !!opts.resume, log);
  const done = new Uint8Array(plan.runs.length);
  for (const id of listParts(dir)) if (id < done.length) done[id] = 1;
  const todo = mine.filter((id) => !done[id]);
  const tag = `${process.pid}-${w.lock.record.nonce.slice(0, 8)}`;
  const writer = { pid: w.lock.record.pid, host: w.lock.record.host, partials: tableNames.map((t) => partialName(t, tag)) };
  writeManifest(dir, { ...manifest, status: 'running', writer });

  const mode: ProgressMode = log === null ? 'none' : (opts.progress ?? (process.stderr.isTTY ? 'bar' : 'lines'));
  const progress = makeProgress(mode, mine.length, mine.length - todo.length, log ?? (() => {}));
  const assembler = await Assembler.open(dir, layout.tables, hash, tag);
  let failure: unknown = null;
  let cursor = 0;
  let written = 0;
  let failed = 0;
  let finished = 0;
  let undefinedKpiRuns = 0;
  const appendRun = async (id: number) => {
    const { status, nullKpis } = await assembler.append(id);
    if (status === 'failed') failed++;
    if (nullKpis) undefinedKpiRuns++;
    written++;
  };
  // Appends the finished runs at the head of the queue, in run_id order; one drain at a time, none after a failure.
  let chain: Promise<void> = Promise.resolve();
  const drain = () => {
    chain = chain.then(async () => {
      try {
        while (!failure && cursor < mine.length && done[mine[cursor]]) await appendRun(mine[cursor++]);
      } catch (e) {
        failure ??= e;
      }
    });
    return chain;
  };
  const markDone = (id: number, runFailed: boolean) => {
    done[id] = 1;
    progress.tick(runFailed);
    opts.onRunDone?.(++finished);
    void drain();
  };
  const onDone = (d: RunDone) => {
    if (d.status === 'failed') progress.note(`run ${d.runId} FAILED at tick ${d.errorTick}: ${d.error}`);
    markDone(d.runId, d.status === 'failed');
  };

  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    progress.note('interrupted: finishing the runs in flight and closing the files (Ctrl-C again to abort; --resume finishes the rest)');
  };
  const stopped = () => interrupted || failure !== null;
  const claims = new ClaimSet(dir);
  const queue = new RunQueue(todo, claims, (id) => existsSync(partDir(dir, id)), (id) => markDone(id, false), stopped);
  const slots = computeSlots(w.workers, todo.length, assertRunFits(experiment, plan.runs, plan.ticks), log);
  const setup: ExecuteSetup<P> = { experiment, prepared, dir, workers: slots, file: opts.file, planOptions: w.planOptions, claims, onDone };
  process.on('SIGINT', onSigint);
  try {
    // Assembly runs behind the runs, its file writes overlapping their
    // computation; it holds no rows (they are in the parts), and a cap on
    // how far behind it may fall keeps the parts waiting few.
    const pace = async (id: number) => {
      if (id - (mine[cursor] ?? id) > 64) await chain;
    };
    await executeRuns(setup, () => queue.take(), todo.length <= 1, pace);
    // Runs another process claimed: wait for their parts, or run them here should it stop.
    while (!stopped() && queue.waiting) {
      const id = queue.retake();
      if (id !== null) onDone(runHere(setup, id));
      else await sleep(50);
    }
    await drain();
    // After an interrupt, keep every finished run: those past the first gap too, still in run_id order.
    for (; !failure && cursor < mine.length; cursor++) if (done[mine[cursor]]) await appendRun(mine[cursor]);
    if (!failure) await assembler.close();
  } catch (e) {
    failure ??= e;
  } finally {
    process.off('SIGINT', onSigint);
    progress.stop();
    await chain;
    claims.releaseAll();
  }
  if (failure) {
    await assembler.abort();
    const error = stoppedBy(failure, dir);
    try {
      writeManifest(dir, { ...manifest, status: 'interrupted', runsWritten: 0, stoppedBy: error.message });
    } catch {
      // The disk that stopped the run may refuse this too; --resume works from the parts either way.
    }
    throw error;
  }
  const status: RunStatus = written < mine.length ? 'interrupted' : failed > 0 ? 'failed' : shard ? 'partial' : 'complete';
  // A whole run no longer needs its parts; a shard keeps them for merge, an interrupted run for resume.
  if (!shard && written === plan.runs.length) {
    const left = removeParts(dir, tableNames);
    if (left.length) log?.(`left ${join(dir, PARTS)} in place: it holds files tokensim did not write (${left.slice(0, 3).join(', ')})`);
  }
  writeManifest(dir, { ...manifest, status, runsWritten: written, runsFailed: failed });
  if (undefinedKpiRuns > 0) log?.(`${undefinedKpiRuns} ok run(s) have a KPI without a finite value: null in summary.arrow, named in the null_kpis column of runs.arrow`);
  return { dir, status, runs: mine.length, written, failed, seconds: (Date.now() - w.started) / 1000, helped: null, undefinedKpiRuns };
}

import { resolve } from 'node:path';
import { InputError } from '../core/errors';
import { applyTableFormat, checkFormatTargets, type TableFormat } from '../io/convertResults';
import { assertRunFits, computeSlots } from './bounds';
import type { Experiment } from './define';
import { acquireLock, describeHolder, DirLock, readLock, type LockRecord } from './lock';
import { openDirectory } from './openDirectory';
import { assertResumableDir, prepareOutDir } from './outDir';
import { readManifest, writeManifest, type RunStatus, type Shard } from './output';
import type { PlanOptions } from './plan';
import { prepare } from './prepare';
import type { ProgressMode } from './progress';
import { liveness } from './processId';
import { stoppedBy } from './stopped';
import { writeRuns } from './writeRuns';

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
   * 1 (the command's default is the number of cores). More than 1 needs
   * `file`. Never more than the runs to do, nor than fit in memory.
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

/** Returns the refusal of a run on `dir`, which the live (or unknowable) `holder` is writing. */
function beingWritten(flag: string, dir: string, holder: LockRecord): InputError {
  return new InputError(`${flag} ${dir} is being written by ${describeHolder(holder)}; wait for it to finish or stop it, or choose another --out`);
}

/**
 * Runs every run of `experiment` (or of one shard) and writes the output
 * directory, in run_id order, so the files are the same whatever the worker
 * count or completion order, and memory does not grow with the number of
 * runs (writeRuns.ts). Bad input throws an `InputError` before any run
 * starts or anything is written: the options, the output directory (a
 * file, under a file, read-only, holding files tokensim did not write, or
 * being written by another process), a run too big for the memory there
 * is. A failing run is recorded and the rest go on.
 *
 * One process writes a directory at a time: it holds the directory's lock
 * (lock.ts) from before the first file is written until the last. On
 * `--resume`, every part and journaled run is checked against its record
 * before it is trusted; a damaged one is named and run again. When writing
 * fails (a full disk, a worker's death) the original cause is thrown as one
 * line and the directory is left for `--resume`.
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
  const { plan, layout } = prepared;
  const mine = plan.runs.filter((r) => !shard || r.runId % shard.count === shard.index - 1).map((r) => r.runId);
  const runBytes = assertRunFits(experiment, plan.runs, plan.ticks);
  for (const [path, variants] of Object.entries(plan.shadowed)) {
    log?.(`note: --set ${path} does not reach variant${variants.length > 1 ? 's' : ''} ${variants.join(', ')}, which set${variants.length > 1 ? '' : 's'} it itself (a variant's value wins over --set)`);
  }

  const flag = opts.resume ? '--resume' : '--out';
  let dir: string;
  if (opts.resume) {
    dir = resolve(opts.resume);
    if (opts.out && resolve(opts.out) !== dir) throw new InputError(`--resume ${opts.resume} and --out ${opts.out} name different directories; give only --resume`);
    assertResumableDir(dir);
  } else {
    dir = opts.out ? resolve(opts.out) : defaultOutDir(experiment.name);
    checkFormatTargets(dir, layout.tables.map((t) => t.name), opts.format);
    prepareOutDir(dir);
    const holder = readLock(dir);
    if (holder && liveness(holder) !== 'dead') throw beingWritten(flag, dir, holder);
    if (readManifest(dir)) throw new InputError(`${dir} already holds an experiment's output; finish it with --resume ${dir}, or choose another --out`);
  }
  const lock = acquireLock(dir, { planHash: prepared.hash, shard });
  if (!(lock instanceof DirLock)) throw beingWritten(flag, dir, lock);
  try {
    if (opts.resume) checkFormatTargets(dir, layout.tables.map((t) => t.name), opts.format);
    const slots = computeSlots(workers, mine.length, runBytes, log);
    const direct = !shard && !opts.resume && (slots === 1 || mine.length <= 1);
    const manifest = await openDirectory(dir, prepared, !!opts.check, shard, !!opts.resume, direct, log);
    const outcome = await writeRuns(experiment, { ...opts, log, workers: slots }, { prepared, dir, shard, mine, lock, planOptions, manifest, direct });
    await applyTableFormat(dir, outcome.status, opts.format);
    return { ...outcome, seconds: (Date.now() - started) / 1000 };
  } catch (e) {
    throw stoppedBy(e, dir);
  } finally {
    lock.release();
  }
}

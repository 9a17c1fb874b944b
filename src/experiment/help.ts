import { existsSync } from 'node:fs';
import { InputError } from '../core/errors';
import { assertRunFits, computeSlots } from './bounds';
import { ClaimSet } from './claims';
import type { Experiment } from './define';
import { executeRuns, type ExecuteSetup } from './execute';
import { describeHolder, stillHeld, type LockRecord } from './lock';
import { readManifest, type Shard } from './output';
import { partDir } from './parts';
import type { PlanOptions } from './plan';
import type { Prepared } from './prepare';
import type { ExperimentOutcome } from './runExperiment';
import { RunQueue } from './runQueue';
import { stoppedBy } from './stopped';

/** What a process lending itself to another directory's writer needs. */
export interface HelpSetup<P extends object> {
  experiment: Experiment<P>;
  prepared: Prepared<P>;
  dir: string;
  shard: Shard | null;
  mine: number[];
  /** The lock of the writer being helped. */
  holder: LockRecord;
  workers: number;
  file?: string;
  planOptions: PlanOptions & { check?: boolean };
  log: ((line: string) => void) | null;
  started: number;
  /** Called after each run this process writes, with the number written so far. */
  onRunDone?: (finished: number) => void;
}

const fmtShard = (s: Shard | null) => (s ? `--shard ${s.index}/${s.count}` : 'no --shard');

/**
 * Runs, as a helper, the runs of `dir` that its writer (the live holder of
 * its lock) has not done or claimed, writing each as a part for the writer
 * to assemble: what `--resume DIR` does while the process writing DIR still
 * runs. This process never writes the tables or the manifest. Stops when
 * every run is done or claimed, when the writer finishes, or on SIGINT.
 * Returns the runs it wrote; `helped` is null when the writer stopped before
 * finishing (its lock gone, the directory unfinished), for the caller to
 * finish in its place. Throws an `InputError` when the writer runs another
 * plan or shard, or writes its tables directly (nothing to help with).
 */
export async function helpWriter<P extends object>(h: HelpSetup<P>): Promise<ExperimentOutcome> {
  const { dir, holder } = h;
  const who = describeHolder(holder);
  if (!holder.joinable) throw new InputError(`--resume ${dir}: it is being written by ${who}, which writes its tables directly and takes no help; wait for it to finish, or stop it and --resume`);
  if (holder.planHash !== h.prepared.hash) throw new InputError(`--resume ${dir}: it is being written by ${who} with a different plan; resume with the same experiment and options`);
  if (JSON.stringify(holder.shard) !== JSON.stringify(h.shard)) throw new InputError(`--resume ${dir}: it is being written by ${who} with ${fmtShard(holder.shard)}, this run has ${fmtShard(h.shard)}`);
  h.log?.(`${dir} is being written by ${who}: running the runs it has not started, for it to write`);

  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
  };
  let written = 0;
  let failed = 0;
  const claims = new ClaimSet(dir);
  const onDone: ExecuteSetup<P>['onDone'] = (d) => {
    written++;
    if (d.status === 'failed') failed++;
    h.onRunDone?.(written);
  };
  const stopped = () => interrupted || !stillHeld(dir, holder.nonce);
  const queue = new RunQueue(h.mine, claims, (id) => existsSync(partDir(dir, id)), () => {}, stopped);
  const slots = computeSlots(h.workers, h.mine.length, assertRunFits(h.experiment, h.prepared.plan.runs, h.prepared.plan.ticks), h.log);
  const setup: ExecuteSetup<P> = { experiment: h.experiment, prepared: h.prepared, dir, workers: slots, file: h.file, planOptions: h.planOptions, claims, onDone };
  process.on('SIGINT', onSigint);
  try {
    await executeRuns(setup, () => queue.take(), h.mine.length <= 1);
  } catch (e) {
    throw stoppedBy(e, dir);
  } finally {
    process.off('SIGINT', onSigint);
    claims.releaseAll();
  }
  const finishedThere = ['complete', 'failed', 'partial'].includes(String(readManifest(dir)?.status));
  const writerGone = !stillHeld(dir, holder.nonce) && !finishedThere;
  h.log?.(`wrote ${written} run(s) for ${who}${writerGone ? ', which has stopped before finishing' : ''}`);
  return { dir, status: 'running', runs: h.mine.length, written, failed, seconds: (Date.now() - h.started) / 1000, helped: writerGone && !interrupted ? null : who, undefinedKpiRuns: 0 };
}

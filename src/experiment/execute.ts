import { resolve } from 'node:path';
import type { ClaimSet } from './claims';
import type { Experiment } from './define';
import { writePart } from './parts';
import type { PlanOptions } from './plan';
import { runOnWorkers, type RunDone } from './pool';
import type { Prepared } from './prepare';
import { runOne } from './runOne';

/** Where and how one process runs the runs it takes: its output directory, thread count and claims. */
export interface ExecuteSetup<P extends object> {
  experiment: Experiment<P>;
  prepared: Prepared<P>;
  dir: string;
  /** Compute threads: the main thread and workers − 1 worker threads. */
  workers: number;
  /** The experiment's file, which each worker loads (needed when workers > 1). */
  file?: string;
  planOptions: PlanOptions & { check?: boolean };
  claims: ClaimSet;
  /** Called on the main thread as each run's part is in place. */
  onDone: (done: RunDone) => void;
}

/** Runs run `id` on the main thread, writes its part and lets go of its claim; returns what a worker would report. */
export function runHere<P extends object>(s: ExecuteSetup<P>, id: number): RunDone {
  const { plan, layout, hash, runOptions } = s.prepared;
  const result = runOne(s.experiment.model, plan.runs[id], runOptions);
  writePart(s.dir, layout, result, hash);
  s.claims.release(id);
  return { type: 'done', runId: id, status: result.status, error: result.error, errorTick: result.errorTick };
}

/**
 * Runs every run `take` hands out (until it returns null), each written as
 * its part: on the main thread alone when `s.workers` is 1 or `few` runs are
 * expected, else on the worker pool. `pace`, awaited after each run on the
 * main thread, lets the caller hold the runs back (so assembly keeps up).
 * Resolves when the runs are done; rejects on the first failure to write or
 * a worker's death.
 */
export async function executeRuns<P extends object>(s: ExecuteSetup<P>, take: () => number | null, few: boolean, pace?: (id: number) => Promise<void>): Promise<void> {
  if (s.workers === 1 || few) {
    for (let id = take(); id !== null; id = take()) {
      s.onDone(runHere(s, id));
      if (pace) await pace(id);
      // Let a pending SIGINT and finished writes be handled between runs.
      await new Promise((r) => setImmediate(r));
    }
    return;
  }
  const data = { file: resolve(s.file!), planOptions: s.planOptions, outDir: s.dir };
  const onDone = (d: RunDone) => {
    s.claims.release(d.runId);
    s.onDone(d);
  };
  await runOnWorkers(s.workers, data, s.prepared.hash, take, onDone, (id) => runHere(s, id));
}

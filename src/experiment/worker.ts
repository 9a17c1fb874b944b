/**
 * A worker thread of a parallel experiment. It loads the experiment file,
 * plans it with the same options as the main thread (so both hold the same
 * runs, checked by the plan hash), then runs each run id it is sent and
 * writes that run's part file itself; the main thread only assembles.
 */
import type { MessagePort } from 'node:worker_threads';
import { loadExperiment } from '../cli/loadExperiment';
import { writePart } from './parts';
import { prepare } from './prepare';
import { runOne } from './runOne';
import type { WorkerData, WorkerReply, WorkerTask } from './pool';

/**
 * Serves the main thread on `port` with the experiment of `data`: loads and
 * plans it, calls `loaded` (bin/worker.js saves its module pack there), posts
 * `ready` with the plan hash, then runs and writes each run it is sent.
 * Returns nothing; a failure is posted as `fatal`.
 */
export function serve(data: WorkerData, port: MessagePort, loaded: () => void = () => {}): void {
  try {
    const experiment = loadExperiment(data.file, false);
    const { plan, layout, hash, runOptions } = prepare(experiment, { ...data.planOptions, memoryChecked: true });
    loaded();
    port.postMessage({ type: 'ready', hash } satisfies WorkerReply);
    port.on('message', (task: WorkerTask) => {
      if (task.type === 'stop') return port.close();
      if (data.stop && Atomics.load(data.stop, 0) === 1) return port.postMessage({ type: 'skipped', runId: task.runId } satisfies WorkerReply);
      const result = runOne(experiment.model, plan.runs[task.runId], runOptions);
      try {
        writePart(data.outDir, layout, result, hash);
      } catch (e) {
        return fatal(port, e);
      }
      port.postMessage({ type: 'done', runId: result.runId, status: result.status, error: result.error, errorTick: result.errorTick } satisfies WorkerReply);
    });
  } catch (e) {
    fatal(port, e);
  }
}

/** Tells the main thread this worker cannot go on, with the error's message and file-system code. */
function fatal(port: MessagePort, e: unknown): void {
  const err = e as NodeJS.ErrnoException;
  port.postMessage({ type: 'fatal', message: `${err.name}: ${err.message}`, code: err.code, path: err.path } satisfies WorkerReply);
}

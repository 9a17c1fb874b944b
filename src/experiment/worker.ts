/**
 * A worker thread of a parallel experiment. It loads the experiment file,
 * plans it with the same options as the main thread (so both hold the same
 * runs, checked by the plan hash), then runs each run id it is sent and
 * writes that run's part file itself; the main thread only assembles.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadExperiment } from '../cli/loadExperiment';
import { writePart } from './parts';
import { prepare } from './prepare';
import { runOne } from './runOne';
import type { WorkerData, WorkerReply, WorkerTask } from './pool';

const data = workerData as WorkerData;
const port = parentPort!;
try {
  const experiment = loadExperiment(data.file);
  const { plan, layout, hash, runOptions } = prepare(experiment, data.planOptions);
  port.postMessage({ type: 'ready', hash } satisfies WorkerReply);
  port.on('message', (task: WorkerTask) => {
    if (task.type === 'stop') return port.close();
    if (data.stop && Atomics.load(data.stop, 0) === 1) return port.postMessage({ type: 'skipped', runId: task.runId } satisfies WorkerReply);
    const result = runOne(experiment.model, plan.runs[task.runId], runOptions);
    writePart(data.outDir, layout, result);
    port.postMessage({ type: 'done', runId: result.runId, status: result.status, error: result.error, errorTick: result.errorTick } satisfies WorkerReply);
  });
} catch (e) {
  const err = e as Error;
  port.postMessage({ type: 'fatal', message: `${err.name}: ${err.message}` } satisfies WorkerReply);
}

/**
 * A worker thread of a search (pointPool.ts): loads the experiment file,
 * makes the same point runner as the main thread (the seeds are checked),
 * then runs each evaluation it is sent and posts back its series.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadExperiment } from '../cli/loadExperiment';
import { pointRunner } from './pointRunner';
import type { PointWorkerData, PointWorkerReply, PointWorkerTask } from './pointPool';

const data = workerData as PointWorkerData;
const port = parentPort!;
try {
  const runner = pointRunner(loadExperiment(data.file, false), data.setup);
  port.postMessage({ type: 'ready', seeds: runner.seeds } satisfies PointWorkerReply);
  port.on('message', (m: PointWorkerTask) => {
    const result = runner.run(m.task);
    const buffers = Object.values(result.series).map((s) => s.buffer as ArrayBuffer);
    port.postMessage({ type: 'result', id: m.id, result } satisfies PointWorkerReply, buffers);
  });
} catch (e) {
  const err = e as Error;
  port.postMessage({ type: 'fatal', message: `${err.name}: ${err.message}` } satisfies PointWorkerReply);
}

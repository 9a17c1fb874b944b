import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PlanOptions } from './plan';

/** What every worker is started with. */
export interface WorkerData {
  /** The experiment file (TypeScript), loaded by each worker. */
  file: string;
  planOptions: PlanOptions & { check?: boolean };
  /** Output directory the workers write their part files to. */
  outDir: string;
}

/** A message to a worker. */
export type WorkerTask = { type: 'run'; runId: number } | { type: 'stop' };

/** A message from a worker. */
export type WorkerReply =
  | { type: 'ready'; hash: string }
  | { type: 'done'; runId: number; status: 'ok' | 'failed'; error: string | null; errorTick: number | null }
  | { type: 'fatal'; message: string };

/** A finished run as reported by a worker (its rows are in its part file). */
export type RunDone = Extract<WorkerReply, { type: 'done' }>;

// Workers are plain threads: they compile TypeScript with ts-node (transpile
// only, as bin/tokensim.js does) before loading the worker module.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (!require.extensions['.ts']) require('ts-node').register({ transpileOnly: true, project: workerData.tsconfig });
require(workerData.entry);
`;

/**
 * Runs `runIds` on `n` worker threads, at most one run per worker at a time,
 * handing out ids in the order given. Calls `onDone` on the main thread as
 * each run finishes (in completion order). Stops handing out runs once
 * `stopped()` returns true and resolves when the runs in flight are done.
 * Rejects when a worker fails to start, disagrees on the plan (`hash`), or
 * dies.
 */
export async function runOnWorkers(
  n: number,
  data: WorkerData,
  hash: string,
  runIds: number[],
  onDone: (done: RunDone) => void,
  stopped: () => boolean,
): Promise<void> {
  const root = join(__dirname, '..', '..');
  const workerData = { ...data, entry: join(__dirname, 'worker.ts'), tsconfig: join(root, 'tsconfig.json') };
  let next = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let finished = 0;
      const count = Math.max(1, Math.min(n, runIds.length));
      const feed = (w: Worker): boolean => {
        if (next >= runIds.length || stopped()) return false;
        w.postMessage({ type: 'run', runId: runIds[next++] } satisfies WorkerTask);
        return true;
      };
      const retire = () => {
        if (++finished === count) resolve();
      };
      for (let k = 0; k < count; k++) {
        const w = new Worker(BOOTSTRAP, { eval: true, workerData });
        workers.push(w);
        w.on('error', (e) => reject(new Error(`worker ${k} died: ${e.message}`)));
        w.on('exit', (code) => {
          if (code !== 0) reject(new Error(`worker ${k} exited with code ${code}`));
        });
        w.on('message', (m: WorkerReply) => {
          if (m.type === 'fatal') return reject(new Error(`worker ${k}: ${m.message}`));
          if (m.type === 'ready') {
            if (m.hash !== hash) return reject(new Error(`worker ${k} planned a different experiment (plan hash ${m.hash.slice(0, 12)} ≠ ${hash.slice(0, 12)}); is the experiment file deterministic?`));
          } else {
            onDone(m);
          }
          if (!feed(w)) retire();
        });
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { compiledTypeScript } from './compiled';
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
  | { type: 'fatal'; message: string; code?: string; path?: string };

/** A worker thread that could not go on: it died, failed to start, planned another experiment or could not write a part. */
export class WorkerFailure extends Error {
  override readonly name = 'WorkerFailure';
  constructor(
    message: string,
    /** The file-system error code that stopped it (ENOSPC, EROFS, ...), when one did. */
    readonly code?: string,
    /** The file it was writing, when known. */
    readonly path?: string,
  ) {
    super(message);
  }
}

/** A finished run as reported by a worker (its rows are in its part file). */
export type RunDone = Extract<WorkerReply, { type: 'done' }>;

// Workers are plain threads. They run the JavaScript the main thread
// compiled (workerData.compiled) and compile any other .ts file themselves
// with ts-node (transpile only, as bin/tokensim.js does), loading the
// TypeScript compiler only on the first such file.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const compiled = workerData.compiled;
let service = null;
require.extensions['.ts'] = function (module, filename) {
  let js = compiled[filename];
  if (js === undefined) {
    service = service || require('ts-node').create({ transpileOnly: true, project: workerData.tsconfig });
    js = service.compile(readFileSync(filename, 'utf8'), filename);
  }
  module._compile(js, filename);
};
require(workerData.entry);
`;

/** Runs a worker keeps queued, so it never waits on the main thread between runs. */
const QUEUE_DEPTH = 2;

/**
 * Runs the run ids `take` hands out (until it returns null) on `n` compute
 * slots: the main thread (through `runHere`, which runs one run and writes
 * its part) and n − 1 worker threads, all taking ids from that one queue. The main thread starts at
 * once, so the workers' start-up (compiling TypeScript) costs no idle time;
 * each worker keeps two runs queued, so it never waits while the main
 * thread is busy with a run. Calls `onDone` on the main thread as each run
 * finishes (in completion order). Resolves when `take` has no more and the
 * runs in flight are done. Rejects when a worker fails to start, disagrees
 * on the plan (`hash`), fails to write a part, or dies; the error then
 * carries the file-system error code (`code`) when there is one.
 */
export async function runOnWorkers(
  n: number,
  data: WorkerData,
  hash: string,
  take: () => number | null,
  onDone: (done: RunDone) => void,
  runHere: (runId: number) => RunDone,
): Promise<void> {
  const root = join(__dirname, '..', '..');
  const workerData = { ...data, entry: join(__dirname, 'worker.ts'), tsconfig: join(root, 'tsconfig.json'), compiled: compiledTypeScript() };
  let failure: WorkerFailure | null = null;
  const next = (): number | null => (failure ? null : take());
  const workers: Worker[] = [];
  const settled: Promise<void>[] = [];
  for (let k = 1; k < n; k++) {
    const w = new Worker(BOOTSTRAP, { eval: true, workerData });
    workers.push(w);
    settled.push(
      new Promise<void>((resolve) => {
        let inFlight = 0;
        let over = false;
        const finish = () => {
          over = true;
          resolve();
        };
        const fail = (e: WorkerFailure) => {
          if (over) return;
          failure ??= e;
          finish();
        };
        const feed = () => {
          for (let id = inFlight < QUEUE_DEPTH ? next() : null; id !== null; id = inFlight < QUEUE_DEPTH ? next() : null) {
            inFlight++;
            w.postMessage({ type: 'run', runId: id } satisfies WorkerTask);
          }
          if (inFlight === 0) finish();
        };
        w.on('error', (e) => fail(new WorkerFailure(`worker ${k} died: ${e.name}: ${e.message}`)));
        w.on('exit', (code) => fail(new WorkerFailure(`worker ${k} exited (code ${code}) with runs still to do`)));
        w.on('message', (m: WorkerReply) => {
          if (m.type === 'fatal') return fail(new WorkerFailure(`worker ${k}: ${m.message}`, m.code, m.path));
          if (m.type === 'ready') {
            if (m.hash !== hash) return fail(new WorkerFailure(`worker ${k} planned a different experiment (plan hash ${m.hash.slice(0, 12)} ≠ ${hash.slice(0, 12)}); is the experiment file deterministic?`));
          } else {
            inFlight--;
            onDone(m);
          }
          feed();
        });
      }),
    );
  }
  try {
    for (let id = next(); id !== null; id = next()) {
      onDone(runHere(id));
      // Let workers' messages (and a pending SIGINT) through between runs.
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(settled);
    if (failure) throw failure;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

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
  /**
   * Set to 1 (element 0) when the experiment is interrupted: a worker then
   * skips the runs it has queued and only finishes the one in hand. Absent:
   * never set.
   */
  stop?: Int32Array;
}

/** A message to a worker. */
export type WorkerTask = { type: 'run'; runId: number } | { type: 'stop' };

/** A message from a worker. */
export type WorkerReply =
  | { type: 'ready'; hash: string }
  | { type: 'done'; runId: number; status: 'ok' | 'failed'; error: string | null; errorTick: number | null }
  | { type: 'skipped'; runId: number }
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

/** The worker threads' entry point (JavaScript, so a thread needs no TypeScript loader to start). */
const WORKER_ENTRY = join(__dirname, '..', '..', 'bin', 'worker.js');

/**
 * Returns a worker thread started on `data`: it loads the experiment file,
 * plans it and posts `ready` with its plan hash, then runs the run ids it is
 * sent (see worker.ts). Its sources come from the on-disk cache of compiled
 * TypeScript (bin/transpile.js), which the main thread's start has filled.
 */
export function startWorker(data: WorkerData): Worker {
  return new Worker(WORKER_ENTRY, { workerData: data, execArgv: workerExecArgv() });
}

/** A module that compiles TypeScript when preloaded (`-r ts-node/register`, `--import tsx`, ...). */
const TYPESCRIPT_LOADER = /(^|[\\/])(ts-node|tsx|@swc-node|esbuild-register|@esbuild-kit)([\\/.]|$)/;

/** Node flags that preload a module: `-r M`, `--require M`, `--require=M`, and the same for `--import` and `--loader`. */
const PRELOAD_FLAG = /^(-r|--require|--import|--loader|--experimental-loader)(=(.*))?$/;

/**
 * `workerExecArgv(flags)` → the Node flags a worker thread starts with: the
 * parent's (`process.execArgv`, which a worker inherits by default) without
 * those that preload a TypeScript compiler. A worker's entry (bin/worker.js,
 * bin/pointWorker.js) brings its own cached loader, and preloading ts-node
 * as well more than doubled a worker's start (~105 → ~250 ms on the
 * baseline) whenever the parent ran under `node -r ts-node/register`, as the
 * benchmark children and some users' scripts do. Every other flag is kept.
 */
export function workerExecArgv(flags: readonly string[] = process.execArgv): string[] {
  const kept: string[] = [];
  for (let k = 0; k < flags.length; k++) {
    const preload = PRELOAD_FLAG.exec(flags[k]);
    if (!preload) {
      kept.push(flags[k]);
      continue;
    }
    const joined = preload[2] !== undefined;
    const module = joined ? preload[3] : flags[k + 1];
    if (module !== undefined && TYPESCRIPT_LOADER.test(module)) {
      if (!joined) k++;
      continue;
    }
    kept.push(flags[k]);
    if (!joined && module !== undefined) kept.push(flags[++k]);
  }
  return kept;
}

/** Runs a worker keeps queued, so it never waits on the main thread between runs. */
const QUEUE_DEPTH = 2;

/**
 * Runs `runIds` on `n` compute slots: the main thread (through `runHere`,
 * which runs one run and writes its part) and n − 1 worker threads, all
 * taking ids from one queue in the order given. The main thread starts at
 * once, so the workers' start-up (loading the experiment) costs no idle time;
 * each worker keeps two runs queued, so it never waits while the main
 * thread is busy with a run. Calls `onDone` on the main thread as each run
 * finishes (in completion order). Stops handing out runs once `stopped()`
 * returns true, has the workers drop the runs they hold but have not begun,
 * and resolves when the runs in hand are done. Rejects when
 * a worker fails to start, disagrees on the plan (`hash`), fails to write
 * a part, or dies; the error then carries the file-system error code
 * (`code`) when there is one.
 */
export async function runOnWorkers(
  n: number,
  data: WorkerData,
  hash: string,
  runIds: number[],
  onDone: (done: RunDone) => void,
  stopped: () => boolean,
  runHere: (runId: number) => RunDone,
): Promise<void> {
  let next = 0;
  let failure: WorkerFailure | null = null;
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const take = (): number | null => {
    if (stopped()) Atomics.store(stop, 0, 1);
    return next < runIds.length && !stopped() && !failure ? runIds[next++] : null;
  };
  const workers: Worker[] = [];
  const settled: Promise<void>[] = [];
  for (let k = 1; k < n; k++) {
    const w = startWorker({ ...data, stop });
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
          for (let id = inFlight < QUEUE_DEPTH ? take() : null; id !== null; id = inFlight < QUEUE_DEPTH ? take() : null) {
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
            if (m.type === 'done') onDone(m);
          }
          feed();
        });
      }),
    );
  }
  try {
    for (let id = take(); id !== null; id = take()) {
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

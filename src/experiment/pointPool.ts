import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Experiment } from './define';
import { WorkerFailure, workerExecArgv } from './pool';
import { pointRunner, type PointResult, type PointRunner, type PointSetup, type PointTask } from './pointRunner';

/** What every point worker is started with. */
export interface PointWorkerData {
  /** The experiment file (TypeScript), loaded by each worker. */
  file: string;
  setup: PointSetup;
}

/** A message to a point worker. */
export type PointWorkerTask = { type: 'eval'; id: number; task: PointTask };

/** A message from a point worker. */
export type PointWorkerReply =
  | { type: 'ready'; seeds: number[] }
  | { type: 'result'; id: number; result: PointResult }
  | { type: 'fatal'; message: string };

/** The point workers' entry point (JavaScript, so a thread needs no TypeScript loader to start). */
const POINT_WORKER_ENTRY = join(__dirname, '..', '..', 'bin', 'pointWorker.js');

/** Evaluations a worker keeps queued, so it never waits on the main thread between them. */
const QUEUE_DEPTH = 2;

interface Pending {
  id: number;
  task: PointTask;
  resolve: (r: PointResult) => void;
}

/**
 * Evaluations of one experiment's variant at many parameter points, on the
 * main thread and `workers − 1` worker threads: what a calibration or an
 * optimisation spends its budget on. `evaluate` queues a task; the tasks
 * queued together (one generation of a search: λ points × S seeds) are
 * shared out as the run worker pool shares out runs (pool.ts): each worker
 * keeps two queued, the main thread runs one between messages. A task's
 * result depends only on the task (its values and seed), never on which
 * thread ran it, so a search is deterministic whatever the worker count.
 */
export class PointPool {
  private readonly queue: Pending[] = [];
  private readonly threads: { worker: Worker; inFlight: Map<number, Pending> }[] = [];
  private nextId = 0;
  private pumping = false;
  private failure: WorkerFailure | null = null;
  private closed = false;

  private constructor(readonly runner: PointRunner) {}

  /**
   * `PointPool.start(experiment, file, setup, workers)` → a pool whose
   * worker threads have loaded `file` (the experiment's file) and agree on
   * the seeds; rejects when one cannot start or disagrees.
   */
  static async start(experiment: Experiment<object>, file: string | undefined, setup: PointSetup, workers: number): Promise<PointPool> {
    const pool = new PointPool(pointRunner(experiment, setup));
    const ready: Promise<void>[] = [];
    for (let k = 1; k < workers && file; k++) ready.push(pool.addWorker(k, { file, setup }));
    try {
      await Promise.all(ready);
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  private addWorker(k: number, data: PointWorkerData): Promise<void> {
    const worker = new Worker(POINT_WORKER_ENTRY, { workerData: data, execArgv: workerExecArgv() });
    const thread = { worker, inFlight: new Map<number, Pending>() };
    this.threads.push(thread);
    return new Promise<void>((resolve, reject) => {
      let started = false;
      const fail = (e: WorkerFailure) => {
        if (this.closed) return;
        this.failure ??= e;
        if (!started) reject(e);
        // Its tasks go back to the queue; the pool goes on without it only to report the failure.
        for (const p of thread.inFlight.values()) this.queue.unshift(p);
        thread.inFlight.clear();
        this.threads.splice(this.threads.indexOf(thread), 1);
        this.schedule();
      };
      worker.on('error', (e) => fail(new WorkerFailure(`point worker ${k} died: ${e.name}: ${e.message}`)));
      worker.on('exit', (code) => fail(new WorkerFailure(`point worker ${k} exited (code ${code})`)));
      worker.on('message', (m: PointWorkerReply) => {
        if (m.type === 'fatal') return fail(new WorkerFailure(`point worker ${k}: ${m.message}`));
        if (m.type === 'ready') {
          if (m.seeds.join() !== this.runner.seeds.join()) return fail(new WorkerFailure(`point worker ${k} planned other seeds; is the experiment file deterministic?`));
          started = true;
          resolve();
        } else {
          const p = thread.inFlight.get(m.id);
          thread.inFlight.delete(m.id);
          p?.resolve(m.result);
        }
        this.feed(thread);
      });
    });
  }

  /** The common seeds of the setup (see `PointRunner.seeds`). */
  get seeds(): number[] {
    return this.runner.seeds;
  }

  /** Queues one evaluation; resolves with its result. Rejects when a worker failed. */
  evaluate(task: PointTask): Promise<PointResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<PointResult>((resolve) => {
      this.queue.push({ id: this.nextId++, task, resolve });
      this.schedule();
    });
  }

  private feed(thread: { worker: Worker; inFlight: Map<number, Pending> }): void {
    while (thread.inFlight.size < QUEUE_DEPTH && this.queue.length > 0) {
      const p = this.queue.shift()!;
      thread.inFlight.set(p.id, p);
      thread.worker.postMessage({ type: 'eval', id: p.id, task: p.task } satisfies PointWorkerTask);
    }
  }

  /** Starts the pump once the current synchronous code (which may queue more tasks) is done. */
  private schedule(): void {
    if (this.pumping) return;
    this.pumping = true;
    setImmediate(() => this.pump());
  }

  /** Feeds the workers, then runs one task on this thread, and again until the queue is empty. */
  private pump(): void {
    for (const t of this.threads) this.feed(t);
    const p = this.queue.shift();
    if (!p) {
      this.pumping = false;
      return;
    }
    p.resolve(this.runner.run(p.task));
    setImmediate(() => this.pump());
  }

  /** Throws the first worker failure, if one happened. */
  assertHealthy(): void {
    if (this.failure) throw this.failure;
  }

  /** Stops the worker threads. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}

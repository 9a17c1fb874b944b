import { join, resolve } from 'node:path';
import type { Experiment } from './define';
import { removeParts } from './cleanup';
import { journalRun, partialName, removeJournal, startJournal } from './journal';
import type { DirLock } from './lock';
import { Assembler, writeManifest, type RunStatus, type Shard } from './output';
import { listParts, PARTS, writePart } from './parts';
import type { PlanOptions } from './plan';
import { runOnWorkers, type RunDone } from './pool';
import type { Prepared } from './prepare';
import { makeProgress, type ProgressMode } from './progress';
import type { ExecuteOptions, ExperimentOutcome } from './runExperiment';
import { runOne } from './runOne';
import { stoppedBy } from './stopped';

/** The directory a `writeRuns` call writes, as `runExperiment` opened it. */
export interface WriteSetup<P extends object> {
  prepared: Prepared<P>;
  dir: string;
  shard: Shard | null;
  /** The runs this directory holds when complete (all, or the shard's), ascending. */
  mine: number[];
  lock: DirLock;
  planOptions: PlanOptions & { check: boolean };
  /** The manifest to write (status and counts are set here). */
  manifest: Record<string, unknown>;
  /** Write each run straight into the tables, journaled (one thread, all runs, from scratch); else as parts. */
  direct: boolean;
}

/**
 * Runs the runs of `w.mine` not yet in the directory and writes its tables,
 * as the holder of its lock; returns the outcome (its `seconds` counted by
 * the caller). `direct`: each run is written once, straight into the
 * tables, and journaled (journal.ts), its batches written while the next
 * run computes. Otherwise each finished run is written at once as its own
 * part (by the worker that ran it) and the main thread appends the parts to
 * the tables in run_id order; a shard keeps its parts for `merge`. On
 * SIGINT or SIGTERM the runs in flight finish, the files are closed with
 * every finished run, and the manifest says `interrupted`. When writing
 * fails (a full disk, a worker's death, a damaged part) nothing more is
 * run, the manifest says `interrupted` with the cause, and an error of one
 * line naming the cause is thrown; the parts, and the journal with the
 * unfinished tables it describes, stay for `--resume`.
 */
export async function writeRuns<P extends object>(experiment: Experiment<P>, opts: ExecuteOptions & { workers: number }, w: WriteSetup<P>): Promise<ExperimentOutcome> {
  const { prepared, dir, shard, mine, direct } = w;
  const { plan, layout, hash, runOptions } = prepared;
  const log = opts.log ?? null;
  const tableNames = layout.tables.map((t) => t.name);
  const done = new Uint8Array(plan.runs.length);
  for (const id of listParts(dir)) if (id < done.length) done[id] = 1;
  const todo = mine.filter((id) => !done[id]);
  const tag = `${process.pid}-${w.lock.record.nonce.slice(0, 8)}`;
  const writer = { pid: w.lock.record.pid, host: w.lock.record.host, partials: tableNames.map((t) => partialName(t, tag)) };
  const manifest = { ...w.manifest, writer };
  writeManifest(dir, { ...manifest, status: 'running' });

  const mode: ProgressMode = log === null ? 'none' : (opts.progress ?? (process.stderr.isTTY ? 'bar' : 'lines'));
  const progress = makeProgress(mode, mine.length, mine.length - todo.length, log ?? (() => {}));
  const assembler = await Assembler.open(dir, layout.tables, hash, tag);
  if (direct) startJournal(dir, layout.tables, hash, tag);
  let failure: unknown = null;
  let cursor = 0;
  let written = 0;
  let failed = 0;
  let finished = 0;
  let undefinedKpiRuns = 0;
  const count = ({ status, nullKpis }: { status: string; nullKpis: string | null }) => {
    if (status === 'failed') failed++;
    if (nullKpis) undefinedKpiRuns++;
    written++;
  };
  const appendRun = async (id: number) => count(await assembler.append(id));
  // Appends the finished runs at the head of the queue, in run_id order; one drain at a time, none after a failure.
  let chain: Promise<void> = Promise.resolve();
  const drain = () => {
    chain = chain.then(async () => {
      try {
        while (!failure && cursor < mine.length && done[mine[cursor]]) await appendRun(mine[cursor++]);
      } catch (e) {
        failure ??= e;
      }
    });
    return chain;
  };
  const tell = (d: Omit<RunDone, 'type'>) => {
    progress.tick(d.status === 'failed');
    if (d.status === 'failed') progress.note(`run ${d.runId} FAILED at tick ${d.errorTick}: ${d.error}`);
    opts.onRunDone?.(++finished);
  };
  const onDone = (d: Omit<RunDone, 'type'>) => {
    done[d.runId] = 1;
    tell(d);
    void drain();
  };

  let interrupted: 'SIGINT' | 'SIGTERM' | null = null;
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    if (interrupted) process.exit(signal === 'SIGTERM' ? 143 : 130);
    interrupted = signal;
    progress.note(`interrupted (${signal}): finishing the runs in flight and closing the files (a second signal aborts; --resume finishes the rest)`);
  };
  const stopped = () => interrupted !== null || failure !== null;
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const runHere = (id: number): RunDone => {
      const result = runOne(experiment.model, plan.runs[id], runOptions);
      writePart(dir, layout, result, hash);
      return { type: 'done', runId: id, status: result.status, error: result.error, errorTick: result.errorTick };
    };
    if (direct) {
      // Each run's batches are written while the next run computes; the
      // journal line follows the bytes, which is what --resume relies on.
      let writing: Promise<void> = Promise.resolve();
      for (const id of todo) {
        if (stopped()) break;
        const result = runOne(experiment.model, plan.runs[id], runOptions);
        await writing;
        if (failure) break;
        const rows = layout.rows(result);
        writing = assembler.appendRows(layout.tables.map((t) => rows[t.name])).then(
          (appended) => {
            count(appended);
            journalRun(dir, id, assembler.sizes(), assembler.digests());
          },
          (e) => {
            failure ??= e;
          },
        );
        tell({ runId: id, status: result.status, error: result.error, errorTick: result.errorTick });
        // Let a pending signal and finished writes be handled between runs.
        await new Promise((r) => setImmediate(r));
      }
      await writing;
    } else if (opts.workers === 1 || todo.length <= 1) {
      for (const id of todo) {
        if (stopped()) break;
        onDone(runHere(id));
        // Assembly runs behind the runs, its file writes overlapping their
        // computation; it holds no rows (they are in the parts), and a cap
        // on how far behind it may fall keeps the parts waiting few.
        if (id - (mine[cursor] ?? id) > 64) await chain;
        await new Promise((r) => setImmediate(r));
      }
    } else {
      const data = { file: resolve(opts.file!), planOptions: w.planOptions, outDir: dir };
      await runOnWorkers(Math.min(opts.workers, todo.length), data, hash, todo, onDone, stopped, runHere);
    }
    await drain();
    // After an interrupt, keep every finished run: those past the first gap too, still in run_id order.
    for (; !failure && cursor < mine.length; cursor++) if (done[mine[cursor]]) await appendRun(mine[cursor]);
    if (!failure) await assembler.close(direct && written === mine.length);
  } catch (e) {
    failure ??= e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    progress.stop();
    await chain;
  }
  if (failure) {
    // Written straight in, the unfinished tables hold the journaled runs: keep them for --resume.
    await assembler.abort(direct);
    const error = stoppedBy(failure, dir);
    try {
      writeManifest(dir, { ...manifest, status: 'interrupted', runsWritten: 0, stoppedBy: error.message });
    } catch {
      // The disk that stopped the run may refuse this too; --resume works from the parts and journal either way.
    }
    throw error;
  }
  const status: RunStatus = written < mine.length ? 'interrupted' : failed > 0 ? 'failed' : shard ? 'partial' : 'complete';
  // A whole run no longer needs its parts or journal; a shard keeps them for merge, an interrupted run for resume.
  if (!shard && written === plan.runs.length) {
    removeJournal(dir);
    if (!direct) {
      const left = removeParts(dir, tableNames);
      if (left.length) log?.(`left ${join(dir, PARTS)} in place: it holds files tokensim did not write (${left.slice(0, 3).join(', ')})`);
    }
  }
  writeManifest(dir, { ...w.manifest, status, runsWritten: written, runsFailed: failed });
  if (undefinedKpiRuns > 0) log?.(`${undefinedKpiRuns} ok run(s) have a KPI without a finite value: null in summary.arrow, named in the null_kpis column of runs.arrow`);
  return { dir, status, runs: mine.length, written, failed, seconds: 0, signal: status === 'interrupted' ? interrupted : null, undefinedKpiRuns };
}

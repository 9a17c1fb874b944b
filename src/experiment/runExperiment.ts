import { resolve } from 'node:path';
import { Recorder } from '../metrics/recorder';
import type { Experiment } from './define';
import { ResultWriter, type RunStatus } from './output';
import { planRuns, type Plan, type PlanOptions } from './plan';
import { runOne, selectMetrics } from './runOne';
import type { RunTable } from './model';

/** Options of `runExperiment` (the `tokensim run` flags). */
export interface ExecuteOptions extends PlanOptions {
  /** Output directory; default `results/<experiment>/<timestamp>/`. */
  out?: string;
  /** Assert token and USD conservation every tick. */
  check?: boolean;
  /** Where progress lines go; default stderr. Null for none. */
  log?: ((line: string) => void) | null;
}

/** What a finished (or interrupted) experiment reports. */
export interface ExperimentOutcome {
  dir: string;
  status: RunStatus;
  runs: number;
  written: number;
  failed: number;
  seconds: number;
}

/** Returns `results/<name>/<UTC timestamp>` under the current directory. */
export function defaultOutDir(name: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:]/g, '-').replace(/\..+$/, '');
  return resolve('results', name, stamp);
}

/**
 * Returns the metric and KPI column names of `plan` by building its first
 * run and summarising its initial state: this also checks, before any run
 * starts, that the model builds with these parameters and that the recorded
 * metric names exist.
 */
export function preflight<P extends object>(plan: Plan<P>): { metrics: string[]; kpis: string[]; tables: RunTable[] } {
  const first = plan.runs[0];
  const sim = plan.experiment.model.build(first.params, { seed: first.seed, check: false });
  const metrics = selectMetrics(sim, plan.experiment.record.metrics);
  const rec = new Recorder(metrics, 1, 1);
  rec.observe(0);
  const kpis = Object.keys(sim.summary(rec.series(), rec.recordedTicks()));
  return { metrics: metrics.map((m) => m.name), kpis, tables: sim.tables ?? [] };
}

/**
 * Runs every run of `experiment` and writes the output directory, streaming
 * each run's rows as it finishes. Bad input throws an `InputError` before
 * any run starts; a failing run is recorded and the rest go on. On SIGINT
 * the current run finishes, the files are closed (valid, with the runs done)
 * and the manifest says `interrupted`.
 */
export async function runExperiment<P extends object>(experiment: Experiment<P>, opts: ExecuteOptions = {}): Promise<ExperimentOutcome> {
  const started = Date.now();
  const log = opts.log === undefined ? (line: string) => process.stderr.write(line + '\n') : opts.log;
  const plan = planRuns(experiment, opts);
  const { metrics, kpis, tables } = preflight(plan);
  const dir = opts.out ? resolve(opts.out) : defaultOutDir(experiment.name);
  const writer = await ResultWriter.open(dir, plan, metrics, kpis, tables, { check: !!opts.check });

  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log?.('interrupted: finishing the current run and closing the files (Ctrl-C again to abort)');
  };
  process.on('SIGINT', onSigint);
  try {
    const runOpts = { ticks: plan.ticks, every: experiment.record.every, metrics: experiment.record.metrics, check: !!opts.check };
    for (const spec of plan.runs) {
      if (interrupted) break;
      const t0 = Date.now();
      const result = runOne(experiment.model, spec, runOpts);
      await writer.write(result);
      const what = result.status === 'ok' ? 'ok' : `FAILED at tick ${result.errorTick}: ${result.error}`;
      log?.(`run ${spec.runId + 1}/${plan.runs.length} ${spec.variant} #${spec.replicate} ${what} (${((Date.now() - t0) / 1000).toFixed(2)} s)`);
      // Let a pending SIGINT be delivered between runs.
      await new Promise((r) => setImmediate(r));
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
  const { written, failed } = writer.counts;
  const status: RunStatus = interrupted ? 'interrupted' : failed > 0 ? 'failed' : 'complete';
  await writer.close(status);
  return { dir, status, runs: plan.runs.length, written, failed, seconds: (Date.now() - started) / 1000 };
}


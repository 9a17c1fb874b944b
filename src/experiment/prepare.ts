import { Recorder } from '../metrics/recorder';
import type { Experiment } from './define';
import { OutputLayout } from './layout';
import { planDescription, planHash } from './output';
import { planRuns, type Plan, type PlanOptions } from './plan';
import { selectMetrics, type RunOptions } from './runOne';

/** An experiment made ready to run: its plan, output layout, plan hash and per-run options. */
export interface Prepared<P extends object = object> {
  plan: Plan<P>;
  layout: OutputLayout;
  hash: string;
  runOptions: RunOptions;
}

/**
 * Returns `experiment` planned with `opts` and its output layout. Builds the
 * first run and summarises its initial state to learn the metric and KPI
 * column names: this also checks, before any run starts, that the model
 * builds with these parameters and that the recorded metric names exist.
 * The main thread and every worker call it and must agree on the hash.
 */
export function prepare<P extends object>(experiment: Experiment<P>, opts: PlanOptions & { check?: boolean }): Prepared<P> {
  const plan = planRuns(experiment, opts);
  const first = plan.runs[0];
  const sim = experiment.model.build(first.params, { seed: first.seed, check: false });
  const metrics = selectMetrics(sim, experiment.record.metrics);
  const rec = new Recorder(metrics, 1, 1);
  rec.observe(0);
  const kpis = Object.keys(sim.summary(rec.series(), rec.recordedTicks()));
  const layout = new OutputLayout(plan as Plan, metrics.map((m) => m.name), kpis, sim.tables ?? []);
  const check = !!opts.check;
  return {
    plan,
    layout,
    hash: planHash(planDescription(plan as Plan, layout, check)),
    runOptions: { ticks: plan.ticks, every: experiment.record.every, sampleEvery: experiment.record.sampleEvery, metrics: experiment.record.metrics, check },
  };
}

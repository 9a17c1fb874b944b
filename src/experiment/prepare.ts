import type { Experiment } from './define';
import { OutputLayout } from './layout';
import { planDescription, planHash } from './output';
import { planRuns, type Plan, type PlanOptions } from './plan';
import type { RunOptions } from './runOne';
import { selectMetrics } from './selectMetrics';

/** An experiment made ready to run: its plan, output layout, plan hash and per-run options. */
export interface Prepared<P extends object = object> {
  plan: Plan<P>;
  layout: OutputLayout;
  hash: string;
  runOptions: RunOptions;
}

/**
 * Returns `experiment` planned with `opts` and its output layout. The
 * metric, KPI and table columns are the ones the model's blocks declare, so
 * nothing is built here: a run that fails to build fails alone, like any
 * other. The main thread and every worker call it and must agree on the hash.
 */
export function prepare<P extends object>(experiment: Experiment<P>, opts: PlanOptions & { check?: boolean }): Prepared<P> {
  const plan = planRuns(experiment, opts);
  const model = experiment.model;
  const metrics = selectMetrics(model.metrics, experiment.record.metrics);
  const tables = model.tables.filter((t) => t.name !== 'flows' || experiment.record.flows);
  const layout = new OutputLayout(plan as Plan, metrics.map((m) => m.name), model.kpis.map((k) => k.name), tables);
  const check = !!opts.check;
  return {
    plan,
    layout,
    hash: planHash(planDescription(plan as Plan, layout, check)),
    runOptions: { ticks: plan.ticks, every: experiment.record.every, sampleEvery: experiment.record.sampleEvery, metrics: experiment.record.metrics, flows: experiment.record.flows, check },
  };
}

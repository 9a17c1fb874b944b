import { produce } from 'immer';
import { InputError } from '../core/errors';
import { describeIssue } from '../core/params';
import { assertKnownPath, closestNames, getPath, setPath } from '../core/paths';
import type { Experiment } from './define';
import { NO_SCENARIO } from '../scenarios/scenarioSet';
import { planRuns } from './plan';
import { runOne } from './runOne';

/**
 * What a search (calibration, optimisation) evaluates its candidates in: one
 * variant of an experiment, with `--set` assignments, run for `ticks` ticks
 * from the seeds of `seeds` replicates of `baseSeed`.
 */
export interface PointSetup {
  /** The variant the parameters are searched in; default the experiment's first. */
  variant?: string;
  /** The scenario the candidates run under, for an experiment that lists scenarios; default `none` (unshocked). */
  scenario?: string;
  /** `path=value` assignments applied to the experiment's defaults first. */
  set?: string[];
  ticks: number;
  seeds: number;
  baseSeed?: number;
  /** Metrics whose series each evaluation returns (every recorded tick). */
  metrics: readonly string[];
  /** Searched paths the model takes only whole numbers for: their values are rounded before a run (see `checkRanges`). */
  integers?: readonly string[];
}

/** One evaluation: the searched parameters' values by path and the run's seed. */
export interface PointTask {
  values: Record<string, number>;
  seed: number;
}

/** What one evaluation returns: the requested metrics' series and the run's KPIs, or why it failed. */
export interface PointResult {
  status: 'ok' | 'failed';
  error: string | null;
  /** Metric → its value at every tick, 0..ticks. */
  series: Record<string, Float64Array>;
  summary: Record<string, number>;
}

/** A ready point runner: the run seeds of the setup, and a function that runs one task. */
export interface PointRunner {
  variant: string;
  /** The common seeds: the run seeds of replicates 0..seeds − 1, as `tokensim run` draws them. */
  seeds: number[];
  /** The variant's parameters before the searched values are set. */
  base: object;
  /** Returns `values` with the whole-number parameters rounded: the point a run actually uses. */
  round(values: Record<string, number>): Record<string, number>;
  run(task: PointTask): PointResult;
}

/**
 * `pointRunner(experiment, setup)` → a `PointRunner` for `setup`: its base
 * parameters are those `tokensim run` would give the variant's runs (the
 * experiment's defaults, `--set`, the variant), its seeds those of the
 * variant's replicates, so a search's evaluation at the experiment's own
 * values reproduces its runs. `run` sets the task's values by path,
 * checks them against the model's schema (a point the schema refuses, e.g.
 * α + β ≥ 1, is a failed evaluation with the schema's message) and runs the
 * model for `ticks` ticks. Throws an `InputError` for an unknown variant,
 * an experiment with a sweep (a search sets its own points), or an unknown
 * metric.
 */
export function pointRunner(experiment: Experiment<object>, setup: PointSetup): PointRunner {
  if (experiment.sweep) {
    throw new InputError(`${experiment.name} has a sweep; a search chooses its own points: use an experiment without a sweep (its variants are fine)`);
  }
  const plan = planRuns(experiment, { seeds: setup.seeds, ticks: setup.ticks, baseSeed: setup.baseSeed, set: setup.set });
  const variants = Object.keys(experiment.variants);
  const variant = setup.variant ?? variants[0];
  if (!variants.includes(variant)) throw new InputError(`--variant ${variant}: no such variant; the experiment has ${variants.join(', ')}`);
  const shadowed = Object.keys(plan.shadowed).find((path) => plan.shadowed[path].includes(variant));
  if (shadowed) throw new InputError(`--set ${shadowed}: variant "${variant}" sets it itself, so --set would change nothing (a variant's value wins over --set); choose another --variant, or drop --set`);
  const scenarios = experiment.scenarioNames;
  if (setup.scenario !== undefined && !scenarios.includes(setup.scenario) && !(scenarios.length && setup.scenario === NO_SCENARIO)) {
    throw new InputError(`--scenario ${setup.scenario}: ${scenarios.length ? `no such scenario; the experiment has ${[NO_SCENARIO, ...scenarios].join(', ')}` : 'the experiment lists no scenarios'}`);
  }
  const scenario = scenarios.length ? (setup.scenario ?? NO_SCENARIO) : undefined;
  const runs = plan.runs.filter((r) => r.variant === variant && r.scenario === scenario);
  const known = experiment.model.metrics.map((m) => m.name);
  for (const m of setup.metrics) {
    if (!known.includes(m)) {
      const near = closestNames(m, known);
      throw new InputError(`--metric ${m}: the model has no such metric; ${near.length ? `did you mean ${near.join(', ')}? ` : ''}(tokensim model lists all ${known.length})`);
    }
  }
  const base = runs[0].params;
  const options = { ticks: plan.ticks, every: 1, sampleEvery: experiment.record.sampleEvery, metrics: [...setup.metrics], flows: false, check: false };
  const integers = new Set(setup.integers ?? []);
  const round = (values: Record<string, number>) => Object.fromEntries(Object.entries(values).map(([p, v]) => [p, integers.has(p) ? Math.round(v) : v]));
  return {
    variant,
    seeds: runs.map((r) => r.seed),
    base,
    round,
    run(task) {
      const params = withValues(base, round(task.values));
      const parsed = experiment.model.schema.safeParse(params);
      if (!parsed.success) return { status: 'failed', error: `parameters refused: ${describeIssue(parsed.error)}`, series: {}, summary: {} };
      const r = runOne(experiment.model, { runId: 0, variant, scenario, replicate: 0, seed: task.seed, params }, options);
      const series: Record<string, Float64Array> = {};
      for (const m of setup.metrics) series[m] = r.series[m];
      return { status: r.status, error: r.error, series, summary: r.summary };
    },
  };
}

/** Returns `base` with each value set at its path (immer: `base` is untouched). */
export function withValues<P extends object>(base: P, values: Record<string, number>): P {
  return produce(base, (d) => {
    for (const [path, v] of Object.entries(values)) setPath(d as Record<string, unknown>, path, v);
  });
}

/**
 * Throws an `InputError` unless every path of `paths` names a number among
 * `base`'s parameters: `flag` and the path in one line, with the nearest
 * known paths or what the path holds.
 */
export function assertNumericPaths(base: object, paths: readonly string[], flag: string): void {
  for (const p of paths) {
    assertKnownPath(base, p, flag);
    const v = getPath(base, p);
    if (typeof v !== 'number') {
      throw new InputError(`${flag} ${p}: expected the path of a numeric parameter (see tokensim params), but it holds ${v === undefined ? 'nothing' : JSON.stringify(v)}`);
    }
  }
}

/**
 * `checkRanges(experiment, base, ranges, flag)` → the paths of `ranges`
 * whose parameter takes whole numbers only, after checking every path names
 * a numeric parameter of `base` and the model's schema accepts both ends of
 * its range; throws an `InputError` in one line naming the first that does
 * not. A path is whole-numbered when the schema accepts its range's ends
 * (rounded) but refuses a value halfway between two whole numbers; a search
 * then rounds it (`PointRunner.round`).
 */
export function checkRanges(experiment: Experiment<object>, base: object, ranges: Record<string, { min: number; max: number }>, flag = '--params'): string[] {
  assertNumericPaths(base, Object.keys(ranges), flag);
  const integers: string[] = [];
  for (const [p, r] of Object.entries(ranges)) {
    for (const v of [r.min, r.max]) {
      const res = experiment.model.schema.safeParse(withValues(base, { [p]: v }));
      if (!res.success) {
        const whole = experiment.model.schema.safeParse(withValues(base, { [p]: Math.round(v) })).success;
        if (!whole || Number.isInteger(v)) throw new InputError(`${flag} ${p}=${r.min}:${r.max}: the model refuses ${p}=${v} (${describeIssue(res.error)}); choose a range inside what it accepts`);
      }
    }
    const lo = Math.ceil(r.min);
    if (lo + 1 <= r.max && !experiment.model.schema.safeParse(withValues(base, { [p]: lo + 0.5 })).success && experiment.model.schema.safeParse(withValues(base, { [p]: lo })).success) integers.push(p);
  }
  return integers.sort();
}

import { produce } from 'immer';
import { InputError } from '../core/errors';
import { describeIssue } from '../core/params';
import { assertKnownPath, getPath, parseValueLike, setPath } from '../core/paths';
import { deriveSeed } from '../core/seeds';
import { applyOverrides, overridePaths, type Experiment } from './define';

/** One run of an experiment: its identity, seed and full parameters. */
export interface RunSpec<P extends object = object> {
  runId: number;
  variant: string;
  replicate: number;
  seed: number;
  params: P;
}

/** Command-line changes to an experiment. */
export interface PlanOptions {
  seeds?: number;
  ticks?: number;
  baseSeed?: number;
  /** `path=value` assignments applied to the experiment's defaults. */
  set?: string[];
}

/** The expanded experiment: every run, and the parameter paths that vary between runs. */
export interface Plan<P extends object = object> {
  experiment: Experiment<P>;
  defaults: P;
  ticks: number;
  seeds: number;
  baseSeed: number;
  runs: RunSpec<P>[];
  /** Dotted paths set by a variant (each becomes a column of `runs.arrow`). */
  variedPaths: string[];
  /** The `--set` assignments as applied, path → value. */
  assignments: Record<string, unknown>;
}

/**
 * Returns the seed of replicate r: deriveSeed(baseSeed, "replicate", r).
 * The variant is deliberately left out, so that every variant of one
 * replicate sees the same random streams (common random numbers): variant
 * differences paired by replicate then measure the policy, not the luck.
 */
export function runSeed(baseSeed: number, replicate: number): number {
  return deriveSeed(baseSeed, 'replicate', replicate);
}

/** Returns `path=value` parsed against `defaults`, or throws an `InputError` naming it. */
export function parseAssignment(defaults: object, text: string): [string, unknown] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new InputError(`--set ${text}: expected path=value, e.g. --set emission.ratePerYear=4000000`);
  const path = text.slice(0, eq).trim();
  assertKnownPath(defaults, path, '--set');
  return [path, parseValueLike(path, text.slice(eq + 1), getPath(defaults, path))];
}

/**
 * Returns the experiment expanded into runs (variants × replicates, in that
 * order; run ids from 0), with `--set` assignments applied and every run's
 * parameters validated against the model's schema. Throws an `InputError`
 * on the first bad input, before any run starts.
 */
export function planRuns<P extends object>(experiment: Experiment<P>, opts: PlanOptions = {}): Plan<P> {
  const assignments: Record<string, unknown> = {};
  for (const text of opts.set ?? []) {
    const [path, value] = parseAssignment(experiment.defaults, text);
    assignments[path] = value;
  }
  const defaults = produce(experiment.defaults, (d) => {
    for (const [path, value] of Object.entries(assignments)) setPath(d as Record<string, unknown>, path, value);
  });
  const seeds = opts.seeds ?? experiment.seeds;
  const ticks = opts.ticks ?? experiment.ticks;
  const baseSeed = (opts.baseSeed ?? experiment.baseSeed) >>> 0;
  if (!Number.isInteger(seeds) || seeds < 1) throw new InputError(`--seeds must be a positive integer, got ${seeds}`);
  if (!Number.isInteger(ticks) || ticks < 1) throw new InputError(`--ticks must be a positive integer, got ${ticks}`);

  const runs: RunSpec<P>[] = [];
  const varied = new Set<string>();
  for (const [variant, overrides] of Object.entries(experiment.variants)) {
    for (const p of overridePaths(overrides)) varied.add(p);
    const params = applyOverrides(defaults, overrides, `variant "${variant}"`);
    const check = experiment.model.schema.safeParse(params);
    if (!check.success) {
      const where = variant === 'baseline' && Object.keys(overrides).length === 0 ? 'parameters' : `variant "${variant}"`;
      throw new InputError(`${where}: ${describeIssue(check.error)}`);
    }
    for (let r = 0; r < seeds; r++) {
      runs.push({ runId: runs.length, variant, replicate: r, seed: runSeed(baseSeed, r), params });
    }
  }
  return { experiment, defaults, ticks, seeds, baseSeed, runs, variedPaths: [...varied].sort(), assignments };
}

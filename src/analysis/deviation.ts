import { InputError } from '../core/errors';
import type { Population } from '../core/population';
import { Rng } from '../core/rng';
import { deriveSeed } from '../core/seeds';
import type { Experiment } from '../experiment/define';
import { planRuns, type PlanOptions } from '../experiment/plan';
import { pairedDifference, type PairedDifference } from '../metrics/stats';
import { holdingsOf } from '../mechanisms/governance/electorate';
import { findStrategy } from './strategies';

/** What to check: which class deviates, to what, and how many of its agents. */
export interface DeviationOptions extends PlanOptions {
  /** Agent class name (`stakers`). */
  className: string;
  /** Alternative strategy the class declares (`never-stake`). */
  strategy: string;
  /** Share of the class's active agents that deviate, in (0, 1]; default: exactly one agent. */
  share?: number;
  /** Variant of the experiment to deviate from; default its first. */
  variant?: string;
  /** Confidence level of the gain's interval; default 0.95. */
  level?: number;
}

/** The outcome of a deviation check. */
export interface DeviationResult {
  className: string;
  strategy: string;
  variant: string;
  /** Deviating agents per run. */
  deviators: number;
  seeds: Uint32Array;
  /** Per seed: the deviators' mean final wealth when they follow the class's rule, USD. */
  baseline: Float64Array;
  /** Per seed: the same agents' mean final wealth when they deviate, USD. */
  deviant: Float64Array;
  /** Per seed: their mean wealth at genesis, USD (for relative gains). */
  initial: Float64Array;
  /** Confidence level of `gain`'s interval. */
  level: number;
  /** Mean per-agent gain deviant − baseline (USD) with its paired t interval and test. */
  gain: PairedDifference;
  /** Mean gain over mean baseline wealth, dimensionless. */
  relativeGain: number;
  /**
   * `profitable` when the interval lies above 0 (the design is not incentive
   * compatible for this class against this deviation), `unprofitable` when
   * below 0, `no significant gain` otherwise.
   */
  verdict: 'profitable' | 'unprofitable' | 'no significant gain';
}

/**
 * Returns agent i's wealth in USD at `price` (USD/token) from its
 * population's columns: usd + price · (tokens + staked + unbonding). Staking
 * rewards distributed but not yet settled are not counted (agents settle
 * each tick, so at most one tick's reward).
 */
export function agentWealth(pop: Population, i: number, price: number): number {
  return pop.cols.usd[i] + price * holdingsOf(pop, i);
}

/** Returns the indices of `count` distinct active agents drawn from `rng` (partial Fisher–Yates). */
function pickAgents(active: Uint8Array, size: number, count: number, rng: Rng): Int32Array {
  const pool: number[] = [];
  for (let i = 0; i < size; i++) if (active[i] === 1) pool.push(i);
  if (pool.length === 0) throw new InputError('deviation: the class has no active agents at genesis');
  const n = Math.min(count, pool.length);
  for (let k = 0; k < n; k++) {
    const j = k + rng.int(pool.length - k);
    [pool[k], pool[j]] = [pool[j], pool[k]];
  }
  return Int32Array.from(pool.slice(0, n)).sort();
}

/**
 * Runs the incentive-compatibility check: for each replicate seed, runs the
 * experiment twice with the same seed (common random numbers) — once as is,
 * once with the chosen agents of `className` following `strategy` — and
 * compares those agents' mean final wealth in USD at the final pool price.
 * The deviators are the same agents in both runs (drawn from the seed's
 * `deviators` stream). A profitable unilateral deviation (interval above
 * zero) means the rule the class follows is not a best response: the design
 * is not incentive compatible for it. With a share of a class deviating the
 * check is of a coalition, and its agents' gains include the effect of their
 * joint action on the price. Assumes payoff = final wealth (no utility
 * curvature, no discounting).
 */
export function checkDeviation<P extends object>(experiment: Experiment<P>, opts: DeviationOptions): DeviationResult {
  const plan = planRuns(experiment, opts);
  const variant = opts.variant ?? Object.keys(experiment.variants)[0];
  const runs = plan.runs.filter((r) => r.variant === variant);
  if (runs.length === 0) throw new InputError(`--variant ${variant}: no such variant; the experiment has ${Object.keys(experiment.variants).join(', ')}`);
  if (opts.share !== undefined && !(opts.share > 0 && opts.share <= 1)) throw new InputError(`--share ${opts.share}: expected a share in (0, 1]`);
  const n = runs.length;
  const res = { seeds: new Uint32Array(n), baseline: new Float64Array(n), deviant: new Float64Array(n), initial: new Float64Array(n) };
  let deviators = 0;
  runs.forEach((run, r) => {
    res.seeds[r] = run.seed;
    for (const deviate of [false, true]) {
      const sim = experiment.model.build(run.params, { seed: run.seed, check: false });
      const world = sim.world;
      const { agentClass, index } = findStrategy(world.agents, opts.className, opts.strategy);
      const pop = agentClass.population;
      const count = opts.share === undefined ? 1 : Math.max(1, Math.round(opts.share * pop.activeCount()));
      const chosen = pickAgents(pop.cols.active, pop.size, count, new Rng(deriveSeed(run.seed, 'deviators')));
      deviators = chosen.length;
      const strategy = pop.column('strategy');
      const wealth = () => {
        const price = world.priceAt(world.tick);
        let w = 0;
        for (const i of chosen) w += agentWealth(pop, i, price);
        return w / chosen.length;
      };
      if (!deviate) res.initial[r] = wealth();
      if (deviate && strategy) for (const i of chosen) strategy[i] = index;
      try {
        for (let t = 1; t <= plan.ticks; t++) world.step();
      } catch (e) {
        const what = deviate ? `with ${chosen.length} ${opts.className} on ${opts.strategy}` : 'as is';
        throw new Error(`deviation check: the run of seed ${run.seed} ${what} failed at tick ${world.tick}: ${(e as Error).message}`, { cause: e });
      }
      (deviate ? res.deviant : res.baseline)[r] = wealth();
    }
  });
  const level = opts.level ?? 0.95;
  const gain = pairedDifference(res.deviant, res.baseline, level);
  const baseMean = res.baseline.reduce((s, x) => s + x, 0) / n;
  const verdict = gain.lo > 0 ? 'profitable' : gain.hi < 0 ? 'unprofitable' : 'no significant gain';
  return { className: opts.className, strategy: opts.strategy, variant, deviators, ...res, level, gain, relativeGain: gain.mean / baseMean, verdict };
}

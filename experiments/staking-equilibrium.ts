/**
 * Staking equilibrium: does the simulated stake settle where the closed form
 * says? Stakers here compare the plain token yield R/S with their hurdle
 * (priceWeight 0); governance is off so R stays fixed, and there are no
 * voters (whose stake is not a choice). Theory:
 * - with one common hurdle c, the staking contest's symmetric equilibrium
 *   gives a total stake R(n − 1)/(nc) → R/c for many stakers;
 * - with spread hurdles, the competitive fixed point S* = Σ_{h_i < R/S*} H_i
 *   over the agents' holdings at the end of the run.
 * Each run's summary gets `equilibrium_staked` (the closed form),
 * `settled_staked` (mean stake over the last 60 ticks), `staked_gap`
 * (settled / closed form − 1), `equilibrium_staking_ratio`, and
 * `contest_staked`, the contest's total R(n − 1)/(nc) with c the mean hurdle.
 *
 *   npx tokensim run experiments/staking-equilibrium.ts
 *   npx tokensim inspect results/staking-equilibrium/<time>/summary.arrow
 */
import {
  defineExperiment,
  runIfMain,
  scheduledEmission,
  stakingContestEquilibrium,
  stakingEquilibrium,
  tokenEconomy,
  withKpis,
  type TokenEconomy,
} from '../src';

/** Mean of the last `k` values of `xs`. */
const tailMean = (xs: Float64Array, k: number) => xs.subarray(Math.max(0, xs.length - k)).reduce((s, x) => s + x, 0) / Math.min(k, xs.length);

const model = withKpis(tokenEconomy, (params, series, _ticks, sim) => {
  const econ = sim as TokenEconomy;
  const pop = econ.stakers.population;
  const n = pop.size;
  const staked = pop.f64('staked');
  const unbonding = pop.f64('unbonding');
  const holdings = Float64Array.from({ length: n }, (_, i) => pop.cols.tokens[i] + staked[i] + unbonding[i]);
  // Staker rewards at the final tick's scheduled rate, tokens per year (governance is off, so the parameters hold).
  const R = scheduledEmission(params.emission, econ.world.tick, params.ticksPerYear) * params.ticksPerYear * params.rewards.stakers;
  const equilibrium = stakingEquilibrium(R, pop.cols.hurdle, holdings);
  // The contest view: n strategic stakers with the mean hurdle as their common cost.
  const c = pop.cols.hurdle.subarray(0, n).reduce((s, x) => s + x, 0) / n;
  const settled = tailMean(series.staked, 60);
  const supply = series.supply[series.supply.length - 1];
  return {
    equilibrium_staked: equilibrium,
    settled_staked: settled,
    staked_gap: settled / equilibrium - 1,
    equilibrium_staking_ratio: equilibrium / supply,
    contest_staked: stakingContestEquilibrium(n, R, c).total,
  };
});

const experiment = defineExperiment({
  name: 'staking-equilibrium',
  description: 'Does the simulated stake settle at the closed-form staking equilibrium?',
  model,
  params: {
    voters: { count: 0 },
    governance: { enabled: false },
    stakers: { priceWeight: { dist: 'constant', value: 0 } },
  },
  variants: {
    'hurdle-0.3': { stakers: { hurdle: { dist: 'constant', value: 0.3 } } },
    'hurdle-0.5': { stakers: { hurdle: { dist: 'constant', value: 0.5 } } },
    'hurdle-0.8': { stakers: { hurdle: { dist: 'constant', value: 0.8 } } },
    'spread-hurdles': {},
  },
  seeds: 3,
  ticks: 365,
});

export default experiment;
runIfMain(module, experiment);

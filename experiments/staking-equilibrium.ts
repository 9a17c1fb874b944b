/**
 * Staking equilibrium: does the simulated stake settle where the closed form
 * says? Stakers here compare the plain token yield R/S with their hurdle
 * (priceWeight 0); there is no governance, so R stays fixed. Theory:
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
import { defineExperiment, emission, runIfMain, scheduledEmission, stakers, stakingContestEquilibrium, stakingEquilibrium, tokenEconomy } from '../src';
import { defineBlock } from '../src/blocks';

/** Mean of the last `k` values of `xs`. */
const tailMean = (xs: Float64Array, k: number) => xs.subarray(Math.max(0, xs.length - k)).reduce((s, x) => s + x, 0) / Math.min(k, xs.length);

/** The closed forms, as a metric block the model is extended with: its KPIs sit beside the simulated ones in `summary.arrow`. */
const stakingTheory = defineBlock({
  key: 'stakingTheory',
  kind: 'metrics',
  description: 'closed-form staking equilibria for the stakers of the run',
  needs: { stakers, emission },
  kpis: {
    equilibrium_staked: { unit: 'tokens', description: 'competitive fixed point S* = Σ_{h_i < R/S*} H_i over the stakers\' final holdings' },
    settled_staked: { unit: 'tokens', description: 'mean stake over the last 60 recorded rows' },
    staked_gap: { unit: 'share', description: 'settled / closed form − 1' },
    equilibrium_staking_ratio: { unit: 'share', description: 'S* / final supply' },
    contest_staked: { unit: 'tokens', description: "the staking contest's symmetric total R(n − 1)/(nc), c the mean hurdle" },
  },
  build(ctx) {
    return {
      api: undefined,
      summary: ({ series, world }) => {
        const pop = ctx.deps.stakers.population;
        const { tokens, staked, unbonding, hurdle } = pop.cols;
        const n = pop.size;
        const holdings = Float64Array.from({ length: n }, (_, i) => tokens[i] + staked[i] + unbonding[i]);
        // Staker rewards at the final tick's scheduled rate, tokens per year (no governance, so the parameters hold).
        const p = world.params.emission;
        const R = scheduledEmission(p, world.tick, world.ticksPerYear) * world.ticksPerYear * p.split.stakers;
        const equilibrium = stakingEquilibrium(R, hurdle, holdings);
        // The contest view: n strategic stakers with the mean hurdle as their common cost.
        const c = hurdle.subarray(0, n).reduce((s, x) => s + x, 0) / n;
        const settled = tailMean(series.staked, 60);
        return {
          equilibrium_staked: equilibrium,
          settled_staked: settled,
          staked_gap: settled / equilibrium - 1,
          equilibrium_staking_ratio: equilibrium / series.supply[series.supply.length - 1],
          contest_staked: stakingContestEquilibrium(n, R, c).total,
        };
      },
    };
  },
});

const experiment = defineExperiment({
  name: 'staking-equilibrium',
  description: 'Does the simulated stake settle at the closed-form staking equilibrium?',
  model: tokenEconomy.with(stakingTheory),
  params: { stakers: { priceWeight: { dist: 'constant', value: 0 } } },
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

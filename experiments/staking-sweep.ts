/**
 * Staking sweep: how do the emission rate and the unbonding period shape the
 * staking ratio, price and inflation — with half of swap fees burned
 * (baseline) against all of them burned? A 3 × 3 grid of emission rate ×
 * unbonding period, two variants, five replicates: 90 runs, compared by
 * replicate (common random numbers: every variant and point of replicate r
 * sees the same random streams).
 *
 *   npx tokensim run experiments/staking-sweep.ts                 (all cores)
 *   npx tokensim run experiments/staking-sweep.ts --workers 2 --seeds 2 --ticks 60
 *   npx tokensim run experiments/staking-sweep.ts --shard 1/3 --out out/s1   (one machine of three)
 */
import { defineExperiment, runIfMain, tokenEconomy } from '../src';

const experiment = defineExperiment({
  name: 'staking-sweep',
  description: 'Emission rate × unbonding period, half against full fee burn.',
  model: tokenEconomy,
  variants: {
    baseline: {},
    'full-burn': { feeBurn: { feeShare: 1 } },
  },
  sweep: {
    kind: 'grid',
    params: {
      'emission.ratePerYear': [2_500_000, 5_000_000, 10_000_000],
      'staking.unbondingTicks': [0, 14, 28],
    },
  },
  seeds: 5,
  ticks: 365,
  record: { every: 7 },
});

export default experiment;
runIfMain(module, experiment);

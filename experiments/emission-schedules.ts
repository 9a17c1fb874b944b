/**
 * Emission schedules: over two years, how do a constant rate, exponential
 * decay, halving, a target-staking-ratio rule and a fixed inflation target
 * differ in realised inflation, staking ratio, staking yield and price?
 *
 * Every schedule starts near the same issuance (5M tokens a year, about
 * 14% of the ~36M genesis supply) so that the shapes, not the levels, differ.
 *
 *   npx tokensim run experiments/emission-schedules.ts --seeds 10
 */
import { defineExperiment, runIfMain, tokenEconomy } from '../src';

const experiment = defineExperiment({
  name: 'emission-schedules',
  description: 'Constant, decaying, halving, target-staking-ratio and inflation-target emission compared on inflation, staking and price.',
  model: tokenEconomy,
  params: {
    emission: { ratePerYear: 5_000_000 },
  },
  variants: {
    constant: { emission: { schedule: 'constant' } },
    decay: { emission: { schedule: 'exponential', decayPerYear: 0.7 } },
    halving: { emission: { schedule: 'halving', halvingTicks: 182 } },
    // i(r) = clamp(0.13 + 0.4 · (0.3 − r), 0.06, 0.2) of supply a year: 13% at a 30% staking ratio.
    target_staking: { emission: { schedule: 'stakingTarget', stakingTarget: { target: 0.3, minPerYear: 0.06, maxPerYear: 0.2, gain: 0.4 } } },
    inflation_target: { emission: { schedule: 'inflation', inflationPerYear: 0.13 } },
  },
  seeds: 5,
  ticks: 730,
});

export default experiment;
runIfMain(module, experiment);

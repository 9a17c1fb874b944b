/**
 * The benchmark's sweep: the baseline economy over a Latin hypercube of 40
 * points (emission rate × unbonding period) × 5 replicates = 200 runs of one
 * year of daily ticks. Its own file because worker threads load experiments
 * by file.
 */
import { defineExperiment, tokenEconomy } from '../src';

export default defineExperiment({
  name: 'bench-sweep',
  model: tokenEconomy,
  sweep: {
    kind: 'lhs',
    samples: 40,
    params: {
      'emission.ratePerYear': { min: 1_000_000, max: 20_000_000, scale: 'log' },
      'staking.unbondingTicks': { min: 0, max: 30, integer: true },
    },
  },
  seeds: 5,
  ticks: 365,
});

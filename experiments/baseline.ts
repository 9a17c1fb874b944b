/**
 * Baseline: the default token economy — stakers, traders, DePIN node
 * operators and governance voters around one AMM pool, with constant
 * emission split among stakers, nodes and treasury, half of swap fees
 * burned, and token-weighted governance of the emission rate and burn share —
 * for one year of daily ticks over several seeds.
 *
 *   npm start                          (or: npx tokensim run experiments/baseline.ts)
 *   npx ts-node experiments/baseline.ts --seeds 10 --set emission.ratePerYear=8000000
 */
import { defineExperiment, runIfMain, tokenEconomy } from '../src';

const experiment = defineExperiment({
  name: 'baseline',
  description: 'The default token economy for one year of daily ticks.',
  model: tokenEconomy,
  seeds: 5,
  ticks: 365,
});

export default experiment;
runIfMain(module, experiment);

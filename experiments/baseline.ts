/**
 * Baseline: the default token economy — stakers, traders, liquidity
 * providers, arbitrageurs and DePIN node operators around one AMM pool, with
 * constant emission split among stakers, nodes and treasury and half of swap
 * fees burned, under a constant policy (no governance; see
 * `governedTokenEconomy` for the voted one) — for one year of daily ticks
 * over several seeds.
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

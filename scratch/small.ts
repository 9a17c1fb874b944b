import { defineExperiment, tokenEconomy } from '../src';
export default defineExperiment({
  name: 'small-market',
  model: tokenEconomy,
  params: { stakers: { count: 400 }, traders: { count: 400 }, liquidityProviders: { count: 20 }, nodeOperators: { candidates: 60, initialNodes: 20 } },
  seeds: 4,
  ticks: 365,
});

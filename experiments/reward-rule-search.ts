/**
 * Reward-rule search: which emission rate, and which share of it to
 * stakers, reaches a target staking ratio with the least inflation? The
 * baseline economy with the treasury's emission share given to stakers
 * instead (so the stakers' share can range up to 70% beside the nodes' 30%):
 *
 *   npx tokensim optimize experiments/reward-rule-search.ts --objective inflation --minimize \
 *     --constraint 'mean_staking_ratio>=0.25' --params emission.ratePerYear=1e6:3e7:log --params emission.split.stakers=0.1:0.7
 */
import { defineExperiment, runIfMain, tokenEconomy } from '../src';

const experiment = defineExperiment({
  name: 'reward-rule-search',
  description: 'Emission rate and stakers’ share for a target staking ratio at the least inflation.',
  model: tokenEconomy,
  params: { emission: { split: { stakers: 0.6, nodes: 0.3, treasury: 0, lockers: 0 } } },
  seeds: 8,
  ticks: 365,
});

export default experiment;
runIfMain(module, experiment);

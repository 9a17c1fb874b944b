/**
 * The treasury stakes: the token economy with its 10M-token treasury
 * keeping none, half or all of its tokens staked (rebalanced monthly, from
 * the first tick). Does the staking ratio pass what the stakers class
 * alone reaches, what does the treasury earn, and what does it do to the
 * stakers' yield and the price?
 *
 *   npx tokensim run experiments/treasury-staking.ts
 */
import { defineExperiment, runIfMain, tokenEconomy, treasuryStaking } from '../src';

const stake = (targetShare: number) => ({ treasuryStaking: { startTick: 0, targetShare } });

const experiment = defineExperiment({
  name: 'treasury-staking',
  description: 'The treasury keeps none, half or all of its tokens staked: staking ratio, the treasury’s staking income, the stakers’ yield and the price.',
  model: tokenEconomy.with(treasuryStaking),
  variants: {
    none: {},
    half: stake(0.5),
    all: stake(1),
  },
  seeds: 5,
  ticks: 365,
});

export default experiment;
runIfMain(module, experiment);

/**
 * Who stakes at what yield: the staking ratio against the staking reward
 * rate (the emission rate swept, 60% of it to stakers), with only the
 * stakers class staking against with the liquidity providers, the traders
 * and the treasury's desk weighing the yield too (LPs move liquidity into
 * stake when the APR beats the pool's net yield by 2 points a year, traders
 * keep up to half their tokens staked above hurdles of 3–30%, the treasury
 * stakes up to all of its tokens on a ramp from a 3% hurdle over 20 points).
 * Does the staking ratio reach the level the yield supports, past what the
 * stakers class alone holds to stake?
 *
 *   npx tokensim run experiments/yield-staking.ts
 */
import { defineExperiment, runIfMain, tokenEconomy, treasuryStaking } from '../src';

const experiment = defineExperiment({
  name: 'yield-staking',
  description: 'Staking ratio against the staking reward rate, stakers alone against stakers, LPs, traders and the treasury desk on yield.',
  model: tokenEconomy.with(treasuryStaking),
  variants: {
    stakers: {},
    holders: {
      liquidityProviders: { stakeMargin: 0.02 },
      traders: { stakeIdle: { share: 0.5 } },
      treasuryStaking: { startTick: 0, yieldHurdle: 0.03, yieldSpan: 0.2, yieldMaxShare: 1 },
    },
  },
  sweep: { kind: 'grid', params: { 'emission.ratePerYear': [1_250_000, 2_500_000, 5_000_000, 10_000_000] } },
  seeds: 5,
  ticks: 365,
});

export default experiment;
runIfMain(module, experiment);

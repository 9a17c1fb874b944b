/**
 * Optimal buyback: how often, and with how much of its revenue, should the
 * treasury buy back and burn for the best mean price while keeping at least
 * three years of runway? The economy of burn-vs-buyback (a service earning
 * 20k USD a day, growing 50% a year, all of it treasury revenue; 3M USD a
 * year of grants), with a buyback of `revenueShare` of the revenue every
 * `everyTicks` days. The experiment's own values (weekly, half) are where
 * the search starts and what its best point is checked against:
 *
 *   npx tokensim optimize experiments/optimal-buyback.ts --objective mean_price \
 *     --constraint 'min_runway_years>=3' --params buyback.everyTicks=1:60 --params buyback.revenueShare=0.05:1
 *   (add --risk cvar:0.25 for the risk-averse design: the mean of the worst quarter of seeds)
 */
import { defineExperiment, runIfMain, tokenEconomy } from '../src';

const experiment = defineExperiment({
  name: 'optimal-buyback',
  description: 'Buyback frequency and size for the best mean price subject to a treasury runway of at least three years.',
  model: tokenEconomy,
  params: {
    usageBurn: { demandUsdPerTick: 20_000, growthPerYear: 0.5, noise: 0.3, revenueShare: 1 },
    feeBurn: { feeShare: 0 },
    buyback: { policy: 'revenueShare', everyTicks: 7, revenueShare: 0.5, destination: 'burn' },
    treasuryPolicy: { grantsUsdPerYear: 3_000_000 },
  },
  seeds: 8,
  ticks: 180,
});

export default experiment;
runIfMain(module, experiment);

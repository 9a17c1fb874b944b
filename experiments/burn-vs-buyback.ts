/**
 * Burn vs buyback: with the same protocol revenue, which use of it — none,
 * burning swap fees, buying back and burning, buying back and paying
 * stakers, or a fee burn plus a buyback — does most for price, net
 * inflation and holder concentration?
 *
 * A service priced in tokens earns USD revenue (20k USD a day, growing 50% a
 * year) that goes to the treasury; the variants differ in what is burned and
 * in what the treasury does with that revenue (buy back half of it every
 * week, through the AMM, paying its fee and price impact).
 *
 *   npx tokensim run experiments/burn-vs-buyback.ts --seeds 10
 */
import { defineExperiment, runIfMain, tokenEconomy } from '../src';

/** Buy back with half of each week's revenue; `destination` says what happens to the tokens. */
const buyback = (destination: 'burn' | 'stakers') => ({ policy: 'revenueShare' as const, everyTicks: 7, revenueShare: 0.5, destination });

const experiment = defineExperiment({
  name: 'burn-vs-buyback',
  description: 'Fee burn, buyback-and-burn, buyback-and-distribute and their combination against doing nothing with protocol revenue.',
  model: tokenEconomy,
  params: {
    // All service payments are USD revenue for the treasury (nothing burned on use), so revenue is the same in every variant.
    usageBurn: { demandUsdPerTick: 20_000, growthPerYear: 0.5, noise: 0.3, revenueShare: 1 },
    feeBurn: { feeShare: 0 },
    buyback: { policy: 'off' },
    // The treasury also pays 3M USD a year of grants, so buybacks show up in its runway.
    treasuryPolicy: { grantsUsdPerYear: 3_000_000 },
  },
  variants: {
    none: {},
    fee_burn: { feeBurn: { feeShare: 0.5, usdFees: 'buyAndBurn' } },
    buyback_burn: { buyback: buyback('burn') },
    buyback_distribute: { buyback: buyback('stakers') },
    burn_plus_buyback: { feeBurn: { feeShare: 0.5, usdFees: 'buyAndBurn' }, buyback: buyback('burn') },
  },
  seeds: 5,
  ticks: 365,
});

export default experiment;
runIfMain(module, experiment);

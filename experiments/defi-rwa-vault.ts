/**
 * A tokenised treasury fund through a default: at tick 60 a custody or
 * credit event writes its off-chain assets down by 20%. The oracle reports
 * the NAV late; a tenth of the holders learn of the loss at once. Under
 * forward pricing (mints and redemptions at the NAV when they settle) the
 * loss falls pro rata on whoever holds then; under request pricing (at the
 * oracle NAV when requested) informed qualified holders redeem at the stale
 * NAV and pass their share to those who stay; lenders who accepted the
 * token as collateral at the oracle NAV are left with what borrowers do not
 * repay. Which holder class bears the loss, how far the token trades below
 * NAV, and what do the oracle lag and a redemption gate change? A 40%
 * write-down (`severeLag7`) is deeper than the borrowers' collateral buffer.
 *
 *   npx tokensim run experiments/defi-rwa-vault.ts
 *   npx tokensim compare results/defi-rwa-vault/<time> --baseline noDefault
 */
import { defiEconomy, defineExperiment, runIfMain } from '../src';

const lossAt60 = { events: [{ atTick: 60, writeDown: 0.2 }] };

const experiment = defineExperiment({
  name: 'defi-rwa-vault',
  description: 'A 20% write-down of a tokenised fund under a lagged NAV: discount, redemptions, losses by holder class.',
  model: defiEconomy,
  params: {
    // Half the borrowers carry the fund's token against USD debt.
    borrowers: { count: 300, mix: { token: 0.5, lst: 0, rwa: 0.5 }, targetLtv: { dist: 'uniform', min: 0.5, max: 0.95 } },
  },
  variants: {
    noDefault: {},
    lag1: { rwaVault: { ...lossAt60, navLagTicks: 1 } },
    lag7: { rwaVault: { ...lossAt60, navLagTicks: 7 } },
    lag7Stale: { rwaVault: { ...lossAt60, navLagTicks: 7, pricing: 'request' } },
    lag30Stale: { rwaVault: { ...lossAt60, navLagTicks: 30, pricing: 'request' } },
    lag7StaleGated: { rwaVault: { ...lossAt60, navLagTicks: 7, pricing: 'request', redeemLimitUsdPerTick: 50_000 } },
    severeLag7: { rwaVault: { events: [{ atTick: 60, writeDown: 0.4 }], navLagTicks: 7 } },
  },
  seeds: 10,
  ticks: 120,
});

export default experiment;
runIfMain(module, experiment);

/**
 * A price shock through collateral: a holder dumps 1M tokens (a third of
 * the AMM's token reserve) at tick 60; borrowers who posted the token
 * against USD fall below health factor 1, liquidators repay their debt for
 * the bonus and sell the seized tokens on the same AMM, pushing the price
 * further down. How much do liquidations deepen the fall, how much bad debt
 * is left when collateral falls faster than liquidations clear, and what do
 * leverage, liquidator capacity and the pool's risk policy change?
 * Borrowers aim high (80–98% of their borrow capacity) except in
 * `moderateLeverage` (20–70%); `noBorrowers` is the same shock with no
 * lending against the token, `noShock` the same holder keeping its tokens.
 * Policy variants change one knob of the token market against `shock`
 * (LTV 60%, threshold 70%, bonus 8%): a liquidation bonus of 2% or 15%,
 * or a lower LTV and threshold (45%, 55%).
 *
 *   npx tokensim run experiments/defi-lending-cascade.ts
 *   npx tokensim compare results/defi-lending-cascade/<time> --baseline shock
 */
import { defiEconomy, defineExperiment, runIfMain } from '../src';

const experiment = defineExperiment({
  name: 'defi-lending-cascade',
  description: 'A 1M-token dump at tick 60 through token-collateralised borrowing: liquidations, bad debt and the price.',
  model: defiEconomy,
  params: {
    priceShock: { tokens: 1_000_000, sells: true, atTick: 60, overTicks: 1, windowTicks: 30 },
    // 400 borrowers post the token against USD and aim at 80–98% of their borrow capacity.
    borrowers: { count: 400, mix: { token: 1, lst: 0, rwa: 0 }, targetLtv: { dist: 'uniform', min: 0.8, max: 0.98 } },
  },
  variants: {
    shock: {},
    noShock: { priceShock: { sells: false } },
    noBorrowers: { borrowers: { count: 0 } },
    moderateLeverage: { borrowers: { targetLtv: { dist: 'uniform', min: 0.2, max: 0.7 } } },
    slowLiquidators: { liquidators: { count: 1, callsPerTick: 2 } },
    bonus2: { lending: { markets: { token: { liquidationBonus: 0.02 } } } },
    bonus15: { lending: { markets: { token: { liquidationBonus: 0.15 } } } },
    ltv45: { lending: { markets: { token: { collateralFactor: 0.45, liquidationThreshold: 0.55 } } } },
  },
  seeds: 20,
  ticks: 120,
});

export default experiment;
runIfMain(module, experiment);

/**
 * A run on the liquid staking token: at tick 60 two in five LST holders
 * want out of all of it at once. Patient ones queue for redemption (paid
 * after the redemption delay, at the exchange rate of their request);
 * impatient ones sell on the LST/token pool while the discount is below
 * what waiting costs them; arbitrageurs buy the discount and redeem. How
 * deep and how long is the depeg, how long the queue, and what does it do
 * to borrowers who looped the LST against token debt in E-mode-like
 * markets (LTV 90%, threshold 93%), priced at the pool (`market` oracle) or
 * at the exchange rate (`redemption`)?
 *
 *   npx tokensim run experiments/defi-lst-depeg.ts
 *   npx tokensim compare results/defi-lst-depeg/<time> --baseline run
 */
import { defiEconomy, defineExperiment, runIfMain } from '../src';

const experiment = defineExperiment({
  name: 'defi-lst-depeg',
  description: 'A mass redemption of the LST against its queue: the depeg, the queue and looped LST collateral.',
  model: defiEconomy,
  params: {
    lstStakers: { panic: { atTick: 60, share: 0.4 } },
    liquidStaking: { pool: { lstReserve: 2_000_000, tokenReserve: 2_000_000, feeBps: 4 } },
    // A quarter of the borrowers loop the LST against token debt, near their capacity; half the depositors lend tokens.
    borrowers: { count: 300, mix: { token: 0.75, lst: 0.25, rwa: 0 }, targetLtv: { dist: 'uniform', min: 0.8, max: 0.98 } },
    depositors: { usdShare: 0.5 },
    // The token priced like ETH on Aave v3 (kink at 90%, 3% then 80%), the LST in E-mode.
    lending: {
      markets: {
        token: { rate: { base: 0, slope1: 0.03, slope2: 0.8, optimal: 0.9 } },
        lst: { collateralFactor: 0.9, liquidationThreshold: 0.93, liquidationBonus: 0.02 },
      },
    },
  },
  variants: {
    run: {},
    calm: { lstStakers: { panic: { atTick: null } } },
    longQueue: { liquidStaking: { redemptionDelayTicks: 45 } },
    noArbitrage: { lstStakers: { arbitrageurShare: 0 } },
    redemptionOracle: { lending: { lstOracle: 'redemption' } },
  },
  seeds: 10,
  ticks: 120,
});

export default experiment;
runIfMain(module, experiment);

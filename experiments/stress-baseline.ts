/**
 * Stress baseline: the baseline design (experiments/baseline.ts: the default
 * token economy, one year of daily ticks, 5 seeds) under four stress
 * scenarios from tick 180 — a 30% fall of the market factor over 5 ticks,
 * liquidity providers pulling 80% of their liquidity, 40% of stakers
 * unstaking all at once, and a 2M-token unlock (about 5% of supply) sold
 * in one swap — each run against the unshocked run (`none`) of the same
 * seed. The DePIN demand collapse needs a service market, which the
 * baseline has not (see docs/how-to/stress-tests.md).
 *
 *   npx tokensim run experiments/stress-baseline.ts
 *   npx tokensim compare results/stress-baseline/<time> --metric final_price
 *   npx tokensim run experiments/stress-baseline.ts --set scenarios.crash30.depth=0.5
 */
import { crash, defineExperiment, liquidityWithdrawal, massUnstake, runIfMain, unlockSale } from '../src';
import baseline from './baseline';

const experiment = defineExperiment({
  name: 'stress-baseline',
  description: 'The baseline token economy under a market crash, a liquidity withdrawal, a mass unstake and an unlock sold at once, each against the unshocked run of the same seed.',
  model: baseline.model,
  seeds: baseline.seeds,
  ticks: baseline.ticks,
  scenarios: {
    crash30: crash({ at: 180, depth: 0.3, ticks: 5 }),
    lpExit80: liquidityWithdrawal({ at: 180, share: 0.8 }),
    unstake40: massUnstake({ at: 180, share: 0.4 }),
    unlock2m: unlockSale({ at: 180, tokens: 2_000_000, sellShare: 1 }),
  },
});

export default experiment;
runIfMain(module, experiment);

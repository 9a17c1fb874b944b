/**
 * Proof of liquidity, Berachain-like: how incentives ("bribes") and
 * validators' allocation rules route the BGT emission over reward vaults,
 * and what that does to where LP capital sits, how much of it there is,
 * and the BERA price.
 *
 * The market alone (traders, AMM, exchange, arbitrage; experiments/market-only.ts)
 * with the proof-of-liquidity block: four vaults with the same fees
 * (USD 300k a year each, USD 5M of LP capital each at genesis), three of
 * them whitelisted; three validators (40% and 35% of stake bribe-max, 25%
 * uniform); 20,000 BGT a day; depositors redeem 5% of their BGT a day and
 * sell half the BERA; boosters' incentives (95% of them) buy BERA, as
 * the incentive auction does. The same seeds under each variant.
 *
 *   npx tokensim run experiments/proof-of-liquidity.ts
 *   npx ts-node experiments/proof-of-liquidity.ts --seeds 2 --ticks 120
 */
import { defineExperiment, proofOfLiquidity, proofOfLiquidityDefaults, runIfMain, type RewardVault } from '../src';
import { marketOnly } from './market-only';

/** The default vaults with incentives per BGT of `bribes`, in their order (bera-honey, lend, perps, unlisted). */
const withBribes = (...bribes: number[]): RewardVault[] => proofOfLiquidityDefaults.vaults.map((v, k) => ({ ...v, bribeUsdPerBgt: bribes[k] }));

const experiment = defineExperiment({
  name: 'proof-of-liquidity',
  description: 'No incentives vs even incentives vs one protocol outbidding the others (with the cap at 0.5, 1 and 0.34): BGT routing, LP capital per vault and in total, BERA price, incentives paid.',
  model: marketOnly.with(proofOfLiquidity),
  params: { traders: { count: 200 }, proofOfLiquidity: { incentiveAuctionShare: 1 } },
  variants: {
    noBribes: {},
    // Every whitelisted vault pays USD 0.10 per BGT (BGT worth about USD 1).
    evenBribes: { proofOfLiquidity: { vaults: withBribes(0.1, 0.1, 0.1, 0.1) } },
    // perps pays USD 0.15, the others 0.10: bribe-max validators fill it to the cap (0.5).
    outbid: { proofOfLiquidity: { vaults: withBribes(0.1, 0.1, 0.15, 0.1) } },
    // No cap: bribe-max validators send all their BGT to perps.
    outbidNoCap: { proofOfLiquidity: { vaults: withBribes(0.1, 0.1, 0.15, 0.1), maxWeightPerVault: 1 } },
    // A cap of 0.34: close to an even split over the three whitelisted vaults.
    outbidTightCap: { proofOfLiquidity: { vaults: withBribes(0.1, 0.1, 0.15, 0.1), maxWeightPerVault: 0.34 } },
  },
  seeds: 10,
  ticks: 365,
});

export default experiment;
runIfMain(module, experiment);

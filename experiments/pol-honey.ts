/**
 * Proof of liquidity with HONEY: protocols mint their incentives as HONEY
 * against USD collateral and pay them in it; boosters redeem HONEY for USD
 * to buy BERA in the incentive auction. What HoneyFactory's fees cost and
 * do, and how much HONEY the incentives leave outstanding.
 *
 * The proof-of-liquidity experiment's market, vaults and validators with
 * the `perps` vault outbidding (USD 0.15 per BGT against 0.10) and the
 * honey block. Variants: fee-free HONEY (mint and redeem 1:1, the same as
 * incentives in USD), HoneyFactory's default rates (0.9995 each way), and
 * the most fee its manager may set (0.98 each way); each with the
 * boosters auctioning all their incentives or half; and the `bera-honey`
 * vault's LP positions as 50/50 BERA–HONEY pairs (half its capital held
 * as HONEY) at the default and the maximum fees. The same seeds under
 * each variant.
 *
 *   npx tokensim run experiments/pol-honey.ts
 */
import { defineExperiment, honey, proofOfLiquidity, proofOfLiquidityDefaults, runIfMain, type RewardVault } from '../src';
import { marketOnly } from './market-only';

/** The default vaults, perps paying USD 0.15 per BGT and the others 0.10. */
const outbid: RewardVault[] = proofOfLiquidityDefaults.vaults.map((v, k) => ({ ...v, bribeUsdPerBgt: k === 2 ? 0.15 : 0.1 }));

const experiment = defineExperiment({
  name: 'pol-honey',
  description: 'Incentives paid in HONEY: fee-free vs HoneyFactory default vs maximum mint/redeem fees, auctioning all or half of the boosters’ HONEY, with and without BERA–HONEY LP positions: HONEY supply, collateral, fees, BERA price.',
  model: marketOnly.with(honey, proofOfLiquidity),
  params: { traders: { count: 200 }, proofOfLiquidity: { incentiveAuctionShare: 1, vaults: outbid } },
  variants: {
    feeFree: { honey: { mintRate: 1, redeemRate: 1 } },
    defaultFees: {},
    maxFees: { honey: { mintRate: 0.98, redeemRate: 0.98 } },
    feeFreeHalfAuction: { honey: { mintRate: 1, redeemRate: 1 }, proofOfLiquidity: { incentiveAuctionShare: 0.5 } },
    maxFeesHalfAuction: { honey: { mintRate: 0.98, redeemRate: 0.98 }, proofOfLiquidity: { incentiveAuctionShare: 0.5 } },
    // The bera-honey vault's LP positions are 50/50 BERA–HONEY: half its capital held as HONEY.
    defaultFeesLp: { honey: { lpVaults: ['bera-honey'] } },
    maxFeesLp: { honey: { mintRate: 0.98, redeemRate: 0.98, lpVaults: ['bera-honey'] } },
  },
  seeds: 10,
  ticks: 365,
});

export default experiment;
runIfMain(module, experiment);

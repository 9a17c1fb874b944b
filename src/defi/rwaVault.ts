import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import { last, meanAfterGenesis, spanYears, total } from '../metrics/series';
import { usdAsset } from './asset';
import { IssuedAsset } from './issuedAsset';
import { PairPool } from './pairPool';
import { rwaPort, type RealWorldAssetToken } from './ports';
import { RwaFund } from './rwaFund';

/** A scheduled default or custody loss: at tick `atTick` the off-chain assets are written down by `writeDown`. */
export const rwaEventSchema = z.object({ atTick: z.number().int().min(1), writeDown: z.number().min(0).max(1) }).strict();

/** Parameters of the tokenised real-world-asset vault. */
export const rwaVaultParamsSchema = z
  .object({
    /** NAV per unit at genesis, in USD. */
    navAtGenesis: z.number().positive().max(1e9),
    /** Yield of the off-chain assets, per year (0.05: a treasury-bill fund). */
    yieldPerYear: z.number().min(-1).max(1),
    /** Management fee, per year of the assets (OUSG: 0.0015). */
    feePerYear: z.number().min(0).max(1),
    /** Ticks the oracle's NAV lags the fund's (0: live). */
    navLagTicks: z.number().int().min(0).max(10_000),
    /** Ticks from a mint or redemption request to its settlement (the next tick at the earliest). */
    settlementTicks: z.number().int().min(0).max(10_000),
    /** `settlement`: priced at the NAV when they settle (forward pricing); `request`: at the oracle NAV when requested. */
    pricing: z.enum(['settlement', 'request']),
    /** Most USD the fund accepts in mint requests in a tick. */
    mintLimitUsdPerTick: z.number().min(0),
    /** Most oracle value the fund accepts in redemption requests in a tick. */
    redeemLimitUsdPerTick: z.number().min(0),
    /** Chance per year of a default or custody event among the off-chain assets (each draws from the block's stream). */
    defaultProbabilityPerYear: z.number().min(0).max(365),
    /** Share of the off-chain assets a random event writes down. */
    lossGivenDefault: z.number().min(0).max(1),
    /** Scheduled events. */
    events: z.array(rwaEventSchema),
    /** The secondary pool of the fund's token against USD, funded at genesis. */
    pool: z.object({ units: z.number().positive().max(1e15), feeBps: z.number().min(0).max(10_000) }).strict(),
  })
  .strict();
export type RwaVaultParams = z.infer<typeof rwaVaultParamsSchema>;

/** Returns the largest value of a recorded series (0 for none). */
function peak(xs: Float64Array | undefined): number {
  let m = 0;
  if (xs) for (let k = 0; k < xs.length; k++) if (xs[k] > m) m = xs[k];
  return m;
}

/** Returns price / nav − 1, a share; 0 when the NAV is 0 (a fund written off has no value to be at a premium to). */
function premium(price: number, nav: number): number {
  return nav > 0 ? price / nav - 1 : 0;
}

/**
 * The tokenised real-world-asset block: the fund (see `RwaFund`), its
 * token `RWA` on a ledger of its own, and a constant-product pool of the
 * token against USD. Phase `pre`: accrues yield and fee, draws and applies
 * default events (scheduled ones and, with chance
 * defaultProbabilityPerYear / ticksPerYear a tick, random ones of
 * `lossGivenDefault`), then settles the mints and redemptions due. Phase
 * `observe`: records the NAV for the lagged oracle. The pool's premium to
 * NAV is pool price / NAV − 1.
 */
export const rwaVault = defineBlock({
  key: 'rwaVault',
  kind: 'mechanism',
  description: 'tokenised real-world assets: off-chain yield, a lagged NAV oracle, mint and redeem with settlement delays and limits, default write-downs, a token/USD pool',
  sources: [
    'Ondo Finance CashManager.sol (requestMint, claimMint, setMintExchangeRate, requestRedemption, completeRedemptions; mintLimit and redeemLimit per epoch)',
    'MakerDAO rwa-toolkit (github.com/makerdao/rwa-toolkit): RwaLiquidationOracle.sol tell, cull (a defaulted vault written down)',
    'Centrifuge Tinlake (github.com/centrifuge/tinlake): NAVFeed.sol (NAV of off-chain loans, write-offs)',
    'ERC-7540 asynchronous ERC-4626 vaults (eips.ethereum.org/EIPS/eip-7540): requestDeposit, requestRedeem, pending and claimable requests; ERC-4626 (eips.ethereum.org/EIPS/eip-4626) convertToShares, convertToAssets at the NAV',
  ],
  params: {
    schema: rwaVaultParamsSchema,
    defaults: {
      navAtGenesis: 1,
      yieldPerYear: 0.05,
      feePerYear: 0.0015,
      navLagTicks: 1,
      settlementTicks: 1,
      pricing: 'settlement',
      mintLimitUsdPerTick: 1_000_000,
      redeemLimitUsdPerTick: 1_000_000,
      defaultProbabilityPerYear: 0,
      lossGivenDefault: 0.2,
      events: [],
      pool: { units: 300_000, feeBps: 30 },
    },
  },
  provides: [rwaPort],
  holders: {
    offchain: { circulating: false, description: "the fund's assets, held off chain by its custodian (USD)" },
    subscriptions: { circulating: false, description: 'USD of mint requests waiting to settle' },
    pool: { circulating: true, description: "the USD side of the RWA pool's reserves" },
  },
  metrics: {
    rwa_nav: { unit: 'USD/unit', description: "the fund's NAV: off-chain assets / units" },
    rwa_oracle_nav: { unit: 'USD/unit', description: 'the NAV the oracle reports (lagged)' },
    rwa_pool_price: { unit: 'USD/unit', description: 'the RWA pool price' },
    rwa_premium: { unit: 'share', description: 'pool price / NAV − 1 (negative: a discount; 0 when the NAV is 0)' },
    rwa_oracle_premium: { unit: 'share', description: 'pool price / oracle NAV − 1 (0 when the oracle NAV is 0)' },
    rwa_aum_usd: { unit: 'USD', description: 'assets off chain' },
    rwa_supply: { unit: 'units', description: 'units outstanding (those waiting to be redeemed included)' },
    rwa_redemption_queue: { unit: 'units', description: 'units waiting to be redeemed' },
    rwa_subscriptions_usd: { unit: 'USD', description: 'USD waiting to be invested' },
    rwa_yield_usd: { unit: 'USD', kind: 'flow', description: 'yield earned off chain since the previous row' },
    rwa_fee_usd: { unit: 'USD', kind: 'flow', description: 'management fee since the previous row' },
    rwa_writedown_usd: { unit: 'USD', kind: 'flow', description: 'assets written down by defaults since the previous row' },
    rwa_minted: { unit: 'units', kind: 'flow', description: 'units minted since the previous row' },
    rwa_redeemed_usd: { unit: 'USD', kind: 'flow', description: 'USD paid to redeemers since the previous row' },
    rwa_realised_yield: { unit: '1/year', description: 'annualised NAV return since genesis, (NAV_t / NAV_0)^(ticksPerYear / t) − 1 (0 at genesis)' },
  },
  kpis: {
    rwa_realised_yield: { unit: '1/year', description: 'annualised NAV return over the run, net of fees and write-downs' },
    total_rwa_writedown_usd: { unit: 'USD', description: 'assets written down over the run' },
    rwa_default_events: { unit: 'events', description: 'default or custody events over the run' },
    max_rwa_discount: { unit: 'share', description: 'largest discount of the pool price to NAV at a recorded tick (0 when never below)' },
    max_rwa_oracle_discount: { unit: 'share', description: 'largest discount of the pool price to the oracle NAV at a recorded tick (0 when never below)' },
    mean_rwa_premium: { unit: 'share', description: 'mean premium to NAV after genesis' },
    peak_rwa_redemption_queue: { unit: 'units', description: 'most units waiting to be redeemed at a recorded tick' },
  },
  build(ctx) {
    const p0 = ctx.params();
    const asset = new IssuedAsset('RWA', 'rwa', ctx.key);
    const pool = new PairPool(asset, usdAsset(ctx.ledger), asset.open('rwaVault.pool', { owner: ctx.key, circulating: true, description: "the RWA side of the RWA pool's reserves" }), ctx.account('pool'), p0.pool.feeBps);
    const escrow = asset.open('rwaVault.redemptions', { owner: ctx.key, circulating: false, description: 'units handed in for redemption, burned when paid' });
    const fund = new RwaFund(ctx.ledger, asset, ctx.account('offchain'), ctx.account('subscriptions'), escrow, pool, ctx.params, p0.navAtGenesis);
    const hazard = ctx.rng.fork('defaults');
    const api: RealWorldAssetToken = {
      asset,
      pool,
      fund,
      get oracleNav() {
        return fund.oracleNav;
      },
      get yieldPerYear() {
        return fund.yieldPerYear;
      },
      issueAtGenesis: (p, i, units) => fund.issueAtGenesis(p, i, units),
    };
    return {
      api,
      genesis: () => fund.fundPool(ctx.params().pool.units),
      hooks: {
        exogenous: (w) => {
          asset.beginTick(w.tick, w.check);
          pool.beginTick();
        },
        pre: (w) => {
          const p = ctx.params();
          fund.pre(w.tick, w.ticksPerYear);
          for (const e of p.events) if (e.atTick === w.tick) fund.writeDown(e.writeDown);
          if (p.defaultProbabilityPerYear > 0 && hazard.chance(p.defaultProbabilityPerYear / w.ticksPerYear)) fund.writeDown(p.lossGivenDefault);
          fund.settle();
        },
        observe: (w) => {
          fund.observe(w.tick);
          if (w.check) asset.check(w.tick);
        },
      },
      metrics: {
        rwa_nav: () => fund.trueNav,
        rwa_oracle_nav: () => fund.oracleNav,
        rwa_pool_price: () => pool.price,
        rwa_premium: () => premium(pool.price, fund.trueNav),
        rwa_oracle_premium: () => premium(pool.price, fund.oracleNav),
        rwa_aum_usd: () => fund.aumUsd,
        rwa_supply: () => asset.supply,
        rwa_redemption_queue: () => fund.redemptions.pendingUnits,
        rwa_subscriptions_usd: () => fund.mints.pendingUnits,
        rwa_yield_usd: () => fund.yieldThisTick,
        rwa_fee_usd: () => fund.feeThisTick,
        rwa_writedown_usd: () => fund.writtenDownThisTick,
        rwa_minted: () => fund.mintedThisTick,
        rwa_redeemed_usd: () => fund.redeemedUsdThisTick,
        rwa_realised_yield: () => (ctx.world.tick > 0 ? Math.pow(fund.trueNav / ctx.params().navAtGenesis, ctx.world.ticksPerYear / ctx.world.tick) - 1 : 0),
      },
      summary: ({ series, ticks, world }) => {
        const years = spanYears(ticks, world.ticksPerYear);
        const nav = series.rwa_nav;
        return {
          rwa_realised_yield: years > 0 && nav ? Math.pow(last(series, 'rwa_nav') / nav[0], 1 / years) - 1 : 0,
          total_rwa_writedown_usd: total(series, 'rwa_writedown_usd'),
          rwa_default_events: fund.events,
          max_rwa_discount: peak(series.rwa_premium ? series.rwa_premium.map((x) => -x) : undefined),
          max_rwa_oracle_discount: peak(series.rwa_oracle_premium ? series.rwa_oracle_premium.map((x) => -x) : undefined),
          mean_rwa_premium: meanAfterGenesis(series, 'rwa_premium'),
          peak_rwa_redemption_queue: peak(series.rwa_redemption_queue),
        };
      },
    };
  },
});

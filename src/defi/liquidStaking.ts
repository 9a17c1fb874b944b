import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import { marketPort } from '../market/amm';
import { staking, stakingColumns } from '../mechanisms/staking';
import { treasury } from '../mechanisms/treasury';
import { last, meanAfterGenesis, total } from '../metrics/series';
import { tokenAsset } from './asset';
import { IssuedAsset } from './issuedAsset';
import { LstProvider } from './lstProvider';
import { PairPool } from './pairPool';
import { lstPort, type LiquidStakingToken } from './ports';

/** Parameters of the liquid-staking provider. */
export const liquidStakingParamsSchema = z
  .object({
    /** Share of staking rewards the provider keeps, paid to the treasury, in [0, 1] (Lido: 0.1). */
    feeShare: z.number().min(0).max(1),
    /** Ticks from a redemption request to its payment; at least the staking block's unbonding period. */
    redemptionDelayTicks: z.number().int().min(0).max(100_000),
    /** The secondary pool of the LST against the token, funded at genesis. */
    pool: z
      .object({
        /** LST in the pool at genesis (backed by as many tokens minted and staked). */
        lstReserve: z.number().positive().max(1e15),
        /** Tokens in the pool at genesis (minted). */
        tokenReserve: z.number().positive().max(1e15),
        /** Swap fee on the input, in basis points (Curve's stETH pool: 1 to 4). */
        feeBps: z.number().min(0).max(10_000),
      })
      .strict(),
  })
  .strict();
export type LiquidStakingParams = z.infer<typeof liquidStakingParamsSchema>;

/** Returns the largest value of a recorded series (0 for none). */
function peak(xs: Float64Array | undefined): number {
  let m = 0;
  if (xs) for (let k = 0; k < xs.length; k++) if (xs[k] > m) m = xs[k];
  return m;
}

/**
 * The liquid-staking block: the provider (see `LstProvider`) staking
 * through the model's staking block, its token `stTOKEN` on a ledger of its
 * own, the redemption queue, and a constant-product pool of the LST
 * against the token where the LST can trade below its redemption value.
 * Phase `pre` (after the staking pool releases what unbonded): pays due
 * redemptions and restakes. The pool's discount to the exchange rate is
 * the depeg: 1 − pool price / r.
 *
 * Refused before any run: a redemption delay below the staking block's
 * unbonding period (the provider could not pay in time).
 */
export const liquidStaking = defineBlock({
  key: 'liquidStaking',
  kind: 'mechanism',
  description: 'liquid staking: stake through a provider for an LST priced by an exchange rate, a redemption queue bounded by the unbonding period, an LST/token pool',
  sources: [
    'Lido (github.com/lidofinance/lido-dao): contracts/0.4.24/Lido.sol submit, getPooledEthByShares; contracts/0.8.9/WithdrawalQueue.sol requestWithdrawals, claimWithdrawal',
    'Rocket Pool (github.com/rocket-pool/rocketpool): contracts/contract/token/RocketTokenRETH.sol getExchangeRate, getRethValue, getEthValue, burn',
    'constant-product pool for the LST/token market: Uniswap v2 (github.com/Uniswap/v2-periphery) contracts/libraries/UniswapV2Library.sol getAmountOut, the fee on the input',
  ],
  params: {
    schema: liquidStakingParamsSchema,
    defaults: { feeShare: 0.1, redemptionDelayTicks: 14, pool: { lstReserve: 500_000, tokenReserve: 500_000, feeBps: 4 } },
  },
  needs: { staking, treasury, market: marketPort },
  provides: [lstPort],
  holders: { pool: { circulating: true, description: "the token side of the LST pool's reserves" } },
  check(p, all) {
    const unbonding = (all.staking as { unbondingTicks?: number } | undefined)?.unbondingTicks ?? 0;
    return p.redemptionDelayTicks < unbonding
      ? [{ path: 'redemptionDelayTicks', message: `is ${p.redemptionDelayTicks} ticks, below the unbonding period staking.unbondingTicks = ${unbonding}: the provider's unstaked tokens could not arrive in time` }]
      : [];
  },
  metrics: {
    lst_supply: { unit: 'LST', description: 'LST outstanding (the queue excluded)' },
    lst_exchange_rate: { unit: 'tokens/LST', description: 'tokens one LST redeems for' },
    lst_pool_price: { unit: 'tokens/LST', description: 'the LST pool price' },
    lst_discount: { unit: 'share', description: '1 − pool price / exchange rate: the depeg (negative at a premium)' },
    lst_backing: { unit: 'tokens', description: 'tokens behind the LST outstanding (staked, unbonding and liquid, less what the queue is owed)' },
    lst_queue: { unit: 'LST', description: 'LST waiting in the redemption queue' },
    lst_queue_tokens: { unit: 'tokens', description: 'tokens owed to the redemption queue' },
    lst_requested: { unit: 'LST', kind: 'flow', description: 'LST handed to the queue since the previous row' },
    lst_redeemed: { unit: 'tokens', kind: 'flow', description: 'tokens paid to redeemers since the previous row' },
    lst_deposited: { unit: 'tokens', kind: 'flow', description: 'tokens staked through the provider since the previous row' },
    lst_rewards: { unit: 'tokens', kind: 'flow', description: "staking rewards earned by LST holders since the previous row, net of the provider's fee" },
    lst_apr: { unit: '1/year', description: 'staking yield of LST holders at the current reward rate, net of the fee' },
    lst_pool_volume: { unit: 'tokens', kind: 'flow', description: 'LST pool volume since the previous row, in tokens' },
  },
  kpis: {
    max_lst_discount: { unit: 'share', description: 'largest discount of the LST pool price to the exchange rate at a recorded tick' },
    mean_lst_discount: { unit: 'share', description: 'mean discount after genesis' },
    lst_depeg_ticks: { unit: 'ticks', description: 'recorded ticks with a discount above 1%' },
    peak_lst_queue: { unit: 'LST', description: 'most LST waiting in the queue at a recorded tick' },
    total_lst_redeemed: { unit: 'tokens', description: 'tokens paid to redeemers over the run' },
    final_lst_exchange_rate: { unit: 'tokens/LST', description: 'exchange rate at the last tick' },
  },
  build(ctx) {
    const { pop } = ctx.population(stakingColumns, { circulating: false });
    const asset = new IssuedAsset('stTOKEN', 'lst', ctx.key);
    const pool = new PairPool(asset, tokenAsset(ctx.ledger), asset.open('liquidStaking.pool', { owner: ctx.key, circulating: true, description: "the LST side of the LST pool's reserves" }), ctx.account('pool'), ctx.params().pool.feeBps);
    const queue = asset.open('liquidStaking.queue', { owner: ctx.key, circulating: false, description: 'LST handed in for redemption, burned when paid' });
    const st = ctx.deps.staking;
    const fee = ctx.deps.treasury.incomeFromAgents(pop, 'fees');
    const provider = new LstProvider(ctx.ledger, asset, pop, st.attach(pop), st, queue, pool, fee, ctx.params);
    const api: LiquidStakingToken = {
      asset,
      pool,
      provider,
      get exchangeRate() {
        return provider.exchangeRate;
      },
      get apr() {
        return provider.apr;
      },
      deposit: (p, i, tokens) => provider.deposit(p, i, tokens),
      issueAtGenesis: (p, i, units) => provider.issueAtGenesis(p, i, units),
    };
    const discount = () => 1 - pool.price / provider.exchangeRate;
    return {
      api,
      genesis: () => {
        pop.add(1);
        const p = ctx.params().pool;
        provider.fundPool(p.lstReserve, p.tokenReserve);
      },
      hooks: {
        exogenous: (w) => {
          asset.beginTick(w.tick, w.check);
          pool.beginTick();
        },
        pre: (w) => provider.pre(w.tick),
        observe: (w) => {
          if (w.check) asset.check(w.tick);
        },
      },
      metrics: {
        lst_supply: () => provider.outstanding,
        lst_exchange_rate: () => provider.exchangeRate,
        lst_pool_price: () => pool.price,
        lst_discount: discount,
        lst_backing: () => provider.backing,
        lst_queue: () => provider.queue.pendingUnits,
        lst_queue_tokens: () => provider.queue.pendingOwed,
        lst_requested: () => provider.requestedThisTick,
        lst_redeemed: () => provider.redeemedThisTick,
        lst_deposited: () => provider.depositedThisTick,
        lst_rewards: () => provider.rewardsThisTick,
        lst_apr: () => provider.apr,
        lst_pool_volume: () => pool.volumeQuote,
      },
      summary: ({ series }) => ({
        max_lst_discount: peak(series.lst_discount),
        mean_lst_discount: meanAfterGenesis(series, 'lst_discount'),
        lst_depeg_ticks: series.lst_discount ? series.lst_discount.filter((d) => d > 0.01).length : 0,
        peak_lst_queue: peak(series.lst_queue),
        total_lst_redeemed: total(series, 'lst_redeemed'),
        final_lst_exchange_rate: last(series, 'lst_exchange_rate'),
      }),
    };
  },
});

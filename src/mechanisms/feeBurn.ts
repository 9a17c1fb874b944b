import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import { marketPort } from '../market/amm';
import { total } from '../metrics/series';
import { treasury } from './treasury';

/** Parameters of the fee burn. */
export const feeBurnParamsSchema = z
  .object({
    /** Share of every AMM swap fee taken from the pool and burned, in [0, 1]. */
    feeShare: z.number().min(0).max(1),
    /**
     * What happens to the USD-side share: `buyAndBurn` buys tokens with it on
     * the pool at the end of the tick and burns them; `treasury` pays it to
     * the treasury as protocol revenue.
     */
    usdFees: z.enum(['buyAndBurn', 'treasury']),
  })
  .strict();
export type FeeBurnParams = z.infer<typeof feeBurnParamsSchema>;

/** What the fee burn did this tick. */
export interface FeeBurnApi {
  /** Tokens burned this tick. */
  burnedThisTick: number;
  /** USD paid to the treasury this tick (`usdFees: 'treasury'`). */
  treasuryUsdThisTick: number;
}

/**
 * The fee burn. A share s = `feeShare` of every AMM fee leaves the pool
 * (the pool's protocol fee share): at the end of the tick the token side is
 * burned, and the USD side either buys tokens on the pool (without a
 * protocol fee), which are burned too (`buyAndBurn`), or goes to the
 * treasury as `fees` revenue. With fee f on a sell of a tokens, a·f·s tokens
 * are burned. Phase `pre` sets the pool's protocol share from the
 * parameters (so governance changes apply from the next tick); phase `post`
 * burns.
 */
export const feeBurn = defineBlock({
  key: 'feeBurn',
  kind: 'mechanism',
  description: 'burns a share of AMM swap fees (USD side bought back and burned, or paid to the treasury)',
  sources: ['EIP-1559-style fee burn applied to swap fees; Uniswap v2 protocol fee switch (UniswapV2Pair._mintFee)'],
  params: { schema: feeBurnParamsSchema, defaults: { feeShare: 0.5, usdFees: 'buyAndBurn' } },
  needs: { market: marketPort },
  uses: { treasury },
  metrics: {
    fee_burn: { unit: 'tokens', kind: 'flow', description: 'tokens burned from swap fees since the previous row' },
    burn_share: { unit: 'share', description: 'the fee share burned, in force (governance may change it)' },
  },
  kpis: { total_fee_burn: { unit: 'tokens', description: 'tokens burned from swap fees over the run' } },
  build(ctx) {
    const pool = ctx.deps.market;
    const t = ctx.deps.treasury;
    const burn = ctx.ledger.route(pool.fees, 'burn', 'fee burn');
    const buyback = pool.trader(pool.fees, pool.fees, 'fee buyback', false);
    const api: FeeBurnApi = { burnedThisTick: 0, treasuryUsdThisTick: 0 };
    return {
      api,
      hooks: {
        pre: () => {
          pool.protocolFeeShare = ctx.params().feeShare;
        },
        post: () => {
          api.treasuryUsdThisTick = 0;
          const usd = pool.fees.usd;
          if (usd > 0) {
            if (ctx.params().usdFees === 'buyAndBurn' || !t) buyback.buy(usd);
            else {
              t.receive(pool.fees, usd, 'fees', 'usd');
              api.treasuryUsdThisTick = usd;
            }
          }
          const burned = pool.fees.tokens;
          if (burned > 0) burn.move(burned);
          api.burnedThisTick = burned;
        },
      },
      metrics: { fee_burn: () => api.burnedThisTick, burn_share: () => ctx.params().feeShare },
      summary: ({ series }) => ({ total_fee_burn: total(series, 'fee_burn') }),
    };
  },
});

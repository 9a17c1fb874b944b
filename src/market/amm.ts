import { z } from '../core/zod';
import { defineBlock, port } from '../core/block';
import { annualisedVolatility, maxDrawdown, mean } from '../metrics/stats';
import { last, total } from '../metrics/series';
import { ConstantProductPool } from './constantProductPool';

/** Parameters of a constant-product pool. */
export const ammParamsSchema = z
  .object({
    /** Initial token reserve, in tokens. */
    tokenReserve: z.number().positive().max(1e15),
    /** Initial USD reserve, in USD. */
    usdReserve: z.number().positive().max(1e15),
    /** Swap fee on the input amount, in basis points (30 = 0.3%). */
    feeBps: z.number().min(0).max(10_000),
  })
  .strict();
export type AmmParams = z.infer<typeof ammParamsSchema>;

/** The token's reference market: where its price is made and agents trade. */
export const marketPort = port<ConstantProductPool>('market');

/**
 * The token's AMM pool against USD (see `ConstantProductPool`), funded at
 * genesis with `tokenReserve` minted tokens and `usdReserve` USD from
 * outside, which holds the pool's first √(x₀ y₀) LP shares (protocol-owned
 * liquidity; liquidity providers add and remove theirs on top). Its price
 * is the model's token price; its fee follows
 * `amm.feeBps` through parameter changes; its per-tick counters reset at
 * the start of each tick (phase `exogenous`), keeping the last tick's.
 */
export const amm = defineBlock({
  key: 'amm',
  kind: 'market',
  description: 'constant-product AMM pool of the token against USD; its price is the token price',
  sources: ['Uniswap v2 (github.com/Uniswap/v2-core, UniswapV2Pair.sol; v2-periphery UniswapV2Library.getAmountOut/getAmountIn)'],
  params: { schema: ammParamsSchema, defaults: { tokenReserve: 3_000_000, usdReserve: 3_000_000, feeBps: 30 } },
  provides: [marketPort],
  holders: {
    '': { circulating: true, description: 'the pool reserves (tokens and USD)' },
    fees: { circulating: true, description: "the protocol's share of swap fees, not yet collected" },
  },
  metrics: {
    price: { unit: 'USD/token', description: 'AMM marginal price (USD reserve / token reserve)' },
    volume: { unit: 'USD', kind: 'flow', description: 'AMM swap volume since the previous row' },
    fees_usd: { unit: 'USD', kind: 'flow', description: 'AMM swap fees since the previous row (token-side fees at the price)' },
    liquidity_usd: { unit: 'USD', description: 'value of the pool reserves (2 × USD reserve)' },
  },
  kpis: {
    final_price: { unit: 'USD/token', description: 'price at the last tick' },
    mean_price: { unit: 'USD/token', description: 'mean price over the recorded rows' },
    volatility: { unit: '1/√year', description: 'annualised standard deviation of log returns between recorded rows' },
    max_drawdown: { unit: 'share', description: 'largest fall from a running peak of the price, as a share of the peak' },
    total_volume: { unit: 'USD', description: 'AMM volume over the run' },
  },
  build(ctx) {
    const p = ctx.params();
    const pool = new ConstantProductPool(ctx.ledger, ctx.account(''), ctx.account('fees'), p.feeBps);
    ctx.world.onParamChange(() => {
      pool.fee = ctx.params().feeBps / 10_000;
    });
    ctx.world.priceSource = () => pool.price;
    return {
      api: pool,
      hooks: { exogenous: () => pool.beginTick() },
      genesis: () => {
        ctx.ledger.route('mint', pool.reserves, 'genesis').move(p.tokenReserve);
        ctx.ledger.route('outside', pool.reserves, 'genesis', 'usd').move(p.usdReserve);
        pool.seed();
      },
      metrics: {
        price: () => pool.price,
        volume: () => pool.volumeUsd,
        fees_usd: () => pool.feesUsd + pool.feesTokens * pool.price,
        liquidity_usd: () => 2 * pool.usdReserve,
      },
      summary: ({ series, ticks, world }) => {
        const step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
        return {
          final_price: last(series, 'price'),
          mean_price: mean(series.price),
          volatility: annualisedVolatility(series.price, world.ticksPerYear / step),
          max_drawdown: maxDrawdown(series.price),
          total_volume: total(series, 'volume'),
        };
      },
    };
  },
});

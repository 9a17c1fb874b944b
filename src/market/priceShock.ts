import { z } from 'zod';
import { defineBlock } from '../core/block';
import { total } from '../metrics/series';
import { marketPort } from './amm';

/** Parameters of the price shock: a holder who sells a block of tokens on the AMM. */
export const priceShockParamsSchema = z
  .object({
    /** Tokens the seller holds from genesis (minted then, so they count in supply from the start). */
    tokens: z.number().min(0).max(1e15),
    /** Tick of the first sale; null never sells. */
    atTick: z.number().int().min(1).nullable(),
    /** Ticks over which it sells them, in equal parts. */
    overTicks: z.number().int().min(1),
  })
  .strict();
export type PriceShockParams = z.infer<typeof priceShockParamsSchema>;

/**
 * A price shock: a holder of `tokens` tokens (minted at genesis, so supply
 * is the same with and without the shock) sells them on the AMM in
 * `overTicks` equal parts from tick `atTick`, in phase `pre`, before any
 * agent acts; the USD it gets stays in its account. Selling a share s of
 * the pool's token reserve at once moves a constant-product price to
 * p · 1 / (1 + s(1 − f))² — 1M tokens into a 3M-token pool is −44%.
 */
export const priceShock = defineBlock({
  key: 'priceShock',
  kind: 'scenario',
  description: 'price shock: a holder sells a block of tokens on the AMM at a set tick (a hack, an unlock, a fund unwinding)',
  sources: ['constant-product price impact: Angeris, Kao, Chiang, Noyes & Chitra (2019), "An analysis of Uniswap markets", Cryptoeconomic Systems'],
  params: { schema: priceShockParamsSchema, defaults: { tokens: 0, atTick: null, overTicks: 1 } },
  needs: { market: marketPort },
  holders: { '': { circulating: true, description: "the seller's tokens and the USD it sold them for" } },
  metrics: { shock_sold: { unit: 'tokens', kind: 'flow', description: 'tokens the shock seller sold since the previous row' } },
  kpis: { total_shock_sold: { unit: 'tokens', description: 'tokens the shock seller sold over the run' } },
  build(ctx) {
    const account = ctx.account('');
    const trader = ctx.deps.market.trader(account, account, 'price shock');
    let sold = 0;
    return {
      api: account,
      genesis: () => {
        const p = ctx.params();
        if (p.tokens > 0) ctx.ledger.route('mint', account, 'genesis').move(p.tokens);
      },
      hooks: {
        pre: (w) => {
          sold = 0;
          const p = ctx.params();
          if (p.atTick === null || w.tick < p.atTick || w.tick >= p.atTick + p.overTicks) return;
          const part = Math.min(account.tokens, p.tokens / p.overTicks);
          if (part > 0) trader.sell(part);
          sold = part;
        },
      },
      metrics: { shock_sold: () => sold },
      summary: ({ series }) => ({ total_shock_sold: total(series, 'shock_sold') }),
    };
  },
});

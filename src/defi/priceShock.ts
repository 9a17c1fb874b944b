import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import { total } from '../metrics/series';
import { marketPort } from '../market/amm';

/** Parameters of the price shock: a holder who sells a block of tokens on the AMM. */
export const priceShockParamsSchema = z
  .object({
    /** Tokens the seller holds from genesis (minted then, so they count in supply from the start). */
    tokens: z.number().min(0).max(1e15),
    /** Whether it sells them (false: the same holder keeps them, the counterfactual). */
    sells: z.boolean(),
    /** Tick of the first sale, and the start of the window the shock is measured over. */
    atTick: z.number().int().min(1),
    /** Ticks over which it sells them, in equal parts. */
    overTicks: z.number().int().min(1),
    /** Ticks after `atTick` the shock's drawdown and price change are measured over. */
    windowTicks: z.number().int().min(1),
  })
  .strict();
export type PriceShockParams = z.infer<typeof priceShockParamsSchema>;

/**
 * A price shock: a holder of `tokens` tokens (minted at genesis, so supply
 * is the same with and without the shock) sells them on the AMM in
 * `overTicks` equal parts from tick `atTick` when `sells`, in phase `pre`,
 * before any agent acts; the USD it gets stays in its account. Selling a
 * share s of the pool's token reserve at once moves a constant-product
 * price to p / (1 + s(1 − f))² — 1M tokens into a 3M-token pool is −44%.
 * KPIs over the window [atTick, atTick + windowTicks], against the price at
 * atTick − 1 (whether it sells or not, so a counterfactual run measures the
 * same window): the drawdown 1 − min p / p(atTick − 1) and the change
 * p(atTick + windowTicks) / p(atTick − 1) − 1 (at the nearest recorded rows).
 */
export const priceShock = defineBlock({
  key: 'priceShock',
  kind: 'scenario',
  description: 'price shock: a holder sells a block of tokens on the AMM at a set tick (a hack, an unlock, a fund unwinding)',
  sources: ['constant-product price impact: Angeris, Kao, Chiang, Noyes & Chitra (2019), "An analysis of Uniswap markets", Cryptoeconomic Systems'],
  params: { schema: priceShockParamsSchema, defaults: { tokens: 0, sells: false, atTick: 1, overTicks: 1, windowTicks: 30 } },
  needs: { market: marketPort },
  holders: { '': { circulating: true, description: "the seller's tokens and the USD it sold them for" } },
  metrics: { shock_sold: { unit: 'tokens', kind: 'flow', description: 'tokens the shock seller sold since the previous row' } },
  kpis: {
    total_shock_sold: { unit: 'tokens', description: 'tokens the shock seller sold over the run' },
    shock_drawdown: { unit: 'share', description: 'largest fall of the price in the window from its level at atTick − 1, as a share of it (0 when it never fell)' },
    shock_price_change: { unit: 'share', description: 'price at the end of the window / price at atTick − 1 − 1' },
  },
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
          if (!p.sells || w.tick < p.atTick || w.tick >= p.atTick + p.overTicks) return;
          const part = Math.min(account.tokens, p.tokens / p.overTicks);
          if (part > 0) trader.sell(part);
          sold = part;
        },
      },
      metrics: { shock_sold: () => sold },
      summary: ({ series, ticks }) => {
        const p = ctx.params();
        const price = series.price;
        const row = (t: number) => {
          let k = 0;
          while (k + 1 < ticks.length && ticks[k + 1] <= t) k++;
          return k;
        };
        const from = row(p.atTick - 1);
        const to = row(p.atTick + p.windowTicks);
        let low = price[from];
        for (let k = from; k <= to; k++) if (price[k] < low) low = price[k];
        return {
          total_shock_sold: total(series, 'shock_sold'),
          shock_drawdown: 1 - low / price[from],
          shock_price_change: price[to] / price[from] - 1,
        };
      },
    };
  },
});

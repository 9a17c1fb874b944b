import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import { mean } from '../metrics/stats';
import { total } from '../metrics/series';
import { marketPort } from './amm';
import { ImpactVenue } from './impactVenue';

/** Parameters of the external order-book market. */
export const exchangeParamsSchema = z
  .object({
    /** USD a market buy needs to move the mid up 2% at the initial price (the book's "2% depth"). */
    depth2PctUsd: z.number().positive().max(1e13),
    /** Taker fee on the USD side of every trade, in basis points, paid to the exchange (outside the model). */
    feeBps: z.number().min(0).max(1000),
    /** Mid, as a multiple of the initial price, at which the makers' tokens run out (> 1). */
    maxPriceMultiple: z.number().gt(1).max(1e6),
  })
  .strict();
export type ExchangeParams = z.infer<typeof exchangeParamsSchema>;

/**
 * The external order-book market (`ImpactVenue`): a centralised exchange
 * deeper than the AMM, opened at genesis at the AMM's price with its
 * makers' inventory (tokens minted, USD from outside; see `ImpactVenue.open`).
 * Its mid is made by the flows through it, like the pool's price;
 * arbitrageurs keep the two in line. As the deepest venue its mid is the
 * token's reference price: the price history agents read (`world.priceAt`)
 * and the series the stylised facts are measured on; the AMM's price, the
 * `price` column, stays within the arbitrage band around it. Its counters
 * reset in phase `exogenous`.
 */
export const exchange = defineBlock({
  key: 'exchange',
  kind: 'market',
  description: 'external order-book market: constant depth per unit of log price (linear impact), a taker fee, makers\' inventory',
  sources: [
    'linear permanent impact λ = 1/depth: Kyle (1985), "Continuous auctions and insider trading", Econometrica 53',
    '2% market depth as the liquidity measure of centralised exchanges: Kaiko research (2022–2024)',
  ],
  params: { schema: exchangeParamsSchema, defaults: { depth2PctUsd: 100_000, feeBps: 10, maxPriceMultiple: 4 } },
  needs: { market: marketPort },
  holders: { '': { circulating: true, description: "the exchange's market makers' inventory (tokens and USD)" } },
  metrics: {
    exchange_price: { unit: 'USD/token', description: "the exchange's mid" },
    exchange_volume: { unit: 'USD', kind: 'flow', description: 'exchange volume since the previous row' },
    exchange_fees_usd: { unit: 'USD', kind: 'flow', description: 'exchange taker fees (paid out of the model) since the previous row' },
    price_gap: { unit: 'share', description: 'AMM price / exchange mid − 1' },
  },
  kpis: {
    exchange_volume_share: { unit: 'share', description: 'exchange volume / (exchange + AMM volume) over the run (0 when nothing traded)' },
    mean_abs_price_gap: { unit: 'share', description: 'mean |AMM price / exchange mid − 1| over the recorded rows' },
  },
  build(ctx) {
    const p = ctx.params();
    const venue = new ImpactVenue(ctx.ledger, ctx.account(''), p.depth2PctUsd, p.feeBps);
    const pool = ctx.deps.market;
    ctx.world.onParamChange(() => {
      venue.fee = ctx.params().feeBps / 10_000;
    });
    ctx.world.priceSource = () => venue.price;
    return {
      api: venue,
      hooks: { exogenous: () => venue.beginTick() },
      genesis: () => {
        const need = venue.open(pool.price, p.maxPriceMultiple);
        ctx.ledger.route('mint', venue.inventory, 'genesis').move(need.tokens);
        ctx.ledger.route('outside', venue.inventory, 'genesis', 'usd').move(need.usd);
      },
      metrics: {
        exchange_price: () => venue.price,
        exchange_volume: () => venue.volumeUsd,
        exchange_fees_usd: () => venue.feesUsd,
        price_gap: () => pool.price / venue.price - 1,
      },
      summary: ({ series }) => {
        const ex = total(series, 'exchange_volume');
        const amm = series.volume ? total(series, 'volume') : 0;
        const gaps = series.price_gap.map(Math.abs);
        return { exchange_volume_share: ex + amm > 0 ? ex / (ex + amm) : 0, mean_abs_price_gap: gaps.length ? mean(gaps) : 0 };
      },
    };
  },
});

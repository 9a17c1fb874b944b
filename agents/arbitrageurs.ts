import { z } from '../src/core/zod';
import { defineBlock } from '../src/core/block';
import { distributionSchema } from '../src/core/distributions';
import { addEndowed } from '../src/core/genesis';
import type { Ledger } from '../src/core/ledger';
import type { Population } from '../src/core/population';
import type { Route } from '../src/core/route';
import type { World } from '../src/core/world';
import { marketPort } from '../src/market/amm';
import { exchange } from '../src/market/exchange';
import type { Venue } from '../src/market/venue';
import { total } from '../src/metrics/series';

/** Parameters of the arbitrageurs. */
export const arbitrageursParamsSchema = z
  .object({
    count: z.number().int().min(0).max(10_000),
    /** Starting USD of each (their capital; the tokens of a round trip are bought and sold in the same tick). */
    initialUsd: distributionSchema,
    /** Gas and transfer cost of one round trip, in USD, paid out of the model. */
    gasUsd: z.number().min(0).max(1e9),
    /** Round trips per tick at most (all arbitrageurs together). */
    maxTrips: z.number().int().min(0).max(1000),
  })
  .strict();
export type ArbitrageursParams = z.infer<typeof arbitrageursParamsSchema>;

const ITERATIONS = 50;

/**
 * Returns the USD x in [0, budget] that maximises the round trip's profit
 * buy(x) on `cheap`, sell those tokens on `dear`: π(x) = S(B(x)) − x, with
 * B the cheap venue's tokens out and S the dear venue's USD out, both fees
 * included. π is concave, so its maximum is where the marginal return of
 * the last dollar, S'(B(x)) · B'(x), falls to 1: bisection on it. 0 when
 * even the first dollar loses (the prices are within the venues' fees).
 */
export function optimalTrip(cheap: Venue, dear: Venue, budget: number): number {
  const gain = (x: number) => dear.marginalSell(cheap.quoteBuy(x)) * cheap.marginalBuy(x);
  if (!(budget > 0) || gain(0) <= 1) return 0;
  if (gain(budget) >= 1) return budget;
  let lo = 0;
  let hi = budget;
  for (let k = 0; k < ITERATIONS; k++) {
    const mid = 0.5 * (lo + hi);
    if (gain(mid) > 1) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Arbitrageurs between the AMM pool and the external exchange (phase
 * `post`, after every other trade of the tick): while the venues' prices
 * differ by more than their fees, the one with most USD buys on the cheaper
 * venue the amount `optimalTrip` finds and sells it on the dearer, when the
 * trip's profit beats the gas cost `gasUsd` (paid out of the model). Each
 * trip brings the two prices to where the marginal round trip breaks even,
 * so after arbitrage the pool price and the exchange mid differ by at most
 * the fees (Makarov & Schoar, "Trading and arbitrage in cryptocurrency
 * markets", J. Financial Economics 135, 2020, measure such gaps).
 */
export class Arbitrageurs {
  readonly name: string;
  /** Profit (after gas) and volume of this tick's round trips, in USD, and their number. */
  profitUsd = 0;
  volumeUsd = 0;
  trips = 0;
  private readonly gas: Route;

  constructor(
    readonly population: Population,
    private readonly params: () => ArbitrageursParams,
    private readonly pool: Venue,
    private readonly book: Venue,
    ledger: Ledger,
  ) {
    this.name = population.name;
    this.gas = ledger.route(ledger.pocket(population.account!, population, 'usd', 'usd'), 'outside', 'gas', 'usd');
  }

  /** Phase `post`: round trips until none pays its gas, or `maxTrips`. */
  post(): void {
    const p = this.params();
    this.profitUsd = 0;
    this.volumeUsd = 0;
    this.trips = 0;
    const pop = this.population;
    for (let trip = 0; trip < p.maxTrips; trip++) {
      const i = this.richest();
      if (i < 0) return;
      const cheapPool = this.pool.price < this.book.price;
      const cheap = cheapPool ? this.pool : this.book;
      const dear = cheapPool ? this.book : this.pool;
      const usd = pop.cols.usd[i];
      const x = optimalTrip(cheap, dear, usd - p.gasUsd);
      if (!(x > 0)) return;
      const profit = dear.quoteSell(cheap.quoteBuy(x)) - x - p.gasUsd;
      if (!(profit > 0)) return;
      const before = pop.cols.usd[i];
      const tokens = cheap.buyFor(pop, i, x);
      dear.sellFor(pop, i, tokens);
      if (p.gasUsd > 0) this.gas.take(i, p.gasUsd);
      this.profitUsd += pop.cols.usd[i] - before;
      this.volumeUsd += x;
      this.trips++;
    }
  }

  /** Returns the active arbitrageur with most USD, or −1. */
  private richest(): number {
    const { usd, active } = this.population.cols;
    let best = -1;
    for (let i = 0; i < this.population.size; i++) if (active[i] === 1 && (best < 0 || usd[i] > usd[best])) best = i;
    return best;
  }
}

/** The arbitrageurs agent block: keep the AMM and the exchange in line, net of fees and gas. */
export const arbitrageurs = defineBlock({
  key: 'arbitrageurs',
  kind: 'agents',
  description: 'arbitrageurs: round trips between the AMM and the exchange while the price gap beats fees and gas',
  sources: ['Makarov & Schoar (2020), "Trading and arbitrage in cryptocurrency markets", J. Financial Economics 135'],
  params: { schema: arbitrageursParamsSchema, defaults: { count: 5, initialUsd: { dist: 'constant', value: 1_000_000 }, gasUsd: 5, maxTrips: 20 } },
  needs: { market: marketPort, exchange },
  population: { schema: {}, count: (p) => p.count },
  metrics: {
    arb_profit_usd: { unit: 'USD', kind: 'flow', description: "arbitrageurs' profit after gas since the previous row" },
    arb_volume_usd: { unit: 'USD', kind: 'flow', description: 'USD spent on the buying leg of round trips since the previous row' },
  },
  kpis: {
    total_arb_profit_usd: { unit: 'USD', description: "arbitrageurs' profit after gas over the run" },
  },
  build(ctx) {
    const { pop } = ctx.population({});
    const cls = new Arbitrageurs(pop, ctx.params, ctx.deps.market, ctx.deps.exchange, ctx.ledger);
    return {
      api: cls,
      hooks: { post: () => cls.post() },
      genesis: (w: World) => {
        const p = ctx.params();
        addEndowed(w.ledger, pop, p.count, { dist: 'constant', value: 0 }, p.initialUsd, ctx.rng.fork('genesis'));
      },
      metrics: { arb_profit_usd: () => cls.profitUsd, arb_volume_usd: () => cls.volumeUsd },
      summary: ({ series }) => ({ total_arb_profit_usd: total(series, 'arb_profit_usd') }),
    };
  },
});

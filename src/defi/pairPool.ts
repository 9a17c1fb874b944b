import type { Account } from '../core/account';
import type { RouteEnd } from '../core/ledger';
import type { Population } from '../core/population';
import type { Route } from '../core/route';
import type { DefiAsset } from './asset';

interface PairRoutes {
  baseIn: Route;
  quoteOut: Route;
  quoteIn: Route;
  baseOut: Route;
  baseWallet: string;
  quoteWallet: string;
}

/**
 * A constant-product pool of two DeFi assets that may live on different
 * ledgers (a liquid staking token against the token, a fund share against
 * USD). With reserves x (base) and y (quote) and fee f on the input,
 * selling a of one side returns
 *
 *   out = R_out · a(1 − f) / (R_in + a(1 − f)),
 *
 * the fee staying in the pool, so k = x·y never falls through a swap; the
 * price is y / x, quote per base. Each leg moves along its own asset's
 * routes (reason `swap`). Source: Uniswap v2, UniswapV2Library.getAmountOut
 * (github.com/Uniswap/v2-periphery, contracts/libraries/UniswapV2Library.sol),
 * in floating point.
 */
export class PairPool {
  readonly fee: number;
  /** Volume this tick, in quote units (quote in for buys, quote out for sells). */
  volumeQuote = 0;
  /** Swaps this tick. */
  trades = 0;
  private readonly agentRoutes = new Map<Population, PairRoutes>();

  constructor(
    readonly base: DefiAsset,
    readonly quote: DefiAsset,
    readonly baseReserve: Account,
    readonly quoteReserve: Account,
    feeBps: number,
  ) {
    this.fee = feeBps / 10_000;
  }

  /** Returns the base reserve, in base units. */
  get baseUnits(): number {
    return this.base.unit === 'tokens' ? this.baseReserve.tokens : this.baseReserve.usd;
  }

  /** Returns the quote reserve, in quote units. */
  get quoteUnits(): number {
    return this.quote.unit === 'tokens' ? this.quoteReserve.tokens : this.quoteReserve.usd;
  }

  /** Returns the marginal price, quote units per base unit. */
  get price(): number {
    return this.quoteUnits / this.baseUnits;
  }

  /** Returns the quote received for selling `a` base (exact in), without trading. */
  quoteSellBase(a: number): number {
    const e = a * (1 - this.fee);
    return (this.quoteUnits * e) / (this.baseUnits + e);
  }

  /** Returns the base received for selling `b` quote (exact in), without trading. */
  quoteSellQuote(b: number): number {
    const e = b * (1 - this.fee);
    return (this.baseUnits * e) / (this.quoteUnits + e);
  }

  /** Returns the base to sell so that the price falls to `target` quote per base (0 when it is already there). */
  baseToReach(target: number): number {
    const x = Math.sqrt((this.baseUnits * this.quoteUnits) / target) - this.baseUnits;
    return x > 0 ? x / (1 - this.fee) : 0;
  }

  /** Returns the quote to sell so that the price rises to `target` quote per base (0 when it is already there). */
  quoteToReach(target: number): number {
    const y = Math.sqrt(this.baseUnits * this.quoteUnits * target) - this.quoteUnits;
    return y > 0 ? y / (1 - this.fee) : 0;
  }

  /** Agent `pop[i]` sells up to `a` base (capped by its wallet) for quote; returns the quote received. */
  sellBase(pop: Population, i: number, a: number): number {
    const r = this.routesOf(pop);
    const amount = Math.min(a, pop.f64Columns[r.baseWallet][i]);
    if (!(amount > 0)) return 0;
    const out = this.quoteSellBase(amount);
    r.baseIn.take(i, amount);
    r.quoteOut.pay(i, out);
    this.volumeQuote += out;
    this.trades++;
    return out;
  }

  /** Agent `pop[i]` sells up to `b` quote (capped by its wallet) for base; returns the base received. */
  sellQuote(pop: Population, i: number, b: number): number {
    const r = this.routesOf(pop);
    const amount = Math.min(b, pop.f64Columns[r.quoteWallet][i]);
    if (!(amount > 0)) return 0;
    const out = this.quoteSellQuote(amount);
    r.quoteIn.take(i, amount);
    r.baseOut.pay(i, out);
    this.volumeQuote += amount;
    this.trades++;
    return out;
  }

  /** Funds the reserves (genesis): `a` base from `baseFrom` and `b` quote from `quoteFrom`, for `reason`. */
  fund(baseFrom: RouteEnd, a: number, quoteFrom: RouteEnd, b: number, reason: string): void {
    this.base.ledger.route(baseFrom, this.baseReserve, reason, this.base.unit).move(a);
    this.quote.ledger.route(quoteFrom, this.quoteReserve, reason, this.quote.unit).move(b);
  }

  /** Resets the per-tick counters. */
  beginTick(): void {
    this.volumeQuote = 0;
    this.trades = 0;
  }

  private routesOf(pop: Population): PairRoutes {
    let r = this.agentRoutes.get(pop);
    if (!r) {
      const bw = this.base.pocketOf(pop);
      const qw = this.quote.pocketOf(pop);
      const bl = this.base.ledger;
      const ql = this.quote.ledger;
      r = {
        baseIn: bl.route(bw, this.baseReserve, 'swap', this.base.unit),
        quoteOut: ql.route(this.quoteReserve, qw, 'swap', this.quote.unit),
        quoteIn: ql.route(qw, this.quoteReserve, 'swap', this.quote.unit),
        baseOut: bl.route(this.baseReserve, bw, 'swap', this.base.unit),
        baseWallet: bw.column,
        quoteWallet: qw.column,
      };
      this.agentRoutes.set(pop, r);
    }
    return r;
  }
}

import type { Account } from '../core/account';
import type { Ledger } from '../core/ledger';
import type { Population } from '../core/population';
import type { Route } from '../core/route';
import type { Venue } from './venue';

/** The routes one population trades along on the venue. */
interface BookRoutes {
  usdIn: Route;
  usdFee: Route;
  tokensOut: Route;
  tokensIn: Route;
  usdOut: Route;
  sellFee: Route;
}

/**
 * Returns the density of a book whose 2% depth is `depth2PctUsd` at mid
 * `mid`, in tokens per unit of log price: buying the ρ·ln 1.02 tokens that
 * move the mid up 2% costs m·ρ·0.02 USD, so ρ = depth2PctUsd / (0.02 · m).
 */
export function bookDensity(depth2PctUsd: number, mid: number): number {
  return depth2PctUsd / (0.02 * mid);
}

/**
 * An external order-book market (a centralised exchange) whose market
 * makers rest ρ tokens per unit of log price on each side of the mid m:
 * linear permanent impact in log price per token traded (Kyle, Econometrica
 * 53, 1985, with λ = 1/ρ), so the mid after a net flow of a tokens bought is
 * m · e^(a/ρ). Walking the book:
 *
 *   buying a tokens costs  m ρ (e^(a/ρ) − 1) USD   → a = ρ ln(1 + q/(m ρ)) for q USD,
 *   selling a tokens fetches m ρ (1 − e^(−a/ρ)) USD,
 *
 * before the taker fee φ (`feeBps` / 10 000) on the USD side, paid to the
 * exchange (outside the model). The mid is a function of the makers'
 * inventory X alone, m = m₀ e^((X₀ − X)/ρ), so the book never runs short of
 * USD while it holds m ρ of it, and runs out of tokens only past
 * m₀ e^(X₀/ρ): a buy beyond the tokens it holds is filled up to them (the
 * book runs dry), a sell beyond its USD likewise. "2% depth" is the USD a
 * buy needs to move the mid 2%, the liquidity measure exchange data vendors
 * report (Kaiko, "Market depth", research notes 2022–2024).
 *
 * Money moves along the ledger's routes: agents' pockets to and from the
 * `inventory` account (reason `exchange trade`), fees to `outside`
 * (`exchange fee`).
 */
export class ImpactVenue implements Venue {
  readonly name = 'exchange';
  /** Tokens resting per unit of log price, ρ (set by `open`). */
  density = 0;
  fee: number;
  /** Traded value this tick, in USD (before fees). */
  volumeUsd = 0;
  /** Taker fees this tick, in USD. */
  feesUsd = 0;
  /** Volume of the previous tick, in USD. */
  previousVolumeUsd = 0;
  private mid = NaN;
  private readonly agentRoutes = new Map<Population, BookRoutes>();

  constructor(
    private readonly ledger: Ledger,
    /** The market makers' inventory: tokens and USD. */
    readonly inventory: Account,
    private readonly depth2PctUsd: number,
    feeBps: number,
  ) {
    this.fee = feeBps / 10_000;
  }

  /**
   * Opens the book at mid `mid` (USD per token): sets ρ from the 2% depth
   * (`bookDensity`) and returns the inventory the makers need, tokens for
   * buys up to a mid of `maxPriceMultiple` · mid, ρ ln(maxPriceMultiple),
   * and USD for every sell, ρ · mid (the makers' USD is ρ m at any mid m).
   */
  open(mid: number, maxPriceMultiple: number): { tokens: number; usd: number } {
    if (!(mid > 0 && mid < Infinity)) throw new Error(`an order book needs a positive mid, got ${mid}`);
    this.mid = mid;
    this.density = bookDensity(this.depth2PctUsd, mid);
    return { tokens: this.density * Math.log(maxPriceMultiple), usd: this.density * mid };
  }

  /** Returns the mid, in USD per token. */
  get price(): number {
    return this.mid;
  }

  /** Starts a tick: keeps the last tick's volume and resets the counters. */
  beginTick(): void {
    this.previousVolumeUsd = this.volumeUsd;
    this.volumeUsd = 0;
    this.feesUsd = 0;
  }

  /** Returns the tokens bought by `usdIn` USD (fee included), capped by the makers' tokens. */
  quoteBuy(usdIn: number): number {
    if (!(usdIn > 0)) return 0;
    const q = usdIn * (1 - this.fee);
    const a = this.density * Math.log1p(q / (this.mid * this.density));
    const cap = this.inventory.tokens;
    return a < cap ? a : cap;
  }

  /** Returns the USD `tokensIn` tokens fetch (fee deducted), capped by the makers' USD. */
  quoteSell(tokensIn: number): number {
    if (!(tokensIn > 0)) return 0;
    const g = this.grossSell(tokensIn);
    const cap = this.inventory.usd;
    return (g < cap ? g : cap) * (1 - this.fee);
  }

  /** Returns d(tokens)/d(USD) after `usdIn` USD: ρ(1 − φ) / (m ρ + usdIn (1 − φ)); 0 once the makers' tokens are gone. */
  marginalBuy(usdIn: number): number {
    if (this.quoteBuy(usdIn) >= this.inventory.tokens) return 0;
    const g = 1 - this.fee;
    return (this.density * g) / (this.mid * this.density + usdIn * g);
  }

  /** Returns d(USD)/d(tokens) after `tokensIn` tokens: m (1 − φ) e^(−tokensIn/ρ). */
  marginalSell(tokensIn: number): number {
    return this.mid * (1 - this.fee) * Math.exp(-tokensIn / this.density);
  }

  /** Returns the USD needed to buy exactly `tokensOut` tokens, fee included (Infinity beyond the makers' tokens). */
  quoteBuyExactOut(tokensOut: number): number {
    if (tokensOut > this.inventory.tokens) return Infinity;
    return this.costOf(tokensOut) / (1 - this.fee);
  }

  /** Agent `pop[i]` spends up to `usdIn` USD on tokens; returns the tokens received (less USD is taken when the book runs dry). */
  buyFor(pop: Population, i: number, usdIn: number): number {
    if (!(usdIn > 0)) return 0;
    const r = this.routesOf(pop);
    let a = this.quoteBuy(usdIn);
    let spent = usdIn;
    if (a >= this.inventory.tokens) {
      a = this.inventory.tokens;
      spent = this.costOf(a) / (1 - this.fee);
      if (spent > usdIn) spent = usdIn;
    }
    if (!(a > 0)) return 0;
    const fee = spent * this.fee;
    r.usdIn.takeSplit(i, spent, fee, r.usdFee);
    r.tokensOut.pay(i, a);
    this.mid *= Math.exp(a / this.density);
    this.count(spent - fee, fee);
    return a;
  }

  /** Agent `pop[i]` sells up to `tokensIn` tokens; returns the USD received (fewer tokens are taken when the makers run out of USD). */
  sellFor(pop: Population, i: number, tokensIn: number): number {
    if (!(tokensIn > 0)) return 0;
    const r = this.routesOf(pop);
    let a = tokensIn;
    let g = this.grossSell(a);
    if (g >= this.inventory.usd) {
      // The makers pay out what they hold: the tokens that fetch exactly that.
      g = this.inventory.usd;
      const x = g / (this.mid * this.density);
      if (!(x < 1)) return 0;
      a = -this.density * Math.log1p(-x);
      if (a > tokensIn) a = tokensIn;
    }
    if (!(a > 0) || !(g > 0)) return 0;
    const fee = g * this.fee;
    r.tokensIn.take(i, a);
    r.usdOut.pay(i, g - fee);
    if (fee > 0) r.sellFee.move(fee);
    this.mid *= Math.exp(-a / this.density);
    this.count(g, fee);
    return g - fee;
  }

  /** USD walked through the book to buy `a` tokens, before the fee. */
  private costOf(a: number): number {
    return this.mid * this.density * Math.expm1(a / this.density);
  }

  /** USD walked through the book by selling `a` tokens, before the fee. */
  private grossSell(a: number): number {
    return -this.mid * this.density * Math.expm1(-a / this.density);
  }

  private count(volumeUsd: number, feeUsd: number): void {
    this.volumeUsd += volumeUsd;
    this.feesUsd += feeUsd;
  }

  private routesOf(pop: Population): BookRoutes {
    let r = this.agentRoutes.get(pop);
    if (!r) {
      const account = pop.account;
      if (!account) throw new Error(`population ${pop.name} has no ledger account; create it with the block context's population()`);
      const l = this.ledger;
      const usd = l.pocket(account, pop, 'usd', 'usd');
      const tok = l.pocket(account, pop, 'tokens', 'tokens');
      r = {
        usdIn: l.route(usd, this.inventory, 'exchange trade', 'usd'),
        usdFee: l.route(usd, 'outside', 'exchange fee', 'usd'),
        tokensOut: l.route(this.inventory, tok, 'exchange trade'),
        tokensIn: l.route(tok, this.inventory, 'exchange trade'),
        usdOut: l.route(this.inventory, usd, 'exchange trade', 'usd'),
        sellFee: l.route(this.inventory, 'outside', 'exchange fee', 'usd'),
      };
      this.agentRoutes.set(pop, r);
    }
    return r;
  }
}

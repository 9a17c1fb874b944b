import { InputError } from '../core/errors';
import type { AmmParams } from '../market/amm';
import { getAmountIn, getAmountOut } from './uniswapV2Library';
import { UniswapV2Pair } from './uniswapV2Pair';
import { fromUnits, toUnits } from './units';

/** Who holds the pool's genesis shares. */
const GENESIS_LP = 'genesis';

/**
 * The exact path of the float `ConstantProductPool`: the same quotes and
 * swaps (`quoteBuy`, `quoteSell`, `quoteBuyExactOut`, `quoteSellExactOut`,
 * `buy`, `sell`, `price`, reserves), answered by a Uniswap v2 pair
 * (`UniswapV2Pair`, `UniswapV2Library`) holding the token as token 0 and USD
 * as token 1 in integer base units (`tokenDecimals`, `usdDecimals`; 18 as
 * for an ERC-20 by default). Float amounts in and out are whole tokens and
 * USD, converted exactly to and from base units at the boundary, so a test
 * or a model can run the same trades on either path and compare.
 *
 * Uniswap v2's fee is 997/1000, so `feeBps` must be 30; the float pool's
 * `protocolFeeShare` has no counterpart (Uniswap's protocol fee mints LP
 * shares, `UniswapV2Pair.feeTo`). A trade whose exact output rounds to 0
 * base units would revert on chain; here it returns 0 and leaves the pool
 * untouched.
 */
export class ExactConstantProductPool {
  readonly name = 'amm';
  readonly pair = new UniswapV2Pair();
  /** Traded value this tick, in USD (USD in for buys, USD out for sells). */
  volumeUsd = 0;
  /** Fees charged this tick, token side (tokens) and USD side (USD). */
  feesTokens = 0;
  feesUsd = 0;
  /** Swaps this tick. */
  trades = 0;

  constructor(p: AmmParams, readonly tokenDecimals = 18, readonly usdDecimals = 18) {
    if (p.feeBps !== 30) throw new InputError(`amm.feeBps must be 30 on the exact (Uniswap v2) path, got ${p.feeBps}`);
    this.pair.transferIn(0, toUnits(p.tokenReserve, tokenDecimals));
    this.pair.transferIn(1, toUnits(p.usdReserve, usdDecimals));
    this.pair.mint(GENESIS_LP);
  }

  /** Returns the token reserve, in tokens. */
  get tokenReserve(): number {
    return fromUnits(this.pair.reserve0, this.tokenDecimals);
  }

  /** Returns the USD reserve, in USD. */
  get usdReserve(): number {
    return fromUnits(this.pair.reserve1, this.usdDecimals);
  }

  /** Returns the marginal price, in USD per token. */
  get price(): number {
    return this.usdReserve / this.tokenReserve;
  }

  /** Returns the invariant k = tokens × USD, from the reserves in whole units. */
  get k(): number {
    return this.tokenReserve * this.usdReserve;
  }

  /** Returns the tokens the pair holds (its token-0 balance, synced or not), in tokens. */
  tokenHoldings(): number {
    return fromUnits(this.pair.balance0, this.tokenDecimals);
  }

  /** Returns the USD the pair holds (its token-1 balance), in USD. */
  usdHoldings(): number {
    return fromUnits(this.pair.balance1, this.usdDecimals);
  }

  /** Resets per-tick volume and fee counters. */
  beginTick(): void {
    this.volumeUsd = 0;
    this.feesTokens = 0;
    this.feesUsd = 0;
    this.trades = 0;
  }

  /** Returns the tokens received for `usdIn` USD (exact in), without trading. */
  quoteBuy(usdIn: number): number {
    const a = toUnits(usdIn, this.usdDecimals);
    return a > 0n ? fromUnits(getAmountOut(a, this.pair.reserve1, this.pair.reserve0), this.tokenDecimals) : 0;
  }

  /** Returns the USD received for `tokensIn` tokens (exact in), without trading. */
  quoteSell(tokensIn: number): number {
    const a = toUnits(tokensIn, this.tokenDecimals);
    return a > 0n ? fromUnits(getAmountOut(a, this.pair.reserve0, this.pair.reserve1), this.usdDecimals) : 0;
  }

  /** Returns the USD needed to buy exactly `tokensOut` tokens (Infinity if not possible). */
  quoteBuyExactOut(tokensOut: number): number {
    const o = toUnits(tokensOut, this.tokenDecimals);
    if (o >= this.pair.reserve0) return Infinity;
    return o > 0n ? fromUnits(getAmountIn(o, this.pair.reserve1, this.pair.reserve0), this.usdDecimals) : 0;
  }

  /** Returns the tokens needed to sell for exactly `usdOut` USD (Infinity if not possible). */
  quoteSellExactOut(usdOut: number): number {
    const o = toUnits(usdOut, this.usdDecimals);
    if (o >= this.pair.reserve1) return Infinity;
    return o > 0n ? fromUnits(getAmountIn(o, this.pair.reserve0, this.pair.reserve1), this.tokenDecimals) : 0;
  }

  /** Swaps `usdIn` USD for tokens and returns the tokens out; the caller moves the balances. */
  buy(usdIn: number): number {
    if (!(usdIn > 0)) return 0;
    const a = toUnits(usdIn, this.usdDecimals);
    const out = a > 0n ? getAmountOut(a, this.pair.reserve1, this.pair.reserve0) : 0n;
    if (out === 0n) return 0;
    this.pair.transferIn(1, a);
    this.pair.swap(out, 0n);
    this.feesUsd += usdIn * 0.003;
    this.volumeUsd += usdIn;
    this.trades++;
    return fromUnits(out, this.tokenDecimals);
  }

  /** Swaps `tokensIn` tokens for USD and returns the USD out; the caller moves the balances. */
  sell(tokensIn: number): number {
    if (!(tokensIn > 0)) return 0;
    const a = toUnits(tokensIn, this.tokenDecimals);
    const out = a > 0n ? getAmountOut(a, this.pair.reserve0, this.pair.reserve1) : 0n;
    if (out === 0n) return 0;
    this.pair.transferIn(0, a);
    this.pair.swap(0n, out);
    const usd = fromUnits(out, this.usdDecimals);
    this.feesTokens += tokensIn * 0.003;
    this.volumeUsd += usd;
    this.trades++;
    return usd;
  }
}

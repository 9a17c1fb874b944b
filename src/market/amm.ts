import { z } from 'zod';
import type { Holder } from '../core/ledger';

/** Parameters of a constant-product pool. */
export const ammParamsSchema = z
  .object({
    /** Initial token reserve, in tokens. */
    tokenReserve: z.number().positive(),
    /** Initial USD reserve, in USD. */
    usdReserve: z.number().positive(),
    /** Swap fee on the input amount, in basis points (30 = 0.3%). */
    feeBps: z.number().min(0).max(10_000),
  })
  .strict();
export type AmmParams = z.infer<typeof ammParamsSchema>;

/**
 * A constant-product pool of tokens against USD (Uniswap v2 style).
 *
 * With reserves x (tokens) and y (USD) and fee f = feeBps / 10 000 charged on
 * the input, swapping an input a of one side returns
 *
 *   out = R_out · a(1 − f) / (R_in + a(1 − f)),
 *
 * and the exact-out quote for an output o is a = R_in · o / ((R_out − o)(1 − f)).
 * The fee stays in the pool, except the `protocolFeeShare` of it, which is
 * set aside in `protocolTokens` / `protocolUsd` for the protocol to collect
 * (a fee burn, the treasury). Hence k = x·y never decreases through a swap.
 * Price is the marginal price y / x in USD per token. Volume (USD) and fees
 * are counted per tick.
 */
export class ConstantProductPool implements Holder {
  readonly name = 'amm';
  tokenReserve: number;
  usdReserve: number;
  fee: number;
  protocolFeeShare: number;
  /** Protocol's share of token-side fees not yet collected, in tokens. */
  protocolTokens = 0;
  /** Protocol's share of USD-side fees not yet collected, in USD. */
  protocolUsd = 0;
  /** Traded value this tick, in USD (USD in for buys, USD out for sells). */
  volumeUsd = 0;
  /** Fees charged this tick, token side (tokens) and USD side (USD). */
  feesTokens = 0;
  feesUsd = 0;
  /** Swaps this tick. */
  trades = 0;

  /** `protocolFeeShare`: share of each fee taken out of the pool for the protocol (0: all stays with liquidity). */
  constructor(p: AmmParams, protocolFeeShare = 0) {
    this.tokenReserve = p.tokenReserve;
    this.usdReserve = p.usdReserve;
    this.fee = p.feeBps / 10_000;
    this.protocolFeeShare = protocolFeeShare;
  }

  /** Returns the marginal price, in USD per token. */
  get price(): number {
    return this.usdReserve / this.tokenReserve;
  }

  /** Returns the invariant k = tokens × USD. */
  get k(): number {
    return this.tokenReserve * this.usdReserve;
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
    const a = usdIn * (1 - this.fee);
    return (this.tokenReserve * a) / (this.usdReserve + a);
  }

  /** Returns the USD received for `tokensIn` tokens (exact in), without trading. */
  quoteSell(tokensIn: number): number {
    const a = tokensIn * (1 - this.fee);
    return (this.usdReserve * a) / (this.tokenReserve + a);
  }

  /** Returns the USD needed to buy exactly `tokensOut` tokens (Infinity if not possible). */
  quoteBuyExactOut(tokensOut: number): number {
    if (tokensOut >= this.tokenReserve) return Infinity;
    return (this.usdReserve * tokensOut) / ((this.tokenReserve - tokensOut) * (1 - this.fee));
  }

  /** Returns the tokens needed to sell for exactly `usdOut` USD (Infinity if not possible). */
  quoteSellExactOut(usdOut: number): number {
    if (usdOut >= this.usdReserve) return Infinity;
    return (this.tokenReserve * usdOut) / ((this.usdReserve - usdOut) * (1 - this.fee));
  }

  /** Swaps `usdIn` USD for tokens and returns the tokens out; the caller moves the balances. */
  buy(usdIn: number): number {
    if (!(usdIn > 0)) return 0;
    const fee = usdIn * this.fee;
    const out = this.quoteBuy(usdIn);
    const cut = fee * this.protocolFeeShare;
    this.usdReserve += usdIn - cut;
    this.tokenReserve -= out;
    this.protocolUsd += cut;
    this.feesUsd += fee;
    this.volumeUsd += usdIn;
    this.trades++;
    return out;
  }

  /** Swaps `tokensIn` tokens for USD and returns the USD out; the caller moves the balances. */
  sell(tokensIn: number): number {
    if (!(tokensIn > 0)) return 0;
    const fee = tokensIn * this.fee;
    const out = this.quoteSell(tokensIn);
    const cut = fee * this.protocolFeeShare;
    this.tokenReserve += tokensIn - cut;
    this.usdReserve -= out;
    this.protocolTokens += cut;
    this.feesTokens += fee;
    this.volumeUsd += out;
    this.trades++;
    return out;
  }

  /** Takes and returns the protocol's uncollected token fees, in tokens. */
  collectProtocolTokens(): number {
    const t = this.protocolTokens;
    this.protocolTokens = 0;
    return t;
  }

  /** Takes and returns the protocol's uncollected USD fees, in USD. */
  collectProtocolUsd(): number {
    const u = this.protocolUsd;
    this.protocolUsd = 0;
    return u;
  }

  /** Returns tokens held by the pool: reserve plus uncollected protocol fees. */
  tokenHoldings(): number {
    return this.tokenReserve + this.protocolTokens;
  }

  /** Returns USD held by the pool: reserve plus uncollected protocol fees. */
  usdHoldings(): number {
    return this.usdReserve + this.protocolUsd;
  }
}

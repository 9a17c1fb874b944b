import type { Population } from '../core/population';

/**
 * A market where agents swap tokens against USD: the AMM pool
 * (`ConstantProductPool`) and the external order book (`ImpactVenue`) both
 * are one. Quotes are pure; `buyFor` / `sellFor` move money only along the
 * venue's ledger routes and return what the agent received. Amounts the
 * caller passes are already capped by its balances.
 */
export interface Venue {
  /** Name in the model's metrics (`amm`, `exchange`). */
  readonly name: string;
  /** Returns the marginal (mid) price, in USD per token. */
  readonly price: number;
  /** Returns the tokens `usdIn` USD would buy now (exact in), after fees. */
  quoteBuy(usdIn: number): number;
  /** Returns the USD `tokensIn` tokens would fetch now (exact in), after fees. */
  quoteSell(tokensIn: number): number;
  /** Returns d(tokens out)/d(USD in) after `usdIn` USD have been spent: the marginal tokens per USD, fees included. */
  marginalBuy(usdIn: number): number;
  /** Returns d(USD out)/d(tokens in) after `tokensIn` tokens have been sold: the marginal USD per token, fees included. */
  marginalSell(tokensIn: number): number;
  /** Agent `pop[i]` swaps `usdIn` USD for tokens; returns the tokens received. */
  buyFor(pop: Population, i: number, usdIn: number): number;
  /** Agent `pop[i]` swaps `tokensIn` tokens for USD; returns the USD received. */
  sellFor(pop: Population, i: number, tokensIn: number): number;
}

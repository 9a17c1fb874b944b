import type { Pocket } from '../core/account';
import type { ConstantProductPool, SwapRoutes } from '../market/constantProductPool';

/**
 * Swaps on a pool for agents whose tokens are in a pocket other than their
 * class's own `tokens` (an arbitrageur's holding on a second chain): the
 * pool's own swap (`ConstantProductPool.buyVia` / `sellVia`: its quote, its
 * fee on the input, the protocol's cut to its `fees` account) along routes
 * from the given token and USD pockets. The token pocket must be on the
 * pool's chain (the ledger refuses a token route across chains).
 */
export class PocketSwapper {
  private readonly routes: SwapRoutes;

  constructor(
    readonly pool: ConstantProductPool,
    tokens: Pocket,
    usd: Pocket,
  ) {
    this.routes = pool.swapRoutes(tokens, usd);
  }

  /** Agent i swaps `usdIn` USD (the caller caps it by the balance) for tokens; returns the tokens out. */
  buy(i: number, usdIn: number): number {
    return this.pool.buyVia(this.routes, i, usdIn);
  }

  /** Agent i swaps `tokensIn` tokens (the caller caps it by the balance) for USD; returns the USD out. */
  sell(i: number, tokensIn: number): number {
    return this.pool.sellVia(this.routes, i, tokensIn);
  }
}

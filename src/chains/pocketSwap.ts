import type { Pocket } from '../core/account';
import type { Ledger } from '../core/ledger';
import type { Route } from '../core/route';
import type { ConstantProductPool } from '../market/constantProductPool';

/**
 * Swaps on a pool for agents whose tokens are in a pocket other than their
 * class's own `tokens` (an arbitrageur's holding on a second chain): the
 * same arithmetic as `ConstantProductPool.buyFor` / `sellFor` — the pool's
 * quote, its fee on the input, the protocol's cut to its `fees` account —
 * along routes from the given token and USD pockets. The token pocket must
 * be on the pool's chain (the ledger refuses a token route across chains).
 */
export class PocketSwapper {
  private readonly usdIn: Route;
  private readonly usdCut: Route;
  private readonly tokensOut: Route;
  private readonly tokensIn: Route;
  private readonly tokensCut: Route;
  private readonly usdOut: Route;

  constructor(
    readonly pool: ConstantProductPool,
    ledger: Ledger,
    tokens: Pocket,
    usd: Pocket,
  ) {
    this.usdIn = ledger.route(usd, pool.reserves, 'swap', 'usd');
    this.usdCut = ledger.route(usd, pool.fees, 'swap fee', 'usd');
    this.tokensOut = ledger.route(pool.reserves, tokens, 'swap');
    this.tokensIn = ledger.route(tokens, pool.reserves, 'swap');
    this.tokensCut = ledger.route(tokens, pool.fees, 'swap fee');
    this.usdOut = ledger.route(pool.reserves, usd, 'swap', 'usd');
  }

  /** Agent i swaps `usdIn` USD (the caller caps it by the balance) for tokens; returns the tokens out. */
  buy(i: number, usdIn: number): number {
    if (!(usdIn > 0)) return 0;
    const p = this.pool;
    const fee = usdIn * p.fee;
    const out = p.quoteBuy(usdIn);
    this.usdIn.takeSplit(i, usdIn, fee * p.protocolFeeShare, this.usdCut);
    this.tokensOut.pay(i, out);
    p.count(0, fee, usdIn);
    return out;
  }

  /** Agent i swaps `tokensIn` tokens (the caller caps it by the balance) for USD; returns the USD out. */
  sell(i: number, tokensIn: number): number {
    if (!(tokensIn > 0)) return 0;
    const p = this.pool;
    const fee = tokensIn * p.fee;
    const out = p.quoteSell(tokensIn);
    this.tokensIn.takeSplit(i, tokensIn, fee * p.protocolFeeShare, this.tokensCut);
    this.usdOut.pay(i, out);
    p.count(fee, 0, out);
    return out;
  }
}

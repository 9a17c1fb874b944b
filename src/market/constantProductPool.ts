import type { Account, Pocket } from '../core/account';
import type { Ledger, RouteEnd } from '../core/ledger';
import type { Population } from '../core/population';
import type { Route } from '../core/route';
import type { Venue } from './venue';

/** Columns a population that provides liquidity keeps: its LP shares of the pool (dimensionless claims). */
export const lpColumns = { lpShares: 'f64' } as const;

/** The routes a liquidity provider's deposits and withdrawals move along. */
interface LiquidityRoutes {
  usdIn: Route;
  tokensIn: Route;
  usdOut: Route;
  tokensOut: Route;
}

/** The routes one party trades along: USD and tokens in both directions, and the protocol's cut of each fee. */
/** The routes one party swaps along: its USD and token pockets to and from the pool's reserves and fees. */
export interface SwapRoutes {
  usdIn: Route;
  usdCut: Route;
  tokensOut: Route;
  tokensIn: Route;
  tokensCut: Route;
  usdOut: Route;
}

/**
 * A constant-product pool of tokens against USD (Uniswap v2 style).
 *
 * With reserves x (tokens) and y (USD) and fee f = feeBps / 10 000 charged on
 * the input, swapping an input a of one side returns
 *
 *   out = R_out · a(1 − f) / (R_in + a(1 − f)),
 *
 * and the exact-out quote for an output o is a = R_in · o / ((R_out − o)(1 − f)).
 * The fee stays in the pool, except the `protocolFeeShare` of it, which goes
 * to the `fees` account for the protocol to collect (a fee burn, the
 * treasury). Hence k = x·y never decreases through a swap. Price is the
 * marginal price y / x in USD per token. Volume (USD) and fees are counted
 * per tick.
 *
 * The reserves are the `reserves` account's balances; a swap moves money
 * only along the ledger's routes (reason `swap`, and `swap fee` for the
 * protocol's cut): `buyFor` / `sellFor` for an agent, `trader(...)` for a
 * scalar account or the model's edge.
 *
 * Liquidity is claimed by LP shares (Uniswap v2 `mint` / `burn`): the
 * genesis deposit holds √(x₀ y₀) shares (`seed`), which nobody withdraws
 * (protocol-owned liquidity); a deposit at the pool's ratio, a share
 * ρ = min(usd / y, tokens / x) of the reserves, mints ρ · S shares (S: shares
 * outstanding) and burning s shares pays out s / S of each reserve
 * (`addLiquidityFor`, `removeLiquidityFor`). Neither moves the price. Shares
 * are not money: they live in the providers' `lpShares` column and in
 * `totalShares`, and the swap fees left in the reserves are the providers'
 * fee income.
 *
 * Source: Uniswap v2, `UniswapV2Library.getAmountOut` / `getAmountIn`
 * (github.com/Uniswap/v2-periphery, contracts/libraries/UniswapV2Library.sol),
 * `UniswapV2Pair.mint` / `burn` (github.com/Uniswap/v2-core,
 * contracts/UniswapV2Pair.sol; `UniswapV2Router02.addLiquidity` for the
 * deposit at the pool's ratio), in floating point; the protocol's cut is
 * taken at each swap instead of v2's `_mintFee`.
 */
export class ConstantProductPool implements Venue {
  readonly name = 'amm';
  fee: number;
  /** LP shares outstanding, the genesis deposit's included. */
  totalShares = 0;
  /** LP shares of the genesis deposit, never withdrawn. */
  seedShares = 0;
  protocolFeeShare = 0;
  /** Traded value this tick, in USD (USD in for buys, USD out for sells). */
  volumeUsd = 0;
  /** Fees charged this tick, token side (tokens) and USD side (USD). */
  feesTokens = 0;
  feesUsd = 0;
  /** Swaps this tick. */
  trades = 0;
  /** Fees of the previous tick, in USD (token-side fees at the price when the tick ended). */
  previousFeesUsd = 0;
  /** Volume of the previous tick, in USD. */
  previousVolumeUsd = 0;
  private readonly agentRoutes = new Map<Population, SwapRoutes>();
  private readonly lpRoutes = new Map<Population, LiquidityRoutes>();
  private lastPop: Population | null = null;
  private lastRoutes: SwapRoutes | null = null;

  constructor(
    private readonly ledger: Ledger,
    /** The pool's reserves: tokens and USD. */
    readonly reserves: Account,
    /** The protocol's share of fees, not yet collected. */
    readonly fees: Account,
    feeBps: number,
  ) {
    this.fee = feeBps / 10_000;
  }

  /** Returns the token reserve, in tokens. */
  get tokenReserve(): number {
    return this.reserves.tokens;
  }

  /** Returns the USD reserve, in USD. */
  get usdReserve(): number {
    return this.reserves.usd;
  }

  /** Returns the marginal price, in USD per token. */
  get price(): number {
    return this.reserves.usd / this.reserves.tokens;
  }

  /** Returns the invariant k = tokens × USD. */
  get k(): number {
    return this.reserves.tokens * this.reserves.usd;
  }

  /** Issues the genesis deposit's shares, √(tokens × USD) of the reserves as they are (call once, after funding them). */
  seed(): void {
    if (this.totalShares > 0) throw new Error('the pool is already seeded');
    this.seedShares = Math.sqrt(this.reserves.tokens * this.reserves.usd);
    this.totalShares = this.seedShares;
  }

  /**
   * Agent `pop[i]` deposits at the pool's ratio the most it can from up to
   * `usdMax` USD and `tokensMax` tokens (the caller caps them by its
   * balances): the share ρ = min(usdMax / y, tokensMax / x) of each reserve.
   * Credits ρ · totalShares to its `lpShares` column; returns those shares.
   */
  addLiquidityFor(pop: Population, i: number, usdMax: number, tokensMax: number): number {
    const x = this.reserves.tokens;
    const y = this.reserves.usd;
    const ratio = Math.min(usdMax / y, tokensMax / x);
    if (!(ratio > 0) || !(this.totalShares > 0)) return 0;
    const r = this.liquidityRoutesOf(pop);
    r.usdIn.take(i, y * ratio);
    r.tokensIn.take(i, x * ratio);
    const shares = this.totalShares * ratio;
    pop.f64Columns.lpShares[i] += shares;
    this.totalShares += shares;
    return shares;
  }

  /**
   * Agent `pop[i]` burns up to `shares` of its LP shares and receives
   * shares / totalShares of each reserve; returns the shares burned.
   */
  removeLiquidityFor(pop: Population, i: number, shares: number): number {
    const held = pop.f64Columns.lpShares;
    const s = shares < held[i] ? shares : held[i];
    if (!(s > 0)) return 0;
    const r = this.liquidityRoutesOf(pop);
    const ratio = s / this.totalShares;
    r.usdOut.pay(i, this.reserves.usd * ratio);
    r.tokensOut.pay(i, this.reserves.tokens * ratio);
    held[i] -= s;
    if (held[i] < 1e-12 * s) held[i] = 0;
    this.totalShares -= s;
    return s;
  }

  /** Returns the value of `shares` LP shares at the pool's price, in USD: 2 y · shares / totalShares. */
  shareValueUsd(shares: number): number {
    return this.totalShares > 0 ? (2 * this.reserves.usd * shares) / this.totalShares : 0;
  }

  /** Starts a tick: keeps the last tick's fees and volume, and resets the per-tick counters. */
  beginTick(): void {
    this.previousFeesUsd = this.feesUsd + this.feesTokens * this.price;
    this.previousVolumeUsd = this.volumeUsd;
    this.volumeUsd = 0;
    this.feesTokens = 0;
    this.feesUsd = 0;
    this.trades = 0;
  }

  /** Returns the tokens received for `usdIn` USD (exact in), without trading. */
  quoteBuy(usdIn: number): number {
    const a = usdIn * (1 - this.fee);
    return (this.reserves.tokens * a) / (this.reserves.usd + a);
  }

  /** Returns the USD received for `tokensIn` tokens (exact in), without trading. */
  quoteSell(tokensIn: number): number {
    const a = tokensIn * (1 - this.fee);
    return (this.reserves.usd * a) / (this.reserves.tokens + a);
  }

  /** Returns d(tokens out)/d(USD in) after `usdIn` USD: x y (1 − f) / (y + usdIn (1 − f))². */
  marginalBuy(usdIn: number): number {
    const g = 1 - this.fee;
    const d = this.reserves.usd + usdIn * g;
    return (this.reserves.tokens * this.reserves.usd * g) / (d * d);
  }

  /** Returns d(USD out)/d(tokens in) after `tokensIn` tokens: x y (1 − f) / (x + tokensIn (1 − f))². */
  marginalSell(tokensIn: number): number {
    const g = 1 - this.fee;
    const d = this.reserves.tokens + tokensIn * g;
    return (this.reserves.tokens * this.reserves.usd * g) / (d * d);
  }

  /** Returns the USD needed to buy exactly `tokensOut` tokens (Infinity if not possible). */
  quoteBuyExactOut(tokensOut: number): number {
    if (tokensOut >= this.reserves.tokens) return Infinity;
    return (this.reserves.usd * tokensOut) / ((this.reserves.tokens - tokensOut) * (1 - this.fee));
  }

  /** Returns the tokens needed to sell for exactly `usdOut` USD (Infinity if not possible). */
  quoteSellExactOut(usdOut: number): number {
    if (usdOut >= this.reserves.usd) return Infinity;
    return (this.reserves.tokens * usdOut) / ((this.reserves.usd - usdOut) * (1 - this.fee));
  }

  /** Agent `pop[i]` swaps `usdIn` USD (the caller caps it by the balance) for tokens; returns the tokens out. */
  buyFor(pop: Population, i: number, usdIn: number): number {
    return this.buyVia(this.routesOf(pop), i, usdIn);
  }

  /** Agent `pop[i]` swaps `tokensIn` tokens (the caller caps it by the balance) for USD; returns the USD out. */
  sellFor(pop: Population, i: number, tokensIn: number): number {
    return this.sellVia(this.routesOf(pop), i, tokensIn);
  }

  /**
   * Party i of routes `r` (`swapRoutes`) swaps `usdIn` USD for tokens: the
   * pool's quote, its fee on the input, the protocol's cut of the fee to
   * `fees`; returns the tokens out.
   */
  buyVia(r: SwapRoutes, i: number, usdIn: number): number {
    if (!(usdIn > 0)) return 0;
    const fee = usdIn * this.fee;
    const out = this.quoteBuy(usdIn);
    const cut = fee * this.protocolFeeShare;
    r.usdIn.takeSplit(i, usdIn, cut, r.usdCut);
    r.tokensOut.pay(i, out);
    this.count(0, fee, usdIn);
    return out;
  }

  /** Party i of routes `r` swaps `tokensIn` tokens for USD, the same way; returns the USD out. */
  sellVia(r: SwapRoutes, i: number, tokensIn: number): number {
    if (!(tokensIn > 0)) return 0;
    const fee = tokensIn * this.fee;
    const out = this.quoteSell(tokensIn);
    const cut = fee * this.protocolFeeShare;
    r.tokensIn.takeSplit(i, tokensIn, cut, r.tokensCut);
    r.usdOut.pay(i, out);
    this.count(fee, 0, out);
    return out;
  }

  /** Returns the swap routes of a party whose tokens and USD are in pockets `tok` and `usd` (the token pocket on the pool's chain). */
  swapRoutes(tok: Pocket, usd: Pocket): SwapRoutes {
    const l = this.ledger;
    return {
      usdIn: l.route(usd, this.reserves, 'swap', 'usd'),
      usdCut: l.route(usd, this.fees, 'swap fee', 'usd'),
      tokensOut: l.route(this.reserves, tok, 'swap'),
      tokensIn: l.route(tok, this.reserves, 'swap'),
      tokensCut: l.route(tok, this.fees, 'swap fee'),
      usdOut: l.route(this.reserves, usd, 'swap', 'usd'),
    };
  }

  /**
   * Returns a trader for a scalar party: USD comes from `payer` (an
   * account, or `outside` for customers' money entering the model) and
   * tokens bought go to `receiver` (an account, or `burn`); sells take
   * tokens from `receiver` and pay USD to `payer`. `protocolFee: false`
   * trades without the protocol's cut (the protocol buying for itself).
   */
  trader(payer: Account | 'outside', receiver: Account | 'burn' | 'mint', reason: string, protocolFee = true): PoolTrader {
    return new PoolTrader(this, this.ledger, payer, receiver, reason, protocolFee);
  }

  /** Counts a swap's fees and volume (used by `PoolTrader`). */
  count(feeTokens: number, feeUsd: number, volumeUsd: number): void {
    this.feesTokens += feeTokens;
    this.feesUsd += feeUsd;
    this.volumeUsd += volumeUsd;
    this.trades++;
  }

  private liquidityRoutesOf(pop: Population): LiquidityRoutes {
    let r = this.lpRoutes.get(pop);
    if (!r) {
      const account = pop.account;
      if (!account) throw new Error(`population ${pop.name} has no ledger account; create it with the block context's population()`);
      pop.requireF64('lpShares', 'the AMM pool');
      const l = this.ledger;
      const usd = l.pocket(account, pop, 'usd', 'usd');
      const tok = l.pocket(account, pop, 'tokens', 'tokens');
      r = {
        usdIn: l.route(usd, this.reserves, 'add liquidity', 'usd'),
        tokensIn: l.route(tok, this.reserves, 'add liquidity'),
        usdOut: l.route(this.reserves, usd, 'remove liquidity', 'usd'),
        tokensOut: l.route(this.reserves, tok, 'remove liquidity'),
      };
      this.lpRoutes.set(pop, r);
    }
    return r;
  }

  private routesOf(pop: Population): SwapRoutes {
    // A class trades in a loop over its agents: the last population's routes, without a map lookup.
    if (pop === this.lastPop) return this.lastRoutes!;
    let r = this.agentRoutes.get(pop);
    if (!r) {
      const account = pop.account;
      if (!account) throw new Error(`population ${pop.name} has no ledger account; create it with the block context's population()`);
      const usd = this.ledger.pocket(account, pop, 'usd', 'usd');
      r = this.swapRoutes(this.ledger.pocket(account, pop, 'tokens', 'tokens'), usd);
      this.agentRoutes.set(pop, r);
    }
    this.lastPop = pop;
    this.lastRoutes = r;
    return r;
  }
}

/**
 * Swaps on a pool for a party that is a scalar account or the model's edge
 * (the treasury's buyback, customers' USD bought into tokens and burned,
 * miners selling their reward). Each swap moves the USD and token legs
 * along the party's routes, with the pool's fee and the protocol's cut.
 */
export class PoolTrader {
  private readonly usdIn: Route;
  private readonly usdCut: Route;
  private readonly tokensOut: Route;
  private readonly tokensIn: Route | null;
  private readonly tokensCut: Route | null;
  private readonly usdOut: Route | null;

  constructor(
    private readonly pool: ConstantProductPool,
    ledger: Ledger,
    payer: Account | 'outside',
    receiver: Account | 'burn' | 'mint',
    reason: string,
    private readonly protocolFee: boolean,
  ) {
    const tokenSink: RouteEnd = receiver === 'mint' ? 'burn' : receiver;
    this.usdIn = ledger.route(payer, pool.reserves, reason, 'usd');
    this.usdCut = ledger.route(payer, pool.fees, `${reason} fee`, 'usd');
    this.tokensOut = ledger.route(pool.reserves, tokenSink, reason);
    // Selling needs tokens from somewhere: an account, or newly minted ones (a reward sold as it is paid).
    const source: RouteEnd | null = receiver === 'burn' ? null : receiver;
    this.tokensIn = source ? ledger.route(source, pool.reserves, reason) : null;
    this.tokensCut = source ? ledger.route(source, pool.fees, `${reason} fee`) : null;
    this.usdOut = ledger.route(pool.reserves, payer, reason, 'usd');
  }

  /** Swaps `usdIn` USD from the payer for tokens to the receiver; returns the tokens out. */
  buy(usdIn: number): number {
    if (!(usdIn > 0)) return 0;
    const p = this.pool;
    const fee = usdIn * p.fee;
    const out = p.quoteBuy(usdIn);
    const cut = this.protocolFee ? fee * p.protocolFeeShare : 0;
    this.usdIn.moveSplit(usdIn, cut, this.usdCut);
    this.tokensOut.move(out);
    p.count(0, fee, usdIn);
    return out;
  }

  /** Swaps `tokensIn` tokens from the receiver's side for USD to the payer; returns the USD out. */
  sell(tokensIn: number): number {
    if (!(tokensIn > 0)) return 0;
    if (!this.tokensIn || !this.tokensCut || !this.usdOut) throw new Error(`a trader whose tokens go to burn cannot sell`);
    const p = this.pool;
    const fee = tokensIn * p.fee;
    const out = p.quoteSell(tokensIn);
    const cut = this.protocolFee ? fee * p.protocolFeeShare : 0;
    this.tokensIn.moveSplit(tokensIn, cut, this.tokensCut);
    this.usdOut.move(out);
    p.count(fee, 0, out);
    return out;
  }
}

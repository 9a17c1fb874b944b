import { Account, type Asset, type Pocket } from './account';
import { InputError, RunError } from './errors';
import type { Population } from './population';
import { Route, type RouteBooks } from './route';
import { RunningSum, compensatedSum } from './sum';

/** One end of a route: a scalar account, agent pockets of an account, or the model's edge. */
export type RouteEnd = Account | Pocket | 'mint' | 'burn' | 'outside';

/** How an account is opened: the block that owns it, whether it circulates, its chain and a one-line description. */
export interface AccountOptions {
  owner: string;
  circulating: boolean;
  chain?: string;
  description?: string;
}

/** The chain an account lives on when none is named. */
export const MAIN_CHAIN = 'main';

/**
 * The ledger: every account where tokens and USD are held, every route
 * money moves along, and the running totals of tokens minted and burned and
 * of USD that entered or left the model. Balances change only through
 * routes (`route(...)`, then `move` / `pay` / `take` / `between`), so
 *
 *   minted − burned = Σ token holdings   and   usdIn − usdOut = Σ USD holdings
 *
 * hold by construction, on each chain and in total: a token route never
 * joins accounts on two chains (a bridge burns or locks on one and mints or
 * releases on the other), and each mint and burn is counted on its chain.
 * `check` asserts both within a relative 1e-9 (compensated sums), per
 * chain for tokens, and that every columnar
 * account's running totals equal the sums of its columns and that no
 * scalar account changed by more than its routes moved (a write that went
 * around the ledger). Each route's per-tick total is a flow by
 * (from, to, reason): the `flows.arrow` table.
 */
export class Ledger implements RouteBooks {
  /** The tick being executed; routes stamp their errors with it. */
  tick = 0;
  readonly accounts: Account[] = [];
  readonly routes: Route[] = [];
  /** Tokens minted during the current tick (reset by `beginTick`). */
  mintedThisTick = 0;
  /** Tokens burned during the current tick (reset by `beginTick`). */
  burnedThisTick = 0;
  /** Tokens minted at genesis (before tick 1), in tokens; set when tick 1 begins. */
  genesisMinted = 0;
  private readonly mintedSum = new RunningSum();
  private readonly burnedSum = new RunningSum();
  private readonly usdInSum = new RunningSum();
  private readonly usdOutSum = new RunningSum();
  private readonly byName = new Map<string, Account>();
  private readonly chainIds = new Map<string, number>([[MAIN_CHAIN, 0]]);
  private readonly chainMinted: RunningSum[] = [new RunningSum()];
  private readonly chainBurned: RunningSum[] = [new RunningSum()];
  private startTokens = new Float64Array(0);
  private startUsd = new Float64Array(0);

  /** Opens account `name`; throws an `InputError` when another block already opened one by that name. */
  open(name: string, opts: AccountOptions): Account {
    const prior = this.byName.get(name);
    if (prior) throw new InputError(`account ${name} is opened twice (by ${prior.owner} and ${opts.owner}); account names must be unique`);
    const a = new Account(this.accounts.length, name, opts.owner, opts.circulating, opts.chain ?? MAIN_CHAIN, opts.description ?? '');
    this.chainId(a.chain);
    this.accounts.push(a);
    this.byName.set(name, a);
    return a;
  }

  /** Returns the account named `name`, or undefined. */
  account(name: string): Account | undefined {
    return this.byName.get(name);
  }

  /**
   * Returns the pocket of `account` held in float64 column `column` of
   * `pop` (registering it once), in `asset`. The account's holdings then
   * include Σ pop.cols[column].
   */
  pocket(account: Account, pop: Population, column: string, asset: Asset = 'tokens'): Pocket {
    pop.requireF64(column, `account ${account.name}`);
    const known = account.pockets.find((p) => p.pop === pop && p.column === column);
    if (known) return known;
    const p: Pocket = { account, pop, column, asset };
    account.pockets.push(p);
    return p;
  }

  /** Opens the account of a population's own balances (`tokens` and `usd` columns) and returns it. */
  openPopulation(pop: Population, opts: AccountOptions): Account {
    if (pop.account) throw new InputError(`population ${pop.name} already has an account`);
    const a = this.open(pop.name, opts);
    pop.account = a;
    this.pocket(a, pop, 'tokens', 'tokens');
    this.pocket(a, pop, 'usd', 'usd');
    return a;
  }

  /**
   * Returns a new route from `from` to `to` for `reason`, moving `asset`.
   * `mint` (tokens) and `outside` (USD) are the sources of new money;
   * `burn` (tokens) and `outside` (USD) its sinks. A pocket end must hold
   * the route's asset.
   */
  route(from: RouteEnd, to: RouteEnd, reason: string, asset: Asset = 'tokens'): Route {
    const edge = asset === 'tokens' ? ['mint', 'burn'] : ['outside', 'outside'];
    if (typeof from === 'string' && from !== edge[0]) throw new InputError(`a ${asset} route cannot start at ${from} (${reason})`);
    if (typeof to === 'string' && to !== edge[1]) throw new InputError(`a ${asset} route cannot end at ${to} (${reason})`);
    const fromPocket = isPocket(from) ? from : null;
    const toPocket = isPocket(to) ? to : null;
    for (const p of [fromPocket, toPocket]) {
      if (p && p.asset !== asset) throw new InputError(`route ${reason}: pocket ${p.account.name}.${p.column} holds ${p.asset}, not ${asset}`);
    }
    const fromAcc = typeof from === 'string' ? null : isPocket(from) ? from.account : from;
    const toAcc = typeof to === 'string' ? null : isPocket(to) ? to.account : to;
    if (asset === 'tokens' && fromAcc && toAcc && fromAcc.chain !== toAcc.chain) {
      throw new InputError(`route ${reason} moves tokens from ${fromAcc.name} on chain ${fromAcc.chain} to ${toAcc.name} on chain ${toAcc.chain}; a token moves between chains only through a bridge (burned or locked on one, minted or released on the other)`);
    }
    const chain = asset === 'tokens' ? this.chainId((toAcc ?? fromAcc)?.chain ?? MAIN_CHAIN) : 0;
    const r = new Route(this.routes.length, reason, asset, fromAcc, toAcc, fromPocket, toPocket, this, chain);
    this.routes.push(r);
    return r;
  }

  noteMint(amount: number, chain = 0): void {
    this.mintedSum.add(amount);
    this.mintedThisTick += amount;
    this.chainMinted[chain].add(amount);
  }

  noteBurn(amount: number, chain = 0): void {
    this.burnedSum.add(amount);
    this.burnedThisTick += amount;
    this.chainBurned[chain].add(amount);
  }

  /** Returns the number of chain `name` (0 for the main chain), numbering it on first sight. */
  chainId(name: string): number {
    let k = this.chainIds.get(name);
    if (k === undefined) {
      k = this.chainMinted.length;
      this.chainIds.set(name, k);
      this.chainMinted.push(new RunningSum());
      this.chainBurned.push(new RunningSum());
    }
    return k;
  }

  /** Returns the chains the ledger has seen, the main chain first. */
  get chains(): string[] {
    return [...this.chainIds.keys()];
  }

  /** Returns the supply of chain `name`: tokens minted minus burned there, in tokens (0 for a chain never seen). */
  chainSupply(name: string): number {
    const k = this.chainIds.get(name);
    return k === undefined ? 0 : this.chainMinted[k].value - this.chainBurned[k].value;
  }

  noteUsdIn(amount: number): void {
    this.usdInSum.add(amount);
  }

  noteUsdOut(amount: number): void {
    this.usdOutSum.add(amount);
  }

  /** Starts tick `tick`: resets the per-tick counters and every route's flow, and notes scalar balances for `check`. */
  beginTick(tick: number, check = false): void {
    if (tick === 1) this.genesisMinted = this.mintedSum.value;
    this.tick = tick;
    this.mintedThisTick = 0;
    this.burnedThisTick = 0;
    const rs = this.routes;
    for (let k = 0; k < rs.length; k++) rs[k].tick = 0;
    if (check) this.noteStart();
  }

  /** Returns all tokens ever minted, in tokens. */
  get minted(): number {
    return this.mintedSum.value;
  }

  /** Returns all tokens ever burned, in tokens. */
  get burned(): number {
    return this.burnedSum.value;
  }

  /** Returns total supply = minted − burned, in tokens. */
  get supply(): number {
    return this.mintedSum.value - this.burnedSum.value;
  }

  /** Returns net USD that entered the model, in USD. */
  get usdNet(): number {
    return this.usdInSum.value - this.usdOutSum.value;
  }

  /** Returns the circulating supply: Σ tokens of the accounts that circulate, in tokens. */
  circulating(): number {
    let s = 0;
    for (const a of this.accounts) if (a.circulating) s += a.tokens;
    return s;
  }

  /** Returns each account's token holdings, by name (for diagnostics and tests). */
  tokenBreakdown(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const a of this.accounts) out[a.name] = a.tokens;
    return out;
  }

  /** Returns Σ token holdings over every account, in tokens (`chain`: that chain's only). */
  totalTokenHoldings(chain?: string): number {
    return compensatedSum(this.accounts.filter((a) => chain === undefined || a.chain === chain).map((a) => a.tokens));
  }

  /** Returns Σ USD holdings over every account, in USD. */
  totalUsdHoldings(): number {
    return compensatedSum(this.accounts.map((a) => a.usd));
  }

  /**
   * Throws a `RunError` at `tick` if tokens or USD are not conserved, if a
   * columnar account's totals differ from its columns, if a balance is
   * negative, or (after `beginTick(…, true)`) if a scalar account changed by
   * more than its routes moved this tick.
   */
  check(tick: number, relTol = 1e-9): void {
    const held = this.totalTokenHoldings();
    const supply = this.supply;
    const scale = Math.max(1, this.minted);
    if (!(Math.abs(held - supply) <= relTol * scale)) {
      throw new RunError(`token conservation broken: minted − burned = ${supply} but holdings sum to ${held} (${JSON.stringify(this.tokenBreakdown())})`, tick);
    }
    if (this.chainIds.size > 1) {
      for (const c of this.chainIds.keys()) {
        const onChain = this.totalTokenHoldings(c);
        if (!(Math.abs(onChain - this.chainSupply(c)) <= relTol * scale)) {
          throw new RunError(`token conservation broken on chain ${c}: minted − burned there = ${this.chainSupply(c)} but its accounts hold ${onChain}`, tick);
        }
      }
    }
    const usdHeld = this.totalUsdHoldings();
    const usdNet = this.usdNet;
    const usdScale = Math.max(1, this.usdInSum.value);
    if (!(Math.abs(usdHeld - usdNet) <= relTol * usdScale)) {
      throw new RunError(`USD conservation broken: net inflow = ${usdNet} but holdings sum to ${usdHeld}`, tick);
    }
    for (const a of this.accounts) this.checkAccount(a, tick, relTol * scale, relTol * usdScale);
    if (this.startTokens.length === this.accounts.length) this.checkFlows(tick, relTol * scale, relTol * usdScale);
  }

  private checkAccount(a: Account, tick: number, tokTol: number, usdTol: number): void {
    if (a.tokens < -tokTol || a.usd < -usdTol) throw new RunError(`account ${a.name} is negative: ${a.tokens} tokens, ${a.usd} USD`, tick);
    if (!a.columnar) return;
    let tokens = 0;
    let usd = 0;
    for (const p of a.pockets) {
      const col = p.pop.f64Columns[p.column];
      for (let i = 0; i < p.pop.size; i++) {
        if (col[i] < -(p.asset === 'tokens' ? tokTol : usdTol)) throw new RunError(`account ${a.name}: agent ${i} of ${p.pop.name} has ${col[i]} ${p.asset} in ${p.column}`, tick);
      }
      const s = compensatedSum(col, 0, p.pop.size);
      if (p.asset === 'tokens') tokens += s;
      else usd += s;
    }
    if (!(Math.abs(tokens - a.tokens) <= tokTol) || !(Math.abs(usd - a.usd) <= usdTol)) {
      throw new RunError(`account ${a.name}: its columns hold ${tokens} tokens and ${usd} USD but its routes put ${a.tokens} and ${a.usd} there (a balance was written around the ledger)`, tick);
    }
  }

  private noteStart(): void {
    const n = this.accounts.length;
    if (this.startTokens.length !== n) {
      this.startTokens = new Float64Array(n);
      this.startUsd = new Float64Array(n);
    }
    for (let k = 0; k < n; k++) {
      this.startTokens[k] = this.accounts[k].tokens;
      this.startUsd[k] = this.accounts[k].usd;
    }
  }

  private checkFlows(tick: number, tokTol: number, usdTol: number): void {
    const n = this.accounts.length;
    const dTok = new Float64Array(n);
    const dUsd = new Float64Array(n);
    for (const r of this.routes) {
      const d = r.asset === 'tokens' ? dTok : dUsd;
      if (r.from) d[r.from.id] -= r.tick;
      if (r.to) d[r.to.id] += r.tick;
    }
    for (let k = 0; k < n; k++) {
      const a = this.accounts[k];
      const gotTok = a.tokens - this.startTokens[k];
      const gotUsd = a.usd - this.startUsd[k];
      if (!(Math.abs(gotTok - dTok[k]) <= tokTol) || !(Math.abs(gotUsd - dUsd[k]) <= usdTol)) {
        throw new RunError(`account ${a.name} changed by ${gotTok} tokens and ${gotUsd} USD this tick but its flows say ${dTok[k]} and ${dUsd[k]} (a balance was written around the ledger)`, tick);
      }
    }
  }
}

function isPocket(end: RouteEnd): end is Pocket {
  return typeof end === 'object' && 'pop' in end;
}

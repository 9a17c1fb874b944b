import type { Account, Asset, Pocket } from './account';
import { RunError } from './errors';

/** The ledger's side of a route: the counters mints, burns and USD crossing the model's edge go to. */
export interface RouteBooks {
  readonly tick: number;
  /** Counts `amount` tokens minted on chain number `chain` (0: the main chain). */
  noteMint(amount: number, chain?: number): void;
  /** Counts `amount` tokens burned on chain number `chain` (0: the main chain). */
  noteBurn(amount: number, chain?: number): void;
  noteUsdIn(amount: number): void;
  noteUsdOut(amount: number): void;
}

/** A placeholder until a pocket's column is first reached. */
const NO_COLUMN = new Float64Array(0);

/**
 * One way money moves, fixed when a block is built: from an account (or
 * agent i's pocket of it, or newly minted, or from outside the model) to
 * another account (or agent j's pocket, or burned, or out of the model),
 * for one `reason`, in one asset. Each transfer debits one side, credits
 * the other and adds the amount to `tick`, the route's total this tick —
 * the ledger's flows by (from, to, reason). Routes are how every balance
 * changes: no block writes a balance by hand.
 *
 * Which call fits depends on the ends: `move(a)` between scalar accounts,
 * `pay(j, a)` from a scalar account to agent j, `take(i, a)` from agent i to
 * a scalar account, `between(i, j, a)` from agent i's pocket to agent j's
 * (`within(i, a)` when both are the same agent). Amounts must be finite and
 * ≥ 0 (a `RunError` otherwise); no call checks for overdraft — `--check`
 * does, every tick.
 */
export class Route {
  /** Amount moved this tick (tokens or USD by `asset`). */
  tick = 0;
  private readonly fromPocket: Pocket | null;
  private readonly toPocket: Pocket | null;
  /** The pockets' columns, cached: reached by a field load, not a lookup by name, and refreshed when a population grows. */
  private fromCol: Float64Array;
  private toCol: Float64Array;
  private fromGen = -1;
  private toGen = -1;

  constructor(
    readonly id: number,
    readonly reason: string,
    readonly asset: Asset,
    /** The debited account; null for a mint (tokens) or money entering the model (USD). */
    readonly from: Account | null,
    /** The credited account; null for a burn (tokens) or money leaving the model (USD). */
    readonly to: Account | null,
    fromPocket: Pocket | null,
    toPocket: Pocket | null,
    private readonly books: RouteBooks,
    /** The number of the chain its tokens are minted on or burned from (the ledger's `chainId`); 0 for other routes. */
    private readonly chain = 0,
  ) {
    this.fromPocket = fromPocket;
    this.toPocket = toPocket;
    this.fromCol = NO_COLUMN;
    this.toCol = NO_COLUMN;
  }

  /** The debited pocket's column (the population's current array). */
  private source(): Float64Array {
    const p = this.fromPocket!;
    if (p.pop.generation !== this.fromGen) {
      this.fromCol = p.pop.f64Columns[p.column];
      this.fromGen = p.pop.generation;
    }
    return this.fromCol;
  }

  /** The credited pocket's column (the population's current array). */
  private target(): Float64Array {
    const p = this.toPocket!;
    if (p.pop.generation !== this.toGen) {
      this.toCol = p.pop.f64Columns[p.column];
      this.toGen = p.pop.generation;
    }
    return this.toCol;
  }

  /** Returns the name of the debited side as written in `flows.arrow`: the account, or `mint` / `outside`. */
  get fromName(): string {
    return this.from ? this.from.name : this.asset === 'tokens' ? 'mint' : 'outside';
  }

  /** Returns the name of the credited side as written in `flows.arrow`: the account, or `burn` / `outside`. */
  get toName(): string {
    return this.to ? this.to.name : this.asset === 'tokens' ? 'burn' : 'outside';
  }

  /** Moves `amount` between the route's scalar ends. */
  move(amount: number): void {
    this.valid(amount);
    this.debit(amount);
    this.credit(amount);
    this.tick += amount;
  }

  /** Moves `amount` from the route's scalar source to agent `j`'s pocket. */
  pay(j: number, amount: number): void {
    this.valid(amount);
    this.debit(amount);
    this.credit(amount);
    this.target()[j] += amount;
    this.tick += amount;
  }

  /**
   * Pays agents `first..first + amounts.length` their `amounts` (each ≥ 0)
   * from the route's scalar source in one debit of the plain sum (genesis
   * endowments); returns that sum.
   */
  payRange(first: number, amounts: Float64Array): number {
    const col = this.target();
    let sum = 0;
    for (let k = 0; k < amounts.length; k++) {
      const a = amounts[k];
      col[first + k] += a;
      sum += a;
    }
    this.valid(sum);
    this.debit(sum);
    this.credit(sum);
    this.tick += sum;
    return sum;
  }

  /** Moves `amount` from agent `i`'s pocket to the route's scalar destination. */
  take(i: number, amount: number): void {
    this.valid(amount);
    this.source()[i] -= amount;
    this.debit(amount);
    this.credit(amount);
    this.tick += amount;
  }

  /** Moves `amount` from agent `i`'s pocket to agent `j`'s pocket. */
  between(i: number, j: number, amount: number): void {
    this.valid(amount);
    this.source()[i] -= amount;
    this.target()[j] += amount;
    this.debit(amount);
    this.credit(amount);
    this.tick += amount;
  }

  /** Moves `amount` from one pocket of agent `i` to another of the same agent (e.g. liquid to staked). */
  within(i: number, amount: number): void {
    this.between(i, i, amount);
  }

  /**
   * Takes `amount` from agent `i`'s pocket in one debit and credits
   * `amount − cut` to this route's destination and `cut` to `cutRoute`'s
   * (a swap that pays the pool and a protocol fee at once). Both routes
   * must start at the same pocket.
   */
  takeSplit(i: number, amount: number, cut: number, cutRoute: Route): void {
    this.valid(amount);
    cutRoute.valid(cut);
    this.source()[i] -= amount;
    this.debit(amount);
    const rest = amount - cut;
    this.credit(rest);
    this.tick += rest;
    cutRoute.credit(cut);
    cutRoute.tick += cut;
  }

  /** Moves `amount` from the scalar source in one debit: `amount − cut` here and `cut` through `cutRoute` (same source). */
  moveSplit(amount: number, cut: number, cutRoute: Route): void {
    this.valid(amount);
    cutRoute.valid(cut);
    this.debit(amount);
    const rest = amount - cut;
    this.credit(rest);
    this.tick += rest;
    cutRoute.credit(cut);
    cutRoute.tick += cut;
  }

  private valid(amount: number): void {
    if (!(amount >= 0 && amount < Infinity)) {
      throw new RunError(`transfer of ${amount} ${this.asset} from ${this.fromName} to ${this.toName} (${this.reason}): amounts must be finite and >= 0`, this.books.tick);
    }
  }

  private debit(amount: number): void {
    const f = this.from;
    if (f === null) {
      if (this.asset === 'tokens') this.books.noteMint(amount, this.chain);
      else this.books.noteUsdIn(amount);
    } else if (this.asset === 'tokens') f.tokens -= amount;
    else f.usd -= amount;
  }

  private credit(amount: number): void {
    const t = this.to;
    if (t === null) {
      if (this.asset === 'tokens') this.books.noteBurn(amount, this.chain);
      else this.books.noteUsdOut(amount);
    } else if (this.asset === 'tokens') t.tokens += amount;
    else t.usd += amount;
  }
}

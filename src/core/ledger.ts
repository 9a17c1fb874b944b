import { RunError } from './errors';
import { RunningSum, compensatedSum } from './sum';

/** A holder the ledger can see: returns its token (whole tokens) and USD holdings. */
export interface Holder {
  readonly name: string;
  tokenHoldings(): number;
  usdHoldings(): number;
}

/** A plain account with a token and a USD balance (the treasury, an escrow). */
export interface Account {
  tokens: number;
  usd: number;
}

/** Returns a `Holder` that reports the balances of `account`. */
export function accountHolder(name: string, account: Account): Holder {
  return { name, tokenHoldings: () => account.tokens, usdHoldings: () => account.usd };
}

/**
 * The ledger: running totals of tokens minted and burned and of USD that
 * entered or left the model, and the list of every place tokens and USD are
 * held. Mechanisms call `mint`/`burn` and credit or debit a holder in the same
 * step; `check` asserts
 *
 *   minted − burned = Σ token holdings   and   usdIn − usdOut = Σ USD holdings
 *
 * within a relative 1e-9 (compensated sums on both sides).
 */
export class Ledger {
  private readonly mintedSum = new RunningSum();
  private readonly burnedSum = new RunningSum();
  private readonly usdInSum = new RunningSum();
  private readonly usdOutSum = new RunningSum();
  private readonly holders: Holder[] = [];
  /** Tokens minted during the current tick (reset by `beginTick`). */
  mintedThisTick = 0;
  /** Tokens burned during the current tick (reset by `beginTick`). */
  burnedThisTick = 0;

  /** Registers a place where tokens or USD are held. */
  register(holder: Holder): void {
    this.holders.push(holder);
  }

  /** Records `amount` tokens created; the caller credits them to a holder. */
  mint(amount: number): void {
    if (!(amount >= 0)) throw new RangeError(`mint amount must be >= 0, got ${amount}`);
    this.mintedSum.add(amount);
    this.mintedThisTick += amount;
  }

  /** Records `amount` tokens destroyed; the caller debits them from a holder. */
  burn(amount: number): void {
    if (!(amount >= 0)) throw new RangeError(`burn amount must be >= 0, got ${amount}`);
    this.burnedSum.add(amount);
    this.burnedThisTick += amount;
  }

  /** Records `amount` USD entering the model from outside (an endowment, a customer payment). */
  usdIn(amount: number): void {
    if (!(amount >= 0)) throw new RangeError(`usdIn amount must be >= 0, got ${amount}`);
    this.usdInSum.add(amount);
  }

  /** Records `amount` USD leaving the model (operating costs paid to the outside world). */
  usdOut(amount: number): void {
    if (!(amount >= 0)) throw new RangeError(`usdOut amount must be >= 0, got ${amount}`);
    this.usdOutSum.add(amount);
  }

  /** Resets the per-tick counters. */
  beginTick(): void {
    this.mintedThisTick = 0;
    this.burnedThisTick = 0;
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

  /** Returns each holder's token holdings, by name (for diagnostics and tests). */
  tokenBreakdown(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const h of this.holders) out[h.name] = (out[h.name] ?? 0) + h.tokenHoldings();
    return out;
  }

  /** Returns Σ token holdings over every registered holder, in tokens. */
  totalTokenHoldings(): number {
    return compensatedSum(this.holders.map((h) => h.tokenHoldings()));
  }

  /** Returns Σ USD holdings over every registered holder, in USD. */
  totalUsdHoldings(): number {
    return compensatedSum(this.holders.map((h) => h.usdHoldings()));
  }

  /** Throws a `RunError` at `tick` if tokens or USD are not conserved. */
  check(tick: number, relTol = 1e-9): void {
    const held = this.totalTokenHoldings();
    const supply = this.supply;
    const scale = Math.max(1, this.minted);
    if (!(Math.abs(held - supply) <= relTol * scale)) {
      throw new RunError(
        `token conservation broken: minted − burned = ${supply} but holdings sum to ${held} (${JSON.stringify(this.tokenBreakdown())})`,
        tick,
      );
    }
    const usdHeld = this.totalUsdHoldings();
    const usdNet = this.usdNet;
    const usdScale = Math.max(1, this.usdInSum.value);
    if (!(Math.abs(usdHeld - usdNet) <= relTol * usdScale)) {
      throw new RunError(`USD conservation broken: net inflow = ${usdNet} but holdings sum to ${usdHeld}`, tick);
    }
  }
}

/**
 * A reward-per-weight index (the "reward per token" accumulator of staking
 * contracts), for O(1) pro-rata reward accounting.
 *
 * `distribute(R)` adds R / W to the index I, where W is the total weight
 * (stake, capacity), and holds R in escrow. A holder with weight w whose
 * snapshot is s is owed w · (I − s); settling pays that from escrow and sets
 * s = I. Between weight changes this pays each holder exactly
 * w / W · Σ R, without a loop over holders.
 */
export class RewardIndex {
  /** Reward per unit of weight accumulated since the start, in tokens per weight unit. */
  index = 0;
  /** Total weight of all holders (tokens staked, capacity units). */
  totalWeight = 0;
  /** Tokens distributed and not yet paid out. */
  escrow = 0;

  /**
   * Adds `amount` tokens to the index and returns true; returns false (and
   * changes nothing) when there is no weight to pay.
   */
  distribute(amount: number): boolean {
    if (!(this.totalWeight > 0) || !(amount > 0)) return false;
    this.index += amount / this.totalWeight;
    this.escrow += amount;
    return true;
  }

  /** Returns what a holder of `weight` with `snapshot` is owed, in tokens. */
  owed(weight: number, snapshot: number): number {
    return weight * (this.index - snapshot);
  }

  /** Pays `amount` out of escrow and returns it. */
  pay(amount: number): number {
    this.escrow -= amount;
    return amount;
  }
}

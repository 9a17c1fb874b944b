import type { Account } from '../core/account';

/**
 * A reward-per-weight index (the "reward per token" accumulator of staking
 * contracts, e.g. Synthetix StakingRewards.rewardPerToken,
 * github.com/Synthetixio/synthetix, contracts/StakingRewards.sol), for O(1)
 * pro-rata reward accounting.
 *
 * `distribute(R)` adds R / W to the index I, where W is the total weight
 * (stake, capacity); the R tokens wait in the `escrow` account (the caller's
 * route put them there). A holder with weight w whose snapshot is s is owed
 * w · (I − s); settling pays that from escrow and sets s = I. Between weight
 * changes this pays each holder exactly w / W · Σ R, without a loop over
 * holders.
 */
export class RewardIndex {
  /** Reward per unit of weight accumulated since the start, in tokens per weight unit. */
  index = 0;
  /** Total weight of all holders (tokens staked, capacity units). */
  totalWeight = 0;

  constructor(readonly escrow: Account) {}

  /** Returns whether there is weight to pay (a distribution would be accepted). */
  get open(): boolean {
    return this.totalWeight > 0;
  }

  /**
   * Adds `amount` tokens to the index and returns true; returns false (and
   * changes nothing) when there is no weight to pay. The tokens must
   * already be in escrow, or be moved there by the caller when this
   * returns true.
   */
  distribute(amount: number): boolean {
    if (!(this.totalWeight > 0) || !(amount > 0)) return false;
    this.index += amount / this.totalWeight;
    return true;
  }

  /** Returns what a holder of `weight` with `snapshot` is owed, in tokens. */
  owed(weight: number, snapshot: number): number {
    return weight * (this.index - snapshot);
  }
}

import type { Holder } from '../core/ledger';
import type { Population } from '../core/population';
import { RewardIndex } from './rewardIndex';

/**
 * A node-reward stream paid to DePIN nodes pro rata to contributed capacity.
 *
 * Rewards (tokens per tick, usually a share of emission) go into a
 * reward-per-capacity index: node i with capacity c_i online while R is
 * distributed receives R · c_i / Σ c, settled into its token balance when it
 * calls `settle`. O(1) per distribution, like the staking pool.
 *
 * A population that runs nodes needs a `capacity` f64 column (capacity units,
 * e.g. GPUs), or whichever column is named as the weight (a capacity scaled
 * by a reward multiplier); the stream adds a `nodeSnapshot` column to it.
 */
export class NodeRewards implements Holder {
  readonly name = 'nodeRewards';
  readonly rewards = new RewardIndex();
  /** Tokens distributed to nodes this tick. */
  distributedThisTick = 0;
  /** Number of nodes online. */
  nodes = 0;

  /** `weightColumn`: the f64 column nodes are paid by (default `capacity`). */
  constructor(private readonly weightColumn = 'capacity') {}

  /** Adds the stream's columns to `pop`. */
  attach(pop: Population): void {
    pop.addColumn('nodeSnapshot', 'f64');
  }

  /** Returns the total weight online: capacity units when paying by `capacity`. */
  get totalCapacity(): number {
    return this.rewards.totalWeight;
  }

  /** Pays `amount` tokens to online nodes by capacity; returns false when no node is online. */
  distribute(amount: number): boolean {
    const ok = this.rewards.distribute(amount);
    if (ok) this.distributedThisTick += amount;
    return ok;
  }

  /** Resets the per-tick counter (call at the start of each tick). */
  beginTick(): void {
    this.distributedThisTick = 0;
  }

  /** Brings node `pop[i]` online with its capacity; rewards accrue from now. */
  join(pop: Population, i: number): void {
    const c = pop.cols as unknown as Record<string, Float64Array>;
    c.nodeSnapshot[i] = this.rewards.index;
    this.rewards.totalWeight += c[this.weightColumn][i];
    this.nodes++;
  }

  /** Takes node `pop[i]` offline after paying what it is owed; returns that payment, in tokens. */
  leave(pop: Population, i: number): number {
    const paid = this.settle(pop, i);
    const c = pop.cols as unknown as Record<string, Float64Array>;
    this.rewards.totalWeight -= c[this.weightColumn][i];
    // Rounding must not leave a phantom capacity that would swallow the next rewards.
    if (--this.nodes === 0) this.rewards.totalWeight = 0;
    return paid;
  }

  /** Pays node `pop[i]`'s accrued reward into its token balance and returns it, in tokens. */
  settle(pop: Population, i: number): number {
    const c = pop.cols as unknown as Record<string, Float64Array>;
    const owed = this.rewards.owed(c[this.weightColumn][i], c.nodeSnapshot[i]);
    c.nodeSnapshot[i] = this.rewards.index;
    if (owed > 0) {
      this.rewards.pay(owed);
      pop.cols.tokens[i] += owed;
    }
    return owed;
  }

  /** Returns tokens held for nodes and not yet settled. */
  tokenHoldings(): number {
    return this.rewards.escrow;
  }

  usdHoldings(): number {
    return 0;
  }
}

import type { Account } from '../core/account';
import { defineBlock } from '../core/block';
import type { Ledger, RouteEnd } from '../core/ledger';
import type { Population } from '../core/population';
import type { Route } from '../core/route';
import { last } from '../metrics/series';
import { mean } from '../metrics/stats';
import { RewardIndex } from './rewardIndex';
import type { RewardSink } from './staking';

/** Columns a population that runs nodes keeps for the node-reward stream; spread them into the class's schema. */
export const nodeRewardColumns = { rewardWeight: 'f64', nodeSnapshot: 'f64' } as const;

/** A population that runs nodes. */
export type NodePopulation = Population<typeof nodeRewardColumns>;

/** One population's nodes in the stream: join, leave and settle by agent index. */
export class NodeAccount {
  private readonly rewardRoute: Route;

  constructor(
    readonly pop: NodePopulation,
    private readonly stream: NodeRewards,
    ledger: Ledger,
  ) {
    if (!pop.account) throw new Error(`population ${pop.name} has no ledger account`);
    this.rewardRoute = ledger.route(stream.rewards.escrow, ledger.pocket(pop.account, pop, 'tokens'), 'node reward');
  }

  /** Brings node i online with its reward weight; rewards accrue from now. */
  join(i: number): void {
    const c = this.pop.cols;
    c.nodeSnapshot[i] = this.stream.rewards.index;
    this.stream.rewards.totalWeight += c.rewardWeight[i];
    this.stream.nodes++;
  }

  /** Takes node i offline after paying what it is owed; returns that payment, in tokens. */
  leave(i: number): number {
    const paid = this.settle(i);
    this.stream.rewards.totalWeight -= this.pop.cols.rewardWeight[i];
    // Rounding must not leave a phantom weight that would swallow the next rewards.
    if (--this.stream.nodes === 0) this.stream.rewards.totalWeight = 0;
    return paid;
  }

  /** Pays node i's accrued reward into its token balance and returns it, in tokens. */
  settle(i: number): number {
    const c = this.pop.cols;
    const r = this.stream.rewards;
    const owed = r.owed(c.rewardWeight[i], c.nodeSnapshot[i]);
    c.nodeSnapshot[i] = r.index;
    if (owed > 0) this.rewardRoute.pay(i, owed);
    return owed;
  }
}

/**
 * A node-reward stream paid to DePIN nodes pro rata to their reward weight
 * (contributed capacity, scaled by any green multiplier).
 *
 * Rewards (tokens per tick: a share of emission, a DePIN reward model's
 * capacity mint) go into a reward-per-weight index: node i with weight w_i
 * online while R is distributed receives R · w_i / Σ w, settled into its
 * token balance when it calls `settle`. O(1) per distribution, like the
 * staking pool. `offeredThisTick` is what payers offered this tick, paid or
 * not (no node online): what a candidate operator expects to share.
 */
export class NodeRewards {
  readonly rewards: RewardIndex;
  /** Tokens distributed to nodes this tick. */
  distributedThisTick = 0;
  /** Tokens payers offered this tick, whether or not a node was online to take them. */
  offeredThisTick = 0;
  /** Number of nodes online. */
  nodes = 0;
  /** Capacity of the nodes up this tick (online and not down), in service units; set by the operators at the start of each tick. */
  upCapacity = 0;
  /** Reward weight of the nodes up this tick. */
  upWeight = 0;
  private readonly members: NodeAccount[] = [];

  constructor(
    private readonly ledger: Ledger,
    escrow: Account,
  ) {
    this.rewards = new RewardIndex(escrow);
  }

  /** Returns the total weight online (capacity units when there is no multiplier). */
  get totalCapacity(): number {
    return this.rewards.totalWeight;
  }

  /** Returns the node account of `pop`, attaching it on first call. */
  attach(pop: NodePopulation): NodeAccount {
    const known = this.members.find((m) => m.pop === pop);
    if (known) return known;
    const m = new NodeAccount(pop, this, this.ledger);
    this.members.push(m);
    return m;
  }

  /** Returns a reward source whose `pay(a)` moves a tokens from `from` to the nodes by weight, or refuses when no node is online. */
  rewardsFrom(from: RouteEnd, reason: string): RewardSink {
    const route = this.ledger.route(from, this.rewards.escrow, reason);
    return {
      pay: (amount: number): boolean => {
        this.offeredThisTick += amount;
        if (!this.rewards.distribute(amount)) return false;
        route.move(amount);
        this.distributedThisTick += amount;
        return true;
      },
    };
  }

  /** Resets the per-tick counters (phase `pre`). */
  beginTick(): void {
    this.distributedThisTick = 0;
    this.offeredThisTick = 0;
  }
}

/** The node-reward stream block. */
export const nodeRewards = defineBlock({
  key: 'nodeRewards',
  kind: 'mechanism',
  description: 'node-reward stream: tokens paid to online nodes pro rata to their reward weight',
  sources: ['reward-per-weight index: Synthetix StakingRewards.sol (github.com/Synthetixio/synthetix), weighted by capacity as Helium PoC rewards by hotspot (HIP-10)'],
  columns: nodeRewardColumns,
  holders: { '': { circulating: false, description: 'node rewards distributed and not yet settled' } },
  metrics: {
    node_count: { unit: 'nodes', description: 'nodes online' },
    node_capacity: { unit: 'weight units', description: 'reward weight online (capacity units without multipliers)' },
  },
  kpis: {
    final_node_count: { unit: 'nodes', description: 'nodes online at the last tick' },
    mean_node_count: { unit: 'nodes', description: 'mean nodes online over the recorded rows' },
  },
  build(ctx) {
    const stream = new NodeRewards(ctx.ledger, ctx.account(''));
    return {
      api: stream,
      hooks: { pre: () => stream.beginTick() },
      metrics: { node_count: () => stream.nodes, node_capacity: () => stream.totalCapacity },
      summary: ({ series }) => ({ final_node_count: last(series, 'node_count'), mean_node_count: mean(series.node_count) }),
    };
  },
});

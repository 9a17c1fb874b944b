import { z } from '../core/zod';
import type { Account } from '../core/account';
import { defineBlock } from '../core/block';
import type { Ledger, RouteEnd } from '../core/ledger';
import type { Population } from '../core/population';
import type { Route } from '../core/route';
import { compensatedSum } from '../core/sum';
import { nakamoto } from '../metrics/inequality';
import { last } from '../metrics/series';
import { mean } from '../metrics/stats';
import { RewardIndex } from './rewardIndex';

/** Parameters of the staking pool. */
export const stakingParamsSchema = z
  .object({
    /** Ticks between an unstake and the tokens becoming liquid again. */
    unbondingTicks: z.number().int().min(0).max(100_000),
  })
  .strict();
export type StakingParams = z.infer<typeof stakingParamsSchema>;

/** Columns the staking pool keeps on each population that stakes; spread them into the class's schema. */
/** A stake left below this share of the stake it was is unstaked with the rest (relative rounding of float64, with margin). */
const DUST = 1e-12;

export const stakingColumns = { staked: 'f64', stakeSnapshot: 'f64', unbonding: 'f64', unbondingChunks: 'i32' } as const;

/** A population that can stake: one whose schema spreads `stakingColumns`. */
export type StakingPopulation = Population<typeof stakingColumns>;

/** Where a share of rewards comes from and how it is paid into the pool (see `StakingPool.rewardsFrom`). */
export interface RewardSink {
  /** Moves `amount` tokens from the source into the pool's reward escrow and credits stakers pro rata; returns false (nothing moves) when nothing is staked. */
  pay(amount: number): boolean;
}

/**
 * One population's place in the staking pool: its routes (stake, unstake,
 * release, reward) and its agents' stake, reached by index with no lookups.
 */
export class StakeAccount {
  private readonly stakeRoute: Route;
  private readonly unstakeRoute: Route;
  private readonly unbondRoute: Route;
  private readonly releaseRoute: Route;
  private readonly rewardRoute: Route;

  constructor(
    readonly pop: StakingPopulation,
    readonly number: number,
    private readonly pool: StakingPool,
    ledger: Ledger,
    staked: Account,
    unbonding: Account,
  ) {
    if (!pop.account) throw new Error(`population ${pop.name} has no ledger account`);
    const liquid = ledger.pocket(pop.account, pop, 'tokens');
    const inStake = ledger.pocket(staked, pop, 'staked');
    const inUnbonding = ledger.pocket(unbonding, pop, 'unbonding');
    this.stakeRoute = ledger.route(liquid, inStake, 'stake');
    this.unstakeRoute = ledger.route(inStake, liquid, 'unstake');
    this.unbondRoute = ledger.route(inStake, inUnbonding, 'unstake');
    this.releaseRoute = ledger.route(inUnbonding, liquid, 'unbonded');
    this.rewardRoute = ledger.route(pool.rewards.escrow, liquid, 'staking reward');
  }

  /** Returns the reward agent i could settle now, in tokens. */
  pending(i: number): number {
    const c = this.pop.cols;
    return this.pool.rewards.owed(c.staked[i], c.stakeSnapshot[i]);
  }

  /** Pays agent i's pending reward into its token balance and returns it, in tokens. */
  settle(i: number): number {
    const c = this.pop.cols;
    const r = this.pool.rewards;
    const owed = r.owed(c.staked[i], c.stakeSnapshot[i]);
    c.stakeSnapshot[i] = r.index;
    if (owed > 0) this.rewardRoute.pay(i, owed);
    return owed;
  }

  /** Moves up to `amount` of agent i's liquid tokens into stake; returns the amount staked. */
  stake(i: number, amount: number): number {
    this.settle(i);
    const c = this.pop.cols;
    const a = amount < c.tokens[i] ? amount : c.tokens[i];
    if (!(a > 0)) return 0;
    if (c.staked[i] === 0) this.pool.stakers++;
    this.stakeRoute.within(i, a);
    this.pool.rewards.totalWeight += a;
    return a;
  }

  /** Moves up to `amount` of agent i's stake into unbonding (or straight back with no unbonding period); returns the amount. */
  unstake(i: number, amount: number, tick: number): number {
    this.settle(i);
    const c = this.pop.cols;
    const s = c.staked[i];
    // What would stay staked below a rounding error of the stake goes too: a dust stake would hold the
    // pool open with a weight of ~1e-18, and a distribution then lifts the index so high that later
    // index differences lose their precision (found by the per-staker reference property test).
    const a = amount < s && s - amount > DUST * s ? amount : s;
    if (!(a > 0)) return 0;
    const period = this.pool.unbondingTicks();
    if (period <= 0) this.unstakeRoute.within(i, a);
    else this.unbondRoute.within(i, a);
    this.pool.noteUnstake(c.staked[i] === 0, a);
    if (period > 0) {
      c.unbondingChunks[i]++;
      this.pool.queue(tick + period, this.number, i, a);
    }
    return a;
  }

  /**
   * Releases a matured chunk of `a` tokens of agent i from unbonding. The
   * agent's last chunk releases all its unbonding balance, so rounding over
   * many chunks never leaves a residue (or a negative balance) behind.
   */
  release(i: number, a: number): void {
    const c = this.pop.cols;
    const last = --c.unbondingChunks[i] === 0;
    const amount = last ? c.unbonding[i] : a < c.unbonding[i] ? a : c.unbonding[i];
    if (amount > 0) this.releaseRoute.within(i, amount);
  }
}

/**
 * The staking pool: agents stake tokens, earn rewards pro rata to stake, and
 * unstake through an unbonding period.
 *
 * Rewards use a reward-per-token index (see `RewardIndex`): a distribution
 * of R costs O(1) and an agent's reward w · (I − s) is settled into its token
 * balance whenever its stake changes or `settle` is called.
 *
 * Unstaked tokens wait `unbondingTicks` ticks: each unstake is its own
 * chunk, released to the agent's token balance in the `pre` phase of tick
 * (unstake tick + unbondingTicks), with the period in force when it was
 * unstaked. Unbonding tokens earn no reward. An agent's last pending chunk
 * releases all its unbonding balance, so `unbonding` is exactly 0 when
 * nothing is pending.
 *
 * Accounts: `staking` (every agent's stake, column `staked`),
 * `staking.unbonding` (column `unbonding`), `staking.rewards` (rewards
 * distributed and not yet settled); none circulates.
 */
export class StakingPool {
  readonly rewards: RewardIndex;
  /** Agents with a non-zero stake; when it reaches 0 the total is reset to exactly 0. */
  stakers = 0;
  /** Rewards distributed this tick, in tokens. */
  distributedThisTick = 0;
  readonly members: StakeAccount[] = [];
  /** release tick → the chunks released then. */
  private readonly releases = new Map<number, ChunkList>();
  /** Emptied chunk lists kept for reuse, so unstaking allocates nothing in steady state. */
  private readonly spare: ChunkList[] = [];
  private readonly expectations: (() => number)[] = [];

  constructor(
    private readonly ledger: Ledger,
    readonly staked: Account,
    readonly unbonding: Account,
    rewardEscrow: Account,
    readonly unbondingTicks: () => number,
  ) {
    this.rewards = new RewardIndex(rewardEscrow);
  }

  /** Returns total tokens staked, all agents. */
  get totalStaked(): number {
    return this.rewards.totalWeight;
  }

  /**
   * Returns the rewards stakers are being paid at the current rates, in
   * tokens per year: the sum of every reward source's own statement (even
   * when nothing is staked yet, so a first staker knows what it would earn).
   */
  expectedRewardsPerYear(): number {
    let s = 0;
    for (const f of this.expectations) s += f();
    return s;
  }

  /** Returns tokens in unbonding, all agents. */
  get totalUnbonding(): number {
    return this.unbonding.tokens;
  }

  /** Returns the stake account of `pop`, attaching it on first call; every population that stakes is attached once. */
  attach(pop: StakingPopulation): StakeAccount {
    const known = this.members.find((m) => m.pop === pop);
    if (known) return known;
    const m = new StakeAccount(pop, this.members.length, this, this.ledger, this.staked, this.unbonding);
    this.members.push(m);
    return m;
  }

  /**
   * Returns a reward source: `pay(a)` moves a tokens from `from` (`mint`
   * for new issuance, an account, or a function opening the route from an
   * account's owner, as the treasury's `spendTo`) into the reward
   * escrow for `reason` and credits stakers pro rata, or refuses (moving
   * nothing) when nothing is staked. `expectedPerYear` tells stakers what
   * the source is paying now, in tokens per year (see `expectedRewardsPerYear`).
   */
  rewardsFrom(from: RouteEnd | ((escrow: Account) => Route), reason: string, expectedPerYear?: () => number): RewardSink {
    const route = typeof from === 'function' ? from(this.rewards.escrow) : this.ledger.route(from, this.rewards.escrow, reason);
    if (expectedPerYear) this.expectations.push(expectedPerYear);
    return {
      pay: (amount: number): boolean => {
        if (!this.rewards.distribute(amount)) return false;
        route.move(amount);
        this.distributedThisTick += amount;
        return true;
      },
    };
  }

  /**
   * Adds a reward source that pays stakers outside the pool's index (its
   * own routes to their balances): `expectedPerYear` joins what
   * `expectedRewardsPerYear` tells stakers, in tokens per year.
   */
  expectRewards(expectedPerYear: () => number): void {
    this.expectations.push(expectedPerYear);
  }

  /**
   * Credits stakers pro rata with `amount` tokens that a caller's own
   * route or trade has just put into the reward escrow (a buyback that buys
   * straight into it); returns false when nothing is staked — the caller
   * must then not move the tokens there. Check `rewards.open` first.
   */
  creditArrived(amount: number): boolean {
    if (!this.rewards.distribute(amount)) return false;
    this.distributedThisTick += amount;
    return true;
  }

  /** Updates the stake total after an unstake of `a` (`emptied`: the agent has no stake left). */
  noteUnstake(emptied: boolean, a: number): void {
    this.rewards.totalWeight -= a;
    if (emptied && --this.stakers === 0) {
      // Rounding must not leave a phantom total that would swallow the next rewards.
      this.rewards.totalWeight = 0;
    } else if (this.rewards.totalWeight < 1e-6 * a) {
      // Cancellation left a total whose rounding error is large against itself: recount (rare, O(N)).
      this.rewards.totalWeight = compensatedSum(this.members.map((m) => compensatedSum(m.pop.cols.staked, 0, m.pop.size)));
    }
  }

  /** Queues a chunk of `a` tokens of member `member`'s agent i for release at `tick`. */
  queue(tick: number, member: number, i: number, a: number): void {
    let list = this.releases.get(tick);
    if (!list) this.releases.set(tick, (list = this.spare.pop() ?? new ChunkList()));
    list.push(member, i, a);
  }

  /** Phase `pre`: resets the tick's reward counter and releases the chunks that mature this tick. */
  pre(tick: number): void {
    this.distributedThisTick = 0;
    const list = this.releases.get(tick);
    if (!list) return;
    this.releases.delete(tick);
    const d = list.data;
    for (let k = 0; k < list.length; k += 3) this.members[d[k]].release(d[k + 1], d[k + 2]);
    list.length = 0;
    this.spare.push(list);
  }

  /** Returns each member agent's stake, all populations concatenated, in tokens. */
  stakes(): Float64Array {
    let n = 0;
    for (const m of this.members) n += m.pop.size;
    const out = new Float64Array(n);
    let k = 0;
    for (const m of this.members) for (let i = 0; i < m.pop.size; i++) out[k++] = Math.max(0, m.pop.cols.staked[i]);
    return out;
  }
}

/** A growable flat list of (member number, agent index, amount) triples in one Float64Array. */
class ChunkList {
  data = new Float64Array(48);
  /** Numbers used (three per chunk). */
  length = 0;

  push(member: number, agent: number, amount: number): void {
    if (this.length + 3 > this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    const d = this.data;
    d[this.length] = member;
    d[this.length + 1] = agent;
    d[this.length + 2] = amount;
    this.length += 3;
  }
}

/** The staking block: the pool, its metrics and KPIs. */
export const staking = defineBlock({
  key: 'staking',
  kind: 'mechanism',
  description: 'staking pool: pro-rata rewards by a reward-per-token index, unstaking through an unbonding period',
  sources: ['reward per token: Synthetix StakingRewards.sol (github.com/Synthetixio/synthetix, contracts/StakingRewards.sol)'],
  params: { schema: stakingParamsSchema, defaults: { unbondingTicks: 14 } },
  columns: stakingColumns,
  holders: {
    '': { circulating: false, description: 'tokens staked, all agents' },
    unbonding: { circulating: false, description: 'tokens unstaked and waiting out the unbonding period' },
    rewards: { circulating: false, description: 'staking rewards distributed and not yet settled to stakers' },
  },
  metrics: {
    staked: { unit: 'tokens', description: 'tokens staked' },
    staking_ratio: { unit: 'share', description: 'staked / supply' },
    unbonding: { unit: 'tokens', description: 'tokens in unbonding' },
    staking_apr: { unit: '1/year', description: 'staking rewards paid this tick × ticks per year / staked' },
  },
  kpis: {
    mean_staking_ratio: { unit: 'share', description: 'mean staking ratio over the recorded rows' },
    final_staking_ratio: { unit: 'share', description: 'staking ratio at the last tick' },
    nakamoto_stake: { unit: 'agents', description: 'fewest agents holding more than half of all stake' },
  },
  build(ctx) {
    const pool = new StakingPool(ctx.ledger, ctx.account(''), ctx.account('unbonding'), ctx.account('rewards'), () => ctx.params().unbondingTicks);
    const ledger = ctx.ledger;
    return {
      api: pool,
      hooks: { pre: (w) => pool.pre(w.tick) },
      metrics: {
        staked: () => pool.totalStaked,
        staking_ratio: () => pool.totalStaked / ledger.supply,
        unbonding: () => pool.totalUnbonding,
        staking_apr: () => (pool.totalStaked > 0 ? (pool.distributedThisTick * ctx.world.ticksPerYear) / pool.totalStaked : 0),
      },
      summary: ({ series }) => ({
        mean_staking_ratio: mean(series.staking_ratio),
        final_staking_ratio: last(series, 'staking_ratio'),
        nakamoto_stake: nakamoto(pool.stakes(), 0.5),
      }),
    };
  },
});

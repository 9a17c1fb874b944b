import { z } from 'zod';
import type { Holder } from '../core/ledger';
import type { Population } from '../core/population';
import { compensatedSum } from '../core/sum';
import type { Mechanism, World } from '../core/world';
import { RewardIndex } from './rewardIndex';

/** Parameters of the staking pool. */
export const stakingParamsSchema = z
  .object({
    /** Ticks between an unstake and the tokens becoming liquid again. */
    unbondingTicks: z.number().int().min(0).max(100_000),
  })
  .strict();
export type StakingParams = z.infer<typeof stakingParamsSchema>;

/** Columns the staking pool keeps on each population that stakes. */
const COLUMNS = ['staked', 'stakeSnapshot', 'unbonding'] as const;

/**
 * The staking pool: agents stake tokens, earn rewards pro rata to stake, and
 * unstake through an unbonding period.
 *
 * Rewards use a reward-per-token index (see `RewardIndex`): `distribute(R)`
 * costs O(1) and an agent's reward w · (I − s) is settled into its token
 * balance whenever its stake changes or `settle` is called.
 *
 * Unstaked tokens wait `unbondingTicks` ticks: each unstake is its own
 * chunk, released to the agent's token balance in the `pre` phase of tick
 * (unstake tick + unbondingTicks), with the period in force when it was
 * unstaked. Unbonding tokens earn no reward.
 *
 * Per-agent state lives in columns added to each population that stakes
 * (`staked`, `stakeSnapshot`, `unbonding` = Σ of its pending chunks).
 */
export class StakingPool implements Mechanism, Holder {
  readonly name = 'staking';
  readonly rewards = new RewardIndex();
  /** Tokens in unbonding, all agents. */
  totalUnbonding = 0;
  /** Agents with a non-zero stake; when it reaches 0 the total is reset to exactly 0. */
  stakers = 0;
  /** Rewards distributed this tick, in tokens. */
  distributedThisTick = 0;
  private readonly pops: Population[] = [];
  /** release tick → the chunks released then. */
  private readonly releases = new Map<number, ChunkList>();
  /** Emptied chunk lists kept for reuse, so unstaking allocates nothing in steady state. */
  private readonly spare: ChunkList[] = [];

  constructor(private readonly unbondingTicks: () => number) {}

  /** Returns total tokens staked, all agents. */
  get totalStaked(): number {
    return this.rewards.totalWeight;
  }

  /** Adds the staking columns to `pop`; every population that stakes must be attached once. */
  attach(pop: Population): void {
    if (this.pops.includes(pop)) return;
    for (const c of COLUMNS) pop.addColumn(c, 'f64');
    this.pops.push(pop);
  }

  /** Pays newly minted `amount` tokens to stakers pro rata; returns false when nothing is staked. */
  distribute(amount: number): boolean {
    const ok = this.rewards.distribute(amount);
    if (ok) this.distributedThisTick += amount;
    return ok;
  }

  /** Returns the reward `pop[i]` could settle now, in tokens. */
  pending(pop: Population, i: number): number {
    const c = pop.cols as unknown as Record<string, Float64Array>;
    return this.rewards.owed(c.staked[i], c.stakeSnapshot[i]);
  }

  /** Pays `pop[i]`'s pending reward into its token balance and returns it, in tokens. */
  settle(pop: Population, i: number): number {
    const c = pop.cols as unknown as Record<string, Float64Array>;
    const r = this.rewards;
    const owed = r.owed(c.staked[i], c.stakeSnapshot[i]);
    c.stakeSnapshot[i] = r.index;
    if (owed > 0) {
      r.pay(owed);
      pop.cols.tokens[i] += owed;
    }
    return owed;
  }

  /** Moves up to `amount` tokens of `pop[i]` from its balance into stake; returns the amount staked. */
  stake(pop: Population, i: number, amount: number): number {
    this.settle(pop, i);
    const tokens = pop.cols.tokens;
    const a = amount < tokens[i] ? amount : tokens[i];
    if (!(a > 0)) return 0;
    tokens[i] -= a;
    const staked = (pop.cols as unknown as Record<string, Float64Array>).staked;
    if (staked[i] === 0) this.stakers++;
    staked[i] += a;
    this.rewards.totalWeight += a;
    return a;
  }

  /** Moves up to `amount` of `pop[i]`'s stake into unbonding (or straight back with no unbonding); returns the amount. */
  unstake(pop: Population, i: number, amount: number, tick: number): number {
    this.settle(pop, i);
    const c = pop.cols as unknown as Record<string, Float64Array>;
    const a = amount < c.staked[i] ? amount : c.staked[i];
    if (!(a > 0)) return 0;
    c.staked[i] -= a;
    this.rewards.totalWeight -= a;
    if (c.staked[i] === 0 && --this.stakers === 0) {
      // Rounding must not leave a phantom total that would swallow the next rewards.
      this.rewards.totalWeight = 0;
    } else if (this.rewards.totalWeight < 1e-6 * a) {
      // Cancellation left a total whose rounding error is large against itself: recount (rare, O(N)).
      this.rewards.totalWeight = this.sumStaked();
    }
    const period = this.unbondingTicks();
    if (period <= 0) {
      pop.cols.tokens[i] += a;
      return a;
    }
    const release = tick + period;
    c.unbonding[i] += a;
    this.totalUnbonding += a;
    let list = this.releases.get(release);
    if (!list) this.releases.set(release, (list = this.spare.pop() ?? new ChunkList()));
    list.push(this.pops.indexOf(pop), i, a);
    return a;
  }

  /** Releases unbonding balances that mature this tick. */
  pre(world: World): void {
    this.distributedThisTick = 0;
    const list = this.releases.get(world.tick);
    if (!list) return;
    this.releases.delete(world.tick);
    const d = list.data;
    for (let k = 0; k < list.length; k += 3) {
      const pop = this.pops[d[k]];
      const i = d[k + 1];
      const a = d[k + 2];
      const c = pop.cols as unknown as Record<string, Float64Array>;
      c.unbonding[i] -= a;
      this.totalUnbonding -= a;
      pop.cols.tokens[i] += a;
    }
    list.length = 0;
    this.spare.push(list);
  }

  private sumStaked(): number {
    const parts: number[] = [];
    for (const p of this.pops) parts.push(compensatedSum((p.cols as unknown as Record<string, Float64Array>).staked, 0, p.size));
    return compensatedSum(parts);
  }

  /** Returns tokens held by the pool: stake, unbonding and undistributed rewards (column sums). */
  tokenHoldings(): number {
    const parts: number[] = [this.rewards.escrow];
    for (const p of this.pops) {
      const c = p.cols as unknown as Record<string, Float64Array>;
      parts.push(compensatedSum(c.staked, 0, p.size), compensatedSum(c.unbonding, 0, p.size));
    }
    return compensatedSum(parts);
  }

  /** The pool holds no USD. */
  usdHoldings(): number {
    return 0;
  }
}

/** Returns a staking pool wired into `world` (registered with the ledger, run in its phases), whose unbonding period is read from `unbondingTicks` at each unstake. */
export function addStakingPool(world: World, unbondingTicks: () => number): StakingPool {
  const pool = new StakingPool(unbondingTicks);
  world.ledger.register(pool);
  world.addMechanism(pool);
  return pool;
}

/** A growable flat list of (population number, agent index, amount) triples in one Float64Array. */
class ChunkList {
  data = new Float64Array(48);
  /** Numbers used (three per chunk). */
  length = 0;

  push(popNumber: number, agent: number, amount: number): void {
    if (this.length + 3 > this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    const d = this.data;
    d[this.length] = popNumber;
    d[this.length + 1] = agent;
    d[this.length + 2] = amount;
    this.length += 3;
  }
}

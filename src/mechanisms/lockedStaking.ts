import { z } from '../core/zod';
import type { Account } from '../core/account';
import { defineBlock } from '../core/block';
import type { Ledger, RouteEnd } from '../core/ledger';
import type { Population } from '../core/population';
import type { Route } from '../core/route';
import { RunningSum } from '../core/sum';
import { last, total } from '../metrics/series';
import type { RewardSink } from './staking';
import { treasury, type Treasury } from './treasury';

/** Parameters of lock-weighted (vote-escrow) staking. */
export const lockingParamsSchema = z
  .object({
    /** Longest lock, in ticks (a lock of this length starts at weight 1 per token). */
    maxLockTicks: z.number().int().min(1),
    /** Penalty for leaving a lock early, as a share of the tokens at a full lock's remaining time, in [0, 1]. */
    earlyExitPenalty: z.number().min(0).max(1),
  })
  .strict();
export type LockingParams = z.infer<typeof lockingParamsSchema>;

/** Columns the lock pool keeps on each population that locks; spread them into the class's schema. */
export const lockColumns = { lockAmount: 'f64', lockEnd: 'f64', lockSnap0: 'f64', lockSnap1: 'f64' } as const;

/** A population that can lock. */
export type LockingPopulation = Population<typeof lockColumns>;

/** One population's locks: lock, exit early, settle by agent index. */
export class LockAccount {
  private readonly lockRoute: Route;
  private readonly unlockRoute: Route;
  private readonly rewardRoute: Route;
  private readonly penaltyRoute: Route;

  constructor(
    readonly pop: LockingPopulation,
    readonly number: number,
    private readonly pool: LockPool,
    ledger: Ledger,
    locked: Account,
    treasuryAccount: Treasury,
  ) {
    if (!pop.account) throw new Error(`population ${pop.name} has no ledger account`);
    const liquid = ledger.pocket(pop.account, pop, 'tokens');
    const inLock = ledger.pocket(locked, pop, 'lockAmount');
    this.lockRoute = ledger.route(liquid, inLock, 'lock');
    this.unlockRoute = ledger.route(inLock, liquid, 'unlock');
    this.rewardRoute = ledger.route(pool.escrow, liquid, 'lock reward');
    this.penaltyRoute = treasuryAccount.incomeFromAgents(pop, 'lock penalty');
  }

  /** Returns agent i's weight during tick t. */
  weightOf(i: number, tick: number): number {
    const c = this.pop.cols;
    const a = c.lockAmount[i];
    const u = c.lockEnd[i];
    return a > 0 && tick < u ? (a * (u - tick)) / this.pool.maxLockTicks() : 0;
  }

  /** Returns the reward agent i could settle now, in tokens. */
  pending(i: number): number {
    const c = this.pop.cols;
    const a = c.lockAmount[i];
    if (!(a > 0)) return 0;
    const owed = (a / this.pool.maxLockTicks()) * (c.lockEnd[i] * (this.pool.index0 - c.lockSnap0[i]) - (this.pool.index1 - c.lockSnap1[i]));
    return owed > 0 ? owed : 0;
  }

  /** Pays agent i's pending reward into its token balance; returns it, in tokens. */
  settle(i: number): number {
    const owed = this.pending(i);
    const c = this.pop.cols;
    c.lockSnap0[i] = this.pool.index0;
    c.lockSnap1[i] = this.pool.index1;
    if (owed > 0) this.rewardRoute.pay(i, owed);
    return owed;
  }

  /**
   * Locks up to `amount` of agent i's liquid tokens for `ticks` ticks from
   * tick `tick` (clamped to [1, maxLockTicks]); returns the amount locked.
   */
  lock(i: number, amount: number, ticks: number, tick: number): number {
    const c = this.pop.cols;
    const a = amount < c.tokens[i] ? amount : c.tokens[i];
    if (!(a > 0)) return 0;
    this.settle(i);
    const M = this.pool.maxLockTicks();
    const len = Math.max(1, Math.min(M, Math.round(ticks)));
    const old = c.lockAmount[i];
    const oldEnd = c.lockEnd[i];
    const u = old > 0 && oldEnd > tick + len ? oldEnd : tick + len;
    this.lockRoute.within(i, a);
    c.lockEnd[i] = u;
    this.pool.noteLock(old, oldEnd, c.lockAmount[i], u, a, this.number, i);
    return a;
  }

  /**
   * Ends agent i's lock at tick `tick` before its unlock: settles its
   * rewards, pays the penalty a · π · (u − t) / M to the treasury and
   * returns the rest to its balance. Returns the tokens returned.
   */
  exitEarly(i: number, tick: number): number {
    const c = this.pop.cols;
    const a = c.lockAmount[i];
    if (!(a > 0) || !(tick < c.lockEnd[i])) return 0;
    this.settle(i);
    const penalty = Math.min(a, (a * this.pool.penaltyShare() * (c.lockEnd[i] - tick)) / this.pool.maxLockTicks());
    this.release(i);
    if (penalty > 0) {
      this.penaltyRoute.take(i, penalty);
      this.pool.penaltiesThisTick += penalty;
    }
    return a - penalty;
  }

  /** Removes agent i's (settled) lock from the totals and returns its tokens to its balance. */
  release(i: number): void {
    const c = this.pop.cols;
    const a = c.lockAmount[i];
    this.pool.noteRelease(a, c.lockEnd[i]);
    this.unlockRoute.within(i, a);
  }

  /** Settles and releases agent i's lock if it ends at `tick` (a stale expiry entry is skipped). */
  expire(i: number, tick: number): void {
    const c = this.pop.cols;
    // A lock extended after this entry was scheduled ends later: skip the stale entry.
    if (!(c.lockAmount[i] > 0) || c.lockEnd[i] !== tick) return;
    this.settle(i);
    this.release(i);
  }
}

/**
 * Lock-weighted staking, vote-escrow style. A holder locks a tokens until
 * tick u (at most `maxLockTicks` = M ahead); its weight during tick t is
 *
 *   w(t) = a · (u − t) / M   for t < u,   0 from u on,
 *
 * so a longer lock earns a larger weight, decaying linearly toward unlock.
 * Rewards R_t are shared pro rata to weight: holder gets R_t · w(t) / W(t).
 *
 * Exact and O(1) per tick: W(t) = (B − S·t) / M with B = Σ a·u and
 * S = Σ a over live locks, and two indices I0 = Σ R_t / W(t) and
 * I1 = Σ t · R_t / W(t). A holder's reward between its snapshots is
 *
 *   Σ R_t · a(u − t) / (M · W(t)) = (a / M) · (u · ΔI0 − ΔI1),
 *
 * valid while t < u; so each lock is settled at its unlock tick (phase
 * `pre`, before that tick's rewards), when its tokens return to the holder
 * and a and a·u leave S and B (cost O(locks expiring that tick)). Adding to
 * a lock settles it first and keeps the later of the two unlock ticks.
 *
 * Leaving early at tick t (`exitEarly`) forfeits a · π · (u − t) / M tokens
 * (π = `earlyExitPenalty`: the penalty shrinks with the time left), paid to
 * the treasury as `lock penalty` income.
 *
 * Source: Curve VotingEscrow (github.com/curvefi/curve-dao-contracts,
 * contracts/VotingEscrow.vy), weight a·(u − t)/MAXTIME.
 */
export class LockPool {
  /** Σ R / W and Σ t · R / W over distributions so far. */
  index0 = 0;
  index1 = 0;
  /** Σ a · u over live locks, compensated (Neumaier) so that adding and removing a huge lock cancels exactly. */
  private weightedEnd = new RunningSum();
  /** Σ a over live locks (tokens), compensated likewise. */
  private lockedSum = new RunningSum();
  /** Live locks; at 0 the totals are reset to exactly 0. */
  locks = 0;
  /** Rewards distributed this tick, in tokens. */
  distributedThisTick = 0;
  /** Early-exit penalties paid this tick, in tokens. */
  penaltiesThisTick = 0;
  readonly members: LockAccount[] = [];
  private readonly expiries = new Map<number, number[]>();
  private tick = 0;

  constructor(
    private readonly ledger: Ledger,
    readonly locked: Account,
    readonly escrow: Account,
    private readonly treasury: Treasury,
    readonly maxLockTicks: () => number,
    readonly penaltyShare: () => number,
  ) {}

  /** Returns the lock account of `pop`, attaching it on first call. */
  attach(pop: LockingPopulation): LockAccount {
    const known = this.members.find((m) => m.pop === pop);
    if (known) return known;
    const m = new LockAccount(pop, this.members.length, this, this.ledger, this.locked, this.treasury);
    this.members.push(m);
    return m;
  }

  /** Tokens locked, all holders (a compensated sum: a huge lock leaving does not swamp the small ones left). */
  get totalLocked(): number {
    return this.lockedSum.value;
  }

  /** Returns the total weight W(t) during tick t, in weight units (tokens at full lock). */
  totalWeight(tick: number): number {
    const w = (this.weightedEnd.value - this.totalLocked * tick) / this.maxLockTicks();
    return w > 0 ? w : 0;
  }

  /** Returns a reward source whose `pay(a)` moves a tokens from `from` to lockers by weight during the current tick, or refuses when no weight. */
  rewardsFrom(from: RouteEnd, reason: string): RewardSink {
    const route = this.ledger.route(from, this.escrow, reason);
    return {
      pay: (amount: number): boolean => {
        if (!(this.totalLocked > 0) || !(amount > 0)) return false;
        // Every live lock has at least one tick left (locks ending now were released in \`pre\`), so W ≥ Σa / M:
        // a computed W below that is cancellation in Σa·u − t·Σa, and dividing by it would pay out far more than \`amount\`.
        const W = Math.max(this.totalWeight(this.tick), this.totalLocked / this.maxLockTicks());
        this.index0 += amount / W;
        this.index1 += (this.tick * amount) / W;
        route.move(amount);
        this.distributedThisTick += amount;
        return true;
      },
    };
  }

  /** Updates the totals for a lock of member `member`'s agent i that went from (oldAmount, oldEnd) to (amount, end), adding `added`. */
  noteLock(oldAmount: number, oldEnd: number, amount: number, end: number, added: number, member: number, i: number): void {
    if (oldAmount > 0) this.weightedEnd.add(-oldAmount * oldEnd);
    else this.locks++;
    this.weightedEnd.add(amount * end);
    this.lockedSum.add(added);
    let list = this.expiries.get(end);
    if (!list) this.expiries.set(end, (list = []));
    list.push(member, i);
  }

  /** Updates the totals for a lock of `amount` ending at `end` that is released. */
  noteRelease(amount: number, end: number): void {
    this.weightedEnd.add(-amount * end);
    this.lockedSum.add(-amount);
    if (--this.locks === 0) {
      this.weightedEnd = new RunningSum();
      this.lockedSum = new RunningSum();
    }
  }

  /** Phase `pre`: settles and releases the locks that end this tick. */
  pre(tick: number): void {
    this.tick = tick;
    this.distributedThisTick = 0;
    this.penaltiesThisTick = 0;
    const list = this.expiries.get(tick);
    if (!list) return;
    this.expiries.delete(tick);
    for (let k = 0; k < list.length; k += 2) this.members[list[k]].expire(list[k + 1], tick);
  }
}

/** The lock-weighted staking block. */
export const locking = defineBlock({
  key: 'locking',
  kind: 'mechanism',
  description: 'lock-weighted (vote-escrow) staking: weight a·(u − t)/M, O(1) exact rewards, early-exit penalty to the treasury',
  sources: ['Curve VotingEscrow (github.com/curvefi/curve-dao-contracts, contracts/VotingEscrow.vy)'],
  params: { schema: lockingParamsSchema, defaults: { maxLockTicks: 4 * 365, earlyExitPenalty: 0.5 } },
  needs: { treasury },
  columns: lockColumns,
  holders: {
    '': { circulating: false, description: 'tokens locked' },
    rewards: { circulating: false, description: 'lock rewards distributed and not yet settled' },
  },
  metrics: {
    locked: { unit: 'tokens', description: 'tokens locked' },
    lock_weight: { unit: 'tokens', description: 'total lock weight (tokens at a full-length lock)' },
    locker_rewards: { unit: 'tokens', kind: 'flow', description: 'rewards paid to lockers since the previous row' },
    lock_penalties: { unit: 'tokens', kind: 'flow', description: 'early-exit penalties paid to the treasury since the previous row' },
  },
  kpis: {
    final_locked: { unit: 'tokens', description: 'tokens locked at the last tick' },
    total_locker_rewards: { unit: 'tokens', description: 'rewards paid to lockers over the run' },
    total_lock_penalties: { unit: 'tokens', description: 'early-exit penalties over the run' },
  },
  build(ctx) {
    const pool = new LockPool(ctx.ledger, ctx.account(''), ctx.account('rewards'), ctx.deps.treasury, () => ctx.params().maxLockTicks, () => ctx.params().earlyExitPenalty);
    return {
      api: pool,
      hooks: { pre: (w) => pool.pre(w.tick) },
      metrics: {
        locked: () => pool.totalLocked,
        lock_weight: () => pool.totalWeight(ctx.world.tick),
        locker_rewards: () => pool.distributedThisTick,
        lock_penalties: () => pool.penaltiesThisTick,
      },
      summary: ({ series }) => ({
        final_locked: last(series, 'locked'),
        total_locker_rewards: total(series, 'locker_rewards'),
        total_lock_penalties: total(series, 'lock_penalties'),
      }),
    };
  },
});

import { z } from 'zod';
import type { Holder } from '../core/ledger';
import type { Population } from '../core/population';
import { compensatedSum } from '../core/sum';
import type { World } from '../core/world';

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

const COLUMNS = ['lockAmount', 'lockEnd', 'lockSnap0', 'lockSnap1'] as const;

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
 * the penalty sink (the treasury).
 */
export class LockPool implements Holder {
  readonly name = 'locking';
  /** Σ R / W and Σ t · R / W over distributions so far. */
  index0 = 0;
  index1 = 0;
  /** Σ a · u and Σ a over live locks. */
  private weightedEnd = 0;
  /** Tokens locked, all holders. */
  totalLocked = 0;
  /** Rewards distributed and not yet paid. */
  escrow = 0;
  /** Live locks; at 0 the totals are reset to exactly 0. */
  locks = 0;
  /** Rewards distributed this tick, in tokens. */
  distributedThisTick = 0;
  /** Early-exit penalties paid this tick, in tokens. */
  penaltiesThisTick = 0;
  private readonly pops: Population[] = [];
  private readonly expiries = new Map<number, number[]>();

  /** `onPenalty` receives early-exit penalties, in tokens (the treasury); `penaltyShare` is π. */
  constructor(
    private readonly maxLockTicks: () => number,
    private readonly penaltyShare: () => number = () => 0,
    private readonly onPenalty: (tokens: number) => void = () => {},
  ) {}

  /** Adds the lock columns to `pop`. */
  attach(pop: Population): void {
    if (this.pops.includes(pop)) return;
    for (const c of COLUMNS) pop.addColumn(c, 'f64');
    this.pops.push(pop);
  }

  /** Returns the total weight W(t) during tick t, in weight units (tokens at full lock). */
  totalWeight(tick: number): number {
    const w = (this.weightedEnd - this.totalLocked * tick) / this.maxLockTicks();
    return w > 0 ? w : 0;
  }

  /** Returns `pop[i]`'s weight during tick t. */
  weightOf(pop: Population, i: number, tick: number): number {
    const a = pop.f64('lockAmount')[i];
    const u = pop.f64('lockEnd')[i];
    return a > 0 && tick < u ? (a * (u - tick)) / this.maxLockTicks() : 0;
  }

  /** Pays `amount` newly minted (or transferred) tokens pro rata to weight at tick t; false when no weight. */
  distribute(amount: number, tick: number): boolean {
    const W = this.totalWeight(tick);
    if (!(W > 0) || !(amount > 0)) return false;
    this.index0 += amount / W;
    this.index1 += (tick * amount) / W;
    this.escrow += amount;
    this.distributedThisTick += amount;
    return true;
  }

  /** Returns the reward `pop[i]` could settle now, in tokens. */
  pending(pop: Population, i: number): number {
    const a = pop.f64('lockAmount')[i];
    if (!(a > 0)) return 0;
    const u = pop.f64('lockEnd')[i];
    const owed = (a / this.maxLockTicks()) * (u * (this.index0 - pop.f64('lockSnap0')[i]) - (this.index1 - pop.f64('lockSnap1')[i]));
    return owed > 0 ? owed : 0;
  }

  /** Pays `pop[i]`'s pending reward into its token balance; returns it, in tokens. */
  settle(pop: Population, i: number): number {
    const owed = this.pending(pop, i);
    pop.f64('lockSnap0')[i] = this.index0;
    pop.f64('lockSnap1')[i] = this.index1;
    if (owed > 0) {
      this.escrow -= owed;
      pop.cols.tokens[i] += owed;
    }
    return owed;
  }

  /**
   * Locks up to `amount` of `pop[i]`'s liquid tokens for `ticks` ticks from
   * tick `tick` (clamped to [1, maxLockTicks]); returns the amount locked.
   */
  lock(pop: Population, i: number, amount: number, ticks: number, tick: number): number {
    const tokens = pop.cols.tokens;
    const a = amount < tokens[i] ? amount : tokens[i];
    if (!(a > 0)) return 0;
    this.settle(pop, i);
    const M = this.maxLockTicks();
    const len = Math.max(1, Math.min(M, Math.round(ticks)));
    const amt = pop.f64('lockAmount');
    const end = pop.f64('lockEnd');
    const old = amt[i];
    const u = old > 0 && end[i] > tick + len ? end[i] : tick + len;
    if (old > 0) this.weightedEnd -= old * end[i];
    else this.locks++;
    tokens[i] -= a;
    amt[i] = old + a;
    end[i] = u;
    this.weightedEnd += amt[i] * u;
    this.totalLocked += a;
    let list = this.expiries.get(u);
    if (!list) this.expiries.set(u, (list = []));
    list.push(this.pops.indexOf(pop), i);
    return a;
  }

  /**
   * Ends `pop[i]`'s lock at tick `tick` before its unlock: settles its
   * rewards, pays the penalty a · π · (u − t) / M to the sink and returns the
   * rest to its balance. Returns the tokens returned.
   */
  exitEarly(pop: Population, i: number, tick: number): number {
    const amt = pop.f64('lockAmount');
    const end = pop.f64('lockEnd');
    const a = amt[i];
    if (!(a > 0) || !(tick < end[i])) return 0;
    this.settle(pop, i);
    const penalty = Math.min(a, (a * this.penaltyShare() * (end[i] - tick)) / this.maxLockTicks());
    this.release(pop, i);
    pop.cols.tokens[i] -= penalty;
    if (penalty > 0) {
      this.penaltiesThisTick += penalty;
      this.onPenalty(penalty);
    }
    return a - penalty;
  }

  /** Removes `pop[i]`'s (settled) lock from the totals and returns its tokens to its balance. */
  private release(pop: Population, i: number): void {
    const amt = pop.f64('lockAmount');
    const a = amt[i];
    this.weightedEnd -= a * pop.f64('lockEnd')[i];
    this.totalLocked -= a;
    pop.cols.tokens[i] += a;
    amt[i] = 0;
    if (--this.locks === 0) {
      this.weightedEnd = 0;
      this.totalLocked = 0;
    }
  }

  /** Phase `pre`: settles and releases the locks that end this tick. */
  pre(world: World): void {
    this.distributedThisTick = 0;
    this.penaltiesThisTick = 0;
    const list = this.expiries.get(world.tick);
    if (!list) return;
    this.expiries.delete(world.tick);
    for (let k = 0; k < list.length; k += 2) {
      const pop = this.pops[list[k]];
      const i = list[k + 1];
      const amt = pop.f64('lockAmount');
      const end = pop.f64('lockEnd');
      // A lock extended after this entry was scheduled ends later: skip the stale entry.
      if (!(amt[i] > 0) || end[i] !== world.tick) continue;
      this.settle(pop, i);
      this.release(pop, i);
    }
  }

  /** Returns tokens held: locked tokens (column sums) and undistributed rewards. */
  tokenHoldings(): number {
    const parts: number[] = [this.escrow];
    for (const p of this.pops) parts.push(compensatedSum(p.f64('lockAmount'), 0, p.size));
    return compensatedSum(parts);
  }

  usdHoldings(): number {
    return 0;
  }
}

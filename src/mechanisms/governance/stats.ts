import { gini, nakamoto } from '../../metrics/inequality';
import type { Proposal } from './proposal';

/**
 * Running governance counters, read by the timeseries metrics and the
 * summary: counts of proposals by fate, turnout and time-to-pass sums, and
 * USD and tokens moved by bribes, grants and buybacks (totals and this tick).
 */
export class GovernanceStats {
  created = 0;
  invalid = 0;
  passed = 0;
  rejected = 0;
  expired = 0;
  executed = 0;
  failed = 0;
  captured = 0;
  /** Proposals closed (passed, rejected or expired) and the sum of their turnouts. */
  closedCount = 0;
  turnoutSum = 0;
  /** Turnout of the most recently closed proposal (0 before any). */
  lastTurnout = 0;
  /** Σ over passed proposals of ticks from creation to passing, inclusive. */
  ticksToPassSum = 0;
  bribesUsd = 0;
  grantsTokens = 0;
  buybackUsd = 0;
  createdThisTick = 0;
  passedThisTick = 0;
  capturedThisTick = 0;
  bribesThisTick = 0;
  grantsThisTick = 0;
  buybackThisTick = 0;
  private powers = new Float64Array(0);
  private delegates = new Int32Array(0);

  /** Resets the per-tick counters. */
  beginTick(): void {
    this.createdThisTick = this.passedThisTick = this.capturedThisTick = 0;
    this.bribesThisTick = this.grantsThisTick = this.buybackThisTick = 0;
  }

  /** Counts a proposal that has just closed. */
  closed(p: Proposal): void {
    this.closedCount++;
    this.turnoutSum += p.turnout;
    this.lastTurnout = p.turnout;
    if (p.outcome === 'passed') {
      this.passed++;
      this.passedThisTick++;
      this.ticksToPassSum += p.passedTick - p.openedTick + 1;
      if (p.captured) {
        this.captured++;
        this.capturedThisTick++;
      }
    } else if (p.outcome === 'expired') this.expired++;
    else this.rejected++;
  }

  /** Returns a reused buffer of at least `n` int32s (for delegates). */
  delegateBuffer(n: number): Int32Array {
    if (this.delegates.length < n) this.delegates = new Int32Array(n);
    return this.delegates;
  }

  /** Returns a reused buffer of at least `n` float64s (for voting powers). */
  powerBuffer(n: number): Float64Array {
    if (this.powers.length < n) this.powers = new Float64Array(n);
    return this.powers;
  }
}

/**
 * `powerConcentration(power, delegateOf, n)` → the Gini and Nakamoto (50%)
 * coefficients of effective voting power: each member's power plus what is
 * delegated to it, delegators counting 0. Sorts a copy: O(n log n).
 */
export function powerConcentration(power: Float64Array, delegateOf: Int32Array | null, n: number): { gini: number; nakamoto: number } {
  const eff = new Float64Array(n);
  for (let m = 0; m < n; m++) {
    const d = delegateOf ? delegateOf[m] : -1;
    if (d >= 0 && d < n) eff[d] += power[m];
    else eff[m] += power[m];
  }
  return { gini: gini(eff, n), nakamoto: nakamoto(eff, 0.5, n) };
}

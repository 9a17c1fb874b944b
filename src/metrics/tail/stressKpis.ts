import { firstBreach } from './breach';
import { timeToRecover } from './recovery';

/** A run's tail KPIs after a stress's start tick. */
export interface StressKpis {
  /** 1 − trough / L: the largest fall of the price below its pre-shock level L (the last row before the start), a share; 0 when it never fell below. */
  drawdown: number;
  /** Ticks from the start to the first row back at or above L after a fall (0 without a fall); when censored, the ticks observed after the start. */
  recoveryTicks: number;
  /** 1 when the price fell below L and had not regained it by the last row, else 0. */
  censored: number;
  /** 1 when the price went strictly below `priceFloor` × its genesis level at a row from the start on, else 0. */
  priceBreach: number;
  /** 1 when the staking ratio went strictly below `stakingRatioFloor` at a row from the start on, else 0 (NaN without a staking ratio). */
  stakingBreach: number;
}

/**
 * `stressKpis(price, ticks, start, floors, stakingRatio)` → a run's tail
 * KPIs (see `StressKpis`) over its recorded rows from the first row at or
 * after tick `start` (s ≥ 1: row 0 is genesis): the recovery of the price
 * to its level at row s − 1 by `timeToRecover` (right-censored when it
 * never comes back, as `kaplanMeierMedian` needs it), converted from rows
 * to ticks; breaches by `firstBreach` from row s. Throws a RangeError
 * when no row is at or after `start`.
 */
export function stressKpis(
  price: Float64Array,
  ticks: Int32Array,
  start: number,
  floors: { priceFloor: number; stakingRatioFloor: number },
  stakingRatio: Float64Array | undefined,
): StressKpis {
  let s = 1;
  while (s < ticks.length && ticks[s] < start) s++;
  if (s >= ticks.length) throw new RangeError(`no recorded row at or after the stress's start tick ${start}`);
  const rec = timeToRecover(price, s);
  const n = ticks.length;
  const recoveryTicks = rec.censored ? ticks[n - 1] - ticks[s] : rec.ticks === 0 ? 0 : ticks[s + rec.ticks] - ticks[s];
  return {
    drawdown: rec.trough < rec.reference ? 1 - rec.trough / rec.reference : 0,
    recoveryTicks,
    censored: rec.censored ? 1 : 0,
    priceBreach: firstBreach(price, floors.priceFloor * price[0], s) >= 0 ? 1 : 0,
    stakingBreach: stakingRatio ? (firstBreach(stakingRatio, floors.stakingRatioFloor, s) >= 0 ? 1 : 0) : NaN,
  };
}

import { compensatedSum } from '../core/sum';

/** Returns the last recorded value of `name` (NaN when it has no rows). */
export function last(series: Record<string, Float64Array>, name: string): number {
  const s = series[name];
  return s && s.length ? s[s.length - 1] : NaN;
}

/** Returns Σ of a recorded flow over every row after tick 0 (row 0 is the initial state, where flows are 0), in its own unit. */
export function total(series: Record<string, Float64Array>, name: string): number {
  const s = series[name];
  return s ? compensatedSum(s, 1) : NaN;
}

/** Returns the mean of a recorded level over the rows after tick 0 (0 when there are none). */
export function meanAfterGenesis(series: Record<string, Float64Array>, name: string): number {
  const s = series[name];
  return s && s.length > 1 ? compensatedSum(s, 1) / (s.length - 1) : 0;
}

/** Returns the years the recorded rows span. */
export function spanYears(ticks: Int32Array, ticksPerYear: number): number {
  return ticks.length ? (ticks[ticks.length - 1] - ticks[0]) / ticksPerYear : 0;
}

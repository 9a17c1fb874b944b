import { maxDrawdown } from '../stats';

/** Drawdown statistics of a price series. */
export interface DrawdownStatistics {
  /** Largest fall from a running peak, as a share of that peak, in [0, 1]. */
  maxDrawdown: number;
  /** Mean over ticks of (M_t − p_t)/M_t, M_t the running peak: the average depth under water, in [0, 1]. */
  meanDrawdown: number;
  /**
   * Longest spell, in ticks, from a running peak until the price first
   * regains it (the ticks strictly below the peak); for a spell still open at
   * the end of the series, the ticks observed so far.
   */
  longestDrawdownTicks: number;
  /** True when the longest spell is still open at the end (its length is then censored). */
  longestCensored: boolean;
}

/**
 * `drawdownStatistics(prices)` → the maximum and mean drawdown (shares of the
 * running peak M_t = max_{s≤t} p_s, dimensionless) and the longest
 * underwater spell in ticks (see `DrawdownStatistics`). Prices must be
 * positive. NaN depths and 0 ticks for an empty series.
 */
export function drawdownStatistics(prices: ArrayLike<number>): DrawdownStatistics {
  const n = prices.length;
  if (n === 0) return { maxDrawdown: NaN, meanDrawdown: NaN, longestDrawdownTicks: 0, longestCensored: false };
  let peak = -Infinity;
  let depthSum = 0;
  let spell = 0;
  let longest = 0;
  for (let t = 0; t < n; t++) {
    const p = prices[t];
    if (p >= peak) {
      peak = p;
      spell = 0;
      continue;
    }
    depthSum += (peak - p) / peak;
    spell++;
    if (spell > longest) longest = spell;
  }
  // Only the spell still open at the end can be censored, and only if it is the longest.
  const longestCensored = spell > 0 && spell === longest;
  return { maxDrawdown: maxDrawdown(prices), meanDrawdown: depthSum / n, longestDrawdownTicks: longest, longestCensored };
}

import { mean, stdDev } from '../stats';

/**
 * `sharpeRatio(returns, periodsPerYear)` → the annualised Sharpe ratio
 * mean(r) / sd(r) · √periodsPerYear of per-period strategy returns, per
 * √year, with a zero risk-free rate and no trading costs (sd with the n − 1
 * denominator). NaN for fewer than 2 returns or zero spread.
 */
export function sharpeRatio(returns: ArrayLike<number>, periodsPerYear: number): number {
  const sd = stdDev(returns);
  return sd > 0 ? (mean(returns) / sd) * Math.sqrt(periodsPerYear) : NaN;
}

/**
 * `followYesterdaySharpe(returns, periodsPerYear)` → the annualised Sharpe
 * ratio (see `sharpeRatio`) of the rule "hold +1 after an up period, −1
 * after a down one, 0 after a flat one": strategy log return
 * s_t = sign(r_{t−1}) · r_t for t = 1..n−1. A no-free-lunch check: in an
 * efficient market |Sharpe| stays within sampling error of 0
 * (≈ 1/√years); on a Gaussian AR(1) with coefficient φ it tends to
 * φ√(2/π) / √(1 − 2φ²/π) per period, since E[sign(r_{t−1}) r_t] = φσ√(2/π).
 */
export function followYesterdaySharpe(returns: ArrayLike<number>, periodsPerYear: number): number {
  const n = returns.length;
  const s = new Float64Array(Math.max(0, n - 1));
  for (let t = 1; t < n; t++) s[t - 1] = Math.sign(returns[t - 1]) * returns[t];
  return sharpeRatio(s, periodsPerYear);
}

/** Window lengths of the moving-average crossover rule, in ticks. */
export interface CrossoverWindows {
  /** Fast moving-average window; default 5. */
  short?: number;
  /** Slow moving-average window, longer than `short`; default 20. */
  long?: number;
}

/**
 * `movingAverageCrossoverSharpe(prices, periodsPerYear, windows)` → the
 * annualised Sharpe ratio (see `sharpeRatio`) of the rule "long when the
 * short moving average of price is above the long one at the close of the
 * previous period, short when below, flat when equal": with simple moving
 * averages S_t, L_t over the last `short` and `long` prices ending at t,
 * position q_t = sign(S_{t−1} − L_{t−1}) and strategy log return
 * q_t · ln(p_t / p_{t−1}) for t = long..n−1. A second no-free-lunch check,
 * against trends that a one-lag rule misses. NaN with fewer than long + 2
 * prices. Throws a RangeError unless 1 ≤ short < long are integers.
 */
export function movingAverageCrossoverSharpe(
  prices: ArrayLike<number>,
  periodsPerYear: number,
  windows: CrossoverWindows = {},
): number {
  const short = windows.short ?? 5;
  const long = windows.long ?? 20;
  if (!Number.isInteger(short) || !Number.isInteger(long) || short < 1 || long <= short) {
    throw new RangeError(`moving-average windows must be integers with 1 ≤ short < long, got short ${short}, long ${long}`);
  }
  const n = prices.length;
  if (n < long + 2) return NaN;
  const out = new Float64Array(n - long);
  for (let t = long; t < n; t++) {
    // Averages over the windows ending at t − 1, recomputed: O(n · long),
    // and no running sum whose rounding would flip a near-tie.
    let sShort = 0;
    for (let i = t - short; i < t; i++) sShort += prices[i];
    let sLong = 0;
    for (let i = t - long; i < t; i++) sLong += prices[i];
    const position = Math.sign(sShort / short - sLong / long);
    out[t - long] = position * Math.log(prices[t] / prices[t - 1]);
  }
  return sharpeRatio(out, periodsPerYear);
}

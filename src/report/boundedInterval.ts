import { confidenceInterval, tQuantile } from '../metrics/stats';

/** A mean with a confidence interval that stays inside the quantity's range. */
export interface BoundedInterval {
  mean: number;
  lo: number;
  hi: number;
  n: number;
  /** `t`: Student's t interval; `log`: the log-scale interval used where t would cross zero. */
  method: 't' | 'log';
}

/**
 * Returns the `level` confidence interval of the mean of `xs`, in the unit
 * of xs. It is Student's t interval x̄ ± t·s/√n unless the quantity cannot
 * be negative (`nonNegative`) and that interval would cross zero; then it is
 * the log-scale interval
 *
 *   x̄ · exp(∓ t_{(1+level)/2, n−1} · s / (√n · x̄)),
 *
 * the t interval of log x̄ mapped back, with the standard error of log x̄
 * taken by the delta method as s / (√n · x̄) (Casella & Berger, Statistical
 * Inference, 2nd ed., §5.5.4). It is positive, asymmetric (wider above), and
 * agrees with the t interval to first order when s/√n ≪ x̄. Bounds are NaN
 * for n < 2. Throws a RangeError unless 0 < level < 1.
 */
export function boundedInterval(xs: ArrayLike<number>, level: number, nonNegative: boolean): BoundedInterval {
  const ci = confidenceInterval(xs, level);
  if (!nonNegative || !(ci.lo < 0) || !(ci.mean > 0)) return { mean: ci.mean, lo: ci.lo, hi: ci.hi, n: ci.n, method: 't' };
  const halfLog = (tQuantile((1 + level) / 2, ci.n - 1) * ci.sd) / (Math.sqrt(ci.n) * ci.mean);
  return { mean: ci.mean, lo: ci.mean * Math.exp(-halfLog), hi: ci.mean * Math.exp(halfLog), n: ci.n, method: 'log' };
}

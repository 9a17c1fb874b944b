/** Which end of a sample is the bad one. */
export type TailSide = 'lower' | 'upper';

/**
 * `conditionalValueAtRisk(sample, alpha, side)` → the CVaR (expected
 * shortfall) at level α of a sample, in the sample's unit: the mean of its
 * worst α share, the lower tail by default (low final prices are the bad
 * outcomes). With x_(1) ≤ … ≤ x_(n) and m = nα,
 *
 *   CVaR_α = (1/m) [ Σ_{i=1}^{⌊m⌋} x_(i) + (m − ⌊m⌋) x_(⌊m⌋+1) ],
 *
 * the fractional-weight estimator of Acerbi & Tasche ("On the coherence of
 * expected shortfall", J. Banking & Finance 26, 2002, applied to the
 * empirical distribution), which weights the boundary observation by the
 * share of it inside the tail, so CVaR is continuous in α and coherent;
 * it is the sample's value, not a loss (no sign flip). α = 1 gives the mean;
 * for m < 1 it is x_(1). `side: 'upper'` gives the mean of the largest α
 * share instead. NaN for an empty sample. Throws a RangeError unless
 * 0 < α ≤ 1.
 */
export function conditionalValueAtRisk(sample: ArrayLike<number>, alpha: number, side: TailSide = 'lower'): number {
  checkAlpha(alpha);
  const xs = sortedTail(sample, side);
  const n = xs.length;
  if (n === 0) return NaN;
  const m = n * alpha;
  const whole = Math.floor(m);
  let s = 0;
  for (let i = 0; i < whole; i++) s += xs[i];
  if (whole < n) s += (m - whole) * xs[whole];
  const value = s / m;
  return side === 'lower' ? value : -value;
}

/**
 * `valueAtRisk(sample, alpha, side)` → the empirical α-quantile of the bad
 * tail, in the sample's unit: x_(⌈nα⌉) (the smallest value whose empirical
 * distribution function reaches α) for the lower tail, the mirror for the
 * upper. NaN for an empty sample. Throws a RangeError unless 0 < α ≤ 1.
 */
export function valueAtRisk(sample: ArrayLike<number>, alpha: number, side: TailSide = 'lower'): number {
  checkAlpha(alpha);
  const xs = sortedTail(sample, side);
  if (xs.length === 0) return NaN;
  // The 1e-12 keeps n·α = 3.0000000000000004 (10 × 0.3) from rounding up to 4.
  const v = xs[Math.max(0, Math.ceil(xs.length * alpha - 1e-12) - 1)];
  return side === 'lower' ? v : -v;
}

/** The sample ascending, negated first for the upper tail so both sides read the worst values first. */
function sortedTail(sample: ArrayLike<number>, side: TailSide): Float64Array {
  const xs = Float64Array.from(sample, (x) => (side === 'lower' ? x : -x));
  if (xs.some((x) => Number.isNaN(x))) throw new RangeError('CVaR of a sample with NaN values');
  return xs.sort();
}

function checkAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`tail level alpha must be in (0, 1], got ${alpha}`);
}

import { RunningSum } from '../core/sum';

/**
 * `gini(values, n)` → the Gini coefficient of the non-negative holdings
 * `values[0..n)`, dimensionless in [0, (n − 1)/n]:
 *
 *   G = Σ_i Σ_j |x_i − x_j| / (2 n² x̄)
 *     = Σ_i (2i − n − 1) x_(i) / (n Σ x),   x_(1) ≤ … ≤ x_(n), i = 1..n,
 *
 * which is the sorted form (2 Σ i·x_(i)) / (n Σ x) − (n + 1)/n rearranged so
 * that it does not cancel against (n + 1)/n. O(n log n): sorts a copy, so
 * `values` is left untouched. 0 when n ≤ 1, when every holding is equal, or
 * when all are 0. Throws a RangeError on a negative or non-finite holding.
 */
export function gini(values: Float64Array | number[], n = values.length): number {
  const xs = sortedCopy(values, n);
  if (n <= 1 || xs[0] === xs[n - 1]) return 0;
  const total = new RunningSum();
  const weighted = new RunningSum();
  for (let i = 0; i < n; i++) {
    total.add(xs[i]);
    weighted.add((2 * i + 1 - n) * xs[i]);
  }
  if (total.value === 0) return 0;
  // Non-negative in exact arithmetic; the clamp only absorbs rounding.
  return Math.max(0, weighted.value / (n * total.value));
}

/**
 * `nakamoto(values, threshold, n)` → the fewest holders, a count, whose
 * combined holdings exceed (strictly) `threshold` of the total of
 * `values[0..n)`: the least k with Σ of the k largest > threshold · Σ x.
 * 0 when the total is 0. `threshold` is a share in [0, 1); holdings must be
 * non-negative and finite (RangeError otherwise).
 */
export function nakamoto(values: Float64Array | number[], threshold = 0.5, n = values.length): number {
  if (!(threshold >= 0 && threshold < 1)) throw new RangeError(`threshold must be a share in [0, 1), got ${threshold}`);
  const xs = sortedCopy(values, n);
  // Summed largest first, in the same order as the running share below, so
  // that all n holders add up to exactly this total and the loop must stop.
  const total = new RunningSum();
  for (let i = n - 1; i >= 0; i--) total.add(xs[i]);
  if (total.value === 0) return 0;
  const bar = threshold * total.value;
  const top = new RunningSum();
  for (let k = 1; k <= n; k++) {
    top.add(xs[n - k]);
    if (top.value > bar) return k;
  }
  return n;
}

/**
 * `hhi(values, n)` → the Herfindahl–Hirschman index of `values[0..n)`,
 * H = Σ_i s_i² with shares s_i = x_i / Σ x, dimensionless in [1/n, 1]
 * (multiply by 10 000 for the antitrust convention). 0 when the total is 0.
 * Holdings must be non-negative and finite (RangeError otherwise).
 */
export function hhi(values: Float64Array | number[], n = values.length): number {
  checkCount(values, n);
  const total = new RunningSum();
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (!(x >= 0 && x < Infinity)) throw new RangeError(`holdings must be non-negative and finite, got ${x}`);
    total.add(x);
  }
  const s = total.value;
  if (s === 0) return 0;
  let h = 0;
  for (let i = 0; i < n; i++) h += (values[i] / s) ** 2;
  return h;
}

/** Returns values[0..n) as a new ascending Float64Array, after checking that they are holdings. */
function sortedCopy(values: Float64Array | number[], n: number): Float64Array {
  checkCount(values, n);
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = values[i];
  xs.sort();
  // Sorted, so the ends bound the rest; a typed-array sort puts NaN last.
  if (n > 0 && !(xs[0] >= 0 && xs[n - 1] < Infinity)) {
    throw new RangeError(`holdings must be non-negative and finite, got ${xs[0] >= 0 ? xs[n - 1] : xs[0]}`);
  }
  return xs;
}

function checkCount(values: ArrayLike<number>, n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > values.length) {
    throw new RangeError(`n must be an integer in [0, ${values.length}], got ${n}`);
  }
}

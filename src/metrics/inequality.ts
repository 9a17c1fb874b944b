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

/**
 * `lorenzCurve(values, quantiles, n)` → the Lorenz curve of the holdings
 * `values[0..n)` at each population share p in `quantiles`: L(p), the share
 * of the total held by the poorest p of holders, dimensionless in [0, 1].
 * With x_(1) ≤ … ≤ x_(n) and m = np,
 *
 *   L(p) = [ Σ_{i=1}^{⌊m⌋} x_(i) + (m − ⌊m⌋) x_(⌊m⌋+1) ] / Σ x,
 *
 * the curve through the points (i/n, Σ_{j≤i} x_(j) / Σ x) joined by straight
 * lines, so a share that splits a holder counts that holder's fraction.
 * L(p) = p for all p when the total is 0 (no inequality to show). Throws a
 * RangeError for a quantile outside [0, 1] or a negative or non-finite
 * holding.
 */
export function lorenzCurve(values: Float64Array | number[], quantiles: ArrayLike<number>, n = values.length): Float64Array {
  const xs = sortedCopy(values, n);
  const total = sumOf(xs);
  const out = new Float64Array(quantiles.length);
  for (let q = 0; q < quantiles.length; q++) {
    const p = quantiles[q];
    if (!(p >= 0 && p <= 1)) throw new RangeError(`Lorenz quantile must be in [0, 1], got ${p}`);
    out[q] = total === 0 ? p : partialSum(xs, n * p, false) / total;
  }
  return out;
}

/**
 * `topShare(values, share, n)` → the share of the total held by the richest
 * `share` of holders (0.01: top 1 %), dimensionless in [0, 1]:
 * 1 − L(1 − share) on the Lorenz curve of `lorenzCurve`, summed from the top
 * so that it does not cancel. For an exponential distribution of wealth the
 * top-q share is q(1 − ln q): 0.330 for the top 10 %. `share` when the total
 * is 0. Throws a RangeError unless 0 ≤ share ≤ 1.
 */
export function topShare(values: Float64Array | number[], share: number, n = values.length): number {
  if (!(share >= 0 && share <= 1)) throw new RangeError(`top share must be a share in [0, 1], got ${share}`);
  const xs = sortedCopy(values, n);
  const total = sumOf(xs);
  return total === 0 ? share : partialSum(xs, n * share, true) / total;
}

/**
 * `palmaRatio(values, n)` → the Palma ratio, the richest 10 %'s share of the
 * total over the poorest 40 %'s, T(0.1) / L(0.4) (Palma, Development and
 * Change 42, 2011; Cobham & Sumner 2013), dimensionless: 0.25 for equal
 * holdings, 0.1(1 + ln 10) / (0.4 + 0.6 ln 0.6) = 3.53 for an exponential
 * distribution. Infinity when the poorest 40 % hold nothing and the richest
 * something; NaN when the total is 0.
 */
export function palmaRatio(values: Float64Array | number[], n = values.length): number {
  const xs = sortedCopy(values, n);
  const total = sumOf(xs);
  if (total === 0) return NaN;
  const bottom = partialSum(xs, 0.4 * n, false);
  const top = partialSum(xs, 0.1 * n, true);
  return bottom === 0 ? Infinity : top / bottom;
}

/**
 * `theil(values, n)` → the Theil T index of the holdings `values[0..n)`,
 *
 *   T = (1/n) Σ_i (x_i / x̄) ln(x_i / x̄),   0 · ln 0 = 0,
 *
 * dimensionless in [0, ln n] (Theil, Economics and Information Theory, 1967):
 * 0 for equal holdings, ln n when one holder has everything, 1 − γ = 0.4228
 * (γ Euler's constant) for an exponential distribution. Decomposes additively
 * into within- and between-group parts, which the Gini does not. 0 when
 * n ≤ 1 or the total is 0. Holdings must be non-negative and finite.
 */
export function theil(values: Float64Array | number[], n = values.length): number {
  const xs = sortedCopy(values, n);
  const total = sumOf(xs);
  if (n <= 1 || total === 0) return 0;
  const m = total / n;
  const s = new RunningSum();
  for (let i = 0; i < n; i++) if (xs[i] > 0) s.add((xs[i] / m) * Math.log(xs[i] / m));
  return Math.max(0, s.value / n);
}

/** Σ of the m smallest (or, `fromTop`, largest) of the ascending xs, the boundary holder weighted by the fraction of m. */
function partialSum(xs: Float64Array, m: number, fromTop: boolean): number {
  const n = xs.length;
  // n·p can land a rounding error away from a whole number (10 × 0.7 = 7.000000000000001).
  const near = Math.round(m);
  const count = Math.abs(m - near) < 1e-9 * Math.max(1, n) ? near : m;
  const whole = Math.min(n, Math.floor(count));
  const s = new RunningSum();
  for (let i = 0; i < whole; i++) s.add(xs[fromTop ? n - 1 - i : i]);
  if (whole < n) s.add((count - whole) * xs[fromTop ? n - 1 - whole : whole]);
  return s.value;
}

function sumOf(xs: Float64Array): number {
  const s = new RunningSum();
  for (let i = 0; i < xs.length; i++) s.add(xs[i]);
  return s.value;
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

import { compensatedSum } from '../core/sum';

/** `mean(xs)` → x̄ = Σ x_i / n, in the unit of xs; NaN when n = 0. */
export function mean(xs: ArrayLike<number>): number {
  return xs.length === 0 ? NaN : compensatedSum(xs) / xs.length;
}

/**
 * `variance(xs)` → the sample variance s² = Σ (x_i − x̄)² / (n − 1), in the
 * unit of xs squared; NaN when n < 2. Corrected two-pass: subtracting
 * (Σ (x_i − x̄))² / n removes what rounding in x̄ adds.
 */
export function variance(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const m = mean(xs);
  let squares = 0;
  let residual = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i] - m;
    squares += d * d;
    residual += d;
  }
  return Math.max(0, squares - (residual * residual) / n) / (n - 1);
}

/** `stdDev(xs)` → the sample standard deviation s = √variance(xs), in the unit of xs; NaN when n < 2. */
export function stdDev(xs: ArrayLike<number>): number {
  return Math.sqrt(variance(xs));
}

/**
 * `tCdf(t, df)` → P(T ≤ t) for Student's t with `df` > 0 degrees of freedom
 * (not necessarily an integer; `Infinity` gives the standard normal):
 * F(t) = 1 − ½ I_{df/(df+t²)}(df/2, ½) for t ≥ 0, and F(−t) = 1 − F(t),
 * with I the regularised incomplete beta function. The smaller tail is
 * accurate to a relative 1e-14 for df ≤ 30, 2e-12 to df = 10⁵ and 4e-10
 * beyond, save the far tail of df > 10⁷ (3e-8 at t = 20); checked against
 * 50-digit mpmath. NaN for df ≤ 0.
 */
export function tCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  const upper = tUpperTail(Math.abs(t), df);
  return t < 0 ? upper : 1 - upper;
}

/**
 * `tQuantile(p, df)` → the t with P(T ≤ t) = p for Student's t with `df` > 0
 * degrees of freedom (`Infinity`: the standard normal quantile, Wichura's
 * AS 241, relative error ~1e-16); for finite df, `tCdf` inverted by
 * safeguarded Newton steps, which solve it to a relative 1e-12 in t (1e-15
 * against the closed forms for df = 1, 2). ±Infinity at p = 0 or 1, and where
 * the quantile exceeds the largest double (df < 1, p far in a tail); NaN for
 * p outside [0, 1] or df ≤ 0.
 * E.g. tQuantile(0.975, 4) = 2.7764451…
 */
export function tQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  // Work with the smaller tail; 1 − p is exact for p ≥ ½.
  const t = upperQuantile(p < 0.5 ? p : 1 - p, df);
  return p < 0.5 ? -t : t;
}

/** A mean with its two-sided t confidence interval, in the unit of the sample. */
export interface ConfidenceInterval {
  /** Sample mean x̄. */
  mean: number;
  /** Sample standard deviation s (n − 1 denominator). */
  sd: number;
  /** Sample size. */
  n: number;
  /** x̄ − halfWidth. */
  lo: number;
  /** x̄ + halfWidth. */
  hi: number;
  /** t_{(1+level)/2, n−1} · s / √n. */
  halfWidth: number;
}

/**
 * `confidenceInterval(xs, level)` → x̄ ± t_{(1+level)/2, n−1} · s / √n, the
 * two-sided `level` confidence interval of the mean from the t distribution,
 * in the unit of xs. Bounds and half-width are NaN for n < 2 (and the mean
 * too for n = 0). Throws a RangeError unless 0 < level < 1.
 */
export function confidenceInterval(xs: ArrayLike<number>, level = 0.95): ConfidenceInterval {
  checkLevel(level);
  const n = xs.length;
  const m = mean(xs);
  const sd = stdDev(xs);
  const halfWidth = n < 2 ? NaN : (tQuantile((1 + level) / 2, n - 1) * sd) / Math.sqrt(n);
  return { mean: m, sd, n, lo: m - halfWidth, hi: m + halfWidth, halfWidth };
}

/** The confidence interval of a mean paired difference, with its t test. */
export interface PairedDifference extends ConfidenceInterval {
  /** t = d̄ / (s_d / √n). */
  t: number;
  /** Degrees of freedom, n − 1. */
  df: number;
  /** Two-sided p-value of H0: E[a − b] = 0, i.e. P(|T_{n−1}| ≥ |t|). */
  pValue: number;
}

/**
 * `pairedDifference(a, b, level)` → the `level` t confidence interval of the
 * mean of d_i = a_i − b_i (in the unit of a and b), plus the paired t test:
 * t = d̄ / (s_d / √n) on n − 1 degrees of freedom and the two-sided p-value
 * 2 P(T > |t|). For runs paired by seed (common random numbers). t and the
 * p-value are NaN for n < 2 and when every d_i is 0 (t = 0/0). Throws a
 * RangeError when the lengths differ or unless 0 < level < 1.
 */
export function pairedDifference(a: ArrayLike<number>, b: ArrayLike<number>, level = 0.95): PairedDifference {
  if (a.length !== b.length) throw new RangeError(`paired samples must have equal lengths, got ${a.length} and ${b.length}`);
  const d = new Float64Array(a.length);
  for (let i = 0; i < d.length; i++) d[i] = a[i] - b[i];
  const ci = confidenceInterval(d, level);
  const df = ci.n - 1;
  const t = ci.n < 2 ? NaN : ci.mean / (ci.sd / Math.sqrt(ci.n));
  const pValue = Number.isNaN(t) ? NaN : 2 * tUpperTail(Math.abs(t), df);
  return { ...ci, t, df, pValue };
}

/**
 * `logReturns(prices)` → r_t = ln(p_t / p_{t−1}) for t = 1..n−1, per period
 * (dimensionless); empty for fewer than 2 prices.
 */
export function logReturns(prices: ArrayLike<number>): Float64Array {
  const n = prices.length;
  const out = new Float64Array(Math.max(0, n - 1));
  for (let t = 1; t < n; t++) out[t - 1] = Math.log(prices[t] / prices[t - 1]);
  return out;
}

/**
 * `annualisedVolatility(prices, periodsPerYear)` → σ = s(r) · √periodsPerYear,
 * the sample standard deviation of the log returns scaled to one year, per
 * √year (0.8 = 80 % a year); NaN for fewer than 3 prices.
 */
export function annualisedVolatility(prices: ArrayLike<number>, periodsPerYear: number): number {
  return stdDev(logReturns(prices)) * Math.sqrt(periodsPerYear);
}

/**
 * `maxDrawdown(prices)` → max_t (M_t − p_t) / M_t with M_t = max_{s≤t} p_s,
 * the worst fall from a running peak as a share of that peak, in [0, 1] for
 * non-negative prices; NaN for an empty series. Non-positive peaks are skipped.
 */
export function maxDrawdown(prices: ArrayLike<number>): number {
  const n = prices.length;
  if (n === 0) return NaN;
  let peak = -Infinity;
  let worst = 0;
  for (let t = 0; t < n; t++) {
    const p = prices[t];
    if (p > peak) peak = p;
    else if (peak > 0) worst = Math.max(worst, (peak - p) / peak);
  }
  return worst;
}

/**
 * `annualisedGrowth(start, end, years)` → g = (end / start)^(1/years) − 1, the
 * constant yearly rate taking `start` to `end` in `years`, per year (0.05 =
 * 5 %/year); computed as expm1(ln(end / start) / years), which keeps full
 * precision for small g where pow − 1 would cancel.
 * NaN unless start > 0, end ≥ 0 and years > 0.
 */
export function annualisedGrowth(start: number, end: number, years: number): number {
  if (!(start > 0 && end >= 0 && years > 0)) return NaN;
  return Math.expm1(Math.log(end / start) / years);
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
}

// ── Student's t and the normal distribution ────────────────────────────────

/**
 * P(T > t) for t ≥ 0: ½ I_x(df/2, ½) with x = df/(df + t²) = 1/(1 + q²),
 * q = t/√df. The continued fraction then needs ~√df terms, each below
 * rounding, and loses about df · 3e-17 relative; past df = 10⁷ Abramowitz &
 * Stegun 26.7.8, P(Z > t (1 − 1/(4 df)) / √(1 + t²/(2 df))), whose error
 * falls as t⁴/df², does better (3e-8 relative at t = 20, 2e-11 at t = 6).
 */
function tUpperTail(t: number, df: number): number {
  if (t === 0) return 0.5;
  if (t === Infinity) return 0;
  if (df > LARGE_DF) return normalUpperTail((t * (1 - 1 / (4 * df))) / Math.sqrt(1 + (t * t) / (2 * df)));
  // ln x and ln(1 − x) from ln q, so that neither overflows nor cancels.
  const lnQ = Math.log(t) - 0.5 * Math.log(df);
  const lnX = -lnOnePlusSquare(lnQ);
  const lnY = 2 * lnQ + lnX;
  const a = df / 2;
  return 0.5 * incompleteBeta(Math.exp(lnX), Math.exp(lnY), lnX, lnY, a, 0.5, LN_SQRT_PI - lnGammaRatio(a));
}

const LARGE_DF = 1e7;

/** ln(1 + q²) from ln q, without overflow for large q. */
function lnOnePlusSquare(lnQ: number): number {
  return lnQ > 0 ? 2 * lnQ + Math.log1p(Math.exp(-2 * lnQ)) : Math.log1p(Math.exp(2 * lnQ));
}

/**
 * ln of the density of Student's t at t:
 * ln[Γ((df+1)/2) / (√(df π) Γ(df/2))] − (df+1)/2 · ln(1 + t²/df).
 */
function lnTDensity(t: number, df: number): number {
  if (df > LARGE_DF) return -0.5 * (Math.log(2 * Math.PI) + t * t);
  return lnGammaRatio(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * lnOnePlusSquare(Math.log(t) - 0.5 * Math.log(df));
}

/**
 * The t > 0 with P(T > t) = q, for 0 < q < ½: Newton's method on
 * g(u) = ln P(T > e^u) − ln q, g'(u) = −f(t) t / P(T > t) (f the density),
 * exact in one step on a power-law tail. Started from the normal quantile;
 * a step that leaves the bracket [lo, hi] found so far is replaced by the
 * geometric midpoint, or by squaring t while there is no upper bound.
 */
function upperQuantile(q: number, df: number): number {
  const z = -normalQuantile(q);
  if (df === Infinity) return z;
  const lnQ = Math.log(q);
  let lo = 0;
  let hi = Infinity;
  let t = z;
  for (let iter = 0; iter < 200; iter++) {
    const tail = tUpperTail(t, df);
    if (tail === q) return t;
    if (tail < q) hi = t;
    else if (t === Number.MAX_VALUE) return Infinity;
    else lo = t;
    const lnTail = Math.log(tail);
    const newton = t * Math.exp((lnTail - lnQ) * Math.exp(lnTail - lnTDensity(t, df) - Math.log(t)));
    if (Math.abs(newton - t) <= 4 * Number.EPSILON * t) return newton;
    if (newton > lo && newton < hi) t = newton;
    else if (hi < Infinity) t = lo === 0 ? hi / 2 : Math.sqrt(lo) * Math.sqrt(hi);
    else t = Math.min(t > 1 ? t * t : 2 * t, Number.MAX_VALUE);
    if (hi < Infinity && hi - lo <= 4 * Number.EPSILON * hi) return t;
  }
  return t;
}

const LN_SQRT_PI = 0.5723649429247001; // ln Γ(½)

/**
 * ln Γ(a + ½) − ln Γ(a) for a > 0. For a ≥ 20, Stirling's series written so
 * that the large terms cancel analytically:
 *   a·ln(1 + 1/(2a)) − ½ + ½ ln a + c(a + ½) − c(a),
 *   c(x) = 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷) + 1/(1188x⁹);
 * below, the recurrence Γ(a + 3/2)/Γ(a + 1) = (a + ½)/a · Γ(a + ½)/Γ(a).
 */
function lnGammaRatio(a: number): number {
  let shift = 0;
  while (a < 20) {
    shift += Math.log1p(0.5 / a);
    a += 1;
  }
  const c = (x: number) => {
    const r = 1 / (x * x);
    return (1 / 12 - r * (1 / 360 - r * (1 / 1260 - r * (1 / 1680 - r / 1188)))) / x;
  };
  return a * Math.log1p(0.5 / a) - 0.5 + 0.5 * Math.log(a) + c(a + 0.5) - c(a) - shift;
}

/**
 * The regularised incomplete beta I_x(a, b), given y = 1 − x and both
 * logarithms so that callers avoid cancellation, and lnB = ln B(a, b).
 * Continued fraction (modified Lentz) on whichever of x, y converges fast.
 */
function incompleteBeta(x: number, y: number, lnX: number, lnY: number, a: number, b: number, lnB: number): number {
  // Tested on the logarithms: x itself may underflow while x^a / a does not.
  if (lnX === -Infinity) return 0;
  if (lnY === -Infinity) return 1;
  const front = Math.exp(a * lnX + b * lnY - lnB);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(y, b, a)) / b;
}

const TINY = 1e-300;

/**
 * The continued fraction for I_x(a, b) (Numerical Recipes §6.4), stopped when
 * a term changes it by less than 1e-16 relative.
 */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const clamp = (v: number) => (Math.abs(v) < TINY ? TINY : v);
  let c = 1;
  let d = 1 / clamp(1 - ((a + b) * x) / (a + 1));
  let h = d;
  // Converges in O(√max(a, b)) terms on the side incompleteBeta picks.
  const maxTerms = 1000 + 10 * Math.ceil(Math.sqrt(Math.max(a, b)));
  for (let m = 1; m <= maxTerms; m++) {
    const m2 = 2 * m;
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 / clamp(1 + num * d);
    c = clamp(1 + num / c);
    h *= d * c;
    num = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 / clamp(1 + num * d);
    c = clamp(1 + num / c);
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-16) break;
  }
  return h;
}

/**
 * P(Z > z) for z ≥ 0. Below 3, Marsaglia's series Φ(z) = ½ + φ(z) Σ z^(2k+1)/(2k+1)!!
 * (all terms positive); above, Laplace's continued fraction φ(z)/(z + 1/(z + 2/(z + …))),
 * which keeps full relative accuracy deep in the tail.
 */
function normalUpperTail(z: number): number {
  if (z === Infinity) return 0;
  const phi = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  if (z < 3) {
    let term = z;
    let sum = z;
    for (let k = 3; term > 1e-17 * sum; k += 2) {
      term *= (z * z) / k;
      sum += term;
    }
    return 0.5 - phi * sum;
  }
  // Lentz evaluation of z + 1/(z + 2/(z + 3/(z + …))).
  let f = z;
  let c = z;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    d = 1 / (z + k * d);
    c = z + k / c;
    const step = c * d;
    f *= step;
    if (Math.abs(step - 1) < 1e-16) break;
  }
  return phi / f;
}

/**
 * Φ⁻¹(p) for 0 < p < 1: Wichura (1988), Algorithm AS 241 (PPND16), relative
 * accuracy about 1e-16. Rational approximations in q = p − ½ near the centre
 * and in r = √(−ln min(p, 1 − p)) in the tails.
 */
function normalQuantile(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(AS241_A, r)) / horner(AS241_B, r);
  }
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const x = r <= 5 ? horner(AS241_C, r - 1.6) / horner(AS241_D, r - 1.6) : horner(AS241_E, r - 5) / horner(AS241_F, r - 5);
  return q < 0 ? -x : x;
}

/** Σ c_k x^k. */
function horner(c: readonly number[], x: number): number {
  let v = c[c.length - 1];
  for (let k = c.length - 2; k >= 0; k--) v = v * x + c[k];
  return v;
}

// AS 241 coefficients, constant term first.
const AS241_A = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457,
  67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
];
const AS241_B = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061,
  28729.085735721942674, 5226.495278852854561,
];
const AS241_C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258,
  0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const AS241_D = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966,
  5.475938084995344946e-4, 1.05075007164441684324e-9,
];
const AS241_E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.2965605718285048912, 0.026532189526576123093,
  1.2426609473880784386e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const AS241_F = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
];

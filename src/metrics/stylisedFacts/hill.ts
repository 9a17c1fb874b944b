/** Which tail `hillTailIndex` estimates. */
export type Tail = 'absolute' | 'lower' | 'upper';

/** Options of `hillTailIndex`. */
export interface HillOptions {
  /**
   * Share of the sample used as the tail: k = max(2, ⌊fraction · m⌋) order
   * statistics of the m values on the chosen side; default 0.05, the 5 % tail
   * of Franke & Westerhoff (JEDC 36, 2012) and the choice of most
   * stylised-fact studies of daily returns. Ignored when `k` is given.
   */
  fraction?: number;
  /** Number of upper order statistics, an integer in [1, m − 1]; overrides `fraction`. */
  k?: number;
  /**
   * `absolute` (default): both tails pooled, |r_t|; `upper`: r_t > 0;
   * `lower`: −r_t for r_t < 0.
   */
  tail?: Tail;
}

/**
 * `hillTailIndex(xs, options)` → the Hill estimate of the tail index α of
 * xs (dimensionless; P(|X| > x) ~ x^(−α)): with the chosen tail's m values
 * sorted descending, X_(1) ≥ … ≥ X_(m), and k upper order statistics,
 *
 *   α̂ = k / Σ_{i=1}^{k} ln(X_(i) / X_(k+1))
 *
 * (Hill, Annals of Statistics 3, 1975). The maximum-likelihood estimate for
 * an exact Pareto tail beyond X_(k+1); for Student's t with ν degrees of
 * freedom α = ν; daily crypto returns give about 2–4. How k is chosen: the
 * `fraction` (default 5 %) of the tail's values, or `k` itself. Small k
 * gives variance, large k bias from the body of the distribution; the 5 %
 * rule is a convention, not an optimum. NaN when fewer than 2 values are on
 * the chosen side or when X_(k+1) ≤ 0.
 */
export function hillTailIndex(xs: ArrayLike<number>, options: HillOptions = {}): number {
  const tail = options.tail ?? 'absolute';
  const values = new Float64Array(xs.length);
  let m = 0;
  for (let t = 0; t < xs.length; t++) {
    const x = xs[t];
    if (tail === 'absolute') values[m++] = Math.abs(x);
    else if (tail === 'upper' && x > 0) values[m++] = x;
    else if (tail === 'lower' && x < 0) values[m++] = -x;
  }
  if (m < 2) return NaN;
  const k = chooseK(m, options);
  // Ascending typed-array sort (no comparator): X_(i) is sorted[m − i].
  const sorted = values.subarray(0, m).sort();
  const threshold = sorted[m - 1 - k];
  if (!(threshold > 0)) return NaN;
  let s = 0;
  for (let i = 0; i < k; i++) s += Math.log(sorted[m - 1 - i] / threshold);
  return s > 0 ? k / s : NaN;
}

function chooseK(m: number, options: HillOptions): number {
  if (options.k !== undefined) {
    if (!Number.isInteger(options.k) || options.k < 1 || options.k > m - 1) {
      throw new RangeError(`hill k must be an integer in [1, ${m - 1}] for ${m} tail values, got ${options.k}`);
    }
    return options.k;
  }
  const fraction = options.fraction ?? 0.05;
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`hill fraction must be in (0, 1), got ${fraction}`);
  return Math.min(m - 1, Math.max(2, Math.floor(fraction * m)));
}

/** The linear association of two series. */
export interface LinearFit {
  /** Pearson correlation, dimensionless in [−1, 1]; NaN when either series is constant or n < 2. */
  correlation: number;
  /** Least-squares slope of y on x, cov(x, y) / var(x), in y-units per x-unit; NaN when x is constant or n < 2. */
  slope: number;
}

/**
 * `correlation(x, y)` → the Pearson correlation of the paired series
 * r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²) and the least-squares slope
 * of y on x, Σ(x − x̄)(y − ȳ) / Σ(x − x̄)² (two passes, over the first
 * min(|x|, |y|) pairs).
 */
export function correlation(x: ArrayLike<number>, y: ArrayLike<number>): LinearFit {
  const n = Math.min(x.length, y.length);
  if (n < 2) return { correlation: NaN, slope: NaN };
  let mx = 0;
  let my = 0;
  for (let t = 0; t < n; t++) {
    mx += x[t];
    my += y[t];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let t = 0; t < n; t++) {
    const dx = x[t] - mx;
    const dy = y[t] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return {
    correlation: sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN,
    slope: sxx > 0 ? sxy / sxx : NaN,
  };
}

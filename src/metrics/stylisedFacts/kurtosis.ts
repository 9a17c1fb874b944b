/**
 * `excessKurtosis(xs)` → the sample excess kurtosis g₂ = m₄ / m₂² − 3,
 * dimensionless, with central moments m_j = Σ (x_t − x̄)^j / n (the plain
 * moment estimator, not the bias-adjusted G₂ of spreadsheets; the two differ
 * by O(1/n)). 0 for a normal distribution, 6/(ν − 4) for Student's t with
 * ν > 4 degrees of freedom, −1.2 for a uniform. Daily crypto returns show
 * 3–20 (see docs/explanation/stylised-facts.md). NaN for fewer than 2
 * values or a constant series.
 */
export function excessKurtosis(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 2) return NaN;
  let s = 0;
  for (let t = 0; t < n; t++) s += xs[t];
  const m = s / n;
  let m2 = 0;
  let m4 = 0;
  for (let t = 0; t < n; t++) {
    const d2 = (xs[t] - m) ** 2;
    m2 += d2;
    m4 += d2 * d2;
  }
  if (m2 === 0) return NaN;
  m2 /= n;
  m4 /= n;
  return m4 / (m2 * m2) - 3;
}

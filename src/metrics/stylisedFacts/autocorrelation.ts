/**
 * `autocorrelation(xs, lag)` → the sample autocorrelation of xs at `lag`,
 * dimensionless in [−1, 1]:
 *
 *   ρ̂_k = Σ_{t=k}^{n−1} (x_t − x̄)(x_{t−k} − x̄) / Σ_{t=0}^{n−1} (x_t − x̄)²,
 *
 * the estimator of Box & Jenkins (Time Series Analysis, 1976),
 * with the full-sample mean and variance in the denominator. It is biased
 * towards 0 by about (1 + 3ρ)/n but keeps the estimated autocorrelation
 * function positive semi-definite, which is what the standard errors
 * ±1.96/√n of a white-noise test assume. NaN when lag ≥ n or when xs is
 * constant. Throws a RangeError unless lag is a non-negative integer.
 */
export function autocorrelation(xs: ArrayLike<number>, lag: number): number {
  if (!Number.isInteger(lag) || lag < 0) throw new RangeError(`lag must be a non-negative integer, got ${lag}`);
  const n = xs.length;
  if (lag >= n) return NaN;
  const m = centredMean(xs);
  let denominator = 0;
  for (let t = 0; t < n; t++) denominator += (xs[t] - m) ** 2;
  if (denominator === 0) return NaN;
  let numerator = 0;
  for (let t = lag; t < n; t++) numerator += (xs[t] - m) * (xs[t - lag] - m);
  return numerator / denominator;
}

/**
 * `autocorrelations(xs, maxLag)` → ρ̂_1 … ρ̂_maxLag of xs (see
 * `autocorrelation`) as a Float64Array whose entry k − 1 is lag k,
 * dimensionless; entries for lags ≥ n are NaN. One pass for the mean and
 * variance, one per lag: O(n · maxLag).
 */
export function autocorrelations(xs: ArrayLike<number>, maxLag: number): Float64Array {
  if (!Number.isInteger(maxLag) || maxLag < 1) throw new RangeError(`maxLag must be an integer ≥ 1, got ${maxLag}`);
  const n = xs.length;
  const out = new Float64Array(maxLag).fill(NaN);
  const m = centredMean(xs);
  let denominator = 0;
  for (let t = 0; t < n; t++) denominator += (xs[t] - m) ** 2;
  if (denominator === 0) return out;
  for (let k = 1; k <= maxLag && k < n; k++) {
    let numerator = 0;
    for (let t = k; t < n; t++) numerator += (xs[t] - m) * (xs[t - k] - m);
    out[k - 1] = numerator / denominator;
  }
  return out;
}

/**
 * `absoluteAutocorrelations(returns, maxLag)` → the autocorrelations of
 * |r_t| at lags 1 … maxLag, dimensionless (entry k − 1 is lag k): the usual
 * measure of volatility clustering, positive and slowly decaying in every
 * liquid market (Cont, "Empirical properties of asset returns", Quantitative
 * Finance 1, 2001, fact 8) and near 0 for i.i.d. returns.
 */
export function absoluteAutocorrelations(returns: ArrayLike<number>, maxLag: number): Float64Array {
  const abs = new Float64Array(returns.length);
  for (let t = 0; t < abs.length; t++) abs[t] = Math.abs(returns[t]);
  return autocorrelations(abs, maxLag);
}

/** The mean, with a second pass that removes what rounding in the first added. */
function centredMean(xs: ArrayLike<number>): number {
  const n = xs.length;
  let s = 0;
  for (let t = 0; t < n; t++) s += xs[t];
  const m = s / n;
  let r = 0;
  for (let t = 0; t < n; t++) r += xs[t] - m;
  return m + r / n;
}

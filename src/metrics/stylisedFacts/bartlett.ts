import { largestPeriodogramPeak, type PeriodogramPeak } from './spectral';

/**
 * `sampledPeriodogramPeak(xs, segment)` → the largest periodogram peak of xs
 * and the share of variance it carries (see `largestPeriodogramPeak`), at a
 * cost linear in n: up to 2 · `segment` values the periodogram of the whole
 * series (O(n²)); beyond, Bartlett's averaged periodogram (Bartlett,
 * "Periodogram analysis and continuous spectra", Biometrika 37, 1950) over
 * the K = ⌊n / L⌋ consecutive segments of L = `segment` values that end the
 * series, each demeaned,
 *
 *   P̄_j = (1/K) Σ_k |X_j^(k)|²,   share_j = 2 P̄_j / Σ_{l=1}^{L−1} P̄_l,
 *
 * O(n · L / 2). A regular cycle shorter than L shows in every segment and
 * keeps its share; averaging shrinks the noise ordinates' spread, so white
 * noise gives about 1/(L/2) per ordinate. Periods longer than L are not
 * resolved. `{ share: NaN, … }` as `largestPeriodogramPeak` for a constant
 * or too short series.
 */
export function sampledPeriodogramPeak(xs: ArrayLike<number>, segment = 1024): PeriodogramPeak {
  const n = xs.length;
  if (!Number.isInteger(segment) || segment < 4) throw new RangeError(`segment must be an integer >= 4, got ${segment}`);
  if (n <= 2 * segment) return largestPeriodogramPeak(xs);
  const L = segment;
  const K = Math.floor(n / L);
  const start = n - K * L;
  const cos = new Float64Array(L);
  const sin = new Float64Array(L);
  for (let q = 0; q < L; q++) {
    cos[q] = Math.cos((2 * Math.PI * q) / L);
    sin[q] = Math.sin((2 * Math.PI * q) / L);
  }
  const half = Math.floor(L / 2);
  const power = new Float64Array(half + 1);
  const d = new Float64Array(L);
  let sumSquares = 0;
  for (let k = 0; k < K; k++) {
    const off = start + k * L;
    let m = 0;
    for (let t = 0; t < L; t++) m += xs[off + t];
    m /= L;
    for (let t = 0; t < L; t++) {
      d[t] = xs[off + t] - m;
      sumSquares += d[t] * d[t];
    }
    for (let j = 1; j <= half; j++) {
      let re = 0;
      let im = 0;
      let q = 0;
      for (let t = 0; t < L; t++) {
        re += d[t] * cos[q];
        im -= d[t] * sin[q];
        q += j;
        if (q >= L) q -= L;
      }
      power[j] += (re * re + im * im) * (2 * j === L ? 1 : 2);
    }
  }
  if (sumSquares === 0) return { share: NaN, index: 0, periodTicks: NaN };
  let best = 1;
  for (let j = 2; j <= half; j++) if (power[j] > power[best]) best = j;
  // Parseval per segment: Σ_l |X_l|² = L Σ_t d_t², summed over segments.
  return { share: Math.min(1, power[best] / (L * sumSquares)), index: best, periodTicks: L / best };
}

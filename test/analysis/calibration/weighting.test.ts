import { describe, expect, it } from 'vitest';
import { priceMoments } from '../../../src/analysis/calibration/moments';
import { blockBootstrapMoments, identityWeighting, inverseCovarianceWeighting, momentCovariance } from '../../../src/analysis/calibration/weighting';
import { Rng } from '../../../src/core/rng';

describe('identityWeighting', () => {
  it('is the 3 × 3 identity', () => {
    expect(Array.from(identityWeighting(3))).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });
});

describe('momentCovariance and inverseCovarianceWeighting', () => {
  it('hand-worked: samples (1, 2), (3, 6), (2, 1)', () => {
    // Means 2, 3; deviations (−1, −1), (1, 3), (0, −2): Σ̂ = [[2, 4], [4, 14]] / 2 = [[1, 2], [2, 7]].
    const samples = [
      [1, 2],
      [3, 6],
      [2, 1],
    ];
    expect(Array.from(momentCovariance(samples))).toEqual([1, 2, 2, 7]);
    // [[1, 2], [2, 7]]⁻¹ = [[7, −2], [−2, 1]] / 3.
    const w = inverseCovarianceWeighting(samples);
    [7 / 3, -2 / 3, -2 / 3, 1 / 3].forEach((v, i) => expect(w[i]).toBeCloseTo(v, 12));
  });

  it('names a moment that does not vary, and refuses too few samples or a singular covariance', () => {
    expect(() => inverseCovarianceWeighting([[1, 5], [2, 5], [3, 5]], ['a', 'b'])).toThrow(/moment b does not vary over the 3 samples/);
    expect(() => inverseCovarianceWeighting([[1, 2], [2, 1]])).toThrow(/needs more than 2 samples/);
    expect(() => inverseCovarianceWeighting([[1, 2], [2, 4], [3, 6]])).toThrow(/singular/);
    expect(() => momentCovariance([[1, NaN], [2, 3]])).toThrow(/not finite/);
  });
});

describe('blockBootstrapMoments', () => {
  const rng = new Rng(3);
  const prices = new Float64Array(2001);
  prices[0] = 100;
  for (let t = 1; t < prices.length; t++) prices[t] = prices[t - 1] * Math.exp(0.02 * rng.normal());
  const meanAbs = priceMoments(['mean_abs_return', 'mean_log_price']);

  it('with one block as long as the data, replays the data itself (up to rebuilding prices from returns)', () => {
    const samples = blockBootstrapMoments(prices, meanAbs, { blockLength: 2000, resamples: 3 });
    const data = meanAbs.compute(prices);
    for (const s of samples) s.forEach((v, i) => expect(Math.abs(v / data[i] - 1)).toBeLessThan(1e-12));
  });

  it('with blocks of 1, gives the i.i.d. bootstrap: var of mean |r| ≈ var(|r|)/n, within 20%', () => {
    const r = Float64Array.from({ length: 2000 }, (_, t) => Math.abs(Math.log(prices[t + 1] / prices[t])));
    const m = r.reduce((a, b) => a + b) / r.length;
    const expected = r.reduce((a, b) => a + (b - m) ** 2, 0) / r.length / r.length;
    const cov = momentCovariance(blockBootstrapMoments(prices, meanAbs, { blockLength: 1, resamples: 400, seed: 2 }));
    expect(Math.abs(cov[0] / expected - 1)).toBeLessThan(0.2);
  });

  it('is deterministic for a seed and rejects a block longer than the data', () => {
    const a = blockBootstrapMoments(prices, meanAbs, { resamples: 5, seed: 9 });
    expect(blockBootstrapMoments(prices, meanAbs, { resamples: 5, seed: 9 })).toEqual(a);
    expect(() => blockBootstrapMoments(prices, meanAbs, { blockLength: 2001 })).toThrow(/block length must be an integer in \[1, 2000\]/);
  });
});

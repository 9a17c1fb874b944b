import { describe, expect, it } from 'vitest';
import { jointMoments, priceMoments } from '../../../src/analysis/calibration/moments';
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

  it('resamples every series of a panel over the same blocks: a copy of the price stays a copy in each replicate', () => {
    const joint = jointMoments([
      { label: null, moments: priceMoments(['mean_abs_return', 'mean_log_price']) },
      { label: 'twin', moments: priceMoments(['mean_abs_return', 'mean_log_price']) },
    ]);
    const panel = Float64Array.from([...prices, ...prices]);
    const samples = blockBootstrapMoments(panel, joint, { blockLength: 50, resamples: 20, seed: 4, series: 2 });
    for (const [a, b, c, d] of samples) {
      expect(c).toBeCloseTo(a, 12);
      expect(d).toBeCloseTo(b, 12);
    }
    // One series: the replicates of the plain bootstrap, draw for draw.
    const alone = blockBootstrapMoments(prices, meanAbs, { blockLength: 50, resamples: 20, seed: 4 });
    samples.forEach((s, i) => expect(Array.from(s.subarray(0, 2))).toEqual(Array.from(alone[i])));
    expect(() => blockBootstrapMoments(panel.subarray(1), joint, { series: 2 })).toThrow(/a panel of 2 series must have a multiple of 2 values, got 4001/);
  });

  it('takes a level series (volume) at the resampled ticks instead of rebuilding it from its changes, in step with the price', () => {
    const volume = Float64Array.from(prices, (p, t) => 1000 + (t % 7) + p);
    const panel = Float64Array.from([...prices, ...volume]);
    const seen: Float64Array[] = [];
    const capture = { names: ['x'], series: 2, compute: (x: Float64Array) => (seen.push(Float64Array.from(x)), Float64Array.of(0)) };
    blockBootstrapMoments(panel, capture, { blockLength: 50, resamples: 5, seed: 6, series: 2, levels: [false, true] });
    const n = prices.length;
    const known = new Set(volume);
    for (const x of seen) {
      expect(x[n]).toBe(volume[0]);
      for (let t = 1; t < n; t++) {
        // Every volume is one of the data's, taken at the tick whose price move the replicate made.
        expect(known.has(x[n + t])).toBe(true);
        const k = volume.indexOf(x[n + t]);
        expect(x[t] / x[t - 1]).toBeCloseTo(prices[k] / prices[k - 1], 10);
      }
    }
  });

  it('is deterministic for a seed and rejects a block longer than the data', () => {
    const a = blockBootstrapMoments(prices, meanAbs, { resamples: 5, seed: 9 });
    expect(blockBootstrapMoments(prices, meanAbs, { resamples: 5, seed: 9 })).toEqual(a);
    expect(() => blockBootstrapMoments(prices, meanAbs, { blockLength: 2001 })).toThrow(/block length must be an integer in \[1, 2000\]/);
  });
});

import { describe, expect, it } from 'vitest';
import { correlation } from '../../src/metrics/correlation';

describe('correlation', () => {
  it('gives the hand-worked Pearson r and slope', () => {
    // x = 1..4, y = 2, 4, 5, 9: x̄ = 2.5, ȳ = 5; dx = −1.5, −0.5, 0.5, 1.5, dy = −3, −1, 0, 4: Σdxdy = 11, Σdx² = 5, Σdy² = 26 → slope 2.2, r = 11/√130.
    const fit = correlation([1, 2, 3, 4], [2, 4, 5, 9]);
    expect(fit.slope).toBeCloseTo(2.2, 12);
    expect(fit.correlation).toBeCloseTo(11 / Math.sqrt(130), 12);
  });

  it('is NaN for a constant series or fewer than two pairs', () => {
    expect(correlation([1, 1, 1], [1, 2, 3]).correlation).toBeNaN();
    expect(correlation([1, 1, 1], [1, 2, 3]).slope).toBeNaN();
    expect(correlation([1], [2]).correlation).toBeNaN();
  });
});

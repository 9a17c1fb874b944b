import { describe, expect, it } from 'vitest';
import { excessKurtosis } from '../../../src/metrics/stylisedFacts/kurtosis';
import { ar1, studentT } from './series';

describe('excessKurtosis', () => {
  it('is −2 for a symmetric two-point sample [−1, 1, −1, 1] (hand-worked)', () => {
    // m2 = 1, m4 = 1: 1/1 − 3.
    expect(excessKurtosis([-1, 1, -1, 1])).toBeCloseTo(-2, 15);
  });

  it('is 21/9 − 3 for [0, 0, 0, 4] (hand-worked)', () => {
    // x̄ = 1; deviations −1, −1, −1, 3; m2 = (1 + 1 + 1 + 9)/4 = 3; m4 = (1 + 1 + 1 + 81)/4 = 21.
    expect(excessKurtosis([0, 0, 0, 4])).toBeCloseTo(21 / 9 - 3, 14);
  });

  it('is 6/(ν − 4) = 1 for i.i.d. Student t with ν = 10, within 0.15 (n = 400,000)', () => {
    expect(Math.abs(excessKurtosis(studentT(10, 400_000, 21)) - 1)).toBeLessThan(0.15);
  });

  it('is near 0 for normal draws, within 0.05 (n = 200,000; sd ≈ √(24/n) = 0.011)', () => {
    expect(Math.abs(excessKurtosis(ar1(0, 200_000, 2)))).toBeLessThan(0.05);
  });

  it('is NaN for a constant or one-value series', () => {
    expect(excessKurtosis([5, 5, 5])).toBeNaN();
    expect(excessKurtosis([1])).toBeNaN();
  });
});

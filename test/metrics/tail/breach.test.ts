import { describe, expect, it } from 'vitest';
import { breachProbability, firstBreach } from '../../../src/metrics/tail/breach';

describe('firstBreach', () => {
  it('is the first tick strictly below the floor at or after `from`, else −1', () => {
    expect(firstBreach([5, 3, 2, 1], 3)).toBe(2);
    expect(firstBreach([1, 5, 5, 2], 3, 1)).toBe(3);
    expect(firstBreach([3, 3], 3)).toBe(-1);
  });
});

describe('breachProbability', () => {
  it('counts paths below the floor: 1 of 4, Wilson 95% interval (0.0456, 0.6994)', () => {
    const paths = [
      [10, 9, 8],
      [10, 4, 12],
      [10, 11, 12],
      [10, 5, 5],
    ];
    // Floor 5: only the second path goes strictly below. z = 1.959964, n = 4, p̂ = 0.25:
    // centre 0.25 + 0.480182 = 0.730182, half 1.959964·√(0.046875 + 0.060023) = 0.640815, d = 1.960365.
    const b = breachProbability(paths, 5);
    expect(b.breaches).toBe(1);
    expect(b.probability).toBe(0.25);
    expect(b.lo).toBeCloseTo(0.045587, 5);
    expect(b.hi).toBeCloseTo(0.699358, 5);
  });

  it('gives a non-degenerate interval at 0 breaches and NaN for no paths', () => {
    const b = breachProbability([[1], [2]], 0);
    expect(b.probability).toBe(0);
    expect(b.lo).toBe(0);
    expect(b.hi).toBeGreaterThan(0.5);
    expect(breachProbability([], 1).probability).toBeNaN();
  });
});

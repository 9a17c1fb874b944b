import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { confidenceInterval } from '../../src/metrics/stats';
import { boundedInterval } from '../../src/report/boundedInterval';

describe('boundedInterval', () => {
  it('is the t interval when it stays above zero or the quantity may be negative', () => {
    const xs = [10, 12, 11, 13];
    const t = confidenceInterval(xs, 0.95);
    expect(boundedInterval(xs, 0.95, true)).toEqual({ mean: t.mean, lo: t.lo, hi: t.hi, n: 4, method: 't' });
    const wide = boundedInterval([1, 9], 0.95, false);
    expect(wide.method).toBe('t');
    expect(wide.lo).toBeLessThan(0);
  });

  it('is x̄·exp(∓ t·s/(√n·x̄)) for a non-negative quantity whose t interval would cross zero', () => {
    // xs = [1, 9]: x̄ = 5, s = √32, s/√n = 4, t_{0.975, 1} = 12.7062047; t interval 5 ± 50.82 crosses zero.
    // Log scale: h = 12.7062047 · 4 / 5 = 10.1649638, interval [5 e^−h, 5 e^h] = [1.92479e-4, 129884.6].
    const b = boundedInterval([1, 9], 0.95, true);
    expect(b.method).toBe('log');
    expect(b.mean).toBe(5);
    expect(b.lo).toBeCloseTo(1.9247854e-4, 10);
    expect(b.hi / 129884.6076).toBeCloseTo(1, 8);
  });

  it('never reaches below zero for samples of non-negative values, and agrees with t to first order when spread is small', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 12 }), (xs) => {
        const b = boundedInterval(xs, 0.95, true);
        return !(b.lo < 0) && (Number.isNaN(b.hi) || b.hi >= b.mean);
      }),
    );
    const tight = [100, 100.5, 99.5, 100.2];
    const t = confidenceInterval(tight, 0.95);
    const log = boundedInterval(tight, 0.95, true);
    expect(log.method).toBe('t');
    expect(log.lo).toBe(t.lo);
  });

  it('has no bounds for a single run', () => {
    const b = boundedInterval([3], 0.95, true);
    expect(b.mean).toBe(3);
    expect(b.lo).toBeNaN();
  });
});

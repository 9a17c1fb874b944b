import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import { hillTailIndex } from '../../../src/metrics/stylisedFacts/hill';
import { studentT } from './series';

describe('hillTailIndex', () => {
  it('is k / Σ ln(X_(i)/X_(k+1)) = 3/6 on e³, e², e, 1, … (hand-worked, k = 3)', () => {
    const xs = [Math.E ** 3, -(Math.E ** 2), Math.E, 1, 0.5, 0.25];
    // |x| descending: e³, e², e, 1, …; X_(4) = 1; Σ ln = 3 + 2 + 1 = 6.
    expect(hillTailIndex(xs, { k: 3 })).toBeCloseTo(0.5, 14);
  });

  it('uses one side only with tail: upper or lower', () => {
    const xs = [Math.E ** 3, -(Math.E ** 2), Math.E, 1, -Math.E, -1];
    // upper: e³, e, 1 → k = 1 with X_(2) = e: ln(e³/e) = 2 → 1/2.
    expect(hillTailIndex(xs, { k: 1, tail: 'upper' })).toBeCloseTo(0.5, 14);
    // lower: e², e, 1 → k = 2 with X_(3) = 1: 2 + 1 → 2/3.
    expect(hillTailIndex(xs, { k: 2, tail: 'lower' })).toBeCloseTo(2 / 3, 14);
  });

  it('recovers α = 3 of an exact Pareto tail within 0.15 (n = 100,000, k = 5,000; sd ≈ α/√k = 0.04)', () => {
    const rng = new Rng(9);
    const xs = Float64Array.from({ length: 100_000 }, () => rng.pareto(1, 3));
    expect(Math.abs(hillTailIndex(xs) - 3)).toBeLessThan(0.15);
  });

  it('gives about ν = 3 for Student t with 3 degrees of freedom, within 0.6 at the 5% tail (n = 200,000)', () => {
    // The t tail is Pareto only asymptotically; at the 5 % tail the estimate is about 2.65 (seeds 1–5).
    expect(Math.abs(hillTailIndex(studentT(3, 200_000, 4)) - 3)).toBeLessThan(0.6);
  });

  it('rejects a k outside [1, m − 1] and is NaN with fewer than two tail values', () => {
    expect(() => hillTailIndex([1, 2, 3], { k: 3 })).toThrow(RangeError);
    expect(hillTailIndex([1], {})).toBeNaN();
    expect(hillTailIndex([-1, -2, 3], { tail: 'upper' })).toBeNaN();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import { lorenzCurve } from '../../../src/metrics/inequality';
import { conditionalValueAtRisk, valueAtRisk } from '../../../src/metrics/tail/cvar';

const ONE_TO_TEN = [7, 3, 10, 1, 5, 9, 2, 8, 4, 6];

describe('conditionalValueAtRisk', () => {
  it('weights the boundary value by its share in the tail: 1..10 at α = 0.25 is (1 + 2 + 0.5·3)/2.5 = 1.8', () => {
    expect(conditionalValueAtRisk(ONE_TO_TEN, 0.25)).toBeCloseTo(1.8, 14);
  });

  it('is the plain mean of the worst values when nα is whole: α = 0.3 → (1 + 2 + 3)/3 = 2', () => {
    expect(conditionalValueAtRisk(ONE_TO_TEN, 0.3)).toBeCloseTo(2, 14);
  });

  it('is the minimum for nα < 1, the mean at α = 1, and mirrors for the upper tail', () => {
    expect(conditionalValueAtRisk(ONE_TO_TEN, 0.05)).toBe(1);
    expect(conditionalValueAtRisk(ONE_TO_TEN, 1)).toBeCloseTo(5.5, 14);
    expect(conditionalValueAtRisk(ONE_TO_TEN, 0.25, 'upper')).toBeCloseTo((10 + 9 + 0.5 * 8) / 2.5, 14);
  });

  it('is continuous in α across a whole nα (no jump at α = 0.2)', () => {
    const below = conditionalValueAtRisk(ONE_TO_TEN, 0.2 - 1e-9);
    const above = conditionalValueAtRisk(ONE_TO_TEN, 0.2 + 1e-9);
    expect(Math.abs(below - above)).toBeLessThan(1e-7);
  });

  it('tends to −φ(z_α)/α for a standard normal: −2.0627 at α = 0.05, within 0.02 (n = 200,000)', () => {
    const rng = new Rng(17);
    const xs = Float64Array.from({ length: 200_000 }, () => rng.normal());
    // φ(1.644854)/0.05 = 0.103136/0.05.
    expect(Math.abs(conditionalValueAtRisk(xs, 0.05) + 2.06271)).toBeLessThan(0.02);
  });

  it('rejects α outside (0, 1] and NaN values; NaN for an empty sample', () => {
    expect(() => conditionalValueAtRisk([1], 0)).toThrow(RangeError);
    expect(() => conditionalValueAtRisk([1], 1.5)).toThrow(RangeError);
    expect(() => conditionalValueAtRisk([1, NaN], 0.5)).toThrow(RangeError);
    expect(conditionalValueAtRisk([], 0.05)).toBeNaN();
  });
});

describe('conditionalValueAtRisk properties', () => {
  const sample = fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 40 });
  const level = fc.double({ min: 0.001, max: 1, noNaN: true });

  it('is nα·CVaR_α = L(α)·Σx, the Lorenz curve of the same sample (differential)', () => {
    fc.assert(
      fc.property(sample, level, (xs, alpha) => {
        const total = xs.reduce((a, b) => a + b, 0);
        fc.pre(total > 0);
        const lhs = xs.length * alpha * conditionalValueAtRisk(xs, alpha);
        expect(lhs).toBeCloseTo(lorenzCurve(xs, [alpha])[0] * total, 6);
      }),
    );
  });

  it('rises with α from the minimum to the mean, and never passes VaR', () => {
    fc.assert(
      fc.property(sample, level, level, (xs, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
        expect(conditionalValueAtRisk(xs, lo)).toBeLessThanOrEqual(conditionalValueAtRisk(xs, hi) + 1e-9);
        expect(conditionalValueAtRisk(xs, hi)).toBeLessThanOrEqual(mean + 1e-9);
        expect(conditionalValueAtRisk(xs, lo)).toBeLessThanOrEqual(valueAtRisk(xs, lo) + 1e-9);
      }),
    );
  });
});

describe('valueAtRisk', () => {
  it('is x_(⌈nα⌉): 3 for 1..10 at α = 0.25 and 0.3, 8 for the upper tail at 0.25', () => {
    expect(valueAtRisk(ONE_TO_TEN, 0.25)).toBe(3);
    expect(valueAtRisk(ONE_TO_TEN, 0.3)).toBe(3);
    expect(valueAtRisk(ONE_TO_TEN, 0.25, 'upper')).toBe(8);
  });
});

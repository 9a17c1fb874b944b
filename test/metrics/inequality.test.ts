import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gini, hhi, nakamoto } from '../../src/metrics/inequality';

/** The O(n²) definition: G = Σ_i Σ_j |x_i − x_j| / (2 n² x̄). */
function giniByDefinition(xs: number[]): number {
  const n = xs.length;
  const total = xs.reduce((s, x) => s + x, 0);
  if (n <= 1 || total === 0) return 0;
  let pairs = 0;
  for (const a of xs) for (const b of xs) pairs += Math.abs(a - b);
  return pairs / (2 * n * n * (total / n));
}

// Holdings in whole milli-tokens, so sums are exact and the two formulas
// differ only by rounding in the final divisions.
const holdings = fc.array(
  fc.integer({ min: 0, max: 1_000_000_000 }).map((k) => k / 1000),
  { maxLength: 60 },
);

describe('gini', () => {
  it('is 0 for equal holdings [1, 1, 1, 1]', () => {
    // Every |x_i − x_j| is 0.
    expect(gini([1, 1, 1, 1])).toBe(0);
  });

  it('is 0.75 for [0, 0, 0, 1]', () => {
    // Σ_i Σ_j |x_i − x_j| = 6 (the 1 against each 0, both orders);
    // 2 n² x̄ = 2 · 16 · ¼ = 8; G = 6/8.
    expect(gini([0, 0, 0, 1])).toBeCloseTo(0.75, 15);
  });

  it('is 0.25 for [1, 2, 3, 4]', () => {
    // Σ_{i<j} (x_j − x_i) = 1+2+3+1+2+1 = 10, so Σ_i Σ_j = 20;
    // 2 n² x̄ = 2 · 16 · 2.5 = 80; G = 20/80.
    // Sorted form: 2(1·1 + 2·2 + 3·3 + 4·4)/(4 · 10) − 5/4 = 1.5 − 1.25.
    expect(gini([1, 2, 3, 4])).toBeCloseTo(0.25, 15);
  });

  it('does not depend on the order of holders', () => {
    expect(gini([4, 1, 3, 2])).toBeCloseTo(0.25, 15);
  });

  it('is 0 for all-zero holdings, one holder and no holders', () => {
    expect(gini([0, 0, 0])).toBe(0);
    expect(gini([7])).toBe(0);
    expect(gini([])).toBe(0);
  });

  it('reads only values[0..n) of a column with spare capacity', () => {
    const column = Float64Array.of(1, 2, 3, 4, 1000, 0);

    expect(gini(column, 4)).toBeCloseTo(0.25, 15);
  });

  it('leaves its input unmodified (number[] and Float64Array)', () => {
    const list = [5, 1, 4, 2, 3];
    const column = Float64Array.of(5, 1, 4, 2, 3);

    gini(list);
    gini(column);

    expect(list).toEqual([5, 1, 4, 2, 3]);
    expect(Array.from(column)).toEqual([5, 1, 4, 2, 3]);
  });

  it('equals the O(n²) definition on random holdings', () => {
    fc.assert(
      fc.property(holdings, (xs) => {
        expect(gini(xs)).toBeCloseTo(giniByDefinition(xs), 12);
        expect(gini(Float64Array.from(xs))).toBe(gini(xs));
      }),
    );
  });

  it('lies in [0, (n − 1)/n]', () => {
    fc.assert(
      fc.property(holdings, (xs) => {
        const g = gini(xs);
        const n = Math.max(xs.length, 1);

        expect(g).toBeGreaterThanOrEqual(0);
        expect(g).toBeLessThanOrEqual((n - 1) / n + 1e-15);
      }),
    );
  });

  it('rejects negative or non-finite holdings and a bad n', () => {
    expect(() => gini([1, -1, 2])).toThrow(RangeError);
    expect(() => gini([1, NaN])).toThrow(RangeError);
    expect(() => gini([1, Infinity])).toThrow(RangeError);
    expect(() => gini([1, 2], 3)).toThrow(RangeError);
  });
});

describe('nakamoto', () => {
  it('needs 2 holders of [50, 30, 20] to exceed half: 50 alone is exactly 50 %, not more', () => {
    expect(nakamoto([50, 30, 20], 0.5)).toBe(2);
  });

  it('needs 1 holder of [60, 40]', () => {
    expect(nakamoto([60, 40])).toBe(1);
  });

  it('does not depend on the order of holders', () => {
    expect(nakamoto([20, 30, 50], 0.5)).toBe(2);
  });

  it('counts every holder of equal stakes needed to pass the threshold', () => {
    // Threshold ⅓ of 3: one holder has exactly 1, two have 2 > 1.
    expect(nakamoto([1, 1, 1], 1 / 3)).toBe(2);
    expect(nakamoto([1, 1, 1, 1], 0.5)).toBe(3);
  });

  it('is 0 when nothing is held', () => {
    expect(nakamoto([0, 0, 0])).toBe(0);
    expect(nakamoto([])).toBe(0);
  });

  it('reads only values[0..n)', () => {
    expect(nakamoto(Float64Array.of(50, 30, 20, 1e9), 0.5, 3)).toBe(2);
  });

  it('leaves its input unmodified', () => {
    const list = [20, 50, 30];

    nakamoto(list);

    expect(list).toEqual([20, 50, 30]);
  });

  it('is the least k whose k largest holdings exceed the threshold', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { maxLength: 40 }), fc.double({ min: 0, max: 0.99, noNaN: true }), (xs, threshold) => {
        const k = nakamoto(xs, threshold);
        const desc = [...xs].sort((a, b) => b - a);
        const total = xs.reduce((s, x) => s + x, 0);
        const top = (m: number) => desc.slice(0, m).reduce((s, x) => s + x, 0);

        if (total === 0) expect(k).toBe(0);
        else {
          expect(top(k)).toBeGreaterThan(threshold * total);
          expect(top(k - 1)).toBeLessThanOrEqual(threshold * total);
        }
      }),
    );
  });

  it('rejects a threshold outside [0, 1)', () => {
    expect(() => nakamoto([1, 2], 1)).toThrow(RangeError);
    expect(() => nakamoto([1, 2], -0.1)).toThrow(RangeError);
  });
});

describe('hhi', () => {
  it('is 0.5 for two equal holders [1, 1]', () => {
    // Shares ½, ½: ¼ + ¼.
    expect(hhi([1, 1])).toBe(0.5);
  });

  it('is 0.38 for [50, 30, 20]', () => {
    // 0.5² + 0.3² + 0.2² = 0.25 + 0.09 + 0.04.
    expect(hhi([50, 30, 20])).toBeCloseTo(0.38, 15);
  });

  it('is 1 for a single holder and 0 when nothing is held', () => {
    expect(hhi([0, 42, 0])).toBe(1);
    expect(hhi([0, 0])).toBe(0);
  });

  it('reads only values[0..n)', () => {
    expect(hhi(Float64Array.of(1, 1, 1e9), 2)).toBe(0.5);
  });

  it('lies in [1/n, 1] when anything is held', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 1, maxLength: 40 }), (xs) => {
        fc.pre(xs.some((x) => x > 0));
        const h = hhi(xs);

        expect(h).toBeGreaterThanOrEqual(1 / xs.length - 1e-15);
        expect(h).toBeLessThanOrEqual(1 + 1e-15);
      }),
    );
  });

  it('rejects negative holdings', () => {
    expect(() => hhi([1, -1])).toThrow(RangeError);
  });
});

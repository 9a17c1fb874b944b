import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import { gini, hhi, lorenzCurve, nakamoto, palmaRatio, theil, topShare } from '../../src/metrics/inequality';

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

// One holder with everything among 100: the extreme of every measure.
const ONE_HOLDER = Float64Array.from({ length: 100 }, (_, i) => (i === 37 ? 5 : 0));
// A two-point distribution: 8 holders with 1, 2 with 6; total 20.
const TWO_POINT = [1, 6, 1, 1, 1, 1, 6, 1, 1, 1];
const EQUAL = new Float64Array(50).fill(3);

describe('lorenzCurve', () => {
  it('is the diagonal for equal holdings', () => {
    const l = lorenzCurve(EQUAL, [0, 0.1, 0.4, 0.5, 1]);
    [0, 0.1, 0.4, 0.5, 1].forEach((p, i) => expect(l[i]).toBeCloseTo(p, 14));
  });

  it('interpolates within a holder: the two-point distribution at 0.4, 0.85, 0.9, 0.95', () => {
    // Sorted 1×8, 6, 6. L(0.4) = 4/20; L(0.85) = (8 + 0.5·6)/20; L(0.9) = 14/20; L(0.95) = (14 + 3)/20.
    const l = lorenzCurve(TWO_POINT, [0.4, 0.85, 0.9, 0.95]);
    [0.2, 0.55, 0.7, 0.85].forEach((v, i) => expect(l[i]).toBeCloseTo(v, 14));
  });

  it('stays at 0 until the last holder when one holds everything', () => {
    const l = lorenzCurve(ONE_HOLDER, [0.5, 0.99, 0.995, 1]);
    expect(Array.from(l).map((v) => Number(v.toFixed(12)))).toEqual([0, 0, 0.5, 1]);
  });

  it('rejects a quantile outside [0, 1]', () => {
    expect(() => lorenzCurve([1, 2], [1.5])).toThrow(RangeError);
  });
});

describe('topShare, palmaRatio, theil', () => {
  it('equal holdings: top shares equal their population shares, Palma 0.1/0.4, Theil 0', () => {
    expect(topShare(EQUAL, 0.01)).toBeCloseTo(0.01, 14);
    expect(topShare(EQUAL, 0.1)).toBeCloseTo(0.1, 14);
    expect(palmaRatio(EQUAL)).toBeCloseTo(0.25, 14);
    expect(theil(EQUAL)).toBe(0);
  });

  it('one holder of 100: top 1% holds all, Palma infinite, Theil ln 100, Gini 0.99, Nakamoto 1', () => {
    expect(topShare(ONE_HOLDER, 0.01)).toBe(1);
    expect(topShare(ONE_HOLDER, 0.1)).toBe(1);
    expect(palmaRatio(ONE_HOLDER)).toBe(Infinity);
    expect(theil(ONE_HOLDER)).toBeCloseTo(Math.log(100), 12);
    expect(gini(ONE_HOLDER)).toBeCloseTo(0.99, 14);
    expect(nakamoto(ONE_HOLDER)).toBe(1);
  });

  it('two-point distribution (8 × 1, 2 × 6): top 10% 0.3, top 1% 0.03, Palma 1.5, Theil 0.3819, Gini 0.4', () => {
    // Theil: (1/10)[8 · 0.5 ln 0.5 + 2 · 3 ln 3]; Gini: 8·2·5 ordered pairs ×2 = 160 over 2 · 10² · 2.
    expect(topShare(TWO_POINT, 0.1)).toBeCloseTo(0.3, 14);
    expect(topShare(TWO_POINT, 0.01)).toBeCloseTo(0.03, 14);
    expect(palmaRatio(TWO_POINT)).toBeCloseTo(1.5, 14);
    expect(theil(TWO_POINT)).toBeCloseTo((8 * 0.5 * Math.log(0.5) + 6 * Math.log(3)) / 10, 14);
    expect(gini(TWO_POINT)).toBeCloseTo(0.4, 14);
  });

  it('exponential wealth (n = 200,000, seeded): Gini 1/2, top 10% 0.1(1 + ln 10), top 1% 0.01(1 + ln 100), Theil 1 − γ, Palma 3.53, L(p) = p + (1 − p) ln(1 − p), all within 0.005 (Palma 0.05)', () => {
    const rng = new Rng(2024);
    const xs = Float64Array.from({ length: 200_000 }, () => -Math.log(1 - rng.next()));
    expect(Math.abs(gini(xs) - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(topShare(xs, 0.1) - 0.1 * (1 + Math.log(10)))).toBeLessThan(0.005);
    expect(Math.abs(topShare(xs, 0.01) - 0.01 * (1 + Math.log(100)))).toBeLessThan(0.005);
    expect(Math.abs(theil(xs) - (1 - 0.5772156649))).toBeLessThan(0.005);
    const bottom40 = 0.4 + 0.6 * Math.log(0.6);
    expect(Math.abs(palmaRatio(xs) - (0.1 * (1 + Math.log(10))) / bottom40)).toBeLessThan(0.05);
    const l = lorenzCurve(xs, [0.25, 0.5, 0.75]);
    [0.25, 0.5, 0.75].forEach((p, i) => expect(Math.abs(l[i] - (p + (1 - p) * Math.log(1 - p)))).toBeLessThan(0.005));
  });

  it('read only the first n values and reject negative holdings', () => {
    expect(topShare([1, 1, 100], 0.5, 2)).toBeCloseTo(0.5, 14);
    expect(theil([1, 1, 100], 2)).toBe(0);
    expect(() => theil([1, -1])).toThrow(RangeError);
    expect(() => topShare([1], 2)).toThrow(RangeError);
  });

  it('top shares and the Lorenz curve agree: T(q) = 1 − L(1 − q) (property)', () => {
    fc.assert(
      fc.property(holdings, fc.double({ min: 0, max: 1, noNaN: true }), (xs, q) => {
        const total = xs.reduce((s, x) => s + x, 0);
        fc.pre(total > 0);
        expect(topShare(xs, q)).toBeCloseTo(1 - lorenzCurve(xs, [1 - q])[0], 9);
      }),
    );
  });
});

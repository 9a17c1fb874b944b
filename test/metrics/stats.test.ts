import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  annualisedGrowth,
  annualisedVolatility,
  confidenceInterval,
  logReturns,
  maxDrawdown,
  mean,
  pairedDifference,
  stdDev,
  tCdf,
  tQuantile,
  variance,
} from '../../src/metrics/stats';

/** Closed-form Student t CDFs for small integer df. */
const closedCdf: Record<number, (t: number) => number> = {
  1: (t) => 0.5 + Math.atan(t) / Math.PI,
  2: (t) => 0.5 + t / (2 * Math.sqrt(t * t + 2)),
  3: (t) => 0.5 + (t / Math.sqrt(3) / (1 + (t * t) / 3) + Math.atan(t / Math.sqrt(3))) / Math.PI,
  4: (t) => 0.5 + (3 / 8) * (t / Math.sqrt(1 + (t * t) / 4)) * (1 - (t * t) / (12 * (1 + (t * t) / 4))),
};

describe('mean, variance, stdDev', () => {
  it('give 3, 2.5 and √2.5 for [1, 2, 3, 4, 5]', () => {
    // Σ (x − 3)² = 4 + 1 + 0 + 1 + 4 = 10; s² = 10 / (5 − 1).
    const xs = [1, 2, 3, 4, 5];

    expect(mean(xs)).toBe(3);
    expect(variance(xs)).toBe(2.5);
    expect(stdDev(xs)).toBeCloseTo(1.5811388300841898, 15);
  });

  it('keep the variance of [1e9 + 1, 1e9 + 2, 1e9 + 3] at exactly 1, where Σx² − n x̄² loses it', () => {
    expect(variance(Float64Array.of(1e9 + 1, 1e9 + 2, 1e9 + 3))).toBe(1);
  });

  it('are NaN where undefined: no mean of nothing, no variance of one value', () => {
    expect(mean([])).toBeNaN();
    expect(variance([7])).toBeNaN();
    expect(stdDev([7])).toBeNaN();
  });
});

describe('tQuantile', () => {
  it.each([
    // [p, df, table value (4 d.p.), 50-digit reference (mpmath)]
    [0.975, 1, 12.7062, 1 / Math.tan(0.025 * Math.PI)],
    [0.975, 4, 2.7764, 2.7764451051977934],
    [0.975, 30, 2.0423, 2.0422724563012378],
    [0.995, 4, 4.6041, 4.604094871349992],
    [0.975, Infinity, 1.96, 1.959963984540054],
  ])('t(%f, %f) matches the table value %f', (p, df, table, exact) => {
    const t = tQuantile(p, df);

    expect(Math.abs(t - table)).toBeLessThan(5e-5);
    expect(Math.abs(t - exact)).toBeLessThan(1e-9 * exact);
  });

  it('approaches the normal quantile 1.959964 as df grows', () => {
    const z = 1.959963984540054;

    expect(tQuantile(0.975, 1e3)).toBeCloseTo(1.962339080826408, 10);
    // t ≈ z + (z³ + z)/(4 df) for large df.
    expect(tQuantile(0.975, 1e9) - z).toBeCloseTo((z ** 3 + z) / 4e9, 13);
  });

  it.each([1e-10, 1e-4, 0.01, 0.2, 0.7, 0.99, 1 - 1e-9])('matches the closed forms for df = 1, 2 at p = %f', (p) => {
    // df = 1: t = −cot(πp) (written around the nearer tail); df = 2: t = (2p − 1)/√(2p(1 − p)).
    const cauchy = p < 0.5 ? -1 / Math.tan(Math.PI * p) : 1 / Math.tan(Math.PI * (1 - p));
    const df2 = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));

    expect(Math.abs(tQuantile(p, 1) / cauchy - 1)).toBeLessThan(1e-12);
    expect(Math.abs(tQuantile(p, 2) / df2 - 1)).toBeLessThan(1e-9);
  });

  it('is antisymmetric about p = ½ and 0 there', () => {
    expect(tQuantile(0.5, 7)).toBe(0);
    expect(tQuantile(0.25, 4)).toBe(-tQuantile(0.75, 4));
  });

  it('inverts tCdf for any df and p', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }),
        (df, p) => {
          const back = tCdf(tQuantile(p, df), df);
          // Compare on the smaller tail, where p carries its precision.
          const [want, got] = p < 0.5 ? [p, back] : [1 - p, 1 - back];

          expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * want + 1e-15);
        },
      ),
    );
  });

  it('gives ±Infinity at p = 0, 1 and NaN outside [0, 1] or for df ≤ 0', () => {
    expect(tQuantile(0, 3)).toBe(-Infinity);
    expect(tQuantile(1, 3)).toBe(Infinity);
    expect(tQuantile(1.1, 3)).toBeNaN();
    expect(tQuantile(Number.NaN, 3)).toBeNaN();
    expect(tQuantile(0.9, 0)).toBeNaN();
  });
});

describe('tCdf', () => {
  it.each([1, 2, 3, 4])('matches the closed form for df = %i', (df) => {
    for (const t of [-50, -3, -1, -0.1, 0, 0.5, 2, 10]) {
      expect(tCdf(t, df)).toBeCloseTo(closedCdf[df](t), 14);
    }
  });

  it('keeps relative accuracy deep in the tail: P(T₁ ≤ −10¹⁰) = 1/(π 10¹⁰) to first order', () => {
    // For df = 1, F(−t) = atan(1/t)/π = 1/(πt) − 1/(3πt³) + …
    expect(tCdf(-1e10, 1) / (1 / (Math.PI * 1e10))).toBeCloseTo(1, 14);
  });

  it('is the standard normal CDF at df = Infinity: Φ(−1.959964) = 0.025, Φ(−10) = 7.62e-24', () => {
    expect(tCdf(-1.959963984540054, Infinity)).toBeCloseTo(0.025, 15);
    expect(tCdf(-10, Infinity) / 7.619853024160527e-24).toBeCloseTo(1, 12);
  });
});

describe('confidenceInterval', () => {
  it('gives 3 ± 1.9632 at 95 % for [1, 2, 3, 4, 5]', () => {
    // x̄ = 3, s = √2.5 = 1.5811, t(0.975, 4) = 2.7764;
    // half-width = 2.7764 · 1.5811 / √5 = 1.9632.
    const ci = confidenceInterval([1, 2, 3, 4, 5]);

    expect(ci.n).toBe(5);
    expect(ci.mean).toBe(3);
    expect(ci.sd).toBeCloseTo(1.5811, 4);
    expect(ci.halfWidth).toBeCloseTo(1.9632, 4);
    expect(ci.halfWidth).toBeCloseTo((2.7764451051977934 * Math.sqrt(2.5)) / Math.sqrt(5), 12);
    expect(ci.lo).toBeCloseTo(3 - 1.9632, 4);
    expect(ci.hi).toBeCloseTo(3 + 1.9632, 4);
  });

  it('widens to t(0.995, 4) = 4.6041 at the 99 % level', () => {
    const ci = confidenceInterval([1, 2, 3, 4, 5], 0.99);

    expect(ci.halfWidth).toBeCloseTo((4.604094871349992 * Math.sqrt(2.5)) / Math.sqrt(5), 12);
  });

  it('has NaN bounds for fewer than 2 values', () => {
    const one = confidenceInterval([4]);
    const none = confidenceInterval([]);

    expect(one.mean).toBe(4);
    expect(one.lo).toBeNaN();
    expect(one.hi).toBeNaN();
    expect(one.halfWidth).toBeNaN();
    expect(none.mean).toBeNaN();
  });

  it('rejects a level outside (0, 1)', () => {
    expect(() => confidenceInterval([1, 2], 95)).toThrow(RangeError);
    expect(() => confidenceInterval([1, 2], 0)).toThrow(RangeError);
  });
});

describe('pairedDifference', () => {
  it('tests a = [10, 12, 9, 11, 13] against b = [8, 11, 9, 8, 10]: t = 3.087, p = 0.0367', () => {
    // d = [2, 1, 0, 3, 3]: d̄ = 1.8, Σ (d − d̄)² = 6.8, s² = 1.7, s = 1.30384,
    // s/√5 = 0.583095, t = 1.8 / 0.583095 = 3.08697 on 4 df,
    // half-width = 2.776445 · 0.583095 = 1.618932, so CI = [0.18107, 3.41893];
    // p = 2 (1 − F₄(t)) with F₄ in closed form = 0.036682.
    const r = pairedDifference([10, 12, 9, 11, 13], [8, 11, 9, 8, 10]);

    expect(r.mean).toBeCloseTo(1.8, 14);
    expect(r.sd).toBeCloseTo(Math.sqrt(1.7), 14);
    expect(r.df).toBe(4);
    expect(r.t).toBeCloseTo(3.08697, 5);
    expect(r.halfWidth).toBeCloseTo(1.618932, 6);
    expect(r.lo).toBeCloseTo(0.18107, 5);
    expect(r.hi).toBeCloseTo(3.41893, 5);
    expect(r.pValue).toBeCloseTo(0.036682, 6);
    expect(r.pValue).toBeCloseTo(2 * (1 - closedCdf[4](r.t)), 13);
  });

  it('gives p = 1 − (2/π) atan(2) = 0.2952 for d = [1, 3] (t = 2 on 1 df)', () => {
    // d̄ = 2, s = √2, s/√2 = 1, t = 2.
    const r = pairedDifference([1, 3], [0, 0]);

    expect(r.t).toBeCloseTo(2, 14);
    expect(r.pValue).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(2), 14);
  });

  it('is the confidence interval of the differences, and swapping a and b negates it', () => {
    const a = [3.1, 2.7, 4.4, 3.9, 3.0, 2.2];
    const b = [2.9, 2.8, 3.1, 3.3, 2.5, 2.4];
    const ab = pairedDifference(a, b, 0.9);
    const ba = pairedDifference(b, a, 0.9);
    const ci = confidenceInterval(a.map((x, i) => x - b[i]), 0.9);

    expect(ab.lo).toBeCloseTo(ci.lo, 14);
    expect(ab.hi).toBeCloseTo(ci.hi, 14);
    expect(ba.mean).toBeCloseTo(-ab.mean, 14);
    expect(ba.t).toBeCloseTo(-ab.t, 13);
    expect(ba.pValue).toBeCloseTo(ab.pValue, 14);
  });

  it('gives p = 0 for a constant non-zero difference and NaN when every difference is 0', () => {
    expect(pairedDifference([2, 3, 4], [1, 2, 3]).pValue).toBe(0);
    expect(pairedDifference([1, 2, 3], [1, 2, 3]).pValue).toBeNaN();
  });

  it('rejects samples of different lengths', () => {
    expect(() => pairedDifference([1, 2, 3], [1, 2])).toThrow(RangeError);
  });
});

describe('logReturns and annualisedVolatility', () => {
  it('gives ln 2 per step for [1, 2, 4], and nothing for one price', () => {
    expect(Array.from(logReturns([1, 2, 4]))).toEqual([Math.LN2, Math.LN2]);
    expect(logReturns([5]).length).toBe(0);
  });

  it('is 0 for a geometric series with a constant return', () => {
    const doubling = Float64Array.from({ length: 20 }, (_, t) => 2 ** t);
    const onePercent = Float64Array.from({ length: 365 }, (_, t) => 100 * 1.01 ** t);

    expect(annualisedVolatility(doubling, 365)).toBe(0);
    expect(annualisedVolatility(onePercent, 365)).toBeLessThan(1e-12);
  });

  it('is 0.11547 · √252 = 1.8330 for log returns alternating ±0.1', () => {
    // r = [0.1, −0.1, 0.1, −0.1]: r̄ = 0, s = √(4 · 0.01 / 3) = 0.11547.
    const e = Math.exp(0.1);

    expect(annualisedVolatility([1, e, 1, e, 1], 252)).toBeCloseTo(Math.sqrt(0.04 / 3) * Math.sqrt(252), 12);
    expect(annualisedVolatility([1, e, 1, e, 1], 252)).toBeCloseTo(1.833, 3);
  });

  it('is NaN for fewer than 3 prices', () => {
    expect(annualisedVolatility([1, 2], 365)).toBeNaN();
  });
});

describe('maxDrawdown', () => {
  it('is 0.5 for [1, 2, 1, 3]: from the peak 2 down to 1', () => {
    expect(maxDrawdown([1, 2, 1, 3])).toBe(0.5);
  });

  it('is 0.75 for [4, 3, 2, 1] and 0 for a rising series', () => {
    expect(maxDrawdown([4, 3, 2, 1])).toBe(0.75);
    expect(maxDrawdown([1, 2, 3])).toBe(0);
  });

  it('keeps the worst of several drawdowns', () => {
    // 10 → 8 is 20 %, 20 → 17 is 15 %.
    expect(maxDrawdown([10, 8, 20, 17, 19])).toBeCloseTo(0.2, 15);
  });

  it('is NaN for an empty series', () => {
    expect(maxDrawdown([])).toBeNaN();
  });
});

describe('annualisedGrowth', () => {
  it('is 10 % a year from 100 to 121 in 2 years', () => {
    // (121/100)^(1/2) − 1 = 1.1 − 1.
    expect(annualisedGrowth(100, 121, 2)).toBeCloseTo(0.1, 15);
  });

  it('is 0 for no change and −100 % for a fall to 0', () => {
    expect(annualisedGrowth(100, 100, 5)).toBe(0);
    expect(annualisedGrowth(100, 0, 3)).toBe(-1);
  });

  it('agrees with the plain formula (end/start)^(1/years) − 1', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e9, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e9, noNaN: true }),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        (start, end, years) => {
          const g = annualisedGrowth(start, end, years);
          const plain = (end / start) ** (1 / years) - 1;

          expect(Math.abs(g - plain)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(plain)));
        },
      ),
    );
  });

  it('keeps full precision for small rates, where pow − 1 cancels', () => {
    // Doubling in 10⁹ years: g = 2^(1e-9) − 1 = e^(x) − 1 with x = ln 2 · 1e-9,
    // = x + x²/2 + … (pow − 1 would keep only about 7 of these digits).
    const x = Math.LN2 * 1e-9;

    expect(annualisedGrowth(1, 2, 1e9) / (x + (x * x) / 2) - 1).toBeCloseTo(0, 15);
  });

  it('is NaN for a non-positive start or duration', () => {
    expect(annualisedGrowth(0, 1, 1)).toBeNaN();
    expect(annualisedGrowth(1, 2, 0)).toBeNaN();
    expect(annualisedGrowth(1, -2, 1)).toBeNaN();
  });
});

import { describe, expect, it } from 'vitest';
import { marketFactorPath } from '../../../src/market/marketFactor';
import { absoluteAutocorrelations, autocorrelation, autocorrelations } from '../../../src/metrics/stylisedFacts/autocorrelation';
import { ar1 } from './series';

describe('autocorrelation', () => {
  it('is −0.7, 0.4, −0.2 at lags 1–3 of [1, −1, 2, −2] (hand-worked)', () => {
    // x̄ = 0; Σx² = 1 + 1 + 4 + 4 = 10; lag 1: (−1)(1) + (2)(−1) + (−2)(2) = −7;
    // lag 2: (2)(1) + (−2)(−1) = 4; lag 3: (−2)(1) = −2; lag 4 is past the data.
    const xs = [1, -1, 2, -2];
    expect(autocorrelation(xs, 1)).toBeCloseTo(-0.7, 15);
    const acf = Array.from(autocorrelations(xs, 4));
    [-0.7, 0.4, -0.2].forEach((v, i) => expect(acf[i]).toBeCloseTo(v, 15));
    expect(acf[3]).toBeNaN();
  });

  it('is 1 at lag 0 and NaN for a constant series or a lag beyond the data', () => {
    expect(autocorrelation([3, 1, 4, 1, 5], 0)).toBeCloseTo(1, 15);
    expect(autocorrelation([2, 2, 2], 1)).toBeNaN();
    expect(autocorrelation([1, 2], 2)).toBeNaN();
    expect(() => autocorrelation([1, 2], -1)).toThrow(RangeError);
  });

  it('recovers φ^k of an AR(1) with φ = 0.6 within 0.02 at lags 1–5 (n = 100,000)', () => {
    // Bartlett: sd(ρ̂_1) ≈ √(1 − φ²)/√n ≈ 0.0025; later lags ≈ 0.005.
    const acf = autocorrelations(ar1(0.6, 100_000, 11), 5);
    for (let k = 1; k <= 5; k++) expect(Math.abs(acf[k - 1] - 0.6 ** k)).toBeLessThan(0.02);
  });

  it('is within ±4/√n of 0 at every lag for i.i.d. normal draws', () => {
    const acf = autocorrelations(ar1(0, 20_000, 5), 20);
    for (const v of acf) expect(Math.abs(v)).toBeLessThan(4 / Math.sqrt(20_000));
  });
});

describe('absoluteAutocorrelations', () => {
  it('shows volatility clustering of a GARCH(1,1) (α 0.1, β 0.85): positive, larger at lag 1 than at lag 20', () => {
    const r = marketFactorPath({ annualVolatility: 0.7, alpha: 0.1, beta: 0.85, nu: 8, driftPerYear: 0, ticksPerYear: 365 }, 3, 50_000);
    const acf = absoluteAutocorrelations(r, 20);
    for (const v of acf) expect(v).toBeGreaterThan(0.03);
    expect(acf[0]).toBeGreaterThan(acf[19]);
  });

  it('is near 0 for i.i.d. returns (α = β = 0)', () => {
    const r = marketFactorPath({ annualVolatility: 0.7, alpha: 0, beta: 0, nu: 8, driftPerYear: 0, ticksPerYear: 365 }, 3, 50_000);
    for (const v of absoluteAutocorrelations(r, 20)) expect(Math.abs(v)).toBeLessThan(4 / Math.sqrt(50_000));
  });
});

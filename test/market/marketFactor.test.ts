import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { Rng } from '../../src/core/rng';
import { garchKurtosis, garchSquaredAutocorrelation } from '../../src/market/garchMoments';
import { DEFAULT_MARKET_FACTOR, MarketFactor, marketFactorPath, type MarketFactorParams } from '../../src/market/marketFactor';
import { variance } from '../../src/metrics/stats';
import { autocorrelations } from '../../src/metrics/stylisedFacts/autocorrelation';
import { excessKurtosis } from '../../src/metrics/stylisedFacts/kurtosis';

// α = 0.05, β = 0.9, ν = 10: the eighth moment exists (E(β + αz²)⁴ ≈ 0.88 < 1),
// so sample kurtosis and autocorrelations of ε² converge at the usual rate.
const P: MarketFactorParams = { annualVolatility: 0.7, alpha: 0.05, beta: 0.9, nu: 10, driftPerYear: 0, ticksPerYear: 365 };
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const TICKS = 200_000;

function pooled(f: (r: Float64Array) => number): number {
  return SEEDS.reduce((s, seed) => s + f(marketFactorPath(P, seed, TICKS)), 0) / SEEDS.length;
}

describe('MarketFactor', () => {
  it('has the closed-form kurtosis 4·0.0975/0.09 = 4.333 (excess 1.333), within 0.1 over 8 × 200,000 ticks', () => {
    // κ_z = 3(ν − 2)/(ν − 4) = 4; (α + β)² = 0.9025; κ = 4(1 − 0.9025)/(1 − 0.9025 − 3 · 0.0025).
    expect(garchKurtosis(P)).toBeCloseTo(4 * 0.0975 / 0.09, 12);
    expect(Math.abs(pooled(excessKurtosis) - (garchKurtosis(P) - 3))).toBeLessThan(0.1);
  });

  it('has the closed-form autocorrelation of r² at lags 1 and 5 (0.0725, 0.0591), within 0.006', () => {
    // ρ1 = α(1 − αβ − β²)/(1 − 2αβ − β²) = 0.05 · 0.145 / 0.1; ρ5 = ρ1 · 0.95⁴.
    expect(garchSquaredAutocorrelation(P, 1)).toBeCloseTo(0.0725, 12);
    expect(garchSquaredAutocorrelation(P, 5)).toBeCloseTo(0.0725 * 0.95 ** 4, 12);
    const acf = (r: Float64Array, lag: number) => autocorrelations(r.map((x) => x * x), 5)[lag - 1];
    expect(Math.abs(pooled((r) => acf(r, 1)) - 0.0725)).toBeLessThan(0.006);
    expect(Math.abs(pooled((r) => acf(r, 5)) - garchSquaredAutocorrelation(P, 5))).toBeLessThan(0.006);
  });

  it('has the target unconditional variance annualVolatility²/ticksPerYear, within 3%', () => {
    expect(Math.abs(pooled(variance) / (0.49 / 365) - 1)).toBeLessThan(0.03);
  });

  it('scales drift and variance per tick with ticksPerYear (weekly ticks: 52)', () => {
    const weekly = { ...P, driftPerYear: 0.52, ticksPerYear: 52 };
    const factor = new MarketFactor(weekly, new Rng(1));
    expect(factor.driftPerTick).toBeCloseTo(0.01, 15);
    expect(factor.conditionalVariance).toBeCloseTo(0.49 / 52, 15);
    expect(factor.omega).toBeCloseTo((0.49 / 52) * 0.05, 15);
  });

  it('updates h_t = ω + α ε²_{t−1} + β h_{t−1} after each draw', () => {
    const factor = new MarketFactor(P, new Rng(3));
    const h0 = factor.conditionalVariance;
    const r = factor.next();
    expect(factor.conditionalVariance).toBeCloseTo(factor.omega + 0.05 * r * r + 0.9 * h0, 18);
  });

  it('is deterministic for a seed, prefix-stable, and differs between seeds', () => {
    const a = marketFactorPath(DEFAULT_MARKET_FACTOR, 42, 1000);
    expect(marketFactorPath(DEFAULT_MARKET_FACTOR, 42, 1000)).toEqual(a);
    expect(marketFactorPath(DEFAULT_MARKET_FACTOR, 42, 10)).toEqual(a.subarray(0, 10));
    expect(marketFactorPath(DEFAULT_MARKET_FACTOR, 43, 1000)).not.toEqual(a);
  });

  it('gives the same path for the same seed, whatever the length asked for (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 50 }), (seed, n, more) => {
        const long = marketFactorPath(DEFAULT_MARKET_FACTOR, seed, n + more);
        expect(marketFactorPath(DEFAULT_MARKET_FACTOR, seed, n)).toEqual(long.subarray(0, n));
      }),
      { numRuns: 50 },
    );
  });

  it('rejects α + β ≥ 1, ν ≤ 2 and an unknown field with one line naming the field', () => {
    expect(() => new MarketFactor({ ...P, alpha: 0.2, beta: 0.8 }, new Rng(1))).toThrow(
      new InputError('market factor: beta: alpha + beta must be < 1 (covariance stationarity)'),
    );
    expect(() => new MarketFactor({ ...P, nu: 2 }, new Rng(1))).toThrow(/market factor: nu: nu must be > 2/);
    expect(() => new MarketFactor({ ...P, volatility: 1 } as MarketFactorParams, new Rng(1))).toThrow(InputError);
    expect(() => new MarketFactor({ ...P, ticksPerYear: 365.5 }, new Rng(1))).toThrow(/ticksPerYear/);
    expect(() => new MarketFactor({ ...P, nu: Infinity }, new Rng(1))).not.toThrow();
  });
});

describe('garchKurtosis', () => {
  it('is 3 for α = 0 with normal innovations and 3(1 − φ²)/(1 − φ² − 2α²) for normal GARCH (Bollerslev 1986)', () => {
    expect(garchKurtosis({ alpha: 0, beta: 0.5, nu: Infinity })).toBe(3);
    const phi = 0.95;
    expect(garchKurtosis({ alpha: 0.1, beta: 0.85, nu: Infinity })).toBeCloseTo((3 * (1 - phi * phi)) / (1 - phi * phi - 0.02), 12);
  });

  it('is Infinity without a fourth moment (ν ≤ 4, or (α+β)² + (κ_z − 1)α² ≥ 1), and the r² autocorrelation NaN there', () => {
    expect(garchKurtosis({ alpha: 0.1, beta: 0.8, nu: 4 })).toBe(Infinity);
    expect(garchKurtosis({ alpha: 0.3, beta: 0.65, nu: 6 })).toBe(Infinity);
    expect(garchSquaredAutocorrelation({ alpha: 0.3, beta: 0.65, nu: 6 }, 1)).toBeNaN();
  });
});

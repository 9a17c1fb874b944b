import { describe, expect, it } from 'vitest';
import { logReturns } from '../../../src/metrics/stats';
import { followYesterdaySharpe, movingAverageCrossoverSharpe, sharpeRatio } from '../../../src/metrics/stylisedFacts/tradingRules';
import { ar1, pricesFrom } from './series';

describe('sharpeRatio', () => {
  it('is mean/sd · √periods = 2 · 2 for [1, 2, 3] with 4 periods a year', () => {
    expect(sharpeRatio([1, 2, 3], 4)).toBeCloseTo(4, 14);
  });

  it('is NaN with no spread', () => {
    expect(sharpeRatio([1, 1], 365)).toBeNaN();
  });
});

describe('followYesterdaySharpe', () => {
  it('holds sign(r_{t−1}): returns [1, 2, −1, −3, 0.5] give strategy returns [2, −1, 3, −0.5]', () => {
    // Mean 0.875; sd² = ((1.125)² + (1.875)² + (2.125)² + (1.375)²)/3 = 11.1875/3.
    const expected = 0.875 / Math.sqrt(11.1875 / 3);
    expect(followYesterdaySharpe([1, 2, -1, -3, 0.5], 1)).toBeCloseTo(expected, 14);
  });

  it('tends to φ√(2/π)/√(1 − 2φ²/π) per period on a Gaussian AR(1) with φ = 0.3, within 0.01', () => {
    const phi = 0.3;
    const expected = (phi * Math.sqrt(2 / Math.PI)) / Math.sqrt(1 - (2 * phi * phi) / Math.PI);
    expect(Math.abs(followYesterdaySharpe(ar1(phi, 200_000, 4), 1) - expected)).toBeLessThan(0.01);
  });

  it('is within sampling error of 0 on a random walk: |Sharpe| < 0.6 over 50 years of daily ticks', () => {
    const r = ar1(0, 365 * 50, 6).map((e) => 0.03 * e);
    expect(Math.abs(followYesterdaySharpe(r, 365))).toBeLessThan(0.6);
  });
});

describe('movingAverageCrossoverSharpe', () => {
  it('with windows 1 and 2 is the follow-yesterday rule on the same prices', () => {
    const prices = pricesFrom(ar1(0.2, 500, 7).map((e) => 0.02 * e));
    const crossover = movingAverageCrossoverSharpe(prices, 365, { short: 1, long: 2 });
    expect(crossover).toBeCloseTo(followYesterdaySharpe(logReturns(prices), 365), 12);
  });

  it('earns a Sharpe above 1 on a trending AR(1) in returns and none on a random walk', () => {
    const trending = pricesFrom(ar1(0.5, 20_000, 1).map((e) => 0.01 * e));
    // About 1.4 a year on 55 years of ticks, where the sampling sd is 1/√55 ≈ 0.14.
    expect(movingAverageCrossoverSharpe(trending, 365)).toBeGreaterThan(1);
    const walk = pricesFrom(ar1(0, 365 * 50, 2).map((e) => 0.03 * e));
    expect(Math.abs(movingAverageCrossoverSharpe(walk, 365))).toBeLessThan(0.6);
  });

  it('rejects windows that are not 1 ≤ short < long and is NaN on too short a series', () => {
    expect(() => movingAverageCrossoverSharpe([1, 2, 3], 365, { short: 5, long: 5 })).toThrow(RangeError);
    expect(movingAverageCrossoverSharpe([1, 2, 3], 365)).toBeNaN();
  });
});

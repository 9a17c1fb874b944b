import { describe, expect, it } from 'vitest';
import { borrowRate, supplyRate, utilisation } from '../../src/defi/rateModel';

const model = { base: 0, slope1: 0.04, slope2: 0.6, optimal: 0.8 };

describe('the kinked rate model', () => {
  it('has utilisation B / (C + B − R): 40 of 60 + 40 is 0.4; with 10 of reserves 40 / 90', () => {
    expect(utilisation(60, 40, 0)).toBeCloseTo(0.4, 15);
    expect(utilisation(60, 40, 10)).toBeCloseTo(40 / 90, 15);
    expect(utilisation(100, 0, 0)).toBe(0);
  });

  it('rises by slope1 / U* up to the kink and by slope2 / (1 − U*) after it: 2% at 40%, 4% at 80%, 34% at 90%', () => {
    expect(borrowRate(0.4, model)).toBeCloseTo(0.02, 15);
    expect(borrowRate(0.8, model)).toBeCloseTo(0.04, 15);
    expect(borrowRate(0.9, model)).toBeCloseTo(0.34, 15);
    expect(borrowRate(1, model)).toBeCloseTo(0.64, 15);
  });

  it('matches Compound JumpRateModelV2 with multiplier slope1 / U* = 0.05 and jump slope2 / (1 − U*) = 3', () => {
    const compound = (u: number) => (u <= 0.8 ? 0.05 * u : 0.05 * 0.8 + 3 * (u - 0.8));
    for (const u of [0, 0.1, 0.5, 0.8, 0.85, 0.99, 1]) expect(borrowRate(u, model)).toBeCloseTo(compound(u), 14);
  });

  it('pays depositors u · r · (1 − reserve factor): 0.4 · 2% · 0.9 = 0.72%', () => {
    expect(supplyRate(0.4, 0.02, 0.1)).toBeCloseTo(0.0072, 15);
  });
});

describe("the kinked rate model on Aave v3's own test cases", () => {
  // aave-v3-core test-suites/interest-rate-strategy.spec.ts: rateStrategyStableTwo (U* = 0.8,
  // base 0, slope1 4%, slope2 75%) with strategyDAI's reserve factor of 10%.
  const stableTwo = { base: 0, slope1: 0.04, slope2: 0.75, optimal: 0.8 };
  const reserveFactor = 0.1;

  it('at 0% usage, empty reserve: variable rate = base = 0, liquidity rate 0', () => {
    const u = utilisation(0, 0, 0);
    expect(borrowRate(u, stableTwo)).toBe(0);
    expect(supplyRate(u, borrowRate(u, stableTwo), reserveFactor)).toBe(0);
  });

  it('at 80% usage (0.2 liquidity, 0.8 debt): variable = base + slope1 = 4%, liquidity = 4% · 80% · 90% = 2.88%', () => {
    const u = utilisation(0.2, 0.8, 0);
    expect(u).toBeCloseTo(0.8, 15);
    expect(borrowRate(u, stableTwo)).toBeCloseTo(0.04, 15);
    expect(supplyRate(u, borrowRate(u, stableTwo), reserveFactor)).toBeCloseTo(0.0288, 15);
  });

  it('at 100% usage: variable = base + slope1 + slope2 = 79%, liquidity = 79% · 90% = 71.1%', () => {
    const u = utilisation(0, 0.8, 0);
    expect(u).toBe(1);
    expect(borrowRate(u, stableTwo)).toBeCloseTo(0.79, 15);
    expect(supplyRate(u, borrowRate(u, stableTwo), reserveFactor)).toBeCloseTo(0.711, 15);
  });

  it('at 0.8% usage (9,920 liquidity, 80 debt): variable = 4% · 0.008 / 0.8 = 0.04%, liquidity = 0.04% · 0.8% · 90%', () => {
    const u = utilisation(9920, 80, 0);
    expect(u).toBeCloseTo(0.008, 15);
    expect(borrowRate(u, stableTwo)).toBeCloseTo(0.0004, 15);
    expect(supplyRate(u, borrowRate(u, stableTwo), reserveFactor)).toBeCloseTo(0.0004 * 0.008 * 0.9, 17);
  });
});

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

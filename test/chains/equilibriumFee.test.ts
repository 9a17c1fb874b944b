import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { equilibriumFee, marginalEquilibriumRate } from '../../src/chains/equilibriumFee';

// Stargate's curve on an ideal balance of 1,000: no fee above 600, λ1 = 0.4% rising linearly from 600 down to 50, then + λ2 = 99.6% down to 0.
describe('the equilibrium fee (Stargate curve), against hand-worked values', () => {
  it('is 0 while the pool stays at or above 60% of its ideal balance', () => {
    expect(equilibriumFee(1000, 400, 1000)).toBe(0);
  });

  it('is the triangle 0.004 · 100² / (2 · 550) = 0.03636… for 1,000 → 500', () => {
    expect(equilibriumFee(1000, 500, 1000)).toBeCloseTo(0.04 / 1.1, 12);
  });

  it('adds the danger-zone trapezoid for 600 → 25: 1.1 + (0.502 + 0.004) / 2 · 25 = 7.425', () => {
    // Safe zone 50..600: triangle 0.004 · 550 / 2 = 1.1; danger zone 25..50: φ(25) = 0.004 + 0.996 · 25/50 = 0.502, φ(50) = 0.004.
    expect(equilibriumFee(600, 575, 1000)).toBeCloseTo(7.425, 12);
    expect(marginalEquilibriumRate(25, 1000)).toBeCloseTo(0.502, 12);
  });

  it('charges 100% at the margin of an empty pool, and refuses more than the pool holds', () => {
    expect(marginalEquilibriumRate(0, 1000)).toBeCloseTo(1, 12);
    expect(equilibriumFee(100, 101, 1000)).toBe(Infinity);
  });

  it('is additive: two transfers back to back cost what one of their sum does', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 2000, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (before, s, t) => {
        const a = before * s;
        const b = (before - a) * t;
        expect(equilibriumFee(before, a, 1000) + equilibriumFee(before - a, b, 1000)).toBeCloseTo(equilibriumFee(before, a + b, 1000), 9);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { stressKpis } from '../../../src/metrics/tail/stressKpis';

const floors = { priceFloor: 0.5, stakingRatioFloor: 0.3 };
const ticks = (n: number, every = 1) => Int32Array.from({ length: n }, (_, k) => k * every);

describe('stressKpis', () => {
  it('measures the fall below the pre-start level, the ticks back to it, and the floor breaches from the start', () => {
    // Genesis 1.0; level just before the start (tick 3) 1.2; trough 0.45 at tick 4; back at 1.2 at tick 7.
    const price = Float64Array.of(1, 1.1, 1.2, 0.6, 0.45, 0.9, 1.1, 1.25, 1.3);
    const staking = Float64Array.of(0.4, 0.4, 0.4, 0.35, 0.29, 0.3, 0.31, 0.32, 0.33);
    const k = stressKpis(price, ticks(9), 3, floors, staking);
    expect(k.drawdown).toBeCloseTo(1 - 0.45 / 1.2, 15);
    expect(k.recoveryTicks).toBe(4);
    expect(k.censored).toBe(0);
    expect(k.priceBreach).toBe(1); // 0.45 < 0.5 × 1.0
    expect(k.stakingBreach).toBe(1); // 0.29 < 0.3
  });

  it('censors a recovery that never comes, at the ticks observed, and counts no breach above the floors', () => {
    const price = Float64Array.of(1, 1, 0.9, 0.8, 0.85);
    const k = stressKpis(price, ticks(5, 10), 20, floors, undefined);
    expect(k).toEqual({ drawdown: expect.closeTo(0.2, 15), recoveryTicks: 20, censored: 1, priceBreach: 0, stakingBreach: NaN });
  });

  it('gives no drawdown and no recovery time when the price never falls below its pre-start level', () => {
    const k = stressKpis(Float64Array.of(1, 1, 1.1, 1.2), ticks(4), 2, floors, undefined);
    expect([k.drawdown, k.recoveryTicks, k.censored, k.priceBreach]).toEqual([0, 0, 0, 0]);
  });

  it('throws when no recorded row reaches the start tick', () => {
    expect(() => stressKpis(Float64Array.of(1, 1), ticks(2), 5, floors, undefined)).toThrow(RangeError);
  });
});

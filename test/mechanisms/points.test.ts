import { describe, expect, it } from 'vitest';
import { accrue, allocateEqual, allocateProRata, boostAt, choosesLock, claimValueShare, earnedPoints, holdingMultiplier, lockedValueShare } from '../../src/mechanisms/points';

const rates = { volume: 1, liquidity: 0.01, transactions: 20 };

describe('points earned, multiplied, decayed and capped', () => {
  it('earns m · (r_v V + r_l L + r_n n): 1.5 · (200 + 0.01 · 1000 + 20 · 3) = 405 points', () => {
    expect(earnedPoints(200, 1000, 3, rates, 1.5)).toBeCloseTo(405, 12);
  });

  it('grows the holding multiplier by 1% a tick held up to +50%: 1.3 after 30 ticks, 1.5 after 80', () => {
    expect(holdingMultiplier(30, 0.01, 0.5)).toBeCloseTo(1.3, 12);
    expect(holdingMultiplier(80, 0.01, 0.5)).toBe(1.5);
    expect(holdingMultiplier(0, 0.01, 0.5)).toBe(1);
  });

  it('multiplies the boosts in force: ×2 on [0, 10) and ×1.5 on [5, 20) give 3 at tick 7, 1.5 at 15, 1 at 20', () => {
    const boosts = [
      { fromTick: 0, toTick: 10, factor: 2 },
      { fromTick: 5, toTick: 20, factor: 1.5 },
    ];
    expect(boostAt(7, boosts)).toBe(3);
    expect(boostAt(15, boosts)).toBe(1.5);
    expect(boostAt(20, boosts)).toBe(1);
  });

  it('decays then adds: P = 100 · 0.9 + 50 = 140, and a cap of 120 holds it at 120', () => {
    expect(accrue(100, 50, 0.1, Infinity)).toBeCloseTo(140, 12);
    expect(accrue(100, 50, 0.1, 120)).toBe(120);
  });

  it('reaches 10, 15, 17.5 after three ticks of 10 points at half-decay (→ 20 = e / δ)', () => {
    let p = 0;
    const path = [];
    for (let t = 0; t < 3; t++) path.push((p = accrue(p, 10, 0.5, Infinity)));
    expect(path).toEqual([10, 15, 17.5]);
  });
});

describe('points into an allocation', () => {
  it('shares 100 tokens pro rata to 6 : 3 : 1 with a cap of 50: 50, then 37.5 and 12.5 of the rest', () => {
    const out = new Float64Array(3);
    expect(allocateProRata(Float64Array.from([6, 3, 1]), 3, 100, 50, out)).toBeCloseTo(100, 12);
    expect(Array.from(out)).toEqual([50, 37.5, 12.5]);
  });

  it('leaves in the reserve what no wallet can take when every share passes the cap (cap 30: 30 + 30 + 30 of 100)', () => {
    const out = new Float64Array(3);
    expect(allocateProRata(Float64Array.from([6, 3, 1]), 3, 100, 30, out)).toBe(90);
    expect(Array.from(out)).toEqual([30, 30, 30]);
  });

  it('without a binding cap gives A · w_i / Σ w exactly', () => {
    const out = new Float64Array(4);
    allocateProRata(Float64Array.from([1, 0, 2, 5]), 4, 800, 800, out);
    expect(Array.from(out)).toEqual([100, 0, 200, 500]);
  });

  it('gives a snapshot drop equally to wallets with at least minPoints, a haircut wallet keeping 15% of a share', () => {
    // Eligible: wallets 0 (500 points) and 2 (200, flagged and cut by 85%); 1 has too few, 3 none.
    const out = new Float64Array(4);
    const given = allocateEqual(Float64Array.from([500, 50, 200, 0]), Float64Array.from([1, 1, 0.15, 1]), 4, 100, 100, out);
    expect(given).toBeCloseTo(100, 12);
    expect(out[0]).toBeCloseTo(100 / 1.15, 12);
    expect(out[2]).toBeCloseTo(15 / 1.15, 12);
    expect(out[1]).toBe(0);
    expect(out[3]).toBe(0);
  });
});

describe('claim now or lock', () => {
  it('locks for 180 ticks instead of claiming half now when (1 − d)^180 ≥ 0.5: yes at d = 0.3% (0.582), no at 0.4% (0.486)', () => {
    expect(0.997 ** 180).toBeCloseTo(0.58228, 5);
    expect(0.996 ** 180).toBeCloseTo(0.48605, 5);
    expect(choosesLock(0.5, 180, 0.003)).toBe(true);
    expect(choosesLock(0.5, 180, 0.004)).toBe(false);
  });

  it('values an allocation at 1 (claim), (1 − d)^L (lock) and the better of the two (choose)', () => {
    expect(claimValueShare('claim', 0.5, 180, 0.004)).toBe(1);
    expect(claimValueShare('lock', 0.5, 180, 0.004)).toBeCloseTo(0.996 ** 180, 12);
    expect(claimValueShare('choose', 0.5, 180, 0.004)).toBe(0.5);
    expect(claimValueShare('choose', 0.5, 180, 0.003)).toBeCloseTo(0.997 ** 180, 12);
  });

  it('values linear vesting over 4 ticks at d = 10% as (0.9 + 0.81 + 0.729 + 0.6561) / 4 = 0.773775', () => {
    expect(lockedValueShare(4, 0.1, 'linear')).toBeCloseTo(0.773775, 12);
    expect(lockedValueShare(4, 0.1, 'cliff')).toBeCloseTo(0.6561, 12);
    expect(lockedValueShare(4, 0, 'linear')).toBe(1);
  });

  it('locks under linear vesting where a cliff of the same length would claim: d = 0.4%, 180 ticks, half now (0.711 ≥ 0.5)', () => {
    expect(lockedValueShare(180, 0.004, 'linear')).toBeCloseTo((0.996 * (1 - 0.996 ** 180)) / (180 * 0.004), 12);
    expect(lockedValueShare(180, 0.004, 'linear')).toBeCloseTo(0.71097, 4);
    expect(choosesLock(0.5, 180, 0.004, 'linear')).toBe(true);
    expect(choosesLock(0.5, 180, 0.004, 'cliff')).toBe(false);
  });
});

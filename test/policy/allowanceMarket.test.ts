import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { abatementCostUsd, clearAllowances, complianceCostUsd, demandAt, emitterDemand } from '../../src/policy/allowanceMarket';
import { greenSwitchUsd, macRange } from '../../src/policy/greenPower';

/**
 * Three operators with MAC_i(a) = m_i · a (c0 = 0, c1 = m_i · e_i):
 * e = 10, 20, 30 t and m = 10, 3, 3 USD/t², so c1 = 100, 60, 90 USD/t.
 */
const e = Float64Array.from([10, 20, 30]);
const c0 = Float64Array.from([0, 0, 0]);
const c1 = Float64Array.from([100, 60, 90]);

describe('allowance clearing', () => {
  it('clears an interior market at P = (Σe − C) / Σ 1/m', () => {
    // C = 40: 20 t to abate; P (1/10 + 1/3 + 1/3) = 20, P = 600/23 ≈ 26.087 USD/t.
    const k = clearAllowances(e, c0, c1, 3, 40, Infinity);
    expect(k.priceUsdPerTonne).toBeCloseTo(600 / 23, 10);
    // Each abates P / m_i: 60/23, 200/23, 200/23 t.
    expect(emitterDemand(10, 0, 100, k)).toBeCloseTo(10 - 60 / 23, 10);
    expect(emitterDemand(20, 0, 60, k)).toBeCloseTo(20 - 200 / 23, 10);
    expect(emitterDemand(30, 0, 90, k)).toBeCloseTo(30 - 200 / 23, 10);
    expect(k.shortfallT).toBe(0);
  });

  it('clears past a corner: an operator that abates everything drops out of the slope', () => {
    // C = 10: interior P would be 1500/23 ≈ 65.2 > c1 = 60 of operator 2, which abates all 20 t;
    // the other two abate 30 t: P/10 + P/3 = 30, P = 900/13 ≈ 69.23.
    const k = clearAllowances(e, c0, c1, 3, 10, Infinity);
    expect(k.priceUsdPerTonne).toBeCloseTo(900 / 13, 10);
    expect(emitterDemand(20, 0, 60, k)).toBe(0);
    expect(emitterDemand(10, 0, 100, k) + emitterDemand(30, 0, 90, k)).toBeCloseTo(10, 10);
  });

  it('is 0 when the cap does not bind', () => {
    const k = clearAllowances(e, c0, c1, 3, 60, Infinity);
    expect(k.priceUsdPerTonne).toBe(0);
    expect(k.demandT).toBe(60);
  });

  it('stops at the penalty and rations the shortfall', () => {
    // C = 0 with an 80 USD/t penalty: at 80 operator 1 abates 8 t, operator 2 all, operator 3 80/3 t.
    const k = clearAllowances(e, c0, c1, 3, 0, 80);
    expect(k.priceUsdPerTonne).toBe(80);
    expect(k.shortfallT).toBeCloseTo(2 + 0 + (30 - 80 / 3), 10);
  });

  it('meets the cap inside a step: emitters with one MAC abate the same share', () => {
    // A fourth operator abates its 10 t at a flat 40 USD/t (c0 = c1 = 40). At P = 40 the other three demand
    // (10 − 40/10) + (20 − 40/3) + (30 − 40/3) = 29.33 t.
    const e4 = Float64Array.from([10, 20, 30, 10]);
    const a = Float64Array.from([0, 0, 0, 40]);
    const b = Float64Array.from([100, 60, 90, 40]);
    const k1 = clearAllowances(e4, a, b, 4, 50, Infinity);
    // Interior for the three: Σe − C = 20 = P · 23/30, P = 600/23 < 40.
    expect(k1.priceUsdPerTonne).toBeCloseTo(600 / 23, 10);
    // With C = 35: at 40 the three demand 29.33 + the step's 10 = 39.33 > 35 from below, 29.33 ≤ 35 above:
    // P = 40 and the step operator holds 35 − 29.33 = 5.67 of its 10 t, θ = 0.433.
    const k2 = clearAllowances(e4, a, b, 4, 35, Infinity);
    const three = 60 - 4 - 40 / 3 - 40 / 3;
    expect(k2.priceUsdPerTonne).toBe(40);
    expect(emitterDemand(10, 40, 40, k2)).toBeCloseTo(35 - three, 10);
    expect(k2.stepShare).toBeCloseTo(1 - (35 - three) / 10, 10);
  });

  it('meets any binding cap exactly, with a price no dearer than the highest MAC (property)', () => {
    const emitter = fc.record({ e: fc.double({ min: 0, max: 100, noNaN: true }), lo: fc.double({ min: 0, max: 200, noNaN: true }), span: fc.double({ min: 0, max: 200, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(emitter, { minLength: 1, maxLength: 12 }), fc.double({ min: 0, max: 1, noNaN: true }), (list, capShare) => {
        const n = list.length;
        const ee = Float64Array.from(list.map((x) => x.e));
        const a = Float64Array.from(list.map((x) => x.lo));
        const b = Float64Array.from(list.map((x) => x.lo + x.span));
        const sum = ee.reduce((s, x) => s + x, 0);
        const cap = capShare * sum;
        const k = clearAllowances(ee, a, b, n, cap, Infinity);
        let held = 0;
        for (let i = 0; i < n; i++) held += emitterDemand(ee[i], a[i], b[i], k);
        if (k.priceUsdPerTonne > 0) expect(held).toBeCloseTo(cap, 6);
        else expect(held).toBeLessThanOrEqual(cap + 1e-9);
        expect(k.priceUsdPerTonne).toBeLessThanOrEqual(Math.max(0, ...list.map((x) => x.lo + x.span)) + 1e-9);
      }),
    );
  });
});

describe('abatement and compliance costs', () => {
  it('abating a tonnes costs c0 · a + (c1 − c0) · a² / (2e)', () => {
    // e = 20, c0 = 10, c1 = 50: abating 10 t costs 100 + 40 · 100 / 40 = 200.
    expect(abatementCostUsd(20, 10, 50, 10)).toBeCloseTo(200, 12);
  });

  it('complying at price P abates where MAC < P and pays P on the rest', () => {
    // e = 20, MAC 0 → 60: at P = 30 it abates 10 t (cost 30 · 10 / 2 = 150) and pays 30 · 10 = 300.
    expect(demandAt(20, 0, 60, 30)).toBe(10);
    expect(complianceCostUsd(20, 0, 60, 30)).toBeCloseTo(450, 12);
  });

  it("green power's MAC per tonne is its premium over the kWh in a tonne, and both give one cost", () => {
    // 480 g/kWh, premium 0.01 → 0.05 USD/kWh: MAC from 20.83 to 104.17 USD/t.
    const p = { min: 0.01, max: 0.05 };
    const [lo, hi] = macRange(480, p);
    expect(lo).toBeCloseTo(1e4 / 480, 10);
    expect(hi).toBeCloseTo(5e4 / 480, 10);
    // Switching 40% of 1,000 kWh: 1000 · (0.01 · 0.4 + 0.04 · 0.16 / 2) = 7.2 USD, the same as abating 40% of 0.48 t.
    expect(greenSwitchUsd(1000, 0.4, p)).toBeCloseTo(7.2, 12);
    expect(abatementCostUsd(0.48, lo, hi, 0.4 * 0.48)).toBeCloseTo(7.2, 12);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import { ServiceMarket, adoptionDemand, serviceMarketParamsSchema, servedUnits, servicePresets, type ServiceMarketParams } from '../../src/mechanisms/serviceMarket';

const base: ServiceMarketParams = {
  adoption: 'logistic',
  initialDemand: 100,
  marketSize: 1000,
  growthPerYear: 1,
  bassP: 0.03,
  bassQ: 0.38,
  shockSd: 0,
  shockPersistence: 0,
  priceUsdPerUnit: 2,
};

describe('adoption curves', () => {
  it('logistic demand starts at D0, is half the market at t = ln((M − D0)/D0)/r, and saturates at M', () => {
    // D(t) = M / (1 + 9 e^(−t)) with D0 = 100, M = 1000, r = 1: D(ln 9) = 500.
    expect(adoptionDemand(base, 0)).toBeCloseTo(100, 10);
    expect(adoptionDemand(base, Math.log(9))).toBeCloseTo(500, 10);
    expect(adoptionDemand(base, 1)).toBeCloseTo(1000 / (1 + 9 * Math.exp(-1)), 10);
    expect(adoptionDemand(base, 50)).toBeCloseTo(1000, 6);
  });

  it('Bass demand follows D0 + (M − D0) F(t) with the closed-form F', () => {
    const p = { ...base, adoption: 'bass' as const, bassP: 0.03, bassQ: 0.38 };
    // t = 2: e^(−0.82) = 0.440432; F = 0.559568 / (1 + 12.6667 · 0.440432) = 0.559568 / 6.578806 = 0.085056.
    const e = Math.exp(-0.82);
    const f = (1 - e) / (1 + (0.38 / 0.03) * e);
    expect(f).toBeCloseTo(0.085056, 5);
    expect(adoptionDemand(p, 2)).toBeCloseTo(100 + 900 * f, 9);
    expect(adoptionDemand(p, 0)).toBeCloseTo(100, 12);
    expect(adoptionDemand(p, 200)).toBeCloseTo(1000, 6);
  });

  it('a market already at its size stays there', () => {
    expect(adoptionDemand({ ...base, initialDemand: 1000 }, 3)).toBe(1000);
  });
});

describe('serving', () => {
  it('never serves more than demand or capacity, nor less than zero', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.double({ min: -1, max: 1e9, noNaN: true }), (d, c) => {
        const s = servedUnits(d, c);
        expect(s).toBeLessThanOrEqual(d);
        expect(s).toBeLessThanOrEqual(Math.max(0, c));
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBe(Math.max(0, Math.min(d, c)));
      }),
    );
  });

  it('charges customers served × price and reports utilisation served / capacity', () => {
    const m = new ServiceMarket(() => base, new Rng(1));
    m.exogenous({ tick: 0, ticksPerYear: 365 });
    m.serve(400);
    expect(m.served).toBe(100);
    expect(m.utilisation).toBeCloseTo(0.25, 12);
    expect(m.revenueUsd).toBeCloseTo(200, 12);
    m.serve(50);
    expect(m.served).toBe(50);
    expect(m.utilisation).toBe(1);
    m.serve(0);
    expect(m.utilisation).toBe(0);
  });

  it('shocks keep mean demand on the adoption curve (mean-one lognormal AR(1))', () => {
    const p = { ...base, initialDemand: 1000, shockSd: 0.2, shockPersistence: 0.5 };
    const m = new ServiceMarket(() => p, new Rng(42));
    let sum = 0;
    const n = 40_000;
    for (let t = 1; t <= n; t++) {
      m.exogenous({ tick: t, ticksPerYear: 365 });
      sum += m.demand;
    }
    // Stationary sd of the log shock is 0.2/√0.75 ≈ 0.23; with persistence the standard error of the mean is about 0.2%.
    expect(Math.abs(sum / n / 1000 - 1)).toBeLessThan(0.01);
  });

  it('draws the same demand path from the same seed', () => {
    const p = { ...base, shockSd: 0.1, shockPersistence: 0.7 };
    const a = new ServiceMarket(() => p, new Rng(5));
    const b = new ServiceMarket(() => p, new Rng(5));
    for (let t = 1; t < 50; t++) {
      a.exogenous({ tick: t, ticksPerYear: 365 });
      b.exogenous({ tick: t, ticksPerYear: 365 });
      expect(a.demand).toBe(b.demand);
    }
  });
});

describe('service presets', () => {
  it('are valid market parameters with positive node figures', () => {
    for (const [name, preset] of Object.entries(servicePresets)) {
      expect(serviceMarketParamsSchema.safeParse(preset.market).success, name).toBe(true);
      expect(preset.node.capacityPerUnit).toBeGreaterThan(0);
      expect(preset.node.energyKwhPerTick).toBeGreaterThan(0);
    }
  });

  it('reject a market smaller than its starting demand', () => {
    const r = serviceMarketParamsSchema.safeParse({ ...base, marketSize: 10 });
    expect(r.success).toBe(false);
  });
});

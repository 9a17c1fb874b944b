import { describe, expect, it } from 'vitest';
import { priceChangeAfterPeakUnlock, supplySideKpis } from '../../src/metrics/supplyKpis';

describe('supply-side KPIs', () => {
  it('price change after the largest unlock: from the row before it to the first row 30 ticks on', () => {
    const ticks = Int32Array.from([0, 10, 20, 30, 40, 50, 60]);
    const unlocked = Float64Array.from([999, 0, 5, 50, 0, 0, 0]); // genesis row ignored; peak at tick 30
    const price = Float64Array.from([1, 1, 1, 2, 1.5, 1.2, 1.0]);

    // p(60) / p(20) − 1 = 1.0 / 1 − 1 = 0
    expect(priceChangeAfterPeakUnlock(unlocked, price, ticks, 30)).toBe(0);
    // window 10: p(40) / p(20) − 1 = 0.5
    expect(priceChangeAfterPeakUnlock(unlocked, price, ticks, 10)).toBe(0.5);
    expect(priceChangeAfterPeakUnlock(new Float64Array(7), price, ticks, 10)).toBe(0);
  });

  it('totals flows, takes the sold share, the peak sell pressure and the issuance means after genesis', () => {
    const ticks = Int32Array.from([0, 1, 2]);
    const k = supplySideKpis(
      {
        unlocked: Float64Array.from([0, 100, 300]),
        sector_sold: Float64Array.from([0, 50, 50]),
        sell_pressure_usd: Float64Array.from([0, 40, 45]),
        issuance_rate: Float64Array.from([0, 0.1, 0.3]),
        treasury_runway_years: Float64Array.from([9, 3, 4]),
      },
      ticks,
      365,
    );

    expect(k.total_unlocked).toBe(400);
    expect(k.sector_sold_share).toBe(0.25);
    expect(k.peak_sell_pressure_usd).toBe(45);
    expect(k.mean_issuance_rate).toBeCloseTo(0.2, 15);
    expect([k.final_runway_years, k.min_runway_years]).toEqual([4, 3]);
  });

  it('reports every key even for a zero-tick run, so the summary columns do not depend on run length', () => {
    const series = { issuance_rate: Float64Array.of(0), net_issuance_rate: Float64Array.of(0), unlocked: Float64Array.of(0), price: Float64Array.of(1) };

    expect(Object.keys(supplySideKpis(series, Int32Array.of(0), 365)).sort()).toEqual(['mean_issuance_rate', 'mean_net_issuance_rate', 'total_unlocked', 'unlock_price_change_30d']);
  });
});

import { describe, expect, it } from 'vitest';
import { discountedUtilityValue, equationOfExchange, equationOfExchangePrice, equationOfExchangeSeries } from '../../src/analysis/valuation';
import { applyOverrides } from '../../src/experiment/define';
import { runOne } from '../../src/experiment/runOne';
import { tokenEconomy } from '../../src/models/tokenEconomy';

describe('equation of exchange', () => {
  it('prices a token at PQ / (V · C)', () => {
    // $100M of usage a year, each token turning over 10 times, 20M tokens: M = $10M → $0.50 a token.
    expect(equationOfExchangePrice(100e6, 10, 20e6)).toBe(0.5);
  });

  it('discounts the terminal year’s utility value', () => {
    // Year 2: $300M / (5 · 30M) = $2; discounted two years at 25%: 2 / 1.5625 = 1.28.
    const v = discountedUtilityValue([100e6, 300e6], 5, [20e6, 30e6], 0.25);
    expect(Array.from(v.yearly)).toEqual([1, 2]);
    expect(v.price).toBeCloseTo(1.28, 12);
  });

  it('values a run with steady usage: fundamental 365·u/(V·C) once a window has passed', () => {
    // Usage u = $10,000 a tick, C = 1M tokens, V = 4/year: PQ = $3.65M → $0.9125; market at $1.
    const n = 61;
    const ticks = Int32Array.from({ length: n }, (_, t) => t);
    const series = { price: new Float64Array(n).fill(1), circulating: new Float64Array(n).fill(1e6), volume: new Float64Array(n).fill(1e4) };
    const e = equationOfExchangeSeries(series, ticks, { velocityPerYear: 4, ticksPerYear: 365, windowTicks: 30 });
    expect(e.fundamental[29]).toBeNaN();
    expect(e.fundamental[30]).toBeCloseTo(0.9125, 12);
    expect(e.fundamental[60]).toBeCloseTo(0.9125, 12);
    expect(e.impliedVelocity[60]).toBeCloseTo(3.65, 12);
    expect(e.meanLogDeviation).toBeCloseTo(Math.log(1 / 0.9125), 12);
    expect(e.rmsLogDeviation).toBeCloseTo(Math.log(1 / 0.9125), 12);
  });

  it('names the series a run lacks', () => {
    expect(() => equationOfExchangeSeries({ price: new Float64Array(2) }, new Int32Array(2), { velocityPerYear: 1, ticksPerYear: 365 })).toThrow(/no circulating series/);
  });

  it('adds the valuation KPIs to a token-economy run as a block', () => {
    const model = tokenEconomy.with(equationOfExchange);
    const params = applyOverrides(model.defaults, { stakers: { count: 30 }, traders: { count: 60 }, nodeOperators: { candidates: 10, initialNodes: 5 }, equationOfExchange: { velocityPerYear: 20 } }, 'test');
    const res = runOne(model, { runId: 0, variant: 'v', replicate: 0, seed: 1, params }, { ticks: 40, every: 1, metrics: null, check: false });
    expect(res.status).toBe('ok');
    expect(res.summary.eoe_price).toBeGreaterThan(0);
    expect(res.summary.price_to_eoe).toBeCloseTo(res.summary.final_price / res.summary.eoe_price, 9);
    expect(res.summary.final_price).toBeGreaterThan(0);
    expect(model.kpis.filter((k) => k.block === 'equationOfExchange').map((k) => k.name)).toEqual(['eoe_price', 'price_to_eoe', 'eoe_log_deviation', 'implied_velocity']);
  });
});

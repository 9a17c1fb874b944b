import { describe, expect, it } from 'vitest';
import { clearingPrice, tokenEconomySchedules, tokenMarketAt } from '../../src/analysis/tokenMarket';
import { applyOverrides } from '../../src/experiment/define';
import { fundamentals } from '../../src/market/fundamentals';
import { tokenEconomy } from '../../src/models/tokenEconomy';
import { economyParts } from '../helpers/parts';

describe('clearingPrice', () => {
  it('finds p* = (a − c)/(b + d) for linear demand a − b·p and supply c + d·p', () => {
    // a = 1000, b = 200, c = 100, d = 400 → p* = 900 / 600 = 1.5 USD/token.
    const res = clearingPrice(
      [
        { name: 'buyers', netDemand: (p) => 1000 - 200 * p },
        { name: 'sellers', netDemand: (p) => -(100 + 400 * p) },
      ],
      0.01,
      100,
    );
    expect(res.converged).toBe(true);
    expect(res.price).toBeCloseTo(1.5, 8);
    expect(res.netDemand.buyers).toBeCloseTo(700, 6);
    expect(Math.abs(res.excess)).toBeLessThan(1e-6);
  });

  it('reports excess demand throughout the bracket instead of returning an end point', () => {
    const res = clearingPrice([{ name: 'buyers', netDemand: (p) => 10 / p }], 0.1, 10);
    expect(res.converged).toBe(false);
    expect(res.price).toBeNaN();
    expect(res.reason).toMatch(/no clearing price in \[0.1, 10\]: excess demand/);
  });
});

describe('tokenEconomySchedules', () => {
  const params = applyOverrides(
    tokenEconomy.defaults,
    {
      stakers: { count: 20 },
      traders: { count: 200, mix: { noise: 0, chartist: 0, fundamentalist: 1 }, valueSpread: 0 },
      nodeOperators: { candidates: 10, initialNodes: 5 },
    },
    'test',
  );

  /** The economy at genesis with the fundamental value set to 1.3 USD/token (every fundamentalist sees it: no spread). */
  const valued = () => {
    const econ = economyParts(tokenEconomy.build(params, { seed: 3, check: false }));
    econ.api(fundamentals).value = 1.3;
    return econ;
  };

  it('gives fundamentalists a demand that falls through zero at their common fair value', () => {
    const econ = valued();
    const fund = tokenEconomySchedules(econ).find((s) => s.name === 'fundamentalists')!;
    expect(fund.netDemand(1.0)).toBeGreaterThan(0);
    expect(fund.netDemand(1.3)).toBe(0);
    expect(fund.netDemand(2.0)).toBeLessThan(0);
  });

  it('with the pool as market maker, clears between the pool price and the fair value', () => {
    const econ = valued();
    const res = clearingPrice(tokenEconomySchedules(econ, true), 0.01, 100);
    expect(res.converged).toBe(true);
    expect(res.price).toBeGreaterThan(econ.pool.price);
    expect(res.price).toBeLessThan(1.3 * 1.05);
    // Tokens bought by fundamentalists equal tokens the pool gives up, less other sellers.
    expect(Math.abs(res.excess)).toBeLessThan(1e-3);
  });
});

describe('tokenMarketAt', () => {
  it('steps the economy to the tick and clears its schedules with the pool near the pool price', () => {
    const params = applyOverrides(tokenEconomy.defaults, { stakers: { count: 30 }, traders: { count: 100 }, nodeOperators: { candidates: 10, initialNodes: 5 } }, 'test');
    const { clearing, poolPrice, economy } = tokenMarketAt(params, 5, 20);
    expect(economy.world.tick).toBe(20);
    expect(clearing.converged).toBe(true);
    // A deep pool absorbs a few hundred agents' orders: the clearing price stays within 10% of the pool's.
    expect(Math.abs(clearing.price / poolPrice - 1)).toBeLessThan(0.1);
    expect(clearing.netDemand.amm).toBeCloseTo(-(clearing.excess - clearing.netDemand.amm), 3);
  });
});

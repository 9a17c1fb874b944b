import { describe, expect, it } from 'vitest';
import { borrowers, type BorrowersParams } from '../../agents/borrowers';
import { depositors } from '../../agents/depositors';
import { liquidators } from '../../agents/liquidators';
import { lending } from '../../src/defi/lending';
import { priceShock } from '../../src/defi/priceShock';
import type { DeepPartial } from '../../src/experiment/define';
import { amm } from '../../src/market/amm';
import { buildBlocks } from '../helpers/blocks';

const constant = (value: number) => ({ dist: 'constant' as const, value });

/** One depositor lending 1M USD from genesis, one borrower posting 10,000 USD of tokens at $1, and one liquidator; a shock seller ready. */
function world(borrower: DeepPartial<BorrowersParams>, shock = { tokens: 0, atTick: 1 }) {
  const sim = buildBlocks([amm, lending, priceShock, depositors, borrowers, liquidators], {
    amm: { tokenReserve: 3e6, usdReserve: 3e6, feeBps: 0 },
    priceShock: { ...shock, sells: shock.tokens > 0, overTicks: 1 },
    depositors: { count: 1, initialTokens: constant(0), initialUsd: constant(1e6), usdShare: 1, genesisShare: 1, activity: 0 },
    borrowers: {
      count: 1,
      mix: { token: 1, lst: 0, rwa: 0 },
      initialCollateralUsd: constant(10_000),
      initialUsd: constant(0),
      priceWeight: constant(0),
      fairValue: constant(10),
      hurdle: constant(-100),
      activity: 1,
      adjustShare: 1,
      ...borrower,
    },
    liquidators: { count: 1, initialTokens: constant(0), initialUsd: constant(1e6), callsPerTick: 10, minProfitUsd: 0 },
  });
  const pool = sim.api(lending);
  const b = sim.api(borrowers);
  const acc = pool.attach(b.population);
  return { sim, pool, acc, liq: sim.api(liquidators) };
}

describe('borrowers', () => {
  it('borrow the gap to their target share of the borrow capacity at a review: 0.5 · 10,000 · CF 0.6 = 3,000 USD', () => {
    const { sim, pool, acc } = world({ targetLtv: constant(0.5), safetyHealthFactor: constant(1.05) });
    expect(pool.collateralUsd(acc, 0, 'cf')).toBeCloseTo(6000, 9);
    sim.world.step();
    expect(pool.debt(acc, pool.market('usd'), 0)).toBeCloseTo(3000, 9);
    // The 3,000 USD bought tokens on the AMM (3M · 3,000 / 3,003,000) and went in as collateral.
    expect(pool.supplied(acc, pool.market('token'), 0)).toBeCloseTo(10_000 + (3e6 * 3000) / (3e6 + 3000), 6);
  });

  it('deleverage below their safety health factor, from their wallet first: after the price halves, HF is back at 1.05 · 1.3 exactly', () => {
    // Target 60% of capacity: HF settles near LT / (0.6 · CF) = 1.94; 1.24M tokens into the 3M-token pool halve the price.
    const { sim, pool, acc } = world({ targetLtv: constant(0.6), safetyHealthFactor: constant(1.3), initialUsd: constant(5000) }, { tokens: 3e6 * (Math.SQRT2 - 1), atTick: 3 });
    sim.world.step();
    sim.world.step();
    const before = pool.healthFactor(acc, 0);
    expect(before).toBeGreaterThan(1.3 * 1.5);
    const price = sim.pool.price;
    sim.world.step();
    // About half: the borrower's buying left the pool a little short of 3M tokens.
    expect(sim.pool.price / price).toBeCloseTo(0.5, 2);
    expect(before * (sim.pool.price / price)).toBeLessThan(1.3);
    // It would be at HF before / 2 < 1.3; repaying D − C · LT / 1.365 from its wallet leaves HF = 1.365, its collateral untouched.
    expect(pool.healthFactor(acc, 0)).toBeCloseTo(1.05 * 1.3, 9);
    expect(sim.api(borrowers).population.cols.usd[0]).toBeGreaterThan(0);
  });
});

describe('liquidators', () => {
  it('leave healthy positions alone, then liquidate the one below HF 1 after the shock and sell the collateral seized', () => {
    // At its full capacity (target 1) the borrower's HF is LT / CF = 0.7 / 0.6; it never deleverages (safety 0).
    const { sim, pool, acc, liq } = world({ targetLtv: constant(1), safetyHealthFactor: constant(0) }, { tokens: 2e6, atTick: 3 });
    sim.world.step();
    sim.world.step();
    expect(pool.healthFactor(acc, 0)).toBeGreaterThan(1);
    expect(liq.callsThisTick).toBe(0);
    const debt = pool.debtUsd(acc, 0);
    sim.world.step();
    expect(liq.callsThisTick).toBeGreaterThan(0);
    expect(pool.debtUsd(acc, 0)).toBeLessThan(debt);
    const me = pool.attach(liq.population);
    expect(pool.supplied(me, pool.market('token'), 0)).toBe(0);
    expect(liq.population.cols.tokens[0]).toBe(0);
  });
});

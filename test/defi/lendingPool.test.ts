import { describe, expect, it } from 'vitest';
import { lendingWorld } from './lendingWorld';

const stable = { base: 0, slope1: 0.04, slope2: 0.6, optimal: 0.8 };

describe('interest accrual by the borrow index', () => {
  // 100 USD deposited, 40 borrowed against 1,000 tokens at $1: U = 0.4, r = 0.04 · 0.4 / 0.8 = 2%/year;
  // ten ticks a year, so one tick charges i = 0.2%.
  function accruing() {
    const w = lendingWorld({ usd: { rate: stable, reserveFactor: 0.1 } });
    w.endow(0, 0, 100);
    w.endow(1, 1000, 0);
    w.pool.deposit(w.acc, w.usd, 0, 100);
    w.pool.deposit(w.acc, w.token, 1, 1000);
    expect(w.pool.borrow(w.acc, w.usd, 1, 40)).toBe(40);
    return w;
  }

  it('charges one tick: index 1.002, debt 40.08, reserves 0.008, exchange rate (60 + 40.08 − 0.008) / 100', () => {
    const w = accruing();
    w.pool.accrue(10);
    const m = w.pool.markets[w.usd];
    expect(m.index).toBeCloseTo(1.002, 15);
    expect(w.pool.debt(w.acc, w.usd, 1)).toBeCloseTo(40.08, 12);
    expect(m.reserves).toBeCloseTo(0.008, 15);
    expect(m.exchangeRate).toBeCloseTo(1.00072, 14);
    expect(w.pool.supplied(w.acc, w.usd, 0)).toBeCloseTo(100.072, 12);
  });

  it('re-prices the second tick at the new utilisation 40.08 / 100.072', () => {
    const w = accruing();
    w.pool.accrue(10);
    w.pool.accrue(10);
    // U = 0.40051163, r = 0.05 U = 2.0025582%, i = 0.20025582%.
    expect(w.pool.markets[w.usd].index).toBeCloseTo(1.0040065632744424, 14);
    expect(w.pool.debt(w.acc, w.usd, 1)).toBeCloseTo(40.1602625309777, 11);
    expect(w.pool.markets[w.usd].reserves).toBeCloseTo(0.016026253097769606, 14);
    expect(w.pool.markets[w.usd].exchangeRate).toBeCloseTo(1.0014423627787992, 14);
  });

  it('costs the same whatever the number of borrowers: every debt is its scaled debt × the one index', () => {
    const w = lendingWorld({ agents: 4, usd: { rate: stable } });
    w.endow(0, 0, 1000);
    w.pool.deposit(w.acc, w.usd, 0, 1000);
    for (const i of [1, 2, 3]) {
      w.endow(i, 1000, 0);
      w.pool.deposit(w.acc, w.token, i, 1000);
      w.pool.borrow(w.acc, w.usd, i, 10 * i);
    }
    for (let t = 0; t < 5; t++) w.pool.accrue(10);
    const m = w.pool.markets[w.usd];
    for (const i of [1, 2, 3]) expect(w.pool.debt(w.acc, w.usd, i)).toBeCloseTo(10 * i * m.index, 12);
    expect(m.borrows).toBeCloseTo(60 * m.index, 12);
  });
});

describe('supply shares as ERC-4626 vault shares', () => {
  it('mints shares 1 : 1 to a first depositor, then assets · totalSupply / totalAssets, and redeems them at convertToAssets', () => {
    const w = lendingWorld({ agents: 3, usd: { rate: stable, reserveFactor: 0.1 } });
    w.endow(0, 0, 100);
    w.endow(1, 1000, 0);
    w.endow(2, 0, 50);
    w.pool.deposit(w.acc, w.usd, 0, 100);
    const m = w.pool.markets[w.usd];
    expect(m.shares).toBe(100);
    w.pool.deposit(w.acc, w.token, 1, 1000);
    w.pool.borrow(w.acc, w.usd, 1, 40);
    w.pool.accrue(10);
    // totalAssets = cash 60 + borrows 40.08 − reserves 0.008 = 100.072 for 100 shares.
    const totalAssets = 60 + 40.08 - 0.008;
    expect(m.deposits).toBeCloseTo(totalAssets, 12);
    w.pool.deposit(w.acc, w.usd, 2, 50);
    // convertToShares(50) = 50 · 100 / 100.072 = 49.96402590...
    expect(w.acc.shares(w.usd, 2)).toBeCloseTo((50 * 100) / totalAssets, 12);
    expect(w.pool.supplied(w.acc, w.usd, 2)).toBeCloseTo(50, 12);
    // Depositor 0 redeems all its shares for convertToAssets(100) = 100.072, within the market's cash of 110.
    expect(w.pool.withdraw(w.acc, w.usd, 0, Infinity)).toBeCloseTo(totalAssets, 12);
    expect(w.acc.shares(w.usd, 0)).toBe(0);
  });
});

describe('health factor and borrow capacity', () => {
  // 100 tokens at $2 deposited (CF 0.6, LT 0.7), 100 USD borrowed: HF = 200 · 0.7 / 100 = 1.4; capacity 120.
  function levered() {
    const w = lendingWorld({ price: 2 });
    w.endow(0, 0, 1000);
    w.pool.deposit(w.acc, w.usd, 0, 1000);
    w.endow(1, 100, 0);
    w.pool.deposit(w.acc, w.token, 1, 100);
    w.pool.borrow(w.acc, w.usd, 1, 100);
    return w;
  }

  it('is Σ collateral · price · threshold / Σ debt · price: 1.4', () => {
    const w = levered();
    expect(w.pool.healthFactor(w.acc, 1)).toBeCloseTo(1.4, 15);
    expect(w.pool.headroomUsd(w.acc, 1)).toBeCloseTo(20, 12);
    expect(w.pool.healthFactor(w.acc, 0)).toBe(Infinity);
  });

  it('caps a borrow at the capacity (20 more USD) and a withdrawal at what keeps the debt covered (20 / (2 · 0.6) tokens)', () => {
    const w = levered();
    expect(w.pool.borrow(w.acc, w.usd, 1, 50)).toBeCloseTo(20, 12);
    const v = levered();
    expect(v.pool.withdraw(v.acc, v.token, 1, 100)).toBeCloseTo(20 / 1.2, 12);
    expect(v.pool.headroomUsd(v.acc, 1)).toBeCloseTo(0, 9);
  });

  it('caps a borrow at the cash: 1,000 USD deposited cannot lend 1,500', () => {
    const w = lendingWorld({ price: 10 });
    w.endow(0, 0, 1000);
    w.pool.deposit(w.acc, w.usd, 0, 1000);
    w.endow(1, 1000, 0);
    w.pool.deposit(w.acc, w.token, 1, 1000);
    expect(w.pool.borrow(w.acc, w.usd, 1, 1500)).toBe(1000);
    expect(w.pool.markets[w.usd].utilisation).toBe(1);
  });
});

describe('liquidation', () => {
  function levered(price: number, rules = {}, liquidatorUsd = 1000) {
    const w = lendingWorld({ price: 2, rules });
    w.endow(0, 0, 1000);
    w.pool.deposit(w.acc, w.usd, 0, 1000);
    w.endow(1, 100, 0);
    w.pool.deposit(w.acc, w.token, 1, 100);
    w.pool.borrow(w.acc, w.usd, 1, 100);
    w.endow(2, 0, liquidatorUsd);
    w.setPrice(price);
    return w;
  }

  it('leaves a healthy position alone: at HF 1.4 nothing is repaid, seized or moved', () => {
    const w = levered(2);
    const before = JSON.stringify([w.ledger.tokenBreakdown(), w.ledger.totalUsdHoldings(), Array.from(w.pop.cols.supplyToken), Array.from(w.pop.cols.debtUsd)]);
    const r = w.pool.liquidate(w.acc, 2, w.acc, 1, w.usd, w.token, 1000);
    expect(r).toEqual({ repaid: 0, seized: 0, badDebtUsd: 0 });
    expect(JSON.stringify([w.ledger.tokenBreakdown(), w.ledger.totalUsdHoldings(), Array.from(w.pop.cols.supplyToken), Array.from(w.pop.cols.debtUsd)])).toBe(before);
    expect(w.pool.liquidations).toBe(0);
  });

  it('leaves a position just above HF 1 alone: at $1.45, 145 · 0.7 / 100 = 1.015', () => {
    const w = levered(1.45);
    expect(w.pool.healthFactor(w.acc, 1)).toBeCloseTo(1.015, 12);
    expect(w.pool.liquidate(w.acc, 2, w.acc, 1, w.usd, w.token, 1000).repaid).toBe(0);
    expect(w.pool.debt(w.acc, w.usd, 1)).toBe(100);
  });

  it('repays at most the close factor and seizes repaid · (1 + bonus) / price: at $1.30, 50 USD buys 50 · 1.08 / 1.3 = 41.54 tokens', () => {
    // HF = 130 · 0.7 / 100 = 0.91; with no full-close threshold the close factor 0.5 caps the repay at 50.
    const w = levered(1.3, { fullCloseHealthFactor: 0 });
    expect(w.pool.healthFactor(w.acc, 1)).toBeCloseTo(0.91, 12);
    const r = w.pool.liquidate(w.acc, 2, w.acc, 1, w.usd, w.token, 1000);
    expect(r.repaid).toBeCloseTo(50, 12);
    expect(r.seized).toBeCloseTo(41.53846153846154, 12);
    expect(r.badDebtUsd).toBe(0);
    expect(w.pool.debt(w.acc, w.usd, 1)).toBeCloseTo(50, 12);
    expect(w.pool.supplied(w.acc, w.token, 1)).toBeCloseTo(58.46153846153846, 12);
    expect(w.pool.supplied(w.acc, w.token, 2)).toBeCloseTo(41.53846153846154, 12);
    expect(w.pop.cols.usd[2]).toBeCloseTo(950, 12);
    // The position is healthy again: 58.46 · 1.3 · 0.7 / 50 = 1.064.
    expect(w.pool.healthFactor(w.acc, 1)).toBeCloseTo(1.064, 12);
    expect(w.pool.liquidatedUsd).toBeCloseTo(50, 12);
    expect(w.pool.seizedUsd).toBeCloseTo(54, 12);
  });

  it('lets the whole debt be repaid below the full-close health factor (0.91 < 0.95)', () => {
    const w = levered(1.3);
    const r = w.pool.liquidate(w.acc, 2, w.acc, 1, w.usd, w.token, 1000);
    expect(r.repaid).toBeCloseTo(100, 12);
    expect(r.seized).toBeCloseTo(108 / 1.3, 12);
    expect(w.pool.debt(w.acc, w.usd, 1)).toBe(0);
  });

  it('writes off exactly the uncovered shortfall: at $0.90, 100 tokens cover 90 / 1.08 = 83.33 of 100 USD, and 16.67 is bad debt', () => {
    const w = levered(0.9);
    const m = w.pool.markets[w.usd];
    const depositsBefore = m.deposits;
    const r = w.pool.liquidate(w.acc, 2, w.acc, 1, w.usd, w.token, 1000);
    expect(r.seized).toBeCloseTo(100, 12);
    expect(r.repaid).toBeCloseTo(90 / 1.08, 12);
    expect(r.badDebtUsd).toBeCloseTo(100 - 90 / 1.08, 12);
    expect(w.pool.badDebtUsd).toBeCloseTo(16.666666666666668, 12);
    expect(w.pop.cols.debtUsd[1]).toBe(0);
    expect(w.pop.cols.supplyToken[1]).toBe(0);
    expect(m.borrows).toBeCloseTo(0, 12);
    // No reserves: depositors bear it, their deposits fall by exactly the bad debt.
    expect(depositsBefore - m.deposits).toBeCloseTo(100 - 90 / 1.08, 12);
  });

  it('lets reserves absorb bad debt before depositors', () => {
    const w = levered(0.9);
    const m = w.pool.markets[w.usd];
    m.reserves = 10;
    const rate = m.exchangeRate;
    w.pool.liquidate(w.acc, 2, w.acc, 1, w.usd, w.token, 1000);
    expect(m.reserves).toBe(0);
    expect(m.absorbedThisTick).toBeCloseTo(10, 12);
    // Depositors lose the 6.67 the reserves did not cover.
    expect((rate - m.exchangeRate) * m.shares).toBeCloseTo(100 - 90 / 1.08 - 10, 10);
  });

  it('under a close factor of 0.5 repays 50, 25, 12.5, then the last 5.5 tokens: bad debt is 100 − 100 / 1.08 in all', () => {
    // At $1 the 100 tokens are worth the 100 USD owed (HF 0.7). Each call repays half and seizes 1.08×:
    // collateral 100 → 46 → 19 → 5.5 → 0 (the fourth call can repay only 5.5 / 1.08).
    const w = lendingWorld({ price: 1, rules: { fullCloseHealthFactor: 0 } });
    w.endow(0, 0, 1000);
    w.pool.deposit(w.acc, w.usd, 0, 1000);
    w.endow(1, 100, 0);
    w.pool.deposit(w.acc, w.token, 1, 100);
    w.setPrice(2);
    w.pool.borrow(w.acc, w.usd, 1, 100);
    w.setPrice(1);
    w.endow(2, 0, 1000);
    const repaid: number[] = [];
    let bad = 0;
    for (let k = 0; k < 4; k++) {
      const r = w.pool.liquidate(w.acc, 2, w.acc, 1, w.usd, w.token, 1000);
      repaid.push(r.repaid);
      bad += r.badDebtUsd;
    }
    expect(repaid[0]).toBeCloseTo(50, 12);
    expect(repaid[1]).toBeCloseTo(25, 12);
    expect(repaid[2]).toBeCloseTo(12.5, 12);
    expect(repaid[3]).toBeCloseTo(5.5 / 1.08, 12);
    expect(bad).toBeCloseTo(12.5 - 5.5 / 1.08, 12);
    expect(bad).toBeCloseTo(100 - 100 / 1.08, 12);
    expect(w.pool.liquidate(w.acc, 2, w.acc, 1, w.usd, w.token, 1000).repaid).toBe(0);
  });

  it('lets the whole debt be repaid at exactly the full-close health factor, as Aave v3 does (HF ≤ 0.95)', () => {
    // 100 tokens at $1.90 with threshold 0.5 against 100 USD: HF = 95 / 100 = 0.95 exactly.
    const w = lendingWorld({ token: { collateralFactor: 0.5, liquidationThreshold: 0.5, liquidationBonus: 0.05 } });
    w.endow(0, 0, 1000);
    w.pool.deposit(w.acc, w.usd, 0, 1000);
    w.endow(1, 100, 0);
    w.pool.deposit(w.acc, w.token, 1, 100);
    w.setPrice(4);
    w.pool.borrow(w.acc, w.usd, 1, 100);
    w.setPrice(1.9);
    w.endow(2, 0, 1000);
    expect(w.pool.healthFactor(w.acc, 1)).toBe(0.95);
    const r = w.pool.liquidate(w.acc, 2, w.acc, 1, w.usd, w.token, 1000);
    expect(r.repaid).toBe(100);
    expect(r.seized).toBeCloseTo(105 / 1.9, 12);
  });

  it('raises the health factor only while collateral exceeds debt × (1 + bonus): C / D = 1.3 > 1.08 rises, 1.05 < 1.08 falls', () => {
    // Half the debt repaid (no full close): (C − r(1 + b)) / (D − r) > C / D iff C / D > 1 + b.
    const after = (price: number) => {
      const w = levered(price, { fullCloseHealthFactor: 0 });
      const before = w.pool.healthFactor(w.acc, 1);
      w.pool.liquidate(w.acc, 2, w.acc, 1, w.usd, w.token, 1000);
      return [before, w.pool.healthFactor(w.acc, 1)];
    };
    const [b1, a1] = after(1.3);
    expect(a1).toBeGreaterThan(b1);
    const [b2, a2] = after(1.05);
    expect(a2).toBeLessThan(b2);
    // By hand at $1.05: C = 105, D = 100, r = 50: (105 − 54) · 0.7 / 50 = 0.714 < 0.735.
    expect(b2).toBeCloseTo(0.735, 12);
    expect(a2).toBeCloseTo(0.714, 12);
  });

  it('repays no more than the liquidator holds', () => {
    const w = levered(1.3, {}, 30);
    const r = w.pool.liquidate(w.acc, 2, w.acc, 1, w.usd, w.token, 1000);
    expect(r.repaid).toBeCloseTo(30, 12);
  });
});

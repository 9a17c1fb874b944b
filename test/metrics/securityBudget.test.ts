import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/core/ledger';
import { ConstantProductPool } from '../../src/market/constantProductPool';
import { attackCostUsd, floatCurveCostUsd, tokensToControl } from '../../src/metrics/securityBudget';

/** A constant-product pool of 2,000 tokens against 4,000 USD (price 2), fee `feeBps`. */
function pool(feeBps: number): ConstantProductPool {
  const ledger = new Ledger();
  const p = new ConstantProductPool(ledger, ledger.open('amm', { owner: 'amm', circulating: true }), ledger.open('amm.fees', { owner: 'amm', circulating: true }), feeBps);
  ledger.route('mint', p.reserves, 'genesis').move(2000);
  ledger.route('outside', p.reserves, 'genesis', 'usd').move(4000);
  return p;
}

describe('tokensToControl', () => {
  it('adds S/2 to hold a third and S to hold half: A / (S + A) = share', () => {
    expect(tokensToControl(1200, 1 / 3)).toBeCloseTo(600, 12);
    expect(tokensToControl(1200, 1 / 2)).toBe(1200);
    expect(() => tokensToControl(1200, 1)).toThrow(RangeError);
  });
});

describe('attackCostUsd on a constant-product pool', () => {
  it('costs 4,000 · 600 / 1,400 = 1,714.29 USD for a third of a 1,200 stake without fee', () => {
    // Buy A = 600 of x = 2,000 with y = 4,000: y A / (x − A) = 2,400,000 / 1,400.
    expect(attackCostUsd(pool(0), 1200, 1 / 3)).toBeCloseTo(2_400_000 / 1400, 9);
  });

  it('costs 4,000 · 1,200 / 800 / 0.997 = 6,018.05 USD for half with a 30 bps fee', () => {
    expect(attackCostUsd(pool(30), 1200, 1 / 2)).toBeCloseTo(4_800_000 / 800 / 0.997, 9);
  });

  it('is Infinity when the pool holds fewer tokens than the attack needs, 0 with no stake', () => {
    expect(attackCostUsd(pool(30), 2000, 1 / 2)).toBe(Infinity);
    expect(attackCostUsd(pool(30), 0, 1 / 2)).toBe(0);
  });

  it('matches the pool: buying the quoted USD delivers the tokens (quoteBuy ∘ quoteBuyExactOut)', () => {
    const p = pool(30);
    expect(p.quoteBuy(attackCostUsd(p, 1200, 1 / 3))).toBeCloseTo(600, 9);
  });
});

describe('floatCurveCostUsd', () => {
  it('prices the float x = 10,000 at 2 USD as a curve: 2 · 10,000 · 2,500 / 7,500 = 6,666.67 for 2,500 tokens', () => {
    expect(floatCurveCostUsd(10_000, 2, 0, 2500)).toBeCloseTo(20_000 * 2500 / 7500, 9);
    expect(floatCurveCostUsd(10_000, 2, 0, 10_000)).toBe(Infinity);
    expect(floatCurveCostUsd(10_000, 2, 0, 0)).toBe(0);
  });
});

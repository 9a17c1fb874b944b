import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { ExactConstantProductPool } from '../../src/exact/exactPool';
import { floatPool, relErr } from './helpers';

// Differential: the float ConstantProductPool (src/market/constantProductPool.ts) against the exact Uniswap v2 path.
// Stated tolerance: relative 1e-12 plus the whole-unit rounding of the amounts, one base unit
// (10^-18 of a token) of the amount in and of the amount out: tol = 1e-12 + 1e-18/in + 1e-18/out.
// For trades of at least 10^-6 tokens that is under 3e-12.
const UNIT = 1e-18;
const tol = (amountIn: number, amountOut: number) => 1e-12 + UNIT / amountIn + UNIT / amountOut;

const logUniform = (lo: number, hi: number) => fc.double({ min: Math.log10(lo), max: Math.log10(hi), noNaN: true }).map((e) => 10 ** e);
const reserves = fc.record({ tokenReserve: logUniform(1e-3, 1e9), usdReserve: logUniform(1e-3, 1e9) });

function both(r: { tokenReserve: number; usdReserve: number }): [ReturnType<typeof floatPool>, ExactConstantProductPool] {
  const p = { ...r, feeBps: 30 };
  return [floatPool(p), new ExactConstantProductPool(p)];
}

describe('ConstantProductPool (float) against ExactConstantProductPool (Uniswap v2, wei)', () => {
  it('agrees on exact-in quotes to 1e-12 relative (plus one unit of each amount) over reserves from 10^-3 to 10^9 and trades up to 100× the reserve', () => {
    fc.assert(
      fc.property(reserves, logUniform(1e-9, 100), fc.boolean(), (r, share, isBuy) => {
        const [f, e] = both(r);
        const amountIn = (isBuy ? r.usdReserve : r.tokenReserve) * share;
        const x = isBuy ? f.quoteBuy(amountIn) : f.quoteSell(amountIn);
        const y = isBuy ? e.quoteBuy(amountIn) : e.quoteSell(amountIn);
        fc.pre(y > 0);
        expect(relErr(x, y)).toBeLessThanOrEqual(tol(amountIn, y));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees on exact-out quotes to 1e-12 relative (the exact path rounds the input up by one unit)', () => {
    fc.assert(
      fc.property(reserves, fc.double({ min: 1e-9, max: 0.99, noNaN: true }), fc.boolean(), (r, share, isBuy) => {
        const [f, e] = both(r);
        const amountOut = (isBuy ? r.tokenReserve : r.usdReserve) * share;
        const x = isBuy ? f.quoteBuyExactOut(amountOut) : f.quoteSellExactOut(amountOut);
        const y = isBuy ? e.quoteBuyExactOut(amountOut) : e.quoteSellExactOut(amountOut);
        fc.pre(amountOut > UNIT && Number.isFinite(y));
        expect(relErr(x, y)).toBeLessThanOrEqual(tol(y, amountOut));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps reserves and price within 1e-12 relative over 200 random buys and sells', () => {
    const trade = fc.record({ isBuy: fc.boolean(), share: logUniform(1e-6, 0.05) });
    fc.assert(
      fc.property(reserves, fc.array(trade, { minLength: 200, maxLength: 200 }), (r, trades) => {
        fc.pre(r.tokenReserve >= 1 && r.usdReserve >= 1);
        const [f, e] = both(r);
        for (const t of trades) {
          const amount = (t.isBuy ? f.usdReserve : f.tokenReserve) * t.share;
          const x = t.isBuy ? f.buy(amount) : f.sell(amount);
          const y = t.isBuy ? e.buy(amount) : e.sell(amount);
          if (y > 0) expect(relErr(x, y)).toBeLessThanOrEqual(tol(amount, y));
        }
        expect(relErr(f.tokenReserve, e.tokenReserve)).toBeLessThanOrEqual(1e-12);
        expect(relErr(f.usdReserve, e.usdReserve)).toBeLessThanOrEqual(1e-12);
        expect(relErr(f.price, e.price)).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 40 },
    );
  });

  it('differs from the float path where whole units matter: 10^-18 USD buys 0 tokens exactly, 9.97e-19 in float', () => {
    // 1 wei of USD into 1000/1000: ⌊997 · 1 · 10^21 / (10^24 + 997)⌋ = 0 wei; the float formula gives 9.97·10^-19 tokens (0.997 wei).
    const [f, e] = both({ tokenReserve: 1000, usdReserve: 1000 });

    expect(e.buy(1e-18)).toBe(0);
    expect(e.trades).toBe(0);
    expect(f.quoteBuy(1e-18)).toBeCloseTo(9.97e-19, 30);
  });

  it('answers the same reserves, price and per-tick counters as the float pool after one buy', () => {
    const [f, e] = both({ tokenReserve: 1000, usdReserve: 1000 });

    const out = e.buy(100);

    expect(relErr(out, f.buy(100))).toBeLessThanOrEqual(1e-12);
    expect(e.tokenReserve).toBe(1000 - out);
    expect(e.usdReserve).toBe(1100);
    expect([e.tokenHoldings(), e.usdHoldings()]).toEqual([e.tokenReserve, e.usdReserve]);
    expect(relErr(e.k, f.k)).toBeLessThanOrEqual(1e-12);
    expect([e.trades, e.volumeUsd]).toEqual([1, 100]);
    expect(e.feesUsd).toBeCloseTo(0.3, 12);
    e.beginTick();
    expect([e.trades, e.volumeUsd, e.feesUsd]).toEqual([0, 0, 0]);
  });

  it('refuses a fee other than Uniswap v2’s 30 bps with one line naming amm.feeBps', () => {
    expect(() => new ExactConstantProductPool({ tokenReserve: 1, usdReserve: 1, feeBps: 25 })).toThrow(InputError);
    expect(() => new ExactConstantProductPool({ tokenReserve: 1, usdReserve: 1, feeBps: 25 })).toThrow(/amm\.feeBps must be 30/);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConstantProductPool, ammParamsSchema, type AmmParams } from '../../src/market/amm';

/** 1000 tokens against 1000 USD, 30 bps fee; price 1 USD/token. */
function pool(overrides: Partial<AmmParams> & { protocolFeeShare?: number } = {}): ConstantProductPool {
  const { protocolFeeShare = 0, ...params } = overrides;
  return new ConstantProductPool({ tokenReserve: 1000, usdReserve: 1000, feeBps: 30, ...params }, protocolFeeShare);
}

function expectRel(actual: number, expected: number, rel = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

describe('ConstantProductPool quotes and swaps', () => {
  it('gives 1000·99.7/(1000 + 99.7) = 90.66108938801491 tokens for 100 USD', () => {
    // a = 100 · (1 − 0.003) = 99.7; out = 1000 · 99.7 / 1099.7.
    const p = pool();

    const out = p.buy(100);

    expectRel(out, 90.66108938801491);
  });

  it('moves the reserves by the full input and the output on a buy', () => {
    // USD 1000 + 100 = 1100; tokens 1000 − 90.66108938801491 = 909.338910611985.
    const p = pool();

    p.buy(100);

    expect(p.usdReserve).toBe(1100);
    expectRel(p.tokenReserve, 909.338910611985);
  });

  it('gives 1000·99.7/(1000 + 99.7) = 90.66108938801491 USD for 100 tokens', () => {
    // Symmetric pool: the same formula with the sides swapped.
    const p = pool();

    const out = p.sell(100);

    expectRel(out, 90.66108938801491);
    expect(p.tokenReserve).toBe(1100);
    expectRel(p.usdReserve, 909.338910611985);
  });

  it('quotes a buy without changing the reserves', () => {
    const p = pool();

    const q = p.quoteBuy(100);

    expect(q).toBe(pool().buy(100));
    expect(p.tokenReserve).toBe(1000);
    expect(p.usdReserve).toBe(1000);
  });

  it('returns 0 and changes nothing for a zero, negative or NaN swap', () => {
    const p = pool();

    const outs = [p.buy(0), p.buy(-5), p.sell(NaN)];

    expect(outs).toEqual([0, 0, 0]);
    expect(p.k).toBe(1e6);
    expect(p.trades).toBe(0);
  });

  it('gives the price as USD reserve / token reserve', () => {
    const p = pool({ tokenReserve: 400, usdReserve: 1000 });

    expect(p.price).toBe(2.5);
  });

  it('quotes exact-out 50 tokens at 1000·50/((1000 − 50)·0.997) = 52.78994879374967 USD', () => {
    const p = pool();

    expectRel(p.quoteBuyExactOut(50), 52.78994879374967);
  });

  it('round-trips quoteBuy(quoteBuyExactOut(o)) = o', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (x, y, feeBps, frac) => {
          const p = pool({ tokenReserve: x, usdReserve: y, feeBps });
          const o = x * frac;

          const back = p.quoteBuy(p.quoteBuyExactOut(o));

          expect(Math.abs(back - o)).toBeLessThanOrEqual(1e-9 * x);
        },
      ),
    );
  });

  it('round-trips quoteSell(quoteSellExactOut(o)) = o', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (x, y, feeBps, frac) => {
          const p = pool({ tokenReserve: x, usdReserve: y, feeBps });
          const o = y * frac;

          const back = p.quoteSell(p.quoteSellExactOut(o));

          expect(Math.abs(back - o)).toBeLessThanOrEqual(1e-9 * y);
        },
      ),
    );
  });

  it('quotes Infinity for an exact-out at or above the reserve', () => {
    const p = pool();

    const quotes = [p.quoteBuyExactOut(1000), p.quoteBuyExactOut(1500), p.quoteSellExactOut(1000), p.quoteSellExactOut(2000)];

    expect(quotes).toEqual([Infinity, Infinity, Infinity, Infinity]);
  });
});

describe('ConstantProductPool protocol fee share', () => {
  it('sets aside half the USD fee on a buy with protocolFeeShare 0.5', () => {
    // fee = 100 · 0.003 = 0.3 USD, protocol cut 0.15; reserve 1000 + 100 − 0.15 = 1099.85.
    // Tokens out are unchanged by the share: 90.66108938801491.
    const p = pool({ protocolFeeShare: 0.5 });

    const out = p.buy(100);

    expectRel(p.protocolUsd, 0.15);
    expectRel(p.usdReserve, 1099.85);
    expectRel(p.tokenReserve, 1000 - 90.66108938801491);
    expectRel(out, 90.66108938801491);
    expect(p.protocolTokens).toBe(0);
  });

  it('sets aside half the token fee on a sell with protocolFeeShare 0.5', () => {
    // fee = 100 · 0.003 = 0.3 tokens, protocol cut 0.15; token reserve 1099.85.
    const p = pool({ protocolFeeShare: 0.5 });

    p.sell(100);

    expectRel(p.protocolTokens, 0.15);
    expectRel(p.tokenReserve, 1099.85);
    expectRel(p.usdReserve, 1000 - 90.66108938801491);
    expect(p.protocolUsd).toBe(0);
  });

  it('counts uncollected protocol fees in its holdings', () => {
    const p = pool({ protocolFeeShare: 0.5 });

    p.sell(100);
    p.buy(100);

    expect(p.tokenHoldings()).toBe(p.tokenReserve + p.protocolTokens);
    expect(p.usdHoldings()).toBe(p.usdReserve + p.protocolUsd);
  });

  it('hands over and zeroes the protocol fees on collect', () => {
    const p = pool({ protocolFeeShare: 0.5 });
    p.sell(100);
    p.buy(100);

    const tokens = p.collectProtocolTokens();
    const usd = p.collectProtocolUsd();

    expectRel(tokens, 0.15);
    expectRel(usd, 0.15);
    expect(p.protocolTokens).toBe(0);
    expect(p.protocolUsd).toBe(0);
  });
});

describe('ConstantProductPool invariant', () => {
  const swap = fc.record({ buy: fc.boolean(), amount: fc.double({ min: 1e-6, max: 5000, noNaN: true }) });

  it('never lets k decrease over a random sequence of swaps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(swap, { minLength: 1, maxLength: 50 }),
        (feeBps, share, swaps) => {
          const p = pool({ feeBps, protocolFeeShare: share });
          for (const s of swaps) {
            const k0 = p.k;

            if (s.buy) p.buy(s.amount);
            else p.sell(s.amount);

            // Allow float rounding only (a few ulps of k); the fee makes k grow otherwise.
            expect(p.k).toBeGreaterThanOrEqual(k0 * (1 - 1e-13));
          }
        },
      ),
    );
  });

  it('keeps both reserves positive over a random sequence of swaps', () => {
    fc.assert(
      fc.property(fc.array(swap, { minLength: 1, maxLength: 50 }), (swaps) => {
        const p = pool();

        for (const s of swaps) if (s.buy) p.buy(s.amount);
        else p.sell(s.amount);

        expect(p.tokenReserve).toBeGreaterThan(0);
        expect(p.usdReserve).toBeGreaterThan(0);
      }),
    );
  });
});

describe('ConstantProductPool per-tick counters', () => {
  it('counts USD in for buys and USD out for sells as volume, and fees per side', () => {
    // buy 100 USD: volume 100, fee 0.3 USD; sell 100 tokens: volume += USD out, fee 0.3 tokens.
    const p = pool();

    p.buy(100);
    const usdOut = p.sell(100);

    expectRel(p.volumeUsd, 100 + usdOut);
    expectRel(p.feesUsd, 0.3);
    expectRel(p.feesTokens, 0.3);
    expect(p.trades).toBe(2);
  });

  it('resets volume, fees and trades at beginTick but keeps uncollected protocol fees', () => {
    const p = pool({ protocolFeeShare: 0.5 });
    p.buy(100);
    p.sell(100);

    p.beginTick();

    expect([p.volumeUsd, p.feesUsd, p.feesTokens, p.trades]).toEqual([0, 0, 0, 0]);
    expectRel(p.protocolUsd, 0.15);
    expectRel(p.protocolTokens, 0.15);
  });
});

describe('ammParamsSchema', () => {
  it('rejects a fee above 10 000 bps, a non-positive reserve and an unknown key', () => {
    const base = { tokenReserve: 1, usdReserve: 1, feeBps: 30 };

    expect(ammParamsSchema.safeParse(base).success).toBe(true);
    expect(ammParamsSchema.safeParse({ ...base, feeBps: 10_001 }).success).toBe(false);
    expect(ammParamsSchema.safeParse({ ...base, tokenReserve: 0 }).success).toBe(false);
    expect(ammParamsSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
  });
});

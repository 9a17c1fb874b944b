import { describe, expect, it } from 'vitest';
import { RunError } from '../../src/core/errors';
import { Ledger, accountHolder, type Account } from '../../src/core/ledger';

function ledgerWith(...accounts: [string, Account][]): Ledger {
  const ledger = new Ledger();
  for (const [name, a] of accounts) ledger.register(accountHolder(name, a));
  return ledger;
}

function thrownBy(f: () => void): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('Ledger token side', () => {
  it('passes check when holdings equal minted − burned', () => {
    // minted 1000, burned 250 → supply 750 = 500 + 250.
    const alice: Account = { tokens: 500, usd: 0 };
    const pool: Account = { tokens: 250, usd: 0 };
    const ledger = ledgerWith(['alice', alice], ['pool', pool]);

    ledger.mint(1000);
    ledger.burn(250);

    expect(ledger.supply).toBe(750);
    expect(() => ledger.check(3)).not.toThrow();
  });

  it('passes check when holdings are off by less than 1e-9 relative to minted', () => {
    // minted 1e6 → tolerance 1e-9 · 1e6 = 1e-3; off by 5e-4.
    const alice: Account = { tokens: 1e6 + 5e-4, usd: 0 };
    const ledger = ledgerWith(['alice', alice]);

    ledger.mint(1e6);

    expect(() => ledger.check(1)).not.toThrow();
  });

  it('throws a RunError carrying the tick when holdings are off by more than 1e-9 relative', () => {
    // minted 1e6 → tolerance 1e-3; off by 2e-3.
    const alice: Account = { tokens: 1e6 + 2e-3, usd: 0 };
    const ledger = ledgerWith(['alice', alice]);
    ledger.mint(1e6);

    const e = thrownBy(() => ledger.check(17));

    expect(e).toBeInstanceOf(RunError);
    expect((e as RunError).tick).toBe(17);
    expect((e as RunError).message).toMatch(/token conservation/);
  });

  it('throws when a holding is NaN', () => {
    const alice: Account = { tokens: NaN, usd: 0 };
    const ledger = ledgerWith(['alice', alice]);

    expect(() => ledger.check(2)).toThrow(RunError);
  });

  it('names each holder with its holdings in the breakdown, summing holders of the same name', () => {
    const ledger = ledgerWith(['a', { tokens: 1, usd: 0 }], ['b', { tokens: 2, usd: 0 }], ['a', { tokens: 4, usd: 0 }]);

    expect(ledger.tokenBreakdown()).toEqual({ a: 5, b: 2 });
  });

  it('rejects a negative mint with a RangeError and leaves minted unchanged', () => {
    const ledger = new Ledger();
    ledger.mint(10);

    expect(() => ledger.mint(-1)).toThrow(RangeError);
    expect(ledger.minted).toBe(10);
  });

  it('rejects a negative or NaN burn with a RangeError', () => {
    const ledger = new Ledger();

    expect(() => ledger.burn(-1)).toThrow(RangeError);
    expect(() => ledger.burn(NaN)).toThrow(RangeError);
    expect(ledger.burned).toBe(0);
  });

  it('counts per-tick minted and burned and resets them at beginTick, keeping the totals', () => {
    const ledger = new Ledger();
    ledger.mint(5);
    ledger.burn(2);

    ledger.beginTick();
    ledger.mint(1);

    expect(ledger.mintedThisTick).toBe(1);
    expect(ledger.burnedThisTick).toBe(0);
    expect(ledger.minted).toBe(6);
    expect(ledger.burned).toBe(2);
  });
});

describe('Ledger USD side', () => {
  it('passes check when USD holdings equal usdIn − usdOut', () => {
    // 1000 in, 150 out → 850 = 600 + 250.
    const alice: Account = { tokens: 0, usd: 600 };
    const treasury: Account = { tokens: 0, usd: 250 };
    const ledger = ledgerWith(['alice', alice], ['treasury', treasury]);

    ledger.usdIn(1000);
    ledger.usdOut(150);

    expect(ledger.usdNet).toBe(850);
    expect(() => ledger.check(4)).not.toThrow();
  });

  it('throws a RunError carrying the tick when USD holdings are off by more than 1e-9 relative', () => {
    // usdIn 1e6 → tolerance 1e-3; off by 2e-3.
    const alice: Account = { tokens: 0, usd: 1e6 - 2e-3 };
    const ledger = ledgerWith(['alice', alice]);
    ledger.usdIn(1e6);

    const e = thrownBy(() => ledger.check(9));

    expect(e).toBeInstanceOf(RunError);
    expect((e as RunError).tick).toBe(9);
    expect((e as RunError).message).toMatch(/USD conservation/);
  });
});

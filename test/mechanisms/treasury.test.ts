import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/core/ledger';
import { MAX_RUNWAY_YEARS, Treasury, runwayYears } from '../../src/mechanisms/treasury';

describe('treasury runway', () => {
  it('is value / spend: (100k USD + 200k tokens · $0.5) / (40k USD + 20k tokens · $0.5) a year = 4 years', () => {
    expect(runwayYears({ usd: 100_000, tokens: 200_000 }, { grantsUsdPerYear: 40_000, subsidyTokensPerYear: 20_000 }, 0.5)).toBe(4);
  });

  it('is capped when nothing is spent', () => {
    expect(runwayYears({ usd: 1, tokens: 0 }, { grantsUsdPerYear: 0, subsidyTokensPerYear: 0 }, 1)).toBe(MAX_RUNWAY_YEARS);
  });
});

describe('treasury spending', () => {
  function setup(stakers: boolean) {
    const ledger = new Ledger();
    const account = { usd: 1000, tokens: 500 };
    ledger.usdIn(1000);
    ledger.mint(500);
    const paid: number[] = [];
    const t = new Treasury(account, ledger, () => ({ grantsUsdPerYear: 3650, subsidyTokensPerYear: 365 }), (a) => (stakers ? (paid.push(a), true) : false));
    return { ledger, account, paid, t };
  }

  it('pays grants of g / TPY USD a tick out of the model and a subsidy of s / TPY tokens to stakers', () => {
    const { ledger, account, paid, t } = setup(true);

    t.post({ ticksPerYear: 365 });

    expect(account.usd).toBe(990);
    expect(ledger.usdNet).toBe(990);
    expect(paid).toEqual([1]);
    expect(account.tokens).toBe(499);
  });

  it('keeps the subsidy when nothing is staked, and stops grants when the USD runs out', () => {
    const { account, t } = setup(false);
    account.usd = 4;

    t.post({ ticksPerYear: 365 });

    expect(account.tokens).toBe(500);
    expect(account.usd).toBe(0);
    expect(t.grantsUsdThisTick).toBe(4);
  });

  it('counts USD income as revenue and token income by source', () => {
    const { account, t } = setup(true);

    t.receiveUsd(50, 'service');
    t.noteUsdRevenue(25, 'fees');
    t.receiveTokens(7, 'allocation');

    expect(account.usd).toBe(1050);
    expect(t.revenueUsd.value).toBe(75);
    expect(t.tokensBySource.allocation).toBe(7);
  });
});

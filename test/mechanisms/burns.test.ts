import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/core/ledger';
import { Rng } from '../../src/core/rng';
import { ConstantProductPool } from '../../src/market/amm';
import { BurnOnUse, type ServiceParams, serviceDemandUsd } from '../../src/mechanisms/burnOnUse';
import { ScheduledBurn, scheduledBurnAmount } from '../../src/mechanisms/scheduledBurn';
import { Treasury } from '../../src/mechanisms/treasury';

describe('scheduled burn', () => {
  it('burns tokens + share · supply every K ticks, capped by the treasury', () => {
    const p = { everyTicks: 30, tokens: 100, supplyShare: 0.01 };

    expect(scheduledBurnAmount(p, 29, 10_000, 1e6)).toBe(0);
    expect(scheduledBurnAmount(p, 30, 10_000, 1e6)).toBe(200);
    expect(scheduledBurnAmount(p, 60, 10_000, 150)).toBe(150);
  });

  it('takes the burned tokens from the treasury and records them with the ledger', () => {
    const ledger = new Ledger();
    const treasury = { tokens: 1000, usd: 0 };
    ledger.mint(1000);
    const burn = new ScheduledBurn(() => ({ everyTicks: 1, tokens: 300, supplyShare: 0 }), treasury);

    burn.post({ tick: 1, ledger });

    expect(treasury.tokens).toBe(700);
    expect(ledger.supply).toBe(700);
  });
});

describe('burn on use', () => {
  const params: ServiceParams = { demandUsdPerTick: 1000, growthPerYear: 1, noise: 0, revenueShare: 0.25 };

  it('demand grows as D0 · (1 + g)^(t / TPY): doubling a year at g = 1', () => {
    expect(serviceDemandUsd(params, 365, 365)).toBeCloseTo(2000, 9);
    expect(serviceDemandUsd(params, 0, 365)).toBe(1000);
  });

  it('brings D USD into the model, gives r·D to the treasury and burns the tokens (1 − r)·D buys', () => {
    const ledger = new Ledger();
    const pool = new ConstantProductPool({ tokenReserve: 1e6, usdReserve: 1e6, feeBps: 30 });
    ledger.register(pool);
    ledger.mint(1e6);
    ledger.usdIn(1e6);
    const account = { tokens: 0, usd: 0 };
    const treasury = new Treasury(account, ledger, () => ({ grantsUsdPerYear: 0, subsidyTokensPerYear: 0 }), () => false);
    ledger.register({ name: 'treasury', tokenHoldings: () => account.tokens, usdHoldings: () => account.usd });
    const use = new BurnOnUse(() => ({ ...params, growthPerYear: 0 }), pool, treasury, new Rng(1));
    const expected = pool.quoteBuy(750);

    use.pre({ tick: 1, ticksPerYear: 365, ledger });

    expect(account.usd).toBe(250);
    expect(use.burnedThisTick).toBe(expected);
    expect(ledger.supply).toBeCloseTo(1e6 - expected, 6);
    expect(treasury.revenueUsd.value).toBe(250);
    ledger.check(1);
  });
});

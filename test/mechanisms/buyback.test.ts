import { describe, expect, it } from 'vitest';
import { World } from '../../src/core/world';
import { ConstantProductPool } from '../../src/market/amm';
import { Buyback, type BuybackParams, buybackWantUsd, movingAveragePrice } from '../../src/mechanisms/buyback';
import { Treasury } from '../../src/mechanisms/treasury';

const base: BuybackParams = { policy: 'fixed', everyTicks: 1, amountUsd: 10_000, revenueShare: 0.5, maTicks: 3, floorRatio: 0.9, destination: 'burn' };

/** A world with a 1M/1M pool (0.3% fee, 20% of fees to the protocol), a treasury of 50k USD and 1k tokens. */
function setup(p: Partial<BuybackParams>, stakers: (a: number) => boolean = () => false) {
  const world = new World({ params: {}, seed: 1, check: true });
  const pool = new ConstantProductPool({ tokenReserve: 1e6, usdReserve: 1e6, feeBps: 30 }, 0.2);
  world.ledger.register(pool);
  world.ledger.mint(1e6 + 1000);
  world.ledger.usdIn(1e6 + 50_000);
  world.treasury.tokens = 1000;
  world.treasury.usd = 50_000;
  const paid: number[] = [];
  const pay = (a: number) => {
    const ok = stakers(a);
    if (ok) {
      // stand-in for the staking pool: the tokens leave the treasury's view into an escrow
      paid.push(a);
      world.ledger.burn(a);
    }
    return ok;
  };
  const params = { ...base, ...p };
  const treasury = new Treasury(world.treasury, world.ledger, () => ({ grantsUsdPerYear: 0, subsidyTokensPerYear: 0 }), pay);
  const buyback = new Buyback(() => params, pool, treasury, pay);
  world.tick = 1;
  return { world, pool, treasury, buyback, paid };
}

describe('buybacks settle tokens and USD exactly', () => {
  it('moves exactly u USD from the treasury into the pool and returns quoteBuy(u) tokens, which are burned', () => {
    const { world, pool, buyback } = setup({ destination: 'burn' });
    const usdBefore = pool.usdHoldings();
    const tokensBefore = pool.tokenHoldings();
    const quote = pool.quoteBuy(10_000);
    const supply = world.ledger.supply;

    buyback.post(world);

    expect(world.treasury.usd).toBe(40_000);
    expect(pool.usdHoldings() - usdBefore).toBeCloseTo(10_000, 9);
    expect(buyback.boughtThisTick).toBe(quote);
    expect(tokensBefore - pool.tokenHoldings()).toBeCloseTo(quote, 9);
    expect(supply - world.ledger.supply).toBeCloseTo(quote, 9);
    // the pool charged its fee: fewer tokens than at the marginal price, and the 20% protocol cut of 30 USD set aside
    expect(quote).toBeLessThan(10_000);
    expect(pool.protocolUsd).toBeCloseTo(10_000 * 0.003 * 0.2, 12);
    world.ledger.check(1);
  });

  it('holds the tokens in the treasury when the destination is treasury', () => {
    const { world, pool, buyback } = setup({ destination: 'treasury' });
    const quote = pool.quoteBuy(10_000);

    buyback.post(world);

    expect(world.treasury.tokens).toBe(1000 + quote);
    world.ledger.check(1);
  });

  it('pays stakers, or holds when nothing is staked', () => {
    const a = setup({ destination: 'stakers' }, () => true);
    a.buyback.post(a.world);
    expect(a.paid).toEqual([a.buyback.boughtThisTick]);
    expect(a.world.treasury.tokens).toBe(1000);

    const b = setup({ destination: 'stakers' }, () => false);
    b.buyback.post(b.world);
    expect(b.world.treasury.tokens).toBe(1000 + b.buyback.boughtThisTick);
    b.world.ledger.check(1);
  });

  it('never spends more USD than the treasury holds', () => {
    const { world, buyback } = setup({ amountUsd: 1e9 });

    buyback.post(world);

    expect(buyback.spentUsdThisTick).toBe(50_000);
    expect(world.treasury.usd).toBe(0);
  });
});

describe('buyback policies', () => {
  it('fixed: A every K ticks, nothing between', () => {
    const p = { ...base, everyTicks: 7 };

    expect([6, 7, 8, 14].map((t) => buybackWantUsd(p, t, 0, 1, 1))).toEqual([0, 10_000, 0, 10_000]);
  });

  it('revenue share: s of the revenue since the last buyback, each period', () => {
    const { world, treasury, buyback } = setup({ policy: 'revenueShare', everyTicks: 2, revenueShare: 0.5 });
    treasury.receiveUsd(1000, 'fees'); // treasury now 51,000 USD
    world.tick = 1;
    buyback.post(world);
    expect(buyback.spentUsdThisTick).toBe(0);
    treasury.receiveUsd(3000, 'service');
    world.tick = 2;
    buyback.post(world);
    expect(buyback.spentUsdThisTick).toBe(2000);
    treasury.receiveUsd(400, 'fees');
    world.tick = 4;
    buyback.post(world);
    expect(buyback.spentUsdThisTick).toBe(200);
  });

  it('price floor: buys only while price is below floorRatio × the moving average', () => {
    const p = { ...base, policy: 'priceFloor' as const, floorRatio: 0.9 };

    expect(buybackWantUsd(p, 5, 0, 0.89, 1)).toBe(10_000);
    expect(buybackWantUsd(p, 5, 0, 0.91, 1)).toBe(0);
  });

  it('the moving average is the mean of the last n end-of-tick prices', () => {
    const world = new World({ params: {}, seed: 1 });
    [1, 2, 3, 4].forEach((p, t) => {
      world.tick = t;
      world.recordPrice(p);
    });
    world.tick = 4;

    expect(movingAveragePrice(world, 3)).toBe(3);
  });
});

import { describe, expect, it } from 'vitest';
import { World } from '../../src/core/world';
import { amm } from '../../src/market/amm';
import { buyback, buybackWantUsd, movingAveragePrice, type BuybackParams } from '../../src/mechanisms/buyback';
import { staking, stakingColumns } from '../../src/mechanisms/staking';
import { treasury } from '../../src/mechanisms/treasury';
import { buildBlocks } from '../helpers/blocks';
import { holdersBlock } from '../helpers/holders';

const base: BuybackParams = { policy: 'fixed', everyTicks: 1, amountUsd: 10_000, revenueShare: 0.5, maTicks: 3, floorRatio: 0.9, destination: 'burn' };

/**
 * A model with a 1M/1M pool (0.3% fee, 20% of fees to the protocol), a
 * treasury of 50k USD and 1k tokens, a staking pool, the buyback and one
 * holder of 100 tokens who stakes `stake` of them.
 */
function setup(p: Partial<BuybackParams>, stake = 0) {
  const holders = holdersBlock('holders', stakingColumns, [100]);
  const sim = buildBlocks([amm, treasury, staking, buyback, holders], {
    amm: { tokenReserve: 1e6, usdReserve: 1e6, feeBps: 30 },
    treasury: { tokens: 1000, usd: 50_000 },
    buyback: { ...base, ...p },
  });
  sim.pool.protocolFeeShare = 0.2;
  const member = sim.staking.attach(sim.api(holders));
  if (stake > 0) member.stake(0, stake);
  return { sim, world: sim.world, pool: sim.pool, t: sim.treasury, done: sim.buyback, member };
}

describe('buybacks settle tokens and USD exactly', () => {
  it('moves exactly u USD from the treasury into the pool and returns quoteBuy(u) tokens, which are burned', () => {
    const { world, pool, t, done } = setup({ destination: 'burn' });
    const usdBefore = pool.usdReserve + pool.fees.usd;
    const tokensBefore = pool.tokenReserve + pool.fees.tokens;
    const quote = pool.quoteBuy(10_000);
    const supply = world.ledger.supply;

    world.step();

    expect(t.usd).toBe(40_000);
    expect(pool.usdReserve + pool.fees.usd - usdBefore).toBeCloseTo(10_000, 9);
    expect(done.boughtThisTick).toBe(quote);
    expect(done.burnedThisTick).toBe(quote);
    expect(tokensBefore - (pool.tokenReserve + pool.fees.tokens)).toBeCloseTo(quote, 9);
    expect(supply - world.ledger.supply).toBeCloseTo(quote, 9);
    // the pool charged its fee: fewer tokens than at the marginal price, and the 20% protocol cut of 30 USD set aside
    expect(quote).toBeLessThan(10_000);
    expect(pool.fees.usd).toBeCloseTo(10_000 * 0.003 * 0.2, 12);
  });

  it('holds the tokens in the treasury when the destination is treasury', () => {
    const { world, pool, t } = setup({ destination: 'treasury' });
    const quote = pool.quoteBuy(10_000);

    world.step();

    expect(t.tokens).toBe(1000 + quote);
  });

  // TreasurySource names 'buyback' (tokens bought back) as a source of income, but the trader the
  // treasury opens for buybacks moves the tokens along the pool's routes, which its books do not list.
  it.fails('books the tokens bought back for the treasury as its buyback income', () => {
    const { world, t, done } = setup({ destination: 'treasury' });

    world.step();

    expect(t.incomeThisTick().buyback?.tokens).toBe(done.boughtThisTick);
  });

  it('pays stakers, or holds when nothing is staked', () => {
    const a = setup({ destination: 'stakers' }, 100);
    a.world.step();
    expect(a.member.pending(0)).toBeCloseTo(a.done.boughtThisTick, 9);
    expect(a.sim.staking.distributedThisTick).toBe(a.done.boughtThisTick);
    expect(a.t.tokens).toBe(1000);

    const b = setup({ destination: 'stakers' }, 0);
    b.world.step();
    expect(b.t.tokens).toBe(1000 + b.done.boughtThisTick);
    expect(b.sim.staking.rewards.escrow.tokens).toBe(0);
  });

  it('never spends more USD than the treasury holds', () => {
    const { world, t, done } = setup({ amountUsd: 1e9 });

    world.step();

    expect(done.spentUsdThisTick).toBe(50_000);
    expect(t.usd).toBe(0);
  });

  it('keeps running totals of USD spent and tokens bought', () => {
    const { world, done } = setup({ amountUsd: 1000 });
    const bought: number[] = [];

    for (let k = 0; k < 3; k++) {
      world.step();
      bought.push(done.boughtThisTick);
    }

    expect(done.spentUsd).toBe(3000);
    expect(done.bought).toBe(bought[0] + bought[1] + bought[2]);
  });
});

describe('buyback policies', () => {
  it('fixed: A every K ticks, nothing between', () => {
    const p = { ...base, everyTicks: 7 };

    expect([6, 7, 8, 14].map((t) => buybackWantUsd(p, t, 0, 1, 1))).toEqual([0, 10_000, 0, 10_000]);
  });

  it('off: nothing, whatever the revenue or price', () => {
    const p = { ...base, policy: 'off' as const };

    expect(buybackWantUsd(p, 30, 1e6, 0.1, 1)).toBe(0);
  });

  it('revenue share: s of the revenue since the last buyback, each period', () => {
    const { world, t, done } = setup({ policy: 'revenueShare', everyTicks: 2, revenueShare: 0.5 });
    t.receive('outside', 1000, 'fees', 'usd'); // treasury now 51,000 USD
    world.step(); // tick 1
    expect(done.spentUsdThisTick).toBe(0);
    t.receive('outside', 3000, 'service', 'usd');
    world.step(); // tick 2
    expect(done.spentUsdThisTick).toBe(2000);
    t.receive('outside', 400, 'fees', 'usd');
    world.step(); // tick 3
    world.step(); // tick 4
    expect(done.spentUsdThisTick).toBe(200);
  });

  it('revenue share: USD that is not revenue (a grant, genesis) buys nothing', () => {
    const { world, t, done } = setup({ policy: 'revenueShare', everyTicks: 1, revenueShare: 1 });
    t.receive('outside', 5000, 'other', 'usd');

    world.step();

    expect(done.spentUsdThisTick).toBe(0);
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

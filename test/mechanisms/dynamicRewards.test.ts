import { describe, expect, it } from 'vitest';
import type { Population } from '../../src/core/population';
import { amm } from '../../src/market/amm';
import type { ConstantProductPool } from '../../src/market/constantProductPool';
import { usageBurn } from '../../src/mechanisms/burnOnUse';
import { dynamicRewards, type DynamicRewardsParams, dynamicReward } from '../../src/mechanisms/dynamicRewards';
import { staking, stakingColumns } from '../../src/mechanisms/staking';
import { treasury } from '../../src/mechanisms/treasury';
import { buildBlocks } from '../helpers/blocks';
import { holdersBlock } from '../helpers/holders';

const p: DynamicRewardsParams = { enabled: true, basePerYear: 3650, feeShare: 0.5, usageShare: 0.2, targetRatio: 0.5, maxMultiplier: 3, source: 'mint' };

describe('dynamic staking rewards', () => {
  it('R = (B/TPY + (φf·F + φu·U)/p) · min(mmax, r*/r): (10 + (0.5·100 + 0.2·500)/2) · 0.5/0.25 = 170', () => {
    expect(dynamicReward(p, 365, 100, 500, 2, 0.25)).toBeCloseTo(170, 12);
  });

  it('falls below the base when more than the target is staked and caps the multiplier when little is', () => {
    expect(dynamicReward(p, 365, 0, 0, 1, 1)).toBeCloseTo(5, 12);
    expect(dynamicReward(p, 365, 0, 0, 1, 0.01)).toBeCloseTo(30, 12);
    expect(dynamicReward(p, 365, 0, 0, 1, 0)).toBeCloseTo(30, 12);
  });

  /**
   * A model of a 1000/1000 pool, a treasury of `treasuryTokens`, staking
   * (no unbonding) and dynamic rewards with `q` over `p` (multiplier capped
   * at 1, so below the target ratio the reward is the activity reward
   * itself); one holder of 1000 tokens and 100,000 USD stakes them all and
   * trades what `onTick` sets in the agents phase.
   */
  function setup(q: Partial<DynamicRewardsParams>, treasuryTokens = 0) {
    let trade: (pool: ConstantProductPool, pop: Population) => void = () => {};
    const holders = holdersBlock('holders', stakingColumns, [1000], [100_000], (pop) => trade(sim.pool, pop));
    const sim = buildBlocks([amm, treasury, staking, dynamicRewards, holders], {
      amm: { tokenReserve: 1000, usdReserve: 1000, feeBps: 30 },
      treasury: { tokens: treasuryTokens, usd: 0 },
      staking: { unbondingTicks: 0 },
      dynamicRewards: { ...p, maxMultiplier: 1, ...q },
    });
    const member = sim.staking.attach(sim.api(holders));
    member.stake(0, 1000);
    return { sim, world: sim.world, member, done: sim.dynamicRewards, onTick: (f: typeof trade) => (trade = f) };
  }

  it("pays on last tick's activity, minting only what stakers receive", () => {
    // Staking ratio 1000 / 2000 = 0.5 at most: multiplier 1. Tick 1: no activity seen yet, base 3650/365 = 10.
    // Tick 2: 10 + 0.5 · F / p for tick 1's fees F (a 5,000 USD buy: 15 USD) at the price p after it. Tick 3: nothing staked.
    const { sim, world, member, done, onTick } = setup({});
    const minted0 = world.ledger.minted;
    onTick((pool, pop) => pool.buyFor(pop, 0, 5000));
    world.step();
    const first = done.paidThisTick;
    const fees = sim.pool.feesUsd + sim.pool.feesTokens * sim.pool.price;
    const price = sim.pool.price;
    onTick(() => {});
    world.step();
    const second = done.paidThisTick;
    member.unstake(0, member.pop.cols.staked[0], world.tick);
    world.step();

    expect(first).toBeCloseTo(10, 12);
    expect(fees).toBeCloseTo(15, 9);
    expect(second).toBeCloseTo(10 + (0.5 * fees) / price, 12);
    expect(done.paidThisTick).toBe(0);
    expect(world.ledger.minted - minted0).toBeCloseTo(first + second, 12);
  });

  it("reads last tick's service payments when the model burns on use", () => {
    // 1,000 USD of usage (no noise, no revenue share) with usageShare 0.2: tick 2 pays 10 + 0.2 · 1000 / p,
    // p the price when tick 2 begins (the rewards run before the usage burn in this list).
    const holders = holdersBlock('holders', stakingColumns, [1000]);
    const sim = buildBlocks([amm, treasury, staking, dynamicRewards, usageBurn, holders], {
      amm: { tokenReserve: 1e6, usdReserve: 1e6, feeBps: 0 },
      treasury: { tokens: 1e6, usd: 0 },
      usageBurn: { demandUsdPerTick: 1000, growthPerYear: 0, noise: 0, revenueShare: 0 },
      dynamicRewards: { ...p, feeShare: 0, maxMultiplier: 1 },
    });
    sim.staking.attach(sim.api(holders)).stake(0, 1000);

    sim.world.step();
    const price = sim.pool.price;
    sim.world.step();

    expect(sim.dynamicRewards.paidThisTick).toBeCloseTo(10 + (0.2 * 1000) / price, 9);
  });

  it('from the treasury: pays at most its tokens and mints nothing', () => {
    const { sim, world, member, done } = setup({ source: 'treasury' }, 4);
    const minted = world.ledger.minted;

    world.step();

    expect(done.paidThisTick).toBe(4);
    expect(sim.treasury.tokens).toBe(0);
    expect(world.ledger.minted).toBe(minted);
    expect(member.pending(0)).toBeCloseTo(4, 12);
  });

  it('pays nothing when disabled', () => {
    const { world, done } = setup({ enabled: false });

    world.step();

    expect(done.paidThisTick).toBe(0);
  });
});

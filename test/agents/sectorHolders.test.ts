import { describe, expect, it } from 'vitest';
import { sectorHolders } from '../../agents/sectorHolders';
import { amm } from '../../src/market/amm';
import { locking } from '../../src/mechanisms/lockedStaking';
import { staking } from '../../src/mechanisms/staking';
import { treasury } from '../../src/mechanisms/treasury';
import { vesting, type SectorHolderTraits, type VestingSector } from '../../src/mechanisms/vesting';
import { buildBlocks, summarise } from '../helpers/blocks';

const c = (value: number) => ({ dist: 'constant' as const, value });

function traits(t: Partial<SectorHolderTraits>): SectorHolderTraits {
  return { count: 4, weight: c(1), sellShare: c(0), stakeShare: c(0), lockShare: c(0), lockTicks: c(10), sellPace: c(1), ...t };
}

/** A sector of `tokens` paying its holders everything at tick 1. */
function sector(name: string, tokens: number, holders: SectorHolderTraits): VestingSector {
  return { name, tokens, startTick: 1, cliffTicks: 0, vestingTicks: 0, granularity: 'daily', tgeShare: 0, recipient: 'holders', holders };
}

/** A model of a 1M/1M pool, an empty treasury, staking (no unbonding), locks (M = 100, penalty 0.5), vesting of `sectors` and their holders. */
function setup(sectors: VestingSector[]) {
  const sim = buildBlocks([amm, treasury, staking, locking, vesting, sectorHolders], {
    amm: { tokenReserve: 1e6, usdReserve: 1e6, feeBps: 30 },
    treasury: { tokens: 0, usd: 0 },
    staking: { unbondingTicks: 0 },
    locking: { maxLockTicks: 100, earlyExitPenalty: 0.5 },
    vesting: { sectors },
  }, 7);
  return { sim, world: sim.world, pool: sim.pool, staking: sim.staking, locking: sim.locking, holders: sim.sectorHolders };
}

describe('sector holders', () => {
  it("split a sector's unlock by weight, summing to the unlock, and leave other sectors alone", () => {
    const { world, holders } = setup([
      sector('team', 1000, traits({ count: 3, weight: { dist: 'uniform', min: 0.5, max: 2 } })),
      sector('investors', 0, traits({ count: 2 })),
    ]);
    const { tokens, weight } = holders.population.cols;

    world.step();

    const sum = tokens[0] + tokens[1] + tokens[2];
    expect(sum).toBe(1000);
    expect(tokens[0] / tokens[1]).toBeCloseTo(weight[0] / weight[1], 12);
    expect([tokens[3], tokens[4]]).toEqual([0, 0]);
  });

  it('receive their unlock from the vesting account, along the allocation route', () => {
    const { sim, world } = setup([sector('team', 1000, traits({ count: 2 }))]);
    const account = sim.vesting.account;

    world.step();

    expect(account.tokens).toBe(0);
    const r = world.ledger.routes.find((x) => x.reason === 'allocation' && x.fromName === 'vesting' && x.toName === 'sectorHolders')!;
    expect(r.tick).toBe(1000);
  });

  it('sell sellShare of an unlock, stake stakeShare of the rest, lock lockShare of what remains, and hold the remainder', () => {
    const { world, staking, locking, holders } = setup([sector('team', 1000, traits({ count: 1, sellShare: c(0.5), stakeShare: c(0.5), lockShare: c(0.5) }))]);

    world.step();

    expect(holders.soldThisTick).toBe(500);
    expect(holders.soldUsdThisTick).toBeGreaterThan(0);
    expect(staking.totalStaked).toBe(250);
    expect(locking.totalLocked).toBe(125);
    expect(holders.population.cols.tokens[0]).toBe(125);
  });

  it('spread sales at sellPace of what awaits sale each tick', () => {
    const { world, holders } = setup([sector('team', 800, traits({ count: 1, sellShare: c(1), sellPace: c(0.5) }))]);

    const sold: number[] = [];
    for (let t = 0; t < 3; t++) {
      world.step();
      sold.push(holders.soldThisTick);
    }

    expect(sold).toEqual([400, 200, 100]);
    expect(holders.soldBySector[0]).toBe(100);
  });

  it('leave a lock early, paying the penalty to the treasury, once the price falls by exitDrawdown since they locked', () => {
    const { sim, world, pool, locking, holders } = setup([sector('team', 1000, traits({ count: 1, lockShare: c(1), lockTicks: c(100), exitDrawdown: c(0.2) }))]);
    world.step();
    expect(locking.totalLocked).toBe(1000);

    // a seller outside the model dumps 400k new tokens: the price falls by more than 20% (the ledger sees both legs)
    pool.trader('outside', 'mint', 'dump').sell(400_000);
    world.step();

    expect(locking.totalLocked).toBe(0);
    // penalty 1000 · 0.5 · (101 − 2) / 100 = 495 to the treasury
    expect(sim.treasury.tokens).toBeCloseTo(495, 9);
    expect(sim.treasury.incomeThisTick()['lock penalty'].tokens).toBeCloseTo(495, 9);
    expect(holders.population.cols.tokens[0]).toBeCloseTo(505, 9);
  });

  it('summarise what they sold: its share of the unlocks and the peak sell pressure', () => {
    const { sim } = setup([sector('team', 1000, traits({ count: 1 }))]);
    const given = { unlocked: [0, 100, 300], sector_sold: [0, 50, 50], sell_pressure_usd: [0, 40, 45], price: [1, 1, 1] };

    const k = summarise(sim, given, [0, 1, 2]);

    expect(k.total_sector_sold).toBe(100);
    expect(k.sector_sold_share).toBe(0.25);
    expect(k.total_sell_pressure_usd).toBe(85);
    expect(k.peak_sell_pressure_usd).toBe(45);
  });
});

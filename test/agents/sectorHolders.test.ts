import { describe, expect, it } from 'vitest';
import { SectorHolders, type SectorHolderTraits } from '../../agents/sectorHolders';
import { Rng } from '../../src/core/rng';
import { World } from '../../src/core/world';
import { ConstantProductPool } from '../../src/market/amm';
import { LockPool } from '../../src/mechanisms/lockedStaking';
import { addStakingPool } from '../../src/mechanisms/staking';

const c = (value: number) => ({ dist: 'constant' as const, value });

function traits(t: Partial<SectorHolderTraits>): SectorHolderTraits {
  return { count: 4, weight: c(1), sellShare: c(0), stakeShare: c(0), lockShare: c(0), lockTicks: c(10), sellPace: c(1), ...t };
}

function setup(sectors: { name: string; holders: SectorHolderTraits }[]) {
  const world = new World({ params: {}, seed: 1, check: true });
  const pool = new ConstantProductPool({ tokenReserve: 1e6, usdReserve: 1e6, feeBps: 30 });
  world.ledger.register(pool);
  world.ledger.mint(1e6);
  world.ledger.usdIn(1e6);
  const staking = addStakingPool(world, () => 0);
  const locking = new LockPool(() => 100, () => 0.5, (t) => {
    world.treasury.tokens += t;
  });
  world.ledger.register(locking);
  const holders = world.addAgents(new SectorHolders(sectors, pool, staking, locking));
  holders.init(world, new Rng(7));
  /** Mints an unlock of sector k and credits it, as the vesting escrow would. */
  const unlock = (k: number, amount: number) => {
    world.ledger.mint(amount);
    holders.receive(k, amount);
  };
  return { world, pool, staking, locking, holders, unlock };
}

describe('sector holders', () => {
  it("split a sector's unlock by weight, summing to the unlock, and leave other sectors alone", () => {
    const { holders, unlock } = setup([
      { name: 'team', holders: traits({ count: 3, weight: { dist: 'uniform', min: 0.5, max: 2 } }) },
      { name: 'investors', holders: traits({ count: 2 }) },
    ]);
    const { tokens, weight } = holders.population.cols;

    unlock(0, 1000);

    const sum = tokens[0] + tokens[1] + tokens[2];
    expect(sum).toBe(1000);
    expect(tokens[0] / tokens[1]).toBeCloseTo(weight[0] / weight[1], 12);
    expect([tokens[3], tokens[4]]).toEqual([0, 0]);
  });

  it('sell sellShare of an unlock, stake stakeShare of the rest, lock lockShare of what remains, and hold the remainder', () => {
    const { world, staking, locking, holders, unlock } = setup([
      { name: 'team', holders: traits({ count: 1, sellShare: c(0.5), stakeShare: c(0.5), lockShare: c(0.5) }) },
    ]);
    unlock(0, 1000);
    world.step();

    expect(holders.soldThisTick).toBe(500);
    expect(holders.soldUsdThisTick).toBeGreaterThan(0);
    expect(staking.totalStaked).toBe(250);
    expect(locking.totalLocked).toBe(125);
    expect(holders.population.cols.tokens[0]).toBe(125);
  });

  it('spread sales at sellPace of what awaits sale each tick', () => {
    const { world, holders, unlock } = setup([{ name: 'team', holders: traits({ count: 1, sellShare: c(1), sellPace: c(0.5) }) }]);
    unlock(0, 800);

    const sold: number[] = [];
    for (let t = 0; t < 3; t++) {
      world.step();
      sold.push(holders.soldThisTick);
    }

    expect(sold).toEqual([400, 200, 100]);
    expect(holders.soldBySector[0]).toBe(100);
  });

  it('leave a lock early, paying the penalty to the treasury, once the price falls by exitDrawdown since they locked', () => {
    const { world, pool, locking, holders, unlock } = setup([
      { name: 'team', holders: traits({ count: 1, lockShare: c(1), lockTicks: c(100), exitDrawdown: c(0.2) }) },
    ]);
    unlock(0, 1000);
    world.step();
    expect(locking.totalLocked).toBe(1000);

    // a seller outside the model dumps 400k new tokens: the price falls by more than 20% (the ledger sees both legs)
    world.ledger.mint(400_000);
    world.ledger.usdOut(pool.sell(400_000));
    world.step();

    expect(locking.totalLocked).toBe(0);
    // penalty 1000 · 0.5 · (101 − 2) / 100 = 495 to the treasury
    expect(world.treasury.tokens).toBeCloseTo(495, 9);
    expect(holders.population.cols.tokens[0]).toBeCloseTo(505, 9);
  });
});

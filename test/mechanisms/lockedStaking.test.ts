import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/core/ledger';
import { Population } from '../../src/core/population';
import { World } from '../../src/core/world';
import { LockPool } from '../../src/mechanisms/lockedStaking';

function setup(n: number, M: number) {
  const world = new World({ params: {}, seed: 1 });
  const pop = new Population('holders', {}, n);
  pop.add(n);
  world.addPopulation(pop);
  const pool = new LockPool(() => M);
  pool.attach(pop);
  world.ledger.register(pool);
  return { world, pop, pool, ledger: world.ledger as Ledger };
}

describe('lock-weighted staking', () => {
  it('weights a lock by a · (u − t) / M, decaying to zero at unlock', () => {
    const { pop, pool } = setup(1, 100);
    pop.cols.tokens[0] = 1000;

    pool.lock(pop, 0, 1000, 50, 10); // unlock at tick 60

    expect(pool.weightOf(pop, 0, 10)).toBe(500);
    expect(pool.weightOf(pop, 0, 35)).toBe(250);
    expect(pool.weightOf(pop, 0, 60)).toBe(0);
    expect(pool.totalWeight(35)).toBe(250);
  });

  it('hand-worked: a 100-tick and a 50-tick lock of 100 tokens share a reward 2 : 1 at the start', () => {
    const { pop, pool } = setup(2, 100);
    pop.cols.tokens[0] = pop.cols.tokens[1] = 100;
    pool.lock(pop, 0, 100, 100, 0);
    pool.lock(pop, 1, 100, 50, 0);

    pool.distribute(30, 0); // weights 100 and 50

    expect(pool.pending(pop, 0)).toBeCloseTo(20, 12);
    expect(pool.pending(pop, 1)).toBeCloseTo(10, 12);
  });

  it('returns the tokens and the rewards earned at the unlock tick', () => {
    const { world, pop, pool } = setup(1, 10);
    pop.cols.tokens[0] = 100;
    pool.lock(pop, 0, 100, 3, 0);
    for (let t = 1; t <= 3; t++) {
      world.tick = t;
      pool.pre(world);
      pool.distribute(5, t); // ticks 1 and 2 have weight; tick 3 has none
    }

    expect(pop.cols.tokens[0]).toBeCloseTo(110, 12);
    expect(pool.totalLocked).toBe(0);
    expect(pool.escrow).toBeCloseTo(0, 12);
  });

  it('leaving early forfeits a · π · (u − t) / M to the penalty sink: 1000 · 0.5 · 25/100 = 125', () => {
    const world = new World({ params: {}, seed: 1 });
    const pop = new Population('holders', {}, 1);
    pop.add(1);
    const penalties: number[] = [];
    const pool = new LockPool(() => 100, () => 0.5, (t) => penalties.push(t));
    pool.attach(pop);
    pop.cols.tokens[0] = 1000;
    pool.lock(pop, 0, 1000, 50, 10); // unlock at tick 60
    pool.distribute(20, 20);

    const back = pool.exitEarly(pop, 0, 35);

    expect(penalties).toEqual([125]);
    expect(back).toBe(875);
    expect(pop.cols.tokens[0]).toBeCloseTo(875 + 20, 12);
    expect([pool.totalLocked, pool.locks, pool.totalWeight(36)]).toEqual([0, 0, 0]);
    world.tick = 60;
    pool.pre(world); // the stale expiry entry does nothing
    expect(pop.cols.tokens[0]).toBeCloseTo(895, 12);
  });

  it('pays every holder exactly what a tick-by-tick loop over weights pays (differential)', () => {
    const action = fc.record({ who: fc.nat(4), amount: fc.double({ min: 1, max: 1000, noNaN: true }), ticks: fc.integer({ min: 1, max: 40 }) });
    fc.assert(
      fc.property(fc.array(fc.option(action, { nil: null }), { minLength: 1, maxLength: 60 }), fc.double({ min: 0, max: 50, noNaN: true }), (plan, reward) => {
        const M = 30;
        const { world, pop, pool, ledger } = setup(5, M);
        for (let i = 0; i < 5; i++) pop.cols.tokens[i] = 1e6;
        ledger.mint(5e6);
        const amount = new Float64Array(5);
        const end = new Float64Array(5);
        const expected = new Float64Array(5);
        const start = Float64Array.from(pop.cols.tokens.subarray(0, 5));
        for (let t = 1; t <= plan.length + 45; t++) {
          world.tick = t;
          pool.pre(world);
          // reference: expire, then share R_t by weight a(u − t)/M
          for (let i = 0; i < 5; i++) if (amount[i] > 0 && end[i] <= t) amount[i] = 0;
          let W = 0;
          for (let i = 0; i < 5; i++) if (amount[i] > 0) W += (amount[i] * (end[i] - t)) / M;
          const paid = pool.distribute(reward, t);
          if (paid) ledger.mint(reward);
          expect(paid).toBe(W > 0 && reward > 0);
          if (paid) for (let i = 0; i < 5; i++) if (amount[i] > 0) expected[i] += (reward * amount[i] * (end[i] - t)) / M / W;
          const a = plan[t - 1];
          if (a) {
            const locked = pool.lock(pop, a.who, a.amount, a.ticks, t);
            const u = Math.max(amount[a.who] > 0 ? end[a.who] : 0, t + Math.min(M, a.ticks));
            amount[a.who] += locked;
            end[a.who] = u;
          }
        }
        for (let i = 0; i < 5; i++) {
          const got = pop.cols.tokens[i] - start[i];
          expect(Math.abs(got - expected[i])).toBeLessThanOrEqual(1e-7 * Math.max(1, expected[i]));
        }
        expect(pool.totalLocked).toBe(0);
        expect(Math.abs(ledger.totalTokenHoldings() - ledger.supply)).toBeLessThanOrEqual(1e-9 * ledger.minted);
      }),
      { numRuns: 150 },
    );
  });
});

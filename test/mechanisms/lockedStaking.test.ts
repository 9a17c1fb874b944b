import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lockColumns, locking } from '../../src/mechanisms/lockedStaking';
import { treasury } from '../../src/mechanisms/treasury';
import { buildBlocks } from '../helpers/blocks';
import { holdersBlock } from '../helpers/holders';

/**
 * A model of an empty treasury, the locking block (longest lock M, early-exit
 * penalty π) and holders starting with `balances`, attached to the lock
 * pool; `distribute(R)` mints R to lockers by weight during the tick the
 * pool last began (`pool.pre(t)`).
 */
function setup(balances: number[], M: number, penalty = 0.5) {
  const holders = holdersBlock('holders', lockColumns, balances);
  const sim = buildBlocks([treasury, locking, holders], { treasury: { tokens: 0, usd: 0 }, locking: { maxLockTicks: M, earlyExitPenalty: penalty } });
  const pool = sim.locking;
  const pop = sim.api(holders);
  const sink = pool.rewardsFrom('mint', 'test reward');
  return { sim, pool, pop, locks: pool.attach(pop), ledger: sim.world.ledger, distribute: (amount: number) => sink.pay(amount) };
}

describe('lock-weighted staking', () => {
  it('weights a lock by a · (u − t) / M, decaying to zero at unlock', () => {
    const { pool, locks } = setup([1000], 100);

    locks.lock(0, 1000, 50, 10); // unlock at tick 60

    expect(locks.weightOf(0, 10)).toBe(500);
    expect(locks.weightOf(0, 35)).toBe(250);
    expect(locks.weightOf(0, 60)).toBe(0);
    expect(pool.totalWeight(35)).toBe(250);
  });

  it('hand-worked: a 100-tick and a 50-tick lock of 100 tokens share a reward 2 : 1 at the start', () => {
    const { locks, distribute } = setup([100, 100], 100);
    locks.lock(0, 100, 100, 0);
    locks.lock(1, 100, 50, 0);

    distribute(30); // weights 100 and 50 at tick 0

    expect(locks.pending(0)).toBeCloseTo(20, 12);
    expect(locks.pending(1)).toBeCloseTo(10, 12);
  });

  it('returns the tokens and the rewards earned at the unlock tick', () => {
    const { pool, pop, locks, distribute } = setup([100], 10);
    locks.lock(0, 100, 3, 0);
    for (let t = 1; t <= 3; t++) {
      pool.pre(t);
      distribute(5); // ticks 1 and 2 have weight; tick 3 has none
    }

    expect(pop.cols.tokens[0]).toBeCloseTo(110, 12);
    expect(pool.totalLocked).toBe(0);
    expect(pool.escrow.tokens).toBeCloseTo(0, 12);
  });

  it('keeps the later unlock when adding to a lock, settling it first', () => {
    // Lock 100 until tick 50, add 100 for 10 ticks at tick 20 (→ 30): the lock keeps tick 50, 200 tokens.
    const { pop, locks, distribute } = setup([300], 100);
    locks.lock(0, 100, 50, 0);
    distribute(7);

    locks.lock(0, 100, 10, 20);

    expect(pop.cols.lockAmount[0]).toBe(200);
    expect(pop.cols.lockEnd[0]).toBe(50);
    expect(pop.cols.tokens[0]).toBeCloseTo(100 + 7, 12);
  });

  it('clamps a lock’s length to [1, maxLockTicks]', () => {
    const { pop, locks } = setup([10, 10], 100);

    locks.lock(0, 10, 500, 5);
    locks.lock(1, 10, 0, 5);

    expect([pop.cols.lockEnd[0], pop.cols.lockEnd[1]]).toEqual([105, 6]);
  });

  it('leaving early forfeits a · π · (u − t) / M to the treasury as lock penalty: 1000 · 0.5 · 25/100 = 125', () => {
    const { sim, pool, pop, locks, distribute } = setup([1000], 100, 0.5);
    locks.lock(0, 1000, 50, 10); // unlock at tick 60
    pool.pre(20);
    distribute(20);

    const back = locks.exitEarly(0, 35);

    expect(back).toBe(875);
    expect(sim.treasury.tokens).toBe(125);
    expect(sim.treasury.incomeThisTick()['lock penalty']).toEqual({ tokens: 125, usd: 0 });
    expect(pool.penaltiesThisTick).toBe(125);
    expect(pop.cols.tokens[0]).toBeCloseTo(875 + 20, 12);
    expect([pool.totalLocked, pool.locks, pool.totalWeight(36)]).toEqual([0, 0, 0]);
    pool.pre(60); // the stale expiry entry does nothing
    expect(pop.cols.tokens[0]).toBeCloseTo(895, 12);
    expect(() => sim.world.ledger.check(60)).not.toThrow();
  });

  it('refuses to exit a lock that has ended or does not exist', () => {
    const { pool, locks } = setup([100, 100], 100);
    locks.lock(0, 100, 5, 0);

    expect(locks.exitEarly(1, 1)).toBe(0);
    expect(locks.exitEarly(0, 5)).toBe(0);
    expect(pool.penaltiesThisTick).toBe(0);
  });

  it('keeps locks and unsettled rewards out of the circulating supply', () => {
    const { ledger, locks, distribute } = setup([100, 100], 100);
    locks.lock(0, 60, 50, 0);

    distribute(10);

    expect(ledger.circulating()).toBe(140);
    expect(ledger.supply).toBe(210);
  });

  it('pays every holder exactly what a tick-by-tick loop over weights pays (differential)', () => {
    const action = fc.record({ who: fc.nat(4), amount: fc.double({ min: 1, max: 1000, noNaN: true }), ticks: fc.integer({ min: 1, max: 40 }) });
    fc.assert(
      fc.property(fc.array(fc.option(action, { nil: null }), { minLength: 1, maxLength: 60 }), fc.double({ min: 0, max: 50, noNaN: true }), (plan, reward) => {
        const M = 30;
        const { pool, pop, locks, ledger, distribute } = setup([1e6, 1e6, 1e6, 1e6, 1e6], M);
        const amount = new Float64Array(5);
        const end = new Float64Array(5);
        const expected = new Float64Array(5);
        const start = Float64Array.from(pop.cols.tokens.subarray(0, 5));
        for (let t = 1; t <= plan.length + 45; t++) {
          pool.pre(t);
          // reference: expire, then share R_t by weight a(u − t)/M
          for (let i = 0; i < 5; i++) if (amount[i] > 0 && end[i] <= t) amount[i] = 0;
          let W = 0;
          for (let i = 0; i < 5; i++) if (amount[i] > 0) W += (amount[i] * (end[i] - t)) / M;
          const paid = distribute(reward);
          expect(paid).toBe(W > 0 && reward > 0);
          if (paid) for (let i = 0; i < 5; i++) if (amount[i] > 0) expected[i] += (reward * amount[i] * (end[i] - t)) / M / W;
          const a = plan[t - 1];
          if (a) {
            const locked = locks.lock(a.who, a.amount, a.ticks, t);
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
        expect(() => ledger.check(plan.length + 45)).not.toThrow();
      }),
      { numRuns: 150 },
    );
  });
});

describe('the locking block', () => {
  it('reports locked tokens, lock weight, rewards and penalties of the tick', () => {
    // Lock 1000 for 50 of M = 100 at tick 10 → weight 500 at tick 10; 20 distributed; exit at 35 pays 125.
    const { sim, pool, locks, distribute } = setup([1000, 400], 100);
    const read = Object.fromEntries(sim.metrics.map((x) => [x.name, x.read]));
    locks.lock(0, 1000, 50, 10);
    locks.lock(1, 400, 100, 10);
    pool.pre(10);
    sim.world.tick = 10;
    const weight = read.lock_weight();
    distribute(20);
    locks.exitEarly(0, 35);

    expect(weight).toBe(500 + 400);
    expect(read.locked()).toBe(400);
    expect(read.locker_rewards()).toBe(20);
    expect(read.lock_penalties()).toBe(125);
  });
});

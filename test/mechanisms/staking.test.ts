import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Population } from '../../src/core/population';
import { compensatedSum } from '../../src/core/sum';
import { World } from '../../src/core/world';
import { RewardIndex } from '../../src/mechanisms/rewardIndex';
import { StakingPool, addStakingPool } from '../../src/mechanisms/staking';

type Cols = Record<string, Float64Array>;

/** A population of `balances.length` agents holding the given tokens, attached to `pool`. */
function stakers(pool: StakingPool, balances: number[], name = 'stakers'): Population {
  const pop = new Population(name, {});
  pop.add(balances.length);
  pop.cols.tokens.set(balances);
  pool.attach(pop);
  return pop;
}

function cols(pop: Population): Cols {
  return pop.cols as unknown as Cols;
}

/** Drives the pool's `pre` phase at `tick` with a minimal world. */
function preAt(pool: StakingPool, tick: number): void {
  pool.pre({ tick } as unknown as World);
}

function expectClose(actual: number, expected: number, tol = 1e-9): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

describe('StakingPool rewards', () => {
  it('pays each staker exactly its pro-rata share of every distribution as stakes change', () => {
    // Each agent starts with 1000 tokens; unbonding 5 ticks.
    //   A stakes 100;               distribute 10 over 100:  A 10
    //   B stakes 300;               distribute 40 over 400:  A 10, B 30
    //   C stakes 600;               distribute 50 over 1000: A 5,  B 15, C 30
    //   B unstakes 200 (keeps 100); distribute 80 over 800:  A 10, B 10, C 60
    // Totals: A 35, B 55, C 90 (= 180 distributed).
    const pool = new StakingPool(() => 5);
    const pop = stakers(pool, [1000, 1000, 1000]);
    const [A, B, C] = [0, 1, 2];

    pool.stake(pop, A, 100);
    pool.distribute(10);
    pool.stake(pop, B, 300);
    pool.distribute(40);
    pool.stake(pop, C, 600);
    pool.distribute(50);
    pool.unstake(pop, B, 200, 1);
    pool.distribute(80);
    for (const i of [A, B, C]) pool.settle(pop, i);

    const c = cols(pop);
    const reward = (i: number): number => c.tokens[i] + c.staked[i] + c.unbonding[i] - 1000;
    expectClose(reward(A), 35);
    expectClose(reward(B), 55);
    expectClose(reward(C), 90);
    expectClose(pool.rewards.escrow, 0);
  });

  it('settles the pending reward into the balance before an unstake', () => {
    // A and B stake 100 each; distribute 30 → 15 each; A unstakes and is paid 15.
    const pool = new StakingPool(() => 0);
    const pop = stakers(pool, [100, 100]);
    pool.stake(pop, 0, 100);
    pool.stake(pop, 1, 100);
    pool.distribute(30);

    pool.unstake(pop, 0, 100, 1);

    expectClose(pop.cols.tokens[0], 115);
    expectClose(pool.pending(pop, 0), 0);
    expectClose(pool.pending(pop, 1), 15);
  });

  it('gives a newcomer nothing from distributions made before it staked', () => {
    // A stakes 100, distribute 50 (all to A); then B stakes 100: B is owed 0.
    const pool = new StakingPool(() => 0);
    const pop = stakers(pool, [100, 100]);
    pool.stake(pop, 0, 100);
    pool.distribute(50);

    pool.stake(pop, 1, 100);

    expect(pool.pending(pop, 1)).toBe(0);
    expectClose(pool.pending(pop, 0), 50);
  });

  it('returns false and keeps nothing in escrow when distributing with nothing staked', () => {
    const pool = new StakingPool(() => 0);
    stakers(pool, [100]);

    const ok = pool.distribute(10);

    expect(ok).toBe(false);
    expect(pool.rewards.escrow).toBe(0);
    expect(pool.distributedThisTick).toBe(0);
  });

  it('counts accepted distributions in distributedThisTick and resets it in pre', () => {
    const pool = new StakingPool(() => 0);
    const pop = stakers(pool, [100]);
    pool.stake(pop, 0, 100);
    pool.distribute(10);
    pool.distribute(5);
    const during = pool.distributedThisTick;

    preAt(pool, 2);

    expect(during).toBe(15);
    expect(pool.distributedThisTick).toBe(0);
  });

  it('matches a plain per-staker reference over random stake/unstake/distribute sequences', () => {
    // Reference: each distribution R is paid out at once as R · stake_j / Σ stake.
    const op = fc.record({
      kind: fc.constantFrom('stake', 'unstake', 'distribute'),
      agent: fc.integer({ min: 0, max: 3 }),
      amount: fc.double({ min: 0.01, max: 500, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), (ops) => {
        const pool = new StakingPool(() => 0);
        const pop = stakers(pool, [1000, 1000, 1000, 1000]);
        const refStake = [0, 0, 0, 0];
        const refReward = [0, 0, 0, 0];
        let distributed = 0;
        for (const o of ops) {
          if (o.kind === 'stake') refStake[o.agent] += pool.stake(pop, o.agent, o.amount);
          else if (o.kind === 'unstake') refStake[o.agent] -= pool.unstake(pop, o.agent, o.amount, 1);
          else if (pool.distribute(o.amount)) {
            const total = refStake.reduce((a, b) => a + b, 0);
            for (let j = 0; j < 4; j++) refReward[j] += (o.amount * refStake[j]) / total;
            distributed += o.amount;
          }
        }
        for (let j = 0; j < 4; j++) pool.settle(pop, j);

        const c = cols(pop);
        for (let j = 0; j < 4; j++) {
          const reward = c.tokens[j] + c.staked[j] + c.unbonding[j] - 1000;
          expect(Math.abs(reward - refReward[j])).toBeLessThanOrEqual(1e-9 * Math.max(1, distributed + 4000));
        }
      }),
    );
  });
});

describe('StakingPool stake and unstake amounts', () => {
  it('stakes at most the token balance', () => {
    const pool = new StakingPool(() => 0);
    const pop = stakers(pool, [40]);

    const staked = pool.stake(pop, 0, 100);

    expect(staked).toBe(40);
    expect(pop.cols.tokens[0]).toBe(0);
    expect(pool.totalStaked).toBe(40);
  });

  it('unstakes at most the stake', () => {
    const pool = new StakingPool(() => 0);
    const pop = stakers(pool, [40]);
    pool.stake(pop, 0, 40);

    const unstaked = pool.unstake(pop, 0, 100, 1);

    expect(unstaked).toBe(40);
    expect(cols(pop).staked[0]).toBe(0);
    expect(pool.totalStaked).toBe(0);
  });
});

describe('StakingPool unbonding', () => {
  it('returns unstaked tokens to the balance exactly at the release tick (unstake at 5, 3 ticks → 8)', () => {
    const pool = new StakingPool(() => 3);
    const pop = stakers(pool, [1000]);
    pool.stake(pop, 0, 100);
    pool.unstake(pop, 0, 40, 5);

    const tokensBefore: number[] = [];
    for (const t of [6, 7]) {
      preAt(pool, t);
      tokensBefore.push(pop.cols.tokens[0]);
    }
    preAt(pool, 8);

    expect(tokensBefore).toEqual([900, 900]);
    expect(pop.cols.tokens[0]).toBe(940);
    expect(cols(pop).unbonding[0]).toBe(0);
    expect(pool.totalUnbonding).toBe(0);
  });

  it('releases each unstake as its own chunk (40 at tick 5 → tick 8, 20 at tick 7 → tick 10)', () => {
    const pool = new StakingPool(() => 3);
    const pop = stakers(pool, [1000]);
    pool.stake(pop, 0, 100);
    pool.unstake(pop, 0, 40, 5);
    preAt(pool, 6);
    preAt(pool, 7);
    pool.unstake(pop, 0, 20, 7);

    const seen: [number, number][] = [];
    for (const t of [8, 9, 10]) {
      preAt(pool, t);
      seen.push([cols(pop).unbonding[0], pop.cols.tokens[0]]);
    }

    // 900 liquid after staking 100; +40 at tick 8; +20 at tick 10.
    expect(seen).toEqual([
      [20, 940],
      [20, 940],
      [0, 960],
    ]);
    expect(pool.totalUnbonding).toBe(0);
  });

  it('returns tokens at once when unbondingTicks is 0', () => {
    const pool = new StakingPool(() => 0);
    const pop = stakers(pool, [1000]);
    pool.stake(pop, 0, 100);

    pool.unstake(pop, 0, 40, 5);

    expect(pop.cols.tokens[0]).toBe(940);
    expect(cols(pop).unbonding[0]).toBe(0);
    expect(pool.totalUnbonding).toBe(0);
  });

  it('earns no reward on unbonding tokens', () => {
    // A stakes 100, unstakes 50 into unbonding; distribute 10 → all 10 on A's remaining 50.
    // B stakes 50 too: distribute 20 over 100 → A 10, B 10; A's unbonding 50 earns nothing.
    const pool = new StakingPool(() => 10);
    const pop = stakers(pool, [100, 100]);
    pool.stake(pop, 0, 100);
    pool.unstake(pop, 0, 50, 1);
    pool.stake(pop, 1, 50);

    pool.distribute(20);

    expectClose(pool.pending(pop, 0), 10);
    expectClose(pool.pending(pop, 1), 10);
  });

  it('releases an agent of a second attached population', () => {
    const pool = new StakingPool(() => 2);
    stakers(pool, [10], 'first');
    const second = stakers(pool, [0, 500], 'second');
    pool.stake(second, 1, 200);
    pool.unstake(second, 1, 200, 1);

    preAt(pool, 3);

    expect(second.cols.tokens[1]).toBe(500);
    expect(cols(second).unbonding[1]).toBe(0);
  });

  it('releases unbonding during World.step at the release tick when wired by addStakingPool', () => {
    const world = new World({ params: {}, seed: 1 });
    const pool = addStakingPool(world, () => 2);
    const pop = stakers(pool, [100]);
    world.addPopulation(pop);
    world.ledger.mint(100);
    pool.stake(pop, 0, 100);
    pool.unstake(pop, 0, 100, world.tick); // tick 0 → release at tick 2

    world.step();
    const afterOne = pop.cols.tokens[0];
    world.step();

    expect(afterOne).toBe(0);
    expect(pop.cols.tokens[0]).toBe(100);
    expect(() => world.ledger.check(world.tick)).not.toThrow();
  });
});

describe('StakingPool holdings and conservation', () => {
  it('holds stake + unbonding + undistributed rewards across populations', () => {
    // A (pop 1) stakes 100, X (pop 2) stakes 50; distribute 30 → A 20, X 10.
    // A unstakes 40 (settling its 20): stake 60 + 50, unbonding 40, escrow 10 → 160.
    const pool = new StakingPool(() => 5);
    const p1 = stakers(pool, [1000], 'one');
    const p2 = stakers(pool, [1000], 'two');
    pool.stake(p1, 0, 100);
    pool.stake(p2, 0, 50);
    pool.distribute(30);

    pool.unstake(p1, 0, 40, 1);

    expectClose(pool.rewards.escrow, 10);
    expectClose(pool.tokenHoldings(), 160);
    expect(pool.usdHoldings()).toBe(0);
  });

  it('keeps Σ balances + pool holdings = initial + distributed through random stake/unstake/settle/release', () => {
    // Dust amounts have their own test below.
    const op = fc.record({
      kind: fc.constantFrom('stake', 'unstake', 'settle', 'distribute', 'tick'),
      agent: fc.integer({ min: 0, max: 2 }),
      amount: fc.double({ min: 0.001, max: 800, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.array(op, { minLength: 1, maxLength: 80 }), (unbonding, ops) => {
        const pool = new StakingPool(() => unbonding);
        const pop = stakers(pool, [1000, 500, 250]);
        let tick = 0;
        let expected = 1750;
        for (const o of ops) {
          if (o.kind === 'stake') pool.stake(pop, o.agent, o.amount);
          else if (o.kind === 'unstake') pool.unstake(pop, o.agent, o.amount, tick);
          else if (o.kind === 'settle') pool.settle(pop, o.agent);
          else if (o.kind === 'distribute') {
            if (pool.distribute(o.amount)) expected += o.amount;
          } else preAt(pool, ++tick);

          const held = compensatedSum([compensatedSum(pop.cols.tokens, 0, pop.size), pool.tokenHoldings()]);
          expect(Math.abs(held - expected)).toBeLessThanOrEqual(1e-9 * expected);
          for (let i = 0; i < pop.size; i++) expect(pop.cols.tokens[i]).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});

describe('StakingPool dust stakes', () => {
  // A large unstake next to a dust stake leaves a total dominated by rounding:
  //   A stakes 100, B stakes 1e-10, A unstakes 100 → true total 1e-10;
  //   C stakes 1e-12 → true total 1.01e-10; distribute 10.
  // Pro rata: B 10 · 1e-10 / 1.01e-10 = 9.90099, C 0.0990099, escrow → 0.
  // The pool recounts its total after such a cancellation, so it pays exactly that.
  it('pays dust stakes left after a large unstake exactly pro rata', () => {
    const pool = new StakingPool(() => 0);
    const pop = stakers(pool, [100, 1e-10, 1e-12]);
    const [A, B, C] = [0, 1, 2];
    pool.stake(pop, A, 100);
    pool.stake(pop, B, 1e-10);
    pool.unstake(pop, A, 100, 1);
    pool.stake(pop, C, 1e-12);

    pool.distribute(10);
    const paidB = pool.settle(pop, B);
    const paidC = pool.settle(pop, C);

    expectClose(paidB, 9.900990099009901);
    expectClose(paidC, 0.099009900990099);
    expect(pool.rewards.escrow).toBeGreaterThanOrEqual(-1e-9);
  });
});

describe('RewardIndex', () => {
  it('adds amount / totalWeight to the index and holds the amount in escrow', () => {
    // weight 400, distribute 100 → index 0.25; holder with weight 40 from 0 is owed 10.
    const r = new RewardIndex();
    r.totalWeight = 400;

    r.distribute(100);

    expect(r.index).toBe(0.25);
    expect(r.escrow).toBe(100);
    expect(r.owed(40, 0)).toBe(10);
  });

  it('refuses a zero or negative amount', () => {
    const r = new RewardIndex();
    r.totalWeight = 10;

    expect([r.distribute(0), r.distribute(-5)]).toEqual([false, false]);
    expect(r.index).toBe(0);
  });
});

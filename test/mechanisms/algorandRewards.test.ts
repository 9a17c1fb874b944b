import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateParams } from '../../src/core/params';
import { applyOverrides } from '../../src/experiment/define';
import { algorandRewardsDefaults, bonusAt, bonusOver, eligible, expectedPayout } from '../../src/mechanisms/algorandRewards';
import { algorandPos, type AlgorandPosParams } from '../../src/models/algorandPos';
import type { Stakers } from '../../agents/stakers';

const v40 = algorandRewardsDefaults;
/** Rounds in a day of 2.8 s rounds: 86,400 / 2.8. */
const DAY = 86_400 / 2.8;

describe('the v40 bonus schedule (go-algorand config/consensus.go, data/bookkeeping/block.go computeBonus)', () => {
  it('pays 10 ALGO a block until round 1,000,000, 9.9 from it, and 10 · 0.99³ = 9.70299 after 3.5M rounds', () => {
    expect(bonusAt(0, 10, 0.01, 1e6)).toBe(10);
    expect(bonusAt(999_999, 10, 0.01, 1e6)).toBe(10);
    expect(bonusAt(1_000_000, 10, 0.01, 1e6)).toBeCloseTo(9.9, 12);
    expect(bonusAt(3_500_000, 10, 0.01, 1e6)).toBeCloseTo(9.70299, 12);
  });

  it('sums a first day to 30,857.14 rounds × 10 = 308,571.43 ALGO, and a day across a decay to 10,000 × 10 + 10,000 × 9.9', () => {
    expect(DAY).toBeCloseTo(30_857.142857, 5);
    expect(bonusOver(0, DAY, 10, 0.01, 1e6)).toBeCloseTo(308_571.428571, 5);
    expect(bonusOver(990_000, 1_010_000, 10, 0.01, 1e6)).toBeCloseTo(199_000, 8);
    // A year of 365 days: 11.26M rounds, eleven decays, 8.953 ALGO a block at its end.
    expect(bonusAt(365 * DAY, 10, 0.01, 1e6)).toBeCloseTo(8.953383, 6);
  });

  it('sums any span as the round-by-round sum of bonusAt does (whole rounds, several decays, decay 0 and 1)', () => {
    const byRound = (a: number, b: number, base: number, d: number, n: number) => {
      let s = 0;
      for (let r = a; r < b; r++) s += bonusAt(r, base, d, n);
      return s;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
        fc.integer({ min: 1, max: 700 }),
        (a, len, base, d, n) => {
          const want = byRound(a, a + len, base, d, n);
          expect(Math.abs(bonusOver(a, a + len, base, d, n) - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, want));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('pays the eligible stake its share of a day at round 3.5M: 30,857.14 × (9.70299 + ½ · 0.04) × 0.6B / 2B = 90,007.11 ALGO', () => {
    const p = { ...v40, feesPerBlock: 0.04 };
    // 30,857.142857 × 9.72299 = 300,023.69; × 0.3 = 90,007.11.
    expect(expectedPayout(p, 3_500_000, 3_500_000 + DAY, 6e8, 2e9)).toBeCloseTo(90_007.107, 2);
    expect(expectedPayout(p, 0, DAY, 0, 2e9)).toBe(0);
    expect(expectedPayout(p, 0, DAY, 1, 0)).toBe(0);
  });

  it('makes online balances of 30,000 to 70,000,000 ALGO eligible, bounds included', () => {
    expect(eligible(29_999.99, 30_000, 70_000_000)).toBe(false);
    expect(eligible(30_000, 30_000, 70_000_000)).toBe(true);
    expect(eligible(70_000_000, 30_000, 70_000_000)).toBe(true);
    expect(eligible(70_000_000.01, 30_000, 70_000_000)).toBe(false);
  });
});

describe('algorandRewards in the algorandPos preset', () => {
  /** Three stakers of 20k, 1M and 100M ALGO who go online with everything at tick 1, no traders. */
  function three() {
    const p = applyOverrides<AlgorandPosParams>(algorandPos.defaults, {
      stakers: { count: 3, initialTokens: { dist: 'uniform', min: 1, max: 2 }, hurdle: { dist: 'constant', value: 0 }, band: 0, adjustShare: 1, buyShare: 0 },
      traders: { count: 0 },
    }, 'test');
    const sim = algorandPos.build(p, { seed: 5, check: true });
    const staked = sim.api<Stakers>({ key: 'stakers' }).population.cols.staked;
    const tokens = sim.api<Stakers>({ key: 'stakers' }).population.cols.tokens;
    return { sim, staked, tokens };
  }

  it('pays each eligible agent stake × rounds × bonus / online stake, net of its 2 ALGO fee, and nothing to the ineligible; the supply does not move', () => {
    const { sim, staked, tokens } = three();
    // Genesis drew 1–2 tokens each: set the balances by hand before anyone acts (genesis ran at build).
    const pop = sim.api<Stakers>({ key: 'stakers' }).population;
    const mint = sim.world.ledger.route('mint', sim.world.ledger.pocket(pop.account!, pop, 'tokens'), 'test');
    const pocket = (i: number, a: number) => mint.pay(i, a);
    pocket(0, 20_000);
    pocket(1, 1_000_000);
    pocket(2, 100_000_000);
    sim.world.step(); // tick 1: nothing online at pre; all three go online
    const s1 = Array.from(staked);
    expect(tokens[0] + tokens[1] + tokens[2]).toBe(0);
    const online = s1[0] + s1[1] + s1[2];
    const supply = sim.world.ledger.supply;
    sim.world.step(); // tick 2: the payout for rounds [DAY, 2 DAY), all at 10 ALGO
    const gross = (DAY * 10 * s1[1]) / online;
    expect(staked[0] - s1[0]).toBe(0); // below 30,000
    expect(staked[2] - s1[2]).toBe(0); // above 70,000,000
    expect(staked[1] - s1[1]).toBeCloseTo(gross - 2, 6);
    expect(sim.world.ledger.supply).toBeCloseTo(supply, 3);
    const s2 = staked[1];
    sim.world.step(); // tick 3: the fee was paid once, the payout is whole
    expect(staked[1] - s2).toBeCloseTo((DAY * 10 * s2) / (s1[0] + s2 + s1[2]), 6);
  });

  it('pays out a pool of 1,000 ALGO (no fee to become eligible) and then nothing, never overdrawn; stakers are told so; nothing is minted', () => {
    const p = applyOverrides<AlgorandPosParams>(algorandPos.defaults, { algorandRewards: { poolTokens: 1000, goOnlineFee: 0 }, traders: { count: 0 } }, 'test');
    const sim = algorandPos.build(p, { seed: 1, check: true });
    const staking = sim.api<{ expectedRewardsPerYear(): number }>({ key: 'staking' });
    const pool = () => sim.metrics.find((m) => m.name === 'algorand_pool')!.read();
    for (let t = 0; t < 10; t++) sim.world.step();
    expect(pool()).toBeGreaterThanOrEqual(0);
    expect(pool()).toBeLessThan(1e-9);
    expect(staking.expectedRewardsPerYear()).toBeLessThan(1e-6);
    expect(sim.world.ledger.minted).toBe(sim.world.ledger.genesisMinted);
  });

  it('refuses a decay above 1 and bounds upside down in one line', () => {
    const bad = (over: object) => ({ ...algorandPos.defaults, algorandRewards: { ...algorandPos.defaults.algorandRewards, ...over } });
    expect(() => validateParams(algorandPos.schema, bad({ decay: 1.5 }))).toThrow(/^parameters: algorandRewards\.decay: .*<=1$/);
    expect(() => validateParams(algorandPos.schema, bad({ minBalance: 1e8 }))).toThrow(/^parameters: algorandRewards\.minBalance: minBalance must not exceed maxBalance$/);
  });
});

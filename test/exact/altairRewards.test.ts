import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  WEIGHTS,
  baseReward,
  baseRewardPerIncrement,
  baseRewardPerIncrementFloat,
  flagDelta,
  integerSquareroot,
  syncCommitteeRewards,
} from '../../src/exact/altairRewards';
import { relErr } from './helpers';

const GWEI_PER_ETH = 10n ** 9n;
const eth = (n: number) => BigInt(n) * GWEI_PER_ETH;

describe('integerSquareroot against consensus-specs test_integer_squareroot.py', () => {
  it('gives isqrt at 0, 100, 2^64 − 2, 2^64 − 1 and rejects 2^64 as the uint64 does', () => {
    expect([0n, 100n, 2n ** 64n - 2n, 2n ** 64n - 1n].map(integerSquareroot)).toEqual([0n, 10n, 4294967295n, 4294967295n]);
    expect(() => integerSquareroot(2n ** 64n)).toThrow(RangeError);
  });
});

// No published vectors for these functions outside SSZ state fixtures: the numbers below are hand-worked
// from the spec's formulas (checked with Python's math.isqrt).
describe('Altair base rewards, hand-worked from specs/altair/beacon-chain.md', () => {
  it('gives 357 gwei per increment and 11424 gwei a 32-ETH validator at 32 million ETH staked', () => {
    // isqrt(3.2·10^16) = 178885438; ⌊64·10^9 / 178885438⌋ = 357; 32 · 357 = 11424.
    expect(baseRewardPerIncrement(eth(32_000_000))).toBe(357n);
    expect(baseReward(eth(32), eth(32_000_000))).toBe(11424n);
    expect(baseRewardPerIncrementFloat(32_000_000e9)).toBeCloseTo(357.771, 3); // the float rule: 0.22% more
  });

  it('gives 505 gwei per increment at 16 million ETH and 347 at 34 million', () => {
    // isqrt(1.6·10^16) = 126491106 → 505; isqrt(3.4·10^16) = 184390889 → 347.
    expect(baseRewardPerIncrement(eth(16_000_000))).toBe(505n);
    expect(baseRewardPerIncrement(eth(34_000_000))).toBe(347n);
  });

  it('counts only whole increments of effective balance: 32.9 ETH earns as 32', () => {
    expect(baseReward(eth(32) + 900_000_000n, eth(32_000_000))).toBe(11424n);
  });

  it('pays a timely-source attester 2499 gwei with full participation, 2249 at 90%, and docks a missed one 2499', () => {
    // ⌊11424 · 14 · n / (n · 64)⌋ = 2499; at 90%: ⌊11424 · 14 · 0.9n / 64n⌋ = 2249; penalty ⌊11424 · 14 / 64⌋ = 2499.
    const B = eth(32_000_000);
    expect(flagDelta(eth(32), B, B, WEIGHTS.timelySource, true)).toEqual({ reward: 2499n, penalty: 0n });
    expect(flagDelta(eth(32), B, (B * 9n) / 10n, WEIGHTS.timelySource, true)).toEqual({ reward: 2249n, penalty: 0n });
    expect(flagDelta(eth(32), B, B, WEIGHTS.timelySource, false)).toEqual({ reward: 0n, penalty: 2499n });
    expect(flagDelta(eth(32), B, B, WEIGHTS.timelyTarget, false)).toEqual({ reward: 0n, penalty: 4641n });
  });

  it('does not dock a missed head vote, and pays nothing during an inactivity leak', () => {
    const B = eth(32_000_000);
    expect(flagDelta(eth(32), B, B, WEIGHTS.timelyHead, false, { isHeadFlag: true })).toEqual({ reward: 0n, penalty: 0n });
    expect(flagDelta(eth(32), B, B, WEIGHTS.timelySource, true, { inInactivityLeak: true })).toEqual({ reward: 0n, penalty: 0n });
  });

  it('pays a sync-committee member 21789 gwei a slot and its proposer 3112 per member included', () => {
    // ⌊⌊357 · 32·10^6 · 2 / 64⌋ / 32⌋ = 11156250; ⌊11156250 / 512⌋ = 21789; ⌊21789 · 8 / 56⌋ = 3112.
    expect(syncCommitteeRewards(eth(32_000_000))).toEqual({ participant: 21789n, proposerPerParticipant: 3112n });
  });
});

describe('baseRewardPerIncrement against the float rule 64·10^9 / √B', () => {
  // Stated tolerance: isqrt rounds the root down (raising the quotient by under 1/(√B − 1) of it), then the
  // division rounds down by under 1 gwei, so float − 1 < exact < float · (1 + 1/(√B − 1)).
  it('lies within (float − 1 gwei, float · (1 + 1/(√B − 1))) over B from 32 ETH to 2^64 − 1 gwei', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: eth(32), max: 2n ** 64n - 1n }), (B) => {
        const exact = Number(baseRewardPerIncrement(B));
        const float = baseRewardPerIncrementFloat(Number(B));
        expect(exact).toBeGreaterThan(float - 1);
        expect(exact).toBeLessThan(float * (1 + 1 / (Math.sqrt(Number(B)) - 1)) + 1e-9);
      }),
      { numRuns: 1000 },
    );
  });

  it('is within 1/r relative, under 0.5% for up to 100 million ETH staked (r ≥ 202 gwei per increment)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: eth(1_000_000), max: eth(100_000_000) }), (B) => {
        const float = baseRewardPerIncrementFloat(Number(B));
        expect(relErr(Number(baseRewardPerIncrement(B)), float)).toBeLessThan(1 / Math.floor(float));
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operatorMint, type DepinRewardsParams } from '../../src/mechanisms/depinRewards';
import {
  HNT_EMISSION_SCHEDULE,
  getEmissionsAt,
  netEmissionsEpoch,
  netEmissionsEpochFloat,
  type NetEmissionsInput,
} from '../../src/exact/heliumNetEmissions';

const HNT = 100_000_000n; // bones per HNT
const EPOCH_REWARDS = 100000000n; // tests/helium-sub-daos.ts
const TEST_CAP = 3_424_000_000n; // tests/utils/daos.ts: netEmissionsCap toBN(34.24, 8)

const firstEpoch = (over: Partial<NetEmissionsInput> = {}): NetEmissionsInput => ({
  prevSupply: 1_000_000n * HNT,
  currSupply: 1_000_000n * HNT,
  notEmitted: 0n,
  prevSmoothedBurn: 0n,
  emission: EPOCH_REWARDS,
  netEmissionsCap: TEST_CAP,
  ...over,
});

describe('netEmissionsEpoch against helium-program-library tests/helium-sub-daos.ts', () => {
  it("'calculates subdao rewards': the first epoch mints EPOCH_REWARDS + ⌊6/7 · 300⌋ = 100000257 bones", () => {
    const e = netEmissionsEpoch(firstEpoch());

    expect(e.totalRewards).toBe(EPOCH_REWARDS + 257n);
    expect(e.currentHntSupply).toBe(1_000_000n * HNT + EPOCH_REWARDS + 257n);
  });

  it("'accounts for not emitted HNT when calculating utility scores': HNT sent to no-emit is not minted again", () => {
    // The test burns NOT_EMITTED_AMOUNT through the no-emit wallet before the epoch: supply drops by it, and still
    // total_rewards = EPOCH_REWARDS_PLUS_NET_EMISSIONS.
    const e = netEmissionsEpoch(firstEpoch({ currSupply: 1_000_000n * HNT - 1000n, notEmitted: 1000n }));

    expect(e.burned).toBe(0n);
    expect(e.totalRewards).toBe(EPOCH_REWARDS + 257n);
  });
});

describe('netEmissionsEpoch smoothing and cap, hand-worked', () => {
  it('smooths a one-off burn of 700 HNT over the following epochs: ⌊6·300/7⌋ + 100 HNT, then decays by 6/7', () => {
    let supply = 1_000_000n * HNT;
    let e = netEmissionsEpoch(firstEpoch({ prevSupply: supply + 700n * HNT, currSupply: supply, netEmissionsCap: 1_000n * HNT }));
    expect(e.smoothedBurn).toBe(257n + 100n * HNT);
    expect(e.reEmitted).toBe(257n + 100n * HNT);
    supply = e.currentHntSupply;
    e = netEmissionsEpoch({ ...firstEpoch({ netEmissionsCap: 1_000n * HNT }), prevSupply: supply, currSupply: supply, prevSmoothedBurn: e.smoothedBurn });
    expect(e.smoothedBurn).toBe(((257n + 100n * HNT) * 6n) / 7n);
  });

  it('mints again at most the cap: a 10000-HNT smoothed burn under a 1643.83561643-HNT cap re-emits the cap', () => {
    const cap = 164_383_561_643n;
    const e = netEmissionsEpoch(firstEpoch({ prevSmoothedBurn: 10_000n * HNT, netEmissionsCap: cap }));
    expect(e.reEmitted).toBe(cap);
    expect(e.totalRewards).toBe(EPOCH_REWARDS + cap);
  });

  it('counts a supply rise as no burn (saturating subtraction)', () => {
    expect(netEmissionsEpoch(firstEpoch({ currSupply: 2_000_000n * HNT })).burned).toBe(0n);
  });
});

describe('getEmissionsAt on the HNT schedule (packages/helium-admin-cli/emissions/hnt.json)', () => {
  it('finds each step, the last one that started, and none before the first', () => {
    expect(getEmissionsAt(HNT_EMISSION_SCHEDULE, 1690934399n)).toBeNull();
    expect(getEmissionsAt(HNT_EMISSION_SCHEDULE, 1690934400n)).toBe(8219178082192n);
    expect(getEmissionsAt(HNT_EMISSION_SCHEDULE, 1700000000n)).toBe(4098360655738n);
    expect(getEmissionsAt(HNT_EMISSION_SCHEDULE, 1722470400n)).toBe(4098360655738n);
    expect(getEmissionsAt(HNT_EMISSION_SCHEDULE, 1722470401n)).toBe(4109589041096n);
    expect(getEmissionsAt(HNT_EMISSION_SCHEDULE, 1800000000n)).toBe(2054794520548n);
    expect(getEmissionsAt([], 0n)).toBeNull();
  });

  it('agrees with a linear scan on any schedule and time', () => {
    const item = fc.record({ startUnixTime: fc.bigInt({ min: 0n, max: 1000n }), emissionsPerEpoch: fc.bigInt({ min: 0n, max: 10n ** 15n }) });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 12 }), fc.bigInt({ min: -10n, max: 1010n }), (items, t) => {
        const schedule = [...items].sort((a, b) => (a.startUnixTime < b.startUnixTime ? -1 : a.startUnixTime > b.startUnixTime ? 1 : 0));
        const started = schedule.filter((s) => s.startUnixTime <= t);
        const distinct = new Set(schedule.map((s) => s.startUnixTime)).size === schedule.length;
        fc.pre(distinct);
        expect(getEmissionsAt(schedule, t)).toBe(started.length ? started[started.length - 1].emissionsPerEpoch : null);
      }),
    );
  });
});

describe('netEmissionsEpoch against its float rule', () => {
  // Stated tolerance: each epoch's two floors lose under 2 bones and earlier losses decay by 6/7, so the
  // smoothed burn and the rewards stay within 14 bones of the real-valued rule over any number of epochs.
  it('stays within 14 bones over 365 epochs of random burns', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 50_000n * HNT }), { minLength: 365, maxLength: 365 }), (burns) => {
        const cap = 1_644n * HNT;
        let supply = 200_000_000n * HNT;
        let prevSmoothed = 0n;
        let floatSmoothed = 300;
        let worst = 0;
        for (const b of burns) {
          const burnt = supply - b;
          const e = netEmissionsEpoch({ prevSupply: supply, currSupply: burnt, notEmitted: 0n, prevSmoothedBurn: prevSmoothed, emission: 2054794520548n, netEmissionsCap: cap });
          const f = netEmissionsEpochFloat(floatSmoothed, Number(b), 2054794520548, Number(cap));
          worst = Math.max(worst, Math.abs(Number(e.smoothedBurn) - f.smoothedBurn), Math.abs(Number(e.totalRewards) - f.totalRewards));
          [supply, prevSmoothed, floatSmoothed] = [e.currentHntSupply, e.smoothedBurn, f.smoothedBurn];
        }
        expect(worst).toBeLessThanOrEqual(14);
      }),
      { numRuns: 30 },
    );
  });

  it("is not the rule of depinRewards' operatorMint, which caps the net mint instead of re-minting burns", () => {
    // One epoch, emission 100, burn 50, cap 10 (per epoch, ticksPerYear 1): Helium mints 100 + min(50, 10) = 110
    // (smoothing aside); operatorMint mints min(100, 50 + 10) = 60.
    const p = { model: 'burnAndMint', netEmissionCapPerYear: 10 } as DepinRewardsParams;
    expect(operatorMint(p, 100, 1, 50, 1)).toBe(60);
    expect(netEmissionsEpochFloat(50, 50, 100, 10).totalRewards).toBe(110);
  });
});

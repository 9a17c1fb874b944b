import { describe, expect, it } from 'vitest';
import { expectedReward, faultFee, filecoinPledge, initialPledge, terminationFee, type PledgeState } from '../../src/mechanisms/storagePledge';

// A network of 1,000 TiB under a 2,000 TiB baseline, minting 100 tokens a day, with 1M tokens circulating.
const state: PledgeState = { networkTiB: 1000, baselineTiB: 2000, rewardPerDay: 100, circulating: 1e6 };

describe('the initial pledge (builtin-actors initial_pledge_for_power, FIP-0081)', () => {
  it('of 10 TiB is 20 days of its reward share plus 0.3 · CS · qa · (0.7 / max(N, b) + 0.3 / N): 20 + 1,950 = 1,970 tokens', () => {
    // Storage pledge: 100 · 20 · 10 / 1000 = 20. Consensus: 0.3 · 1e6 · 10 · (0.7/2000 + 0.3/1000) = 3e6 · 0.00065 = 1950.
    expect(expectedReward(10, 20, state)).toBeCloseTo(20, 12);
    expect(initialPledge(10, state, filecoinPledge)).toBeCloseTo(1970, 9);
  });

  it('divides all of the consensus pledge by the network power once it is above the baseline', () => {
    // N = 4,000 > b: 100 · 20 · 10 / 4000 + 0.3 · 1e6 · 10 / 4000 = 5 + 750.
    expect(initialPledge(10, { ...state, networkTiB: 4000 }, filecoinPledge)).toBeCloseTo(755, 9);
  });

  it('before FIP-0081 (γ = 1) divides it by max(N, b) alone: 20 + 0.3 · 1e6 · 10 / 2000 = 1,520', () => {
    expect(initialPledge(10, state, { ...filecoinPledge, baselinePledgeShare: 1 })).toBeCloseTo(1520, 9);
  });

  it('prices the first sector of an empty network against its own power, not a division by zero', () => {
    const empty = { ...state, networkTiB: 0, baselineTiB: 0 };
    // 100 · 20 · 1 / 1 + 0.3 · 1e6 · 1 · (0.7 + 0.3) / 1.
    expect(initialPledge(1, empty, filecoinPledge)).toBeCloseTo(2000 + 300_000, 6);
    expect(initialPledge(0, empty, filecoinPledge)).toBe(0);
  });
});

describe('fault and termination fees', () => {
  it('charge 3.51 days of expected reward per faulty day: 2 TiB for one day is 100 · 3.51 · 2 / 1000 = 0.702', () => {
    expect(faultFee(2, 1, state, filecoinPledge)).toBeCloseTo(0.702, 12);
    // A tick of a week: seven days of the fee.
    expect(faultFee(2, 7, state, filecoinPledge)).toBeCloseTo(4.914, 12);
  });

  it('burn 8.5% of the terminated pledge (FIP-0098): 85 of 1,000', () => {
    expect(terminationFee(1000, filecoinPledge)).toBeCloseTo(85, 12);
  });
});

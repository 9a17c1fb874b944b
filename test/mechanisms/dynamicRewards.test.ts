import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/core/ledger';
import { DynamicRewards, type DynamicRewardsParams, dynamicReward } from '../../src/mechanisms/dynamicRewards';

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

  it("pays on last tick's activity, minting only what stakers receive", () => {
    const ledger = new Ledger();
    let fees = 100;
    const paid: number[] = [];
    let staked = true;
    const d = new DynamicRewards(() => p, { feesUsd: () => fees, usageUsd: () => 0, price: () => 1, stakingRatio: () => 0.5 }, { tokens: 0, usd: 0 }, (a) => {
      if (staked) paid.push(a);
      return staked;
    });

    d.pre({ ticksPerYear: 365, ledger }); // no activity seen yet: base only
    d.post();
    fees = 0;
    d.pre({ ticksPerYear: 365, ledger }); // last tick's 100 USD of fees
    staked = false;
    d.pre({ ticksPerYear: 365, ledger });

    expect(paid).toEqual([10, 60]);
    expect(ledger.minted).toBe(70);
  });

  it('from the treasury: pays at most its tokens and mints nothing', () => {
    const ledger = new Ledger();
    const treasury = { tokens: 4, usd: 0 };
    const d = new DynamicRewards(() => ({ ...p, source: 'treasury' }), { feesUsd: () => 0, usageUsd: () => 0, price: () => 1, stakingRatio: () => 0.5 }, treasury, () => true);

    d.pre({ ticksPerYear: 365, ledger });

    expect(d.paidThisTick).toBe(4);
    expect(treasury.tokens).toBe(0);
    expect(ledger.minted).toBe(0);
  });
});

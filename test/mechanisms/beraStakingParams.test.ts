import { describe, expect, it } from 'vitest';
import { beraStakingDefaults, beraStakingProblems } from '../../src/mechanisms/beraStakingParams';
import { proofOfLiquidityDefaults } from '../../src/mechanisms/proofOfLiquidityParams';

const all = { proofOfLiquidity: proofOfLiquidityDefaults };

describe('BERA staking input problems', () => {
  it('finds nothing wrong with the defaults next to the proof-of-liquidity defaults', () => {
    expect(beraStakingProblems(beraStakingDefaults, all)).toEqual([]);
  });

  it('names a minimum stake above the maximum', () => {
    expect(beraStakingProblems({ ...beraStakingDefaults, minStakeBera: 2e7 }, all)).toEqual([{ path: 'minStakeBera', message: '20000000 is above maxStakeBera 10000000; expected minStakeBera ≤ maxStakeBera' }]);
  });

  it("names a candidate's stake outside the bounds", () => {
    const candidates = [...beraStakingDefaults.candidates];
    candidates[1] = { ...candidates[1], stakeBera: 100 };

    expect(beraStakingProblems({ ...beraStakingDefaults, candidates }, all)).toEqual([{ path: 'candidates.1.stakeBera', message: '100 is outside [minStakeBera 250000, maxStakeBera 10000000]; expected a stake within them' }]);
  });

  it('names more validators active at genesis than the set holds, and candidates not one per validator', () => {
    const p = { ...beraStakingDefaults, maxValidators: 2, candidates: [...beraStakingDefaults.candidates, beraStakingDefaults.candidates[0]] };

    expect(beraStakingProblems(p, all)).toEqual([
      { path: 'candidates', message: '4 candidates active at genesis; expected at most maxValidators 2' },
      { path: 'candidates', message: 'has 4 candidates for 3 proofOfLiquidity.validators; expected one per validator, in their order' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { proofOfLiquidityDefaults, proofOfLiquidityProblems, type ProofOfLiquidityParams } from '../../src/mechanisms/proofOfLiquidityParams';

/** Two whitelisted vaults; validator 0 bribe-max, validator 1 fixed 50/50, under a cap of 0.75. */
const base: ProofOfLiquidityParams = {
  ...proofOfLiquidityDefaults,
  vaults: [
    { name: 'A', pool: 'A', bribeUsdPerBgt: 2, whitelisted: true, feesUsdPerYear: 100, initialLiquidityUsd: 1000 },
    { name: 'B', pool: 'B', bribeUsdPerBgt: 0.5, whitelisted: true, feesUsdPerYear: 300, initialLiquidityUsd: 3000 },
  ],
  validators: [
    { stakeShare: 3, rule: 'bribe-max', weights: [] },
    { stakeShare: 1, rule: 'fixed', weights: [0.5, 0.5] },
  ],
  maxWeightPerVault: 0.75,
};

describe('proof-of-liquidity input problems', () => {
  it('names a fixed weight to a vault that is not whitelisted', () => {
    const p = { ...base, vaults: [base.vaults[0], { ...base.vaults[1], whitelisted: false }] };

    expect(proofOfLiquidityProblems(p)).toEqual([
      { path: 'validators.0.rule', message: 'bribe-max cannot place a full allocation over 1 whitelisted vaults at maxWeightPerVault 0.75; expected at least 2 whitelisted vaults or a larger cap' },
      { path: 'validators.1.weights.1', message: 'weight 0.5 to vault B, which is not whitelisted; expected 0' },
    ]);
  });

  it('finds nothing wrong with the defaults', () => {
    expect(proofOfLiquidityProblems(proofOfLiquidityDefaults)).toEqual([]);
  });

  it('names fixed weights above the cap and weights not summing to 1', () => {
    const p = { ...base, validators: [base.validators[0], { stakeShare: 1, rule: 'fixed' as const, weights: [0.8, 0.1] }] };

    expect(proofOfLiquidityProblems(p)).toEqual([
      { path: 'validators.1.weights.0', message: 'weight 0.8 to vault A is above maxWeightPerVault 0.75' },
      { path: 'validators.1.weights', message: 'weights sum to 0.9; expected 1' },
    ]);
  });
});

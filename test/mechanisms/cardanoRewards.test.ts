import { describe, expect, it } from 'vitest';
import { maxPoolReward, memberRewardPerToken, operatorReward, reserveDraw } from '../../src/mechanisms/cardanoRewards';

// A hand-worked pool: R = 1,000,000 tokens for pools this epoch, k = 10 (z0 = 0.1), a0 = 0.3;
// supply 10,000,000; the pool has 500,000 staked (σ = 0.05), 100,000 of it pledged (s = 0.01);
// cost 500 per epoch, margin 2 %.
const R = 1_000_000;

describe('maxPoolReward (Shelley delegation spec §5.5.3)', () => {
  it('pays the hand-worked pool 39,500', () => {
    // σ' − s'(z0 − σ')/z0 = 0.05 − 0.01 · 0.05/0.1 = 0.045; s' a0 · 0.045 / z0 = 0.00135;
    // R/(1 + a0) · (0.05 + 0.00135) = 1e6 · 0.05135 / 1.3 = 39,500.
    expect(maxPoolReward(R, 0.05, 0.01, 10, 0.3)).toBeCloseTo(39_500, 8);
  });

  it('caps stake at saturation: σ = 0.2 pays as σ = 0.1, 1e6 · 0.103 / 1.3', () => {
    expect(maxPoolReward(R, 0.2, 0.01, 10, 0.3)).toBeCloseTo(1e6 * 0.103 / 1.3, 8);
    expect(maxPoolReward(R, 0.2, 0.01, 10, 0.3)).toBe(maxPoolReward(R, 0.1, 0.01, 10, 0.3));
  });

  it('pays a saturated, fully pledged pool R/k, and is σ·R/(1 + a0) without pledge', () => {
    expect(maxPoolReward(R, 0.1, 0.1, 10, 0.3)).toBeCloseTo(100_000, 8);
    expect(maxPoolReward(R, 0.05, 0, 10, 0.3)).toBeCloseTo((0.05 * R) / 1.3, 8);
    // a0 = 0: pledge has no influence, the reward is R · min(σ, z0).
    expect(maxPoolReward(R, 0.05, 0.05, 10, 0)).toBeCloseTo(50_000, 8);
  });
});

describe('operator and member rewards (ledger spec §11.8 r_operator, r_member)', () => {
  it('split the hand-worked pool: operator 8,924, members 0.07644 per token, adding up to 39,500', () => {
    // Operator: 500 + 39,000 · (0.02 + 0.98 · 0.2) = 500 + 8,424.
    const op = operatorReward(39_500, 500, 0.02, 0.2);
    const perToken = memberRewardPerToken(39_500, 500, 0.02, 500_000);

    expect(op).toBeCloseTo(8_924, 8);
    expect(perToken).toBeCloseTo((39_000 * 0.98) / 500_000, 15);
    expect(op + perToken * 400_000).toBeCloseTo(39_500, 8);
  });

  it('give the operator all of a reward at or below its cost', () => {
    expect(operatorReward(400, 500, 0.02, 0.2)).toBe(400);
    expect(memberRewardPerToken(400, 500, 0.02, 500_000)).toBe(0);
  });
});

describe('reserveDraw', () => {
  it('takes ρ of the reserve per epoch, compounded over several', () => {
    expect(reserveDraw(10e9, 0.003, 1)).toBe(30e6);
    // Two epochs: 10e9 · (1 − 0.997²) = 59.91e6; a fifth of an epoch 10e9 · (1 − 0.997^0.2).
    expect(reserveDraw(10e9, 0.003, 2)).toBeCloseTo(59.91e6, 3);
    expect(reserveDraw(10e9, 0.003, 0.2)).toBeCloseTo(10e9 * (1 - Math.pow(0.997, 0.2)), 3);
    expect(reserveDraw(0, 0.003, 1)).toBe(0);
  });
});

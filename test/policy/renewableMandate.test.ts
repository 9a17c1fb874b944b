import { describe, expect, it } from 'vitest';
import { mandateCost, mandatePenaltyUsd, renewableMandateDefaults, requiredShare } from '../../src/policy/renewableMandate';

describe('renewable mandate arithmetic', () => {
  const p = { ...renewableMandateDefaults, startTick: 10, effectiveTick: 19, targetShare: 0.5 };

  it('phases the share in linearly from the start tick to the effective tick, then holds it', () => {
    // s(t) = 0.5 · min(1, (t − 10 + 1) / 10).
    expect(requiredShare(p, 9)).toBe(0);
    expect(requiredShare(p, 10)).toBeCloseTo(0.05, 15);
    expect(requiredShare(p, 14)).toBeCloseTo(0.25, 15);
    expect(requiredShare(p, 19)).toBe(0.5);
    expect(requiredShare(p, 400)).toBe(0.5);
    expect(requiredShare({ ...p, effectiveTick: null }, 10)).toBe(0.5);
    expect(requiredShare({ ...p, startTick: null }, 400)).toBe(0);
  });

  it('charges the cheaper of switching and the penalty', () => {
    // 40% of 1,000 kWh: switching 1000 · (0.01 · 0.4 + 0.04 · 0.16 / 2) = 7.2 USD; the penalty 0.4 MWh · 50 = 20 USD.
    expect(mandatePenaltyUsd(1000, 0.4, p)).toBeCloseTo(20, 12);
    expect(mandateCost(1000, 0.4, p)).toBeCloseTo(7.2, 12);
    // At 10 USD/MWh the penalty, 4 USD, is cheaper.
    expect(mandateCost(1000, 0.4, { ...p, penaltyUsdPerMwh: 10 })).toBeCloseTo(4, 12);
  });
});

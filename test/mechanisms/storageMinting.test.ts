import { describe, expect, it } from 'vitest';
import { EPOCHS_IN_YEAR } from '../../src/exact/filecoinReward';
import {
  BASELINE_GROWTH_PER_EPOCH,
  FILECOIN_BASELINE_INITIAL_TIB,
  StorageMinting,
  baselineMinted,
  baselinePowerAt,
  cappedPowerIntegral,
  effectiveNetworkTime,
  simpleMinted,
} from '../../src/mechanisms/storageMinting';

const g = BASELINE_GROWTH_PER_EPOCH;

describe('the minting closed forms', () => {
  it('mint half of S and of B after six years (θ = t)', () => {
    expect(simpleMinted(330e6, 6 * EPOCHS_IN_YEAR)).toBeCloseTo(165e6, 4);
    expect(baselineMinted(770e6, 6 * EPOCHS_IN_YEAR)).toBeCloseTo(385e6, 4);
  });

  it('double the baseline each year, from 2,888,888,880,000,000,000 bytes = 2,627,429 TiB', () => {
    expect(FILECOIN_BASELINE_INITIAL_TIB).toBeCloseTo(2_627_429.13, 1);
    expect(baselinePowerAt(100, 3 * EPOCHS_IN_YEAR)).toBeCloseTo(800, 9);
  });

  it('integrate min(N, b) piecewise: below, above and across the baseline', () => {
    // b₀ = 100 TiB; over one year b goes from 100 to 200.
    const year = EPOCHS_IN_YEAR;
    expect(cappedPowerIntegral(100, 0, year, 50)).toBeCloseTo(50 * year, 3);
    expect(cappedPowerIntegral(100, 0, year, 500)).toBeCloseTo((100 / g) * 1, 3);
    // N = 141.42… = b at half a year: ∫₀^½ b + N · ½ year.
    const n = 100 * Math.SQRT2;
    expect(cappedPowerIntegral(100, 0, year, n)).toBeCloseTo((100 * (Math.SQRT2 - 1)) / g + (n * year) / 2, 3);
  });

  it('give θ = t when R̄ is the baseline integral, and θ = 0 with nothing stored', () => {
    const t = 2.5 * EPOCHS_IN_YEAR;
    expect(effectiveNetworkTime(100, (100 * Math.expm1(g * t)) / g) / t).toBeCloseTo(1, 12);
    expect(effectiveNetworkTime(100, 0)).toBe(0);
  });
});

describe('StorageMinting', () => {
  it('projects exactly what the next step mints, and stepping moves epoch, R̄ and θ', () => {
    const m = new StorageMinting(() => ({ simpleTotal: 330e6, baselineTotal: 770e6, baselineInitialTiB: 1000 }));
    const projected = m.project(2880, 800);
    const minted = m.step(2880, 800);
    expect(minted).toEqual(projected);
    expect(m.epoch).toBe(2880);
    expect(m.cumsumTiBEpochs).toBeCloseTo(800 * 2880, 6);
    expect(m.theta).toBeCloseTo(effectiveNetworkTime(1000, 800 * 2880), 9);
    expect(m.simpleMintedTotal).toBeCloseTo(simpleMinted(330e6, 2880), 6);
    expect(m.baselineMintedTotal).toBeCloseTo(baselineMinted(770e6, m.theta), 6);
  });
});

import { describe, expect, it } from 'vitest';
import { adaptiveMaximum, dynamicRateChange, issuanceRate, staticRate } from '../../src/mechanisms/tezosRates';

describe('Tezos adaptive issuance rates (docs/quebec/adaptive_issuance.rst)', () => {
  it('static rate 1/(1600 r²): 1 % at a quarter staked, 0.25 % at half, 6.25 % at a tenth', () => {
    expect(staticRate(0.25)).toBeCloseTo(0.01, 15);
    expect(staticRate(0.5)).toBeCloseTo(0.0025, 15);
    expect(staticRate(0.1)).toBeCloseTo(0.0625, 15);
  });

  it("adaptive maximum matches the docs' Figure 3: 10 %, 8.4 %, 3.9 %, 2 %, 1.2 %, 1 %", () => {
    expect(adaptiveMaximum(0.05)).toBe(0.1);
    expect(adaptiveMaximum(0.01)).toBe(0.1);
    expect(adaptiveMaximum(0.1)).toBeCloseTo(0.084, 3);
    expect(adaptiveMaximum(0.2)).toBeCloseTo(0.039, 3);
    expect(adaptiveMaximum(0.3)).toBeCloseTo(0.02, 3);
    expect(adaptiveMaximum(0.4)).toBeCloseTo(0.012, 3);
    expect(adaptiveMaximum(0.5)).toBe(0.01);
    // At r = 0.25 by hand: (5115 − 4417.5 + 1214.8125) / (24149 + 44673.75).
    expect(adaptiveMaximum(0.25)).toBeCloseTo(1912.3125 / 68822.75, 15);
  });

  it('moves the dynamic rate by the distance to the 48–52 % band times 0.01 a day', () => {
    // 25 % staked, one day: (0.48 − 0.25) · 0.01 = 0.0023; 60 %: (0.52 − 0.6) · 0.01 · 3 days.
    expect(dynamicRateChange(0.25, 0.48, 0.52, 0.01, 1)).toBeCloseTo(0.0023, 15);
    expect(dynamicRateChange(0.6, 0.48, 0.52, 0.01, 3)).toBeCloseTo(-0.0024, 15);
    expect(dynamicRateChange(0.5, 0.48, 0.52, 0.01, 1)).toBe(0);
    // One percentage point below the band moves it 0.01 percentage points a day.
    expect(dynamicRateChange(0.47, 0.48, 0.52, 0.01, 1)).toBeCloseTo(0.0001, 15);
  });

  it('keeps static + dynamic within [min, max], the minimum first', () => {
    expect(issuanceRate(0.01, 0.005, 0.0025, 0.1)).toBeCloseTo(0.015, 15);
    expect(issuanceRate(0.01, 0.05, 0.0025, 0.0278)).toBe(0.0278);
    expect(issuanceRate(0.001, 0, 0.0025, 0.1)).toBe(0.0025);
    expect(issuanceRate(Infinity, 0, 0.0025, 0.1)).toBe(0.1);
  });
});

import { describe, expect, it } from 'vitest';
import { PRICE_MOMENT_NAMES, priceMoments } from '../../../src/analysis/calibration/moments';

describe('priceMoments', () => {
  it('hand-worked on prices 1, e, e, e² (log returns 1, 0, 1)', () => {
    const m = priceMoments(['volatility', 'mean_abs_return', 'mean_log_price', 'return_acf_1']);
    const [vol, meanAbs, level, acf1] = m.compute(Float64Array.from([1, Math.E, Math.E, Math.E ** 2]));
    // r̄ = 2/3; Σ(r − r̄)² = 1/9 + 4/9 + 1/9 = 2/3 over n − 1 = 2 → 1/3.
    expect(vol).toBeCloseTo(Math.sqrt(1 / 3), 14);
    expect(meanAbs).toBeCloseTo(2 / 3, 14);
    // ln p: 0, 1, 1, 2.
    expect(level).toBeCloseTo(1, 14);
    // Deviations 1/3, −2/3, 1/3: lag 1 (−2/9 − 2/9) / (2/3) = −2/3.
    expect(acf1).toBeCloseTo(-2 / 3, 14);
  });

  it('gives every moment by default, in the documented order, and rejects an unknown one', () => {
    expect(priceMoments().names).toEqual(PRICE_MOMENT_NAMES);
    expect(PRICE_MOMENT_NAMES).toEqual([
      'volatility',
      'mean_abs_return',
      'return_acf_1',
      'abs_return_acf_1',
      'abs_return_acf_5',
      'abs_return_acf_10',
      'abs_return_acf_20',
      'hill_tail_index',
      'excess_kurtosis',
      'mean_log_price',
    ]);
    expect(() => priceMoments(['skew'])).toThrow(/unknown moment skew; expected one of volatility/);
  });
});

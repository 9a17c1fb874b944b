import { describe, expect, it } from 'vitest';
import { jointMoments, PRICE_MOMENT_NAMES, priceMoments, SERIES_MOMENT_NAMES, seriesMoments } from '../../../src/analysis/calibration/moments';

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

describe('seriesMoments', () => {
  it('hand-worked on values 1, e, e, e² (logs 0, 1, 1, 2; log changes 1, 0, 1)', () => {
    const [meanLog, sdLog, lastLog, changeSd, changeAcf] = seriesMoments(SERIES_MOMENT_NAMES).compute(Float64Array.from([1, Math.E, Math.E, Math.E ** 2]));
    expect(meanLog).toBeCloseTo(1, 14);
    // Σ(ln x − 1)² = 1 + 0 + 0 + 1 over n − 1 = 3.
    expect(sdLog).toBeCloseTo(Math.sqrt(2 / 3), 14);
    expect(lastLog).toBeCloseTo(2, 14);
    // As the price's volatility and lag-1 autocorrelation of returns 1, 0, 1.
    expect(changeSd).toBeCloseTo(Math.sqrt(1 / 3), 14);
    expect(changeAcf).toBeCloseTo(-2 / 3, 14);
  });

  it('leaves out ticks whose value is 0 (nothing traded): values 0, 1, e, 0, e (logs 0, 1, 1; one change, 1)', () => {
    const [meanLog, lastLog, changeSd] = seriesMoments(['mean_log', 'last_log', 'log_change_sd']).compute(Float64Array.from([0, 1, Math.E, 0, Math.E]));
    expect(meanLog).toBeCloseTo(2 / 3, 14);
    expect(lastLog).toBeCloseTo(1, 14);
    // One change (ln e − ln 1) has no spread: the sd of one value is NaN, a failed evaluation, not a number.
    expect(changeSd).toBeNaN();
    const [m, sd] = seriesMoments().compute(Float64Array.from([0, 1, Math.E, Math.E ** 2, 0]));
    expect(m).toBeCloseTo(1, 14);
    expect(sd).toBeCloseTo(0, 14);
  });

  it('defaults to the level and how much it moves, and rejects an unknown moment', () => {
    expect(seriesMoments().names).toEqual(['mean_log', 'log_change_sd']);
    expect(() => seriesMoments(['volatility'])).toThrow(/unknown series moment volatility; expected one of mean_log, sd_log, last_log, log_change_sd, log_change_acf_1/);
  });
});

describe('jointMoments', () => {
  const prices = Float64Array.from([1, Math.E, Math.E, Math.E ** 2]);
  const volume = Float64Array.from([10, 20, 40, 80]);

  it("gives each series' moments of its own part of the panel, named by its label", () => {
    const joint = jointMoments([
      { label: null, moments: priceMoments(['volatility', 'mean_log_price']) },
      { label: 'volume', moments: seriesMoments(['mean_log', 'log_change_sd']) },
    ]);
    expect(joint.names).toEqual(['volatility', 'mean_log_price', 'volume.mean_log', 'volume.log_change_sd']);
    expect(joint.series).toBe(2);
    const panel = Float64Array.from([...prices, ...volume]);
    const [vol, level, volumeLevel, volumeChange] = joint.compute(panel);
    expect(vol).toBeCloseTo(Math.sqrt(1 / 3), 14);
    expect(level).toBeCloseTo(1, 14);
    // ln 10, ln 20, ln 40, ln 80: mean ln 10 + 1.5 ln 2; the changes are all ln 2.
    expect(volumeLevel).toBeCloseTo(Math.log(10) + 1.5 * Math.log(2), 12);
    expect(volumeChange).toBeCloseTo(0, 14);
  });

  it('refuses a name given twice and a panel that does not split into its series', () => {
    expect(() => jointMoments([{ label: 'a', moments: seriesMoments() }, { label: 'a', moments: seriesMoments() }])).toThrow(/moment a.mean_log appears twice/);
    expect(() => jointMoments([])).toThrow(/at least one series/);
    const joint = jointMoments([{ label: null, moments: priceMoments(['volatility']) }, { label: 'v', moments: seriesMoments() }]);
    expect(() => joint.compute(new Float64Array(7))).toThrow(/a panel of 2 series must have a multiple of 2 values, got 7/);
  });
});

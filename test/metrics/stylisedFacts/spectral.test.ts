import { describe, expect, it } from 'vitest';
import { largestPeriodogramPeak } from '../../../src/metrics/stylisedFacts/spectral';
import { ar1 } from './series';

describe('largestPeriodogramPeak', () => {
  it('puts 2/3 of the variance of [1, 0, 0, 0] at j = 1 (hand-worked)', () => {
    // X_j = 1 for j = 1, 2, 3; n Σ d² = 4 · 0.75 = 3; j = 1 with its mirror 3: 2/3; Nyquist j = 2: 1/3.
    const peak = largestPeriodogramPeak([1, 0, 0, 0]);
    expect(peak.index).toBe(1);
    expect(peak.periodTicks).toBe(4);
    expect(peak.share).toBeCloseTo(2 / 3, 14);
  });

  it('gives share 1 at the Nyquist frequency for an alternating series', () => {
    const peak = largestPeriodogramPeak([1, -1, 1, -1, 1, -1]);
    expect(peak.periodTicks).toBe(2);
    expect(peak.share).toBeCloseTo(1, 14);
  });

  it('finds a 20-tick cycle that carries all the variance of a pure sinusoid', () => {
    const xs = Float64Array.from({ length: 400 }, (_, t) => Math.sin((2 * Math.PI * t) / 20));
    const peak = largestPeriodogramPeak(xs);
    expect(peak.periodTicks).toBe(20);
    expect(peak.share).toBeCloseTo(1, 10);
  });

  it('gives the signal share A²/2 / (A²/2 + σ²) = 1/3 for a cycle of amplitude 1 in unit noise, within 0.05', () => {
    const noise = ar1(0, 2000, 8);
    const xs = Float64Array.from(noise, (e, t) => Math.sin((2 * Math.PI * t) / 50) + e);
    const peak = largestPeriodogramPeak(xs);
    expect(peak.periodTicks).toBe(50);
    expect(Math.abs(peak.share - 1 / 3)).toBeLessThan(0.05);
  });

  it('stays below 0.02 for white noise (n = 2,000; typical ln(n/2)/(n/2) ≈ 0.007)', () => {
    expect(largestPeriodogramPeak(ar1(0, 2000, 3)).share).toBeLessThan(0.02);
  });

  it('is NaN for a constant or too short series', () => {
    expect(largestPeriodogramPeak([2, 2, 2, 2]).share).toBeNaN();
    expect(largestPeriodogramPeak([1, 2]).share).toBeNaN();
  });
});

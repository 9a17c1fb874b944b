import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import { sampledPeriodogramPeak } from '../../../src/metrics/stylisedFacts/bartlett';
import { largestPeriodogramPeak } from '../../../src/metrics/stylisedFacts/spectral';

const noise = (n: number, seed: number) => {
  const rng = new Rng(seed);
  return Float64Array.from({ length: n }, () => rng.normal());
};

describe('sampledPeriodogramPeak (Bartlett)', () => {
  it('is the whole periodogram up to two segments', () => {
    const xs = noise(200, 1);
    expect(sampledPeriodogramPeak(xs, 100)).toEqual(largestPeriodogramPeak(xs));
  });

  it('finds a pure cycle whose period divides the segment, carrying all the variance', () => {
    // x_t = cos(2π t / 16): in every 64-value segment the whole power is at j = 4.
    const xs = Float64Array.from({ length: 640 }, (_, t) => Math.cos((2 * Math.PI * t) / 16));
    const peak = sampledPeriodogramPeak(xs, 64);
    expect(peak.index).toBe(4);
    expect(peak.periodTicks).toBe(16);
    expect(peak.share).toBeCloseTo(1, 9);
  });

  it('gives white noise about 2/L per ordinate, far below a cycle', () => {
    const peak = sampledPeriodogramPeak(noise(64 * 50, 2), 64);
    // The largest of 32 averaged ordinates with mean 1/32: a few times that, never a cycle's share.
    expect(peak.share).toBeGreaterThan(1 / 32);
    expect(peak.share).toBeLessThan(0.1);
  });

  it('refuses a segment too short and says so for a constant series', () => {
    expect(() => sampledPeriodogramPeak(noise(10, 3), 3)).toThrow(/segment must be an integer >= 4/);
    expect(sampledPeriodogramPeak(new Float64Array(100).fill(2), 8).share).toBeNaN();
  });
});

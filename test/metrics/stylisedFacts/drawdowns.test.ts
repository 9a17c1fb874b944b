import { describe, expect, it } from 'vitest';
import { drawdownStatistics } from '../../../src/metrics/stylisedFacts/drawdowns';

describe('drawdownStatistics', () => {
  it('hand-worked on [100, 120, 90, 60, 120, 130, 117]', () => {
    // Peaks 100, 120, 120, 120, 120, 130, 130; depths 0, 0, .25, .5, 0, 0, .1.
    const s = drawdownStatistics([100, 120, 90, 60, 120, 130, 117]);
    expect(s.maxDrawdown).toBeCloseTo(0.5, 15);
    expect(s.meanDrawdown).toBeCloseTo(0.85 / 7, 15);
    expect(s.longestDrawdownTicks).toBe(2);
    expect(s.longestCensored).toBe(false);
  });

  it('marks the longest spell censored when it is still open at the end', () => {
    const s = drawdownStatistics([100, 80, 90]);
    expect(s.longestDrawdownTicks).toBe(2);
    expect(s.longestCensored).toBe(true);
  });

  it('is all zero for a rising series', () => {
    expect(drawdownStatistics([1, 2, 3])).toEqual({ maxDrawdown: 0, meanDrawdown: 0, longestDrawdownTicks: 0, longestCensored: false });
  });
});

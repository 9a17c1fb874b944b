import { describe, expect, it } from 'vitest';
import { pairedImprovement } from '../../../src/analysis/optimise/improvement';

describe('pairedImprovement', () => {
  it('is the paired t interval of candidate − baseline when maximising: d = [1.9, 2, 2.1] → 2 ± t(0.975, 2)·0.1/√3', () => {
    const r = pairedImprovement([11.9, 22, 32.1], [10, 20, 30]);
    expect(r.mean).toBeCloseTo(2, 14);
    expect(r.halfWidth).toBeCloseTo((4.302652729911275 * 0.1) / Math.sqrt(3), 9);
    expect(r.verdict).toBe('better');
  });

  it('flips the sign when minimising, so lower KPI values count as improvement', () => {
    const r = pairedImprovement([8.1, 18, 27.9], [10, 20, 30], 'minimize');
    expect(r.mean).toBeCloseTo(2, 14);
    expect(r.verdict).toBe('better');
    expect(pairedImprovement([11.9, 22, 32.1], [10, 20, 30], 'minimize').verdict).toBe('worse');
  });

  it('is inconclusive when the interval straddles 0', () => {
    expect(pairedImprovement([1, -1, 2, -2], [0, 0, 0, 0]).verdict).toBe('inconclusive');
  });
});

import { describe, expect, it } from 'vitest';
import { powerConcentration } from '../../../src/mechanisms/governance/stats';

describe('powerConcentration', () => {
  it('counts delegated power with the delegate: powers 10, 20, 30, 40 with member 0 delegating to 3 give 0, 20, 30, 50', () => {
    // Gini of (0, 20, 30, 50) = Σ(2i − n − 1)x_(i) / (n Σx) = (−3·0 − 20 + 30 + 3·50) / 400 = 0.4;
    // Nakamoto: 50 is not more than half of 100, 50 + 30 is, so 2.
    const c = powerConcentration(Float64Array.of(10, 20, 30, 40), Int32Array.of(3, -1, -1, -1), 4);
    expect(c.gini).toBeCloseTo(0.4, 12);
    expect(c.nakamoto).toBe(2);
  });

  it('without delegation equals the plain coefficients: (10, 20, 30, 40) has Gini 0.25 and Nakamoto 2', () => {
    // (−3·10 − 20 + 30 + 3·40) / 400 = 100 / 400.
    const c = powerConcentration(Float64Array.of(10, 20, 30, 40), null, 4);
    expect(c.gini).toBeCloseTo(0.25, 12);
    expect(c.nakamoto).toBe(2);
  });
});

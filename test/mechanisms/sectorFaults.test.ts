import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import { faultySectors } from '../../src/mechanisms/sectorFaults';

describe('faulty sectors', () => {
  it('are exact at q = 0 and q = 1 and average n·q otherwise', () => {
    const rng = new Rng(7);
    expect(faultySectors(rng, 3200, 1)).toBe(3200);
    expect(faultySectors(rng, 3200, 0)).toBe(0);
    for (const [n, q] of [[40, 0.3], [3200, 0.001], [3200, 0.999], [3200, 0.2]] as const) {
      let sum = 0;
      for (let j = 0; j < 2000; j++) sum += faultySectors(rng, n, q);
      // The mean of 2,000 draws is within 5 standard errors of n·q.
      expect(Math.abs(sum / 2000 - n * q)).toBeLessThan(5 * Math.sqrt((n * q * (1 - q)) / 2000));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import { compensatedSum } from '../../src/core/sum';
import { gini } from '../../src/metrics/inequality';
import { yardSale } from '../../src/textbook/yardSale';

describe('yardSale condenses wealth', () => {
  it('drives the Gini coefficient from 0 past 0.9 at N = 500, f = 0.1, after 10^4 trades per agent', () => {
    const w = new Float64Array(500).fill(1);
    const rng = new Rng(3);
    const path: number[] = [];
    for (let round = 0; round < 10; round++) {
      yardSale(w, rng, 500 * 1000, 0.1);
      path.push(gini(w));
    }
    expect(path[0]).toBeGreaterThan(0.5);
    expect(path[9]).toBeGreaterThan(0.9);
    expect(path[9]).toBeGreaterThan(path[0]);
  });

  it('conserves wealth to 1e-12 relative and keeps every balance positive', () => {
    const w = new Float64Array(200).fill(1);
    yardSale(w, new Rng(5), 200 * 500, 0.2);
    expect(Math.abs(compensatedSum(w) - 200)).toBeLessThan(1e-12 * 200);
    expect(w.every((x) => x > 0)).toBe(true);
  });

  it('refuses a share outside (0, 1)', () => {
    expect(() => yardSale(new Float64Array(2), new Rng(1), 1, 0)).toThrow(RangeError);
  });
});

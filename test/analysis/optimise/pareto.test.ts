import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paretoFront } from '../../../src/analysis/optimise/pareto';

describe('paretoFront', () => {
  it('keeps the non-dominated points of a hand-worked set, both minimised', () => {
    // (1,5) (2,3) (3,4) (4,1) (2,6) (5,1): (3,4) is dominated by (2,3); (2,6) by (1,5) and (2,3); (5,1) by (4,1).
    const a = [1, 2, 3, 4, 2, 5];
    const b = [5, 3, 4, 1, 6, 1];
    expect(paretoFront(a, b)).toEqual([0, 1, 3]);
  });

  it('reads each objective by its sense: maximise the first, minimise the second', () => {
    // Maximising a: (5,1) beats (4,1); front (5,1), then (2,…)? (2,3) is worse in a and in b than (5,1): out.
    expect(paretoFront([1, 2, 3, 4, 2, 5], [5, 3, 4, 1, 6, 1], ['maximize', 'minimize'])).toEqual([5]);
  });

  it('keeps equal points, drops NaN, and drops a point tied on one objective but worse on the other', () => {
    expect(paretoFront([1, 1, 1, NaN], [2, 2, 3, 0])).toEqual([0, 1]);
  });

  it('matches the O(n²) definition (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), { maxLength: 30 }), (pts) => {
        const a = pts.map((p) => p[0]);
        const b = pts.map((p) => p[1]);
        const dominated = (i: number) => pts.some((_, j) => a[j] <= a[i] && b[j] <= b[i] && (a[j] < a[i] || b[j] < b[i]));
        const expected = pts.map((_, i) => i).filter((i) => !dominated(i));
        expect([...paretoFront(a, b)].sort((x, y) => x - y)).toEqual(expected);
      }),
    );
  });
});

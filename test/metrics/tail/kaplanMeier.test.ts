import { describe, expect, it } from 'vitest';
import { kaplanMeier, kaplanMeierMedian } from '../../../src/metrics/tail/kaplanMeier';

describe('kaplanMeier', () => {
  it('hand-worked: events at 2, 3, 3, 6 and censored at 3, 5', () => {
    // t = 2: 6 at risk, 1 event → 5/6. t = 3: 5 at risk (the censored 3 still counts), 2 events → 5/6·3/5 = 1/2.
    // Then the censored 3 and 5 leave; t = 6: 1 at risk, 1 event → 0.
    const d = [
      { ticks: 3, censored: true },
      { ticks: 2, censored: false },
      { ticks: 6, censored: false },
      { ticks: 3, censored: false },
      { ticks: 5, censored: true },
      { ticks: 3, censored: false },
    ];
    const curve = kaplanMeier(d);
    expect(Array.from(curve.times)).toEqual([2, 3, 6]);
    expect(curve.survival[0]).toBeCloseTo(5 / 6, 15);
    expect(curve.survival[1]).toBeCloseTo(0.5, 15);
    expect(curve.survival[2]).toBe(0);
    expect(kaplanMeierMedian(d)).toBe(3);
  });

  it('is the plain median of uncensored durations and Infinity when most never recover', () => {
    expect(kaplanMeierMedian([1, 4, 9].map((ticks) => ({ ticks, censored: false })))).toBe(4);
    expect(kaplanMeierMedian([{ ticks: 2, censored: false }, { ticks: 10, censored: true }, { ticks: 10, censored: true }])).toBe(Infinity);
    expect(kaplanMeierMedian([])).toBeNaN();
  });
});

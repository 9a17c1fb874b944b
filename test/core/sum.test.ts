import { describe, expect, it } from 'vitest';
import { RunningSum, compensatedSum } from '../../src/core/sum';

describe('compensatedSum', () => {
  it('sums [1e16, 1, −1e16] to exactly 1, where naive summation gives 0', () => {
    // 1e16 + 1 rounds back to 1e16 in float64 (spacing there is 2); the
    // compensation term keeps the lost 1.
    const xs = [1e16, 1, -1e16];
    const naive = xs[0] + xs[1] + xs[2];

    const s = compensatedSum(xs);

    expect(naive).toBe(0);
    expect(s).toBe(1);
  });

  it('sums only xs[from..to)', () => {
    const xs = Float64Array.of(100, 1, 2, 3, 100);

    expect(compensatedSum(xs, 1, 4)).toBe(6);
  });

  it('returns 0 for an empty range', () => {
    expect(compensatedSum([])).toBe(0);
  });
});

describe('RunningSum', () => {
  it('adds 0.1 a million times to within 1e-9 of 1e5', () => {
    const s = new RunningSum();

    for (let i = 0; i < 1_000_000; i++) s.add(0.1);

    expect(Math.abs(s.value - 1e5)).toBeLessThanOrEqual(1e-9);
  });

  it('keeps a small addend next to a large one ([1e16, 1, −1e16] → 1)', () => {
    const s = new RunningSum();

    s.add(1e16);
    s.add(1);
    s.add(-1e16);

    expect(s.value).toBe(1);
  });
});

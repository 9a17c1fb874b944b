import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import { gammaDraw, unitStudentT } from '../../src/market/studentT';
import { mean, variance } from '../../src/metrics/stats';

function draws(n: number, f: (rng: Rng) => number, seed = 1): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: n }, () => f(rng));
}

describe('gammaDraw', () => {
  it.each([0.5, 1, 3.5])('has mean and variance equal to the shape %d, within 2%', (shape) => {
    const xs = draws(200_000, (rng) => gammaDraw(rng, shape));
    expect(Math.abs(mean(xs) / shape - 1)).toBeLessThan(0.02);
    expect(Math.abs(variance(xs) / shape - 1)).toBeLessThan(0.03);
  });

  it('rejects a non-positive shape', () => {
    expect(() => gammaDraw(new Rng(1), 0)).toThrow(RangeError);
  });
});

describe('unitStudentT', () => {
  it('has unit variance for ν = 5, within 3%, and mean 0 within 0.01', () => {
    const xs = draws(300_000, (rng) => unitStudentT(rng, 5));
    expect(Math.abs(variance(xs) - 1)).toBeLessThan(0.03);
    expect(Math.abs(mean(xs))).toBeLessThan(0.01);
  });

  it('puts P(|t₅| > 3.365) = 0.02 of a standard t₅ beyond the scaled quantile, within 0.002', () => {
    // t_{0.99, 5} = 3.36493; on the unit-variance scale √(3/5) · 3.36493.
    const xs = draws(300_000, (rng) => unitStudentT(rng, 5), 2);
    const cut = Math.sqrt(3 / 5) * 3.36493;
    const share = xs.filter((x) => Math.abs(x) > cut).length / xs.length;
    expect(Math.abs(share - 0.02)).toBeLessThan(0.002);
  });

  it('rejects ν ≤ 2', () => {
    expect(() => unitStudentT(new Rng(1), 2)).toThrow(RangeError);
  });
});

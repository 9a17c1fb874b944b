import { describe, expect, it } from 'vitest';
import { type Distribution, distributionMean, distributionSchema, sample, sampleInto } from '../../src/core/distributions';
import { Rng } from '../../src/core/rng';
import { compensatedSum } from '../../src/core/sum';

describe('distributionSchema', () => {
  it.each<[string, Distribution]>([
    ['constant', { dist: 'constant', value: 5 }],
    ['uniform', { dist: 'uniform', min: 1, max: 2 }],
    ['uniform with max = min', { dist: 'uniform', min: 2, max: 2 }],
    ['normal', { dist: 'normal', mean: 0, sd: 1 }],
    ['normal with bounds', { dist: 'normal', mean: 0, sd: 1, min: -1, max: 1 }],
    ['lognormal', { dist: 'lognormal', mu: 0, sigma: 0.5 }],
    ['pareto', { dist: 'pareto', xm: 1, alpha: 2 }],
  ])('accepts %s', (_name, d) => {
    const r = distributionSchema.safeParse(d);

    expect(r.success).toBe(true);
  });

  it.each<[string, unknown]>([
    ['uniform with max < min', { dist: 'uniform', min: 2, max: 1 }],
    ['normal with negative sd', { dist: 'normal', mean: 0, sd: -1 }],
    ['lognormal with negative sigma', { dist: 'lognormal', mu: 0, sigma: -0.1 }],
    ['pareto with xm = 0', { dist: 'pareto', xm: 0, alpha: 2 }],
    ['pareto with alpha = 0', { dist: 'pareto', xm: 1, alpha: 0 }],
    ['an unknown dist', { dist: 'beta', a: 1, b: 2 }],
    ['an extra key', { dist: 'constant', value: 5, extra: 1 }],
    ['a missing key', { dist: 'uniform', min: 1 }],
    ['a string where a number is expected', { dist: 'constant', value: '5' }],
  ])('rejects %s', (_name, d) => {
    const r = distributionSchema.safeParse(d);

    expect(r.success).toBe(false);
  });
});

describe('sample', () => {
  it('returns the value of a constant without drawing', () => {
    const rng = new Rng(1);
    const untouched = new Rng(1);

    const x = sample({ dist: 'constant', value: 7.5 }, rng);

    expect(x).toBe(7.5);
    expect(rng.next()).toBe(untouched.next());
  });

  it('clips a normal to [min, max], piling mass on the bounds', () => {
    // N(0, 1) clipped to [−0.5, 0.5]: P(x < −0.5) = P(x > 0.5) = 0.3085,
    // so about 3085 of 10 000 draws sit exactly on each bound.
    const d: Distribution = { dist: 'normal', mean: 0, sd: 1, min: -0.5, max: 0.5 };
    const out = sampleInto(d, new Rng(2), new Float64Array(10_000));

    const atMin = out.filter((x) => x === -0.5).length;
    const atMax = out.filter((x) => x === 0.5).length;

    expect(Math.min(...out)).toBe(-0.5);
    expect(Math.max(...out)).toBe(0.5);
    expect(Math.abs(atMin / 10_000 - 0.3085)).toBeLessThan(0.025);
    expect(Math.abs(atMax / 10_000 - 0.3085)).toBeLessThan(0.025);
  });

  it('clips a normal on one side only when only min is given', () => {
    const d: Distribution = { dist: 'normal', mean: 0, sd: 1, min: 0 };
    const out = sampleInto(d, new Rng(3), new Float64Array(10_000));

    expect(Math.min(...out)).toBe(0);
    expect(Math.max(...out)).toBeGreaterThan(2);
  });

  it('fills only out[from..to) in sampleInto', () => {
    const out = new Float64Array(6).fill(-1);

    sampleInto({ dist: 'constant', value: 3 }, new Rng(4), out, 2, 4);

    expect(Array.from(out)).toEqual([-1, -1, 3, 3, -1, -1]);
  });
});

describe('distributionMean', () => {
  const n = 200_000;

  // Closed forms and their hand-worked values:
  //   uniform(2, 6)        → (2 + 6)/2 = 4
  //   normal(−1, 3)        → −1
  //   lognormal(0.2, 0.5)  → e^(0.2 + 0.125) = e^0.325 = 1.3840306
  //   pareto(1.5, 4)       → 4·1.5/3 = 2
  it.each<[Distribution, number, number]>([
    [{ dist: 'constant', value: -2.5 }, -2.5, 0],
    [{ dist: 'uniform', min: 2, max: 6 }, 4, 0.02],
    [{ dist: 'normal', mean: -1, sd: 3 }, -1, 0.04],
    [{ dist: 'lognormal', mu: 0.2, sigma: 0.5 }, 1.3840306, 0.01],
    [{ dist: 'pareto', xm: 1.5, alpha: 4 }, 2, 0.01],
  ])('gives the closed-form mean of %j, matching the sample mean', (d, expected, tol) => {
    const xs = sampleInto(d, new Rng(5), new Float64Array(n));

    const closed = distributionMean(d);

    expect(closed).toBeCloseTo(expected, 6);
    expect(Math.abs(compensatedSum(xs) / n - closed)).toBeLessThanOrEqual(tol);
  });

  it('returns Infinity for a Pareto with alpha <= 1', () => {
    expect(distributionMean({ dist: 'pareto', xm: 1, alpha: 1 })).toBe(Infinity);
  });
});

import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { compare, significanceMark } from '../../src/experiment/compare';
import { tCdf, tQuantile } from '../../src/metrics/stats';
import { writeResultsDir, type FakeRun } from '../fixtures/resultsDir';

// Hand-worked example. Baseline x = 2, 4, 6, 8 (seeds 11–14); treatment
// x = 3, 6, 7, 10 on the same seeds, plus a failed fifth run.
//   baseline: x̄ = 5, s² = (9 + 1 + 1 + 9)/3 = 20/3, s = 2.581989,
//             half-width = t(0.975, 3) · s/√4 = 3.182446305 · 1.290994 = 4.108521
//   paired d = 1, 2, 1, 2: d̄ = 1.5, s_d = √(1/3) = 0.577350, half-width = 3.182446305 · 0.288675 = 0.918693,
//             t = 1.5 / 0.288675 = 5.196152; with 3 df, P(T > t) = ½ − (atan(u) + u/(1 + u²))/π, u = t/√3 = 3,
//             = ½ − (1.2490458 + 0.3)/π = 0.0069234, so p = 0.0138468 (mark *).
const base = [2, 4, 6, 8];
const treat = [3, 6, 7, 10];
const runs: FakeRun[] = [
  ...base.map((x, r) => ({ variant: 'baseline', replicate: r, seed: 11 + r, kpis: { x, y: 1 } })),
  ...treat.map((x, r) => ({ variant: 'treat', replicate: r, seed: 11 + r, kpis: { x, y: 1 } })),
  { variant: 'treat', replicate: 4, seed: 15, ok: false, kpis: { x: 999, y: 999 } },
];

describe('compare', () => {
  it('gives the hand-computed mean, sd and 95% t interval per variant', async () => {
    const c = compare(await writeResultsDir(runs), { metrics: ['x'] });
    const b = c.rows.find((r) => r.group.variant === 'baseline')!;
    expect(b.n).toBe(4);
    expect(b.mean).toBeCloseTo(5, 12);
    expect(b.sd).toBeCloseTo(2.581989, 6);
    expect(b.lo).toBeCloseTo(5 - 4.108521, 5);
    expect(b.hi).toBeCloseTo(5 + 4.108521, 5);
    expect(b.diff).toBeNull();
  });

  it('pairs the treatment with the baseline by seed and gives the paired t interval and p-value', async () => {
    const c = compare(await writeResultsDir(runs), { metrics: ['x'] });
    const d = c.rows.find((r) => r.group.variant === 'treat')!.diff!;
    expect(d.method).toBe('paired');
    expect(d.n).toBe(4);
    expect(d.mean).toBeCloseTo(1.5, 12);
    expect(d.lo).toBeCloseTo(1.5 - 0.918693, 5);
    expect(d.hi).toBeCloseTo(1.5 + 0.918693, 5);
    expect(d.pValue).toBeCloseTo(0.0138468, 6);
    expect(d.mark).toBe('*');
  });

  it('excludes failed runs from the statistics and counts them', async () => {
    const c = compare(await writeResultsDir(runs), { metrics: ['x'] });
    const t = c.rows.find((r) => r.group.variant === 'treat')!;
    expect(t.n).toBe(4);
    expect(t.mean).toBeCloseTo(6.5, 12);
    expect(t.group).toMatchObject({ runs: 5, ok: 4, failed: 1 });
    expect(c.failed).toBe(1);
  });

  it('falls back to Welch when the variants share no seed', async () => {
    const unpaired = runs.filter((r) => r.ok !== false).map((r) => (r.variant === 'treat' ? { ...r, seed: r.seed + 100 } : r));
    const c = compare(await writeResultsDir(unpaired), { metrics: ['x'] });
    const d = c.rows.find((r) => r.group.variant === 'treat')!.diff!;
    expect(d.method).toBe('welch');
    expect(d.mean).toBeCloseTo(1.5, 12);
    // s_a² = 25/3, s_b² = 20/3, n = 4: se = √(45/12) = 1.936492,
    // df = se⁴ / (((25/12)² + (20/12)²)/3) = 14.0625 / 2.372685 = 5.926829, t = 1.5/se = 0.774597.
    const se = Math.sqrt(45 / 12);
    const df = 14.0625 / ((625 / 144 + 400 / 144) / 3);
    expect(df).toBeCloseTo(5.926829, 6);
    expect((d.hi - d.lo) / 2).toBeCloseTo(tQuantile(0.975, df) * se, 10);
    expect(d.pValue).toBeCloseTo(2 * tCdf(-1.5 / se, df), 10);
    expect(d.mark).toBe('');
  });

  it('groups by sweep point and compares with the baseline at the same point', async () => {
    const swept: FakeRun[] = [];
    for (const point of [0, 1])
      for (const variant of ['baseline', 'treat'])
        for (let r = 0; r < 3; r++)
          swept.push({ variant, replicate: r, seed: 7 + r, point, params: { 'emission.rate': point + 1 }, kpis: { x: point * 10 + r + (variant === 'treat' ? 2 : 0) } });
    const c = compare(await writeResultsDir(swept, { point: true }), { by: 'point' });
    expect(c.swept).toEqual(['emission.rate']);
    expect(c.groups.map((g) => g.label)).toEqual(['baseline @ point 0', 'treat @ point 0', 'baseline @ point 1', 'treat @ point 1']);
    const t1 = c.rows.find((r) => r.group.label === 'treat @ point 1')!;
    expect(t1.mean).toBeCloseTo(13, 12);
    expect(t1.group.params).toEqual({ 'emission.rate': 2 });
    expect(t1.diff!.mean).toBeCloseTo(2, 12);
  });

  it('treats a directory without a point column as one point', async () => {
    const c = compare(await writeResultsDir(runs), { by: 'point', metrics: ['x'] });
    expect(c.groups.map((g) => g.label)).toEqual(['baseline @ point 0', 'treat @ point 0']);
  });

  it('rejects an unknown metric and an unknown baseline with one line naming them', async () => {
    const dir = await writeResultsDir(runs);
    expect(() => compare(dir, { metrics: ['nope'] })).toThrow(InputError);
    expect(() => compare(dir, { metrics: ['nope'] })).toThrow(/^unknown metric "nope"; summary.arrow has: x, y$/);
    expect(() => compare(dir, { baseline: 'other' })).toThrow(/^unknown baseline variant "other"; the variants are: baseline, treat$/);
    expect(() => compare(dir + '-missing')).toThrow(/^no such results directory: /);
  });

  it('marks p-values by threshold', () => {
    expect([0.0005, 0.005, 0.03, 0.2, NaN].map(significanceMark)).toEqual(['***', '**', '*', '', '']);
  });
});

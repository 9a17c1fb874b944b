import { describe, expect, it } from 'vitest';
import { pointLabel, sweepHeatmap, type SweepPoint } from '../../../src/report/charts/sweep';

describe('pointLabel', () => {
  it('names a sweep point by its parameter values', () => {
    expect(pointLabel({ 'emission.ratePerYear': 2_500_000, 'staking.unbondingTicks': 14 }, ['emission.ratePerYear', 'staking.unbondingTicks'])).toBe(
      'emission.ratePerYear = 2.5M, staking.unbondingTicks = 14',
    );
  });
});

describe('sweepHeatmap', () => {
  it('labels cells in the KPI’s number format, dark text on the light half of the scale, axes in short numbers', () => {
    const points: SweepPoint[] = [1e7, 2e7].flatMap((a) => [0, 14].map((b) => ({ variant: 'v', params: { a, b }, mean: a / 1e7 + b / 100, lo: NaN, hi: NaN, n: 2 })));
    const { spec, rows } = sweepHeatmap({ name: 'k' }, 'a', 'b', points, ['v'], false);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const lite = (spec as any).lite;
    expect(lite.spec.encoding.x.sort).toEqual(['10M', '20M']);
    expect(lite.spec.encoding.y.sort).toEqual(['14', '0']);
    const text = lite.spec.layer[1];
    expect(text.encoding.color.condition).toEqual({ test: 'datum.dark', value: '#111' });
    const values = lite.data.values as { label: string; dark: boolean }[];
    expect(values.map((v) => [v.label, v.dark])).toEqual([
      ['1.000', false],
      ['1.140', false],
      ['2.000', true],
      ['2.140', true],
    ]);
    expect(rows[0]).toEqual({ variant: 'v', point: 'a = 10M, b = 0', a: 1e7, b: 0, mean: 1, lo: null, hi: null, n: 2 });
  });

  it('maps differences to the baseline on a blue–orange scale symmetric about zero, with their stars, and exports them as differences', () => {
    const points: SweepPoint[] = [
      { variant: 'burn', params: { a: 1, b: 1 }, mean: -4, lo: -5, hi: -3, n: 3, mark: '**' },
      { variant: 'burn', params: { a: 2, b: 1 }, mean: 1, lo: -1, hi: 3, n: 3, mark: '' },
    ];
    const { spec, rows } = sweepHeatmap({ name: 'k' }, 'a', 'b', points, ['base', 'burn'], false, { values: 'difference', baseline: 'base' });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const lite = (spec as any).lite;
    expect(lite.title.text).toBe('k over a × b: difference to base');
    expect(lite.spec.layer[0].encoding.color.scale).toEqual({ scheme: 'blueorange', domain: [-4, 4] });
    expect(lite.data.values.map((v: { label: string; dark: boolean }) => [v.label, v.dark])).toEqual([
      ['−4.000**', false],
      ['1.000', true],
    ]);
    expect(rows[0]).toMatchObject({ variant: 'burn', difference: -4 });
    expect(rows[0]).not.toHaveProperty('mean');
  });
});

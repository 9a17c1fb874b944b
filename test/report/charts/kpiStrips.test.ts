import { describe, expect, it } from 'vitest';
import { BOX_MIN_RUNS, kpiStrips, type KpiValue } from '../../../src/report/charts/kpiStrips';

describe('kpiStrips', () => {
  it('draws a panel per KPI with a dot per run, boxes only for variants with enough runs, variant names on the first panel of a row', () => {
    const values: KpiValue[] = [];
    for (let r = 0; r < BOX_MIN_RUNS; r++) values.push({ kpi: 'k', variant: 'many', runId: r, replicate: r, value: r });
    values.push({ kpi: 'k', variant: 'few', runId: 9, replicate: 0, value: 3 }, { kpi: 'j', variant: 'few', runId: 9, replicate: 0, value: 1 });
    const { spec, rows } = kpiStrips([{ name: 'k', unit: 'USD' }, { name: 'j' }], values, ['many', 'few'], false);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const [k, j] = (spec as any).lite.concat;
    expect(k.title.text).toBe('k');
    expect(k.layer.map((l: { mark: { type: string } }) => l.mark.type)).toEqual(['boxplot', 'circle']);
    expect(k.layer[0].data.values.every((v: { variant: string }) => v.variant === 'many')).toBe(true);
    expect(k.layer[1].encoding.x.title).toBe('USD');
    expect(j.layer.map((l: { mark: { type: string } }) => l.mark.type)).toEqual(['circle']);
    expect(k.layer[1].encoding.y.axis).not.toBeNull();
    expect(j.layer[0].encoding.y.axis).toBeNull();
    expect(rows).toHaveLength(values.length);
  });
});

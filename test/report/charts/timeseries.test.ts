import { describe, expect, it } from 'vitest';
import { seriesChart } from '../../../src/report/charts/timeseries';
import type { Fan } from '../../../src/report/fan';

const fan = (variant: string, p50: number[]): Fan => ({
  variant,
  ticks: Int32Array.from(p50, (_, i) => i * 7),
  p05: Float64Array.from(p50, (x) => x * 0.9),
  p50: Float64Array.from(p50),
  p95: Float64Array.from(p50, (x) => x * 1.1),
});

/** The Vega-Lite layers of a chart, typed loosely for inspection. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const layers = (spec: any): any[] => spec.lite.layer;

describe('seriesChart', () => {
  const info = { name: 'price', unit: 'USD/token', description: 'Token price on the AMM' };

  it('titles the chart with the metric and its description, the y axis with its unit, and ends the x axis at the last tick', () => {
    const { spec, rows } = seriesChart({ info, variants: ['a', 'b'], fans: [fan('a', [1, 2, 3]), fan('b', [1, 1, 1])], interactive: false });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const lite = (spec as any).lite;
    expect(lite.title).toEqual({ text: 'price', subtitle: 'Token price on the AMM' });
    const median = layers(spec).at(-1);
    expect(median.encoding.y.title).toBe('price (USD/token)');
    expect(median.encoding.x.scale).toEqual({ domain: [0, 14], nice: false, zero: false });
    expect(median.encoding.y.scale.type).toBe('linear');
    expect(rows[0]).toEqual({ variant: 'a', tick: 0, p05: 0.9, p50: 1, p95: 1.1 });
    expect(layers(spec).map((l) => l.mark.type)).toEqual(['area', 'line', 'line', 'line']);
  });

  it('uses a log scale when every value is positive and they span three orders of magnitude, and SI tick labels from 10⁴', () => {
    const { spec } = seriesChart({ info: { name: 'treasury_usd' }, variants: ['a'], fans: [fan('a', [20, 2_000, 200_000])], interactive: false });
    const median = layers(spec).at(-1);
    expect(median.encoding.y.scale.type).toBe('log');
    expect(median.encoding.y.axis.format).toBe('~s');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    expect((spec as any).lite.title.subtitle).toBe('log scale');
    const withZero = seriesChart({ info: { name: 'x' }, variants: ['a'], fans: [fan('a', [0, 2_000, 200_000])], interactive: false });
    expect(layers(withZero.spec).at(-1).encoding.y.scale.type).toBe('linear');
  });

  it('draws every run in place of the band when given run lines, and exports those', () => {
    const runLines = [{ variant: 'a', runId: 4, ticks: Int32Array.of(0, 7), values: Float64Array.of(1, 2) }];
    const { spec, rows } = seriesChart({ info, variants: ['a'], fans: [fan('a', [1, 2])], runLines, interactive: false });
    expect(layers(spec).map((l) => l.mark.type)).toEqual(['line', 'line']);
    expect(layers(spec)[0].encoding.detail).toEqual({ field: 'run_id', type: 'nominal' });
    expect(rows).toEqual([
      { variant: 'a', run_id: 4, tick: 0, value: 1 },
      { variant: 'a', run_id: 4, tick: 7, value: 2 },
    ]);
  });

  it('adds zoom, legend toggles and a hover read-out of every variant only to the interactive chart', () => {
    const { spec } = seriesChart({ info, variants: ['a', 'b'], fans: [fan('a', [1, 2]), fan('b', [2, 3])], interactive: true });
    const all = layers(spec);
    expect(all.flatMap((l) => (l.params ?? []).map((p: { name: string }) => p.name))).toEqual(['zoom', 'pick', 'hover']);
    expect(all.at(-1).encoding.tooltip.map((t: { title: string }) => t.title)).toEqual(['tick', 'a', 'b']);
  });
});

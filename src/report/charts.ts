import type { Fan } from './fan';
import type { ChartSpec } from './vega';

// Vega-Lite specifications of the report's charts. Data are inline values
// (nothing is fetched); NaN becomes null, which Vega-Lite leaves out.

const WIDTH = 620;
const HEIGHT = 220;
/** A font every system has, so the SVG needs no web font. */
const CONFIG = { font: 'Helvetica, Arial, sans-serif', view: { stroke: '#ddd' }, axis: { labelFontSize: 11, titleFontSize: 12 } };

const num = (x: number) => (Number.isFinite(x) ? x : null);

/** A colour scale that gives each variant the same colour in every chart. */
function variantColor(variants: string[]) {
  // Layers merge their legends; opaque line swatches, whatever a band's opacity.
  const legend = { symbolType: 'stroke', symbolOpacity: 1, symbolStrokeWidth: 2 };
  return { field: 'variant', type: 'nominal' as const, title: 'variant', scale: { domain: variants, scheme: 'tableau10' }, legend };
}

/**
 * Returns the fan chart of one metric: per variant, the median across runs
 * as a line over ticks and the 5–95 % band around it.
 */
export function fanChart(metric: string, fans: Fan[]): ChartSpec {
  const values: Record<string, unknown>[] = [];
  for (const f of fans) {
    for (let t = 0; t < f.ticks.length; t++) {
      values.push({ variant: f.variant, tick: f.ticks[t], p05: num(f.p05[t]), p50: num(f.p50[t]), p95: num(f.p95[t]) });
    }
  }
  const variants = fans.map((f) => f.variant);
  const x = { field: 'tick', type: 'quantitative' as const, title: 'tick' };
  return {
    title: { text: metric, anchor: 'start' },
    width: WIDTH,
    height: HEIGHT,
    config: CONFIG,
    data: { values },
    layer: [
      {
        mark: { type: 'area', opacity: 0.18 },
        encoding: { x, y: { field: 'p05', type: 'quantitative', title: metric, scale: { zero: false } }, y2: { field: 'p95' }, color: variantColor(variants) },
      },
      {
        mark: { type: 'line', strokeWidth: 1.8 },
        encoding: { x, y: { field: 'p50', type: 'quantitative' }, color: variantColor(variants) },
      },
    ],
  } as ChartSpec;
}

/** One sweep point's KPI: its swept parameter values, variant and mean with confidence interval. */
export interface SweepPoint {
  variant: string;
  params: Record<string, number>;
  mean: number;
  lo: number;
  hi: number;
}

/** Returns a line chart of a KPI's mean (with its confidence band) over one swept parameter, per variant. */
export function sweepLine(kpi: string, param: string, points: SweepPoint[], variants: string[]): ChartSpec {
  const values = points.map((p) => ({ variant: p.variant, x: p.params[param], mean: num(p.mean), lo: num(p.lo), hi: num(p.hi) }));
  const x = { field: 'x', type: 'quantitative' as const, title: param, scale: { zero: false } };
  return {
    title: { text: `${kpi} over ${param}`, anchor: 'start' },
    width: WIDTH,
    height: HEIGHT,
    config: CONFIG,
    data: { values },
    layer: [
      { mark: { type: 'area', opacity: 0.18 }, encoding: { x, y: { field: 'lo', type: 'quantitative', title: kpi, scale: { zero: false } }, y2: { field: 'hi' }, color: variantColor(variants) } },
      { mark: { type: 'line', point: true }, encoding: { x, y: { field: 'mean', type: 'quantitative' }, color: variantColor(variants) } },
    ],
  } as ChartSpec;
}

/**
 * Returns a heatmap of a KPI's mean over two swept parameters laid out on a
 * grid, one panel per variant, each cell labelled with its value.
 */
export function sweepHeatmap(kpi: string, px: string, py: string, points: SweepPoint[]): ChartSpec {
  const values = points.map((p) => ({ variant: p.variant, x: p.params[px], y: p.params[py], mean: num(p.mean) }));
  const cols = new Set(values.map((v) => v.x)).size;
  const rows = new Set(values.map((v) => v.y)).size;
  const cell = Math.max(18, Math.min(60, Math.floor(520 / Math.max(cols, rows))));
  return {
    title: { text: `${kpi} over ${px} × ${py} (mean)`, anchor: 'start' },
    config: CONFIG,
    data: { values },
    facet: { column: { field: 'variant', type: 'nominal', title: null } },
    spec: {
      width: cell * cols,
      height: cell * rows,
      encoding: {
        x: { field: 'x', type: 'ordinal', title: px, sort: 'ascending' },
        y: { field: 'y', type: 'ordinal', title: py, sort: 'descending' },
      },
      layer: [
        { mark: 'rect', encoding: { color: { field: 'mean', type: 'quantitative', title: kpi, scale: { scheme: 'viridis' } } } },
        ...(cell >= 36 ? [{ mark: { type: 'text', fontSize: 9, color: 'white' }, encoding: { text: { field: 'mean', type: 'quantitative', format: '.3~g' } } }] : []),
      ],
    },
  } as ChartSpec;
}

/**
 * Returns a scatter of sweep points over two parameters coloured by a KPI's
 * mean (designs off a grid: random or Latin hypercube), one panel per variant.
 */
export function sweepScatter2d(kpi: string, px: string, py: string, points: SweepPoint[]): ChartSpec {
  const values = points.map((p) => ({ variant: p.variant, x: p.params[px], y: p.params[py], mean: num(p.mean) }));
  return {
    title: { text: `${kpi} over ${px} × ${py} (mean)`, anchor: 'start' },
    config: CONFIG,
    data: { values },
    facet: { column: { field: 'variant', type: 'nominal', title: null } },
    spec: {
      width: 300,
      height: 260,
      mark: { type: 'circle', size: 90, opacity: 0.9 },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: px, scale: { zero: false } },
        y: { field: 'y', type: 'quantitative', title: py, scale: { zero: false } },
        color: { field: 'mean', type: 'quantitative', title: kpi, scale: { scheme: 'viridis' } },
      },
    },
  } as ChartSpec;
}

/** Returns a scatter of a KPI's mean at each sweep point over one of several swept parameters, per variant. */
export function sweepScatter(kpi: string, param: string, points: SweepPoint[], variants: string[]): ChartSpec {
  const values = points.map((p) => ({ variant: p.variant, x: p.params[param], mean: num(p.mean) }));
  return {
    title: { text: `${kpi} over ${param}`, anchor: 'start' },
    width: WIDTH,
    height: HEIGHT,
    config: CONFIG,
    data: { values },
    mark: { type: 'circle', size: 50, opacity: 0.8 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: param, scale: { zero: false } },
      y: { field: 'mean', type: 'quantitative', title: kpi, scale: { zero: false } },
      color: variantColor(variants),
    },
  } as ChartSpec;
}

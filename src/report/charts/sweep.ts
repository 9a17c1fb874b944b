import { axisFormat, CONFIG, PAGE_WIDTH, PLOT_HEIGHT, variantColor, Y_AXIS_EXTENT } from '../chartStyle';
import { formatCompact, formatScaled, numberScale } from '../numberFormat';
import { axisTitle, type ColumnInfo } from '../units';
import type { ChartData, ChartSpec } from '../vega';

/** One sweep point's KPI for one variant: the swept parameters' values and the mean with its confidence interval. */
export interface SweepPoint {
  variant: string;
  params: Record<string, number>;
  mean: number;
  lo: number;
  hi: number;
  n: number;
  /** Significance stars of a difference (`*`, `**`, `***`), shown after its value. */
  mark?: string;
}

const num = (x: number) => (Number.isFinite(x) ? x : null);

/** Returns `a = 1, b = 2.5M`: a sweep point named by its parameter values. */
export function pointLabel(params: Record<string, number>, names: readonly string[]): string {
  return names.map((p) => `${p} = ${formatCompact(params[p])}`).join(', ');
}

function rowsOf(points: SweepPoint[], swept: readonly string[]) {
  return points.map((p) => ({ variant: p.variant, point: pointLabel(p.params, swept), ...p.params, mean: num(p.mean), lo: num(p.lo), hi: num(p.hi), n: p.n }));
}

const tooltip = (kpi: ColumnInfo, what = 'mean') => [
  { field: 'variant', type: 'nominal' },
  { field: 'point', type: 'nominal', title: 'sweep point' },
  { field: 'mean', type: 'quantitative', title: `${what} ${kpi.name}`, format: ',.4~r' },
  { field: 'lo', type: 'quantitative', title: 'interval from', format: ',.4~r' },
  { field: 'hi', type: 'quantitative', title: 'interval to', format: ',.4~r' },
  { field: 'n', type: 'quantitative', title: 'runs' },
];

function paramAxis(param: string, points: SweepPoint[]) {
  return { field: param, type: 'quantitative' as const, title: param, scale: { zero: false, nice: false, padding: 12 }, axis: axisFormat(points.map((p) => p.params[param])) };
}

function kpiAxis(kpi: ColumnInfo, field: string, values: number[]) {
  return { field, type: 'quantitative' as const, title: axisTitle(kpi), scale: { zero: false }, axis: axisFormat(values) };
}

/** Returns a line chart of a KPI's mean (with its confidence band) over the one swept parameter, per variant. */
export function sweepLine(kpi: ColumnInfo, param: string, points: SweepPoint[], variants: string[], interactive: boolean): ChartData {
  const rows = rowsOf(points, [param]);
  const x = paramAxis(param, points);
  const values = points.flatMap((p) => [p.lo, p.hi, p.mean]);
  const color = variantColor(variants);
  const spec = {
    title: { text: `${kpi.name} over ${param}`, subtitle: 'mean over each point’s runs and its confidence interval' },
    width: PAGE_WIDTH,
    height: PLOT_HEIGHT,
    autosize: { type: 'fit-x', contains: 'padding' },
    config: CONFIG,
    data: { values: rows },
    encoding: { x, color },
    layer: [
      { mark: { type: 'area', opacity: 0.12 }, encoding: { y: kpiAxis(kpi, 'lo', values), y2: { field: 'hi' } } },
      { mark: { type: 'line', point: { size: 45 }, strokeWidth: 2 }, encoding: { y: kpiAxis(kpi, 'mean', values), ...(interactive ? { tooltip: tooltip(kpi) } : {}) } },
    ],
  } as ChartSpec;
  return { spec: { lite: spec }, rows };
}

/** What a heatmap's cells hold: each variant's mean, or its difference to the baseline (one panel per other variant). */
export interface HeatmapKind {
  /** `mean`: a sequential scale (viridis); `difference`: a diverging one centred on zero. */
  values: 'mean' | 'difference';
  /** The baseline's name, for the title of a difference map. */
  baseline?: string;
}

/**
 * Returns a heatmap of a KPI over two swept parameters on a grid, one panel
 * per variant sharing one colour scale, each cell labelled with its value in
 * the KPI's number format (dark text on light cells). Of means, on viridis;
 * of differences to the baseline (`kind.values = 'difference'`, the points'
 * `mean` holding the difference), on a blue–orange scale centred on zero.
 */
export function sweepHeatmap(kpi: ColumnInfo, px: string, py: string, points: SweepPoint[], variants: string[], interactive: boolean, kind: HeatmapKind = { values: 'mean' }): ChartData {
  const diverging = kind.values === 'difference';
  const scale = numberScale(points.map((p) => p.mean));
  const means = points.map((p) => p.mean).filter(Number.isFinite);
  const [lo, hi] = [Math.min(...means), Math.max(...means)];
  const reach = Math.max(Math.abs(lo), Math.abs(hi));
  const xs = [...new Set(points.map((p) => p.params[px]))].sort((a, b) => a - b);
  const ys = [...new Set(points.map((p) => p.params[py]))].sort((a, b) => b - a);
  const rows = rowsOf(points, [px, py]).map((r, i) => ({
    ...r,
    x: formatCompact(points[i].params[px]),
    y: formatCompact(points[i].params[py]),
    label: formatScaled(points[i].mean, scale) + (points[i].mark ?? ''),
    // viridis runs from dark purple to light yellow, blue–orange is light in the middle: dark text where the cell is light.
    dark: diverging ? reach > 0 && Math.abs(points[i].mean) / reach < 0.6 : hi > lo && (points[i].mean - lo) / (hi - lo) > 0.55,
  }));
  const present = variants.filter((v) => points.some((p) => p.variant === v));
  const panel = (PAGE_WIDTH - Y_AXIS_EXTENT - 120 - 20 * present.length) / present.length;
  const cell = Math.max(24, Math.min(90, Math.floor(panel / xs.length), Math.floor(420 / ys.length)));
  // A symmetric domain, so equal differences either way get equally strong colours.
  const colour = diverging ? { scheme: 'blueorange', domain: [-reach, reach] } : { scheme: 'viridis' };
  const title = diverging ? `${kpi.name} over ${px} × ${py}: difference to ${kind.baseline}` : `${kpi.name} over ${px} × ${py}`;
  const subtitle = diverging
    ? `variant − ${kind.baseline} at each point, mean over seeds paired by seed${kpi.unit ? `, in ${kpi.unit}` : ''}`
    : `mean over each point’s runs${kpi.unit ? `, in ${kpi.unit}` : ''}`;
  const spec = {
    title: { text: title, subtitle },
    config: CONFIG,
    data: { values: rows },
    facet: { column: { field: 'variant', type: 'nominal', title: null, sort: present, header: { labelAnchor: 'start', labelFontSize: 13 } } },
    spec: {
      width: cell * xs.length,
      height: cell * ys.length,
      encoding: {
        x: { field: 'x', type: 'ordinal', title: px, sort: xs.map(formatCompact), axis: { labelAngle: 0 } },
        y: { field: 'y', type: 'ordinal', title: py, sort: ys.map(formatCompact) },
      },
      layer: [
        {
          mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
          encoding: {
            color: {
              field: 'mean',
              type: 'quantitative',
              title: diverging ? `Δ ${axisTitle(kpi)}` : axisTitle(kpi),
              scale: colour,
              legend: { orient: 'right', direction: 'vertical', titleLimit: 220, ...axisFormat(means) },
            },
            ...(interactive ? { tooltip: tooltip(kpi, diverging ? 'Δ' : 'mean') } : {}),
          },
        },
        ...(cell >= 34
          ? [{ mark: { type: 'text', fontSize: cell >= 60 ? 12 : 10 }, encoding: { text: { field: 'label' }, color: { condition: { test: 'datum.dark', value: '#111' }, value: '#fff' } } }]
          : []),
      ],
    },
  } as ChartSpec;
  // The CSV names a difference map's values for what they are.
  const exported = rows.map(({ x: _x, y: _y, label: _l, dark: _d, mean, ...r }) => (diverging ? { ...r, difference: mean } : { ...r, mean }));
  return { spec: { lite: spec }, rows: exported };
}

/** Returns a scatter of sweep points over two parameters coloured by a KPI's mean (a design off a grid), one panel per variant. */
export function sweepScatter2d(kpi: ColumnInfo, px: string, py: string, points: SweepPoint[], variants: string[], interactive: boolean): ChartData {
  const rows = rowsOf(points, [px, py]);
  const present = variants.filter((v) => points.some((p) => p.variant === v));
  const side = Math.max(200, Math.min(360, Math.floor((PAGE_WIDTH - Y_AXIS_EXTENT - 140) / present.length) - 30));
  const spec = {
    title: { text: `${kpi.name} over ${px} × ${py}`, subtitle: 'mean over each point’s runs' },
    config: CONFIG,
    data: { values: rows },
    facet: { column: { field: 'variant', type: 'nominal', title: null, sort: present, header: { labelAnchor: 'start', labelFontSize: 13 } } },
    spec: {
      width: side,
      height: side,
      mark: { type: 'circle', size: 110, opacity: 0.9, stroke: '#333', strokeWidth: 0.4 },
      encoding: {
        x: paramAxis(px, points),
        y: paramAxis(py, points),
        color: { field: 'mean', type: 'quantitative', title: axisTitle(kpi), scale: { scheme: 'viridis' }, legend: { orient: 'right', direction: 'vertical', titleLimit: 220, ...axisFormat(points.map((p) => p.mean)) } },
        ...(interactive ? { tooltip: tooltip(kpi) } : {}),
      },
    },
  } as ChartSpec;
  return { spec: { lite: spec }, rows };
}

/** Returns a scatter of a KPI's mean at each sweep point over one of several swept parameters, per variant. */
export function sweepScatter(kpi: ColumnInfo, param: string, swept: readonly string[], points: SweepPoint[], variants: string[], interactive: boolean): ChartData {
  const rows = rowsOf(points, swept);
  const spec = {
    title: { text: `${kpi.name} over ${param}`, subtitle: `mean over each point’s runs; the other swept parameters vary too` },
    width: PAGE_WIDTH,
    height: PLOT_HEIGHT,
    autosize: { type: 'fit-x', contains: 'padding' },
    config: CONFIG,
    data: { values: rows },
    mark: { type: 'circle', size: 60, opacity: 0.8 },
    encoding: {
      x: paramAxis(param, points),
      y: kpiAxis(kpi, 'mean', points.map((p) => p.mean)),
      color: variantColor(variants),
      ...(interactive ? { tooltip: tooltip(kpi) } : {}),
    },
  } as ChartSpec;
  return { spec: { lite: spec }, rows };
}

import { VARIANT_COLORS } from './palette';

// The look every chart shares. Plot areas line up because every chart is
// drawn at the page's width with a y axis of fixed extent and its legend on
// top, so tick t sits at the same x in every time-series chart.

/** Width of the page's content and of a full-width chart, in CSS pixels. */
export const PAGE_WIDTH = 1200;

/** Pixels reserved for the y axis's labels (its title sits beyond them). */
export const Y_AXIS_EXTENT = 58;

/** Height of a full-width chart's plot area, in CSS pixels. */
export const PLOT_HEIGHT = 240;

/** A font every system has, so the SVG needs no web font. */
export const FONT = 'Helvetica, Arial, sans-serif';

/** The Vega-Lite config of every chart. */
export const CONFIG = {
  font: FONT,
  padding: { left: 4, right: 14, top: 4, bottom: 4 },
  view: { stroke: '#bbb' },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    titleColor: '#222',
    labelColor: '#333',
    gridColor: '#ececec',
    domainColor: '#888',
    tickColor: '#888',
  },
  axisY: { minExtent: Y_AXIS_EXTENT, maxExtent: Y_AXIS_EXTENT, titlePadding: 6 },
  legend: { orient: 'top', direction: 'horizontal', labelFontSize: 12, titleFontSize: 12, columnPadding: 16, rowPadding: 4, labelLimit: 280, symbolStrokeWidth: 2.5 },
  title: { anchor: 'start', fontSize: 15, fontWeight: 'bold', subtitleFontSize: 12, subtitleColor: '#555', offset: 10 },
  header: { labelFontSize: 12, titleFontSize: 12, labelFontWeight: 'bold' },
} as const;

/**
 * Returns the axis format of values around `values`: SI suffixes from 10⁴ on
 * (`44.5M`, with B rather than G for 10⁹, as finance writes it), Vega's
 * default below, which picks the decimals from the tick step.
 */
export function axisFormat(values: Iterable<number>): { format?: string; labelExpr?: string } {
  let largest = 0;
  for (const v of values) if (Number.isFinite(v)) largest = Math.max(largest, Math.abs(v));
  return largest >= 1e4 ? { format: '~s', labelExpr: "datum.value == 0 ? '0' : replace(datum.label, 'G', 'B')" } : {};
}

/** True when every one of `values` is positive and they span at least three orders of magnitude (a log scale reads better). */
export function spansOrders(values: Iterable<number>): boolean {
  let lo = Infinity;
  let hi = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v <= 0) return false;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return hi > 0 && hi / lo >= 1e3;
}

/** Returns the colour encoding of variants: the same colour for a variant in every chart, its legend on top in as many columns as fit. */
export function variantColor(variants: readonly string[]) {
  // Vega measures text in Node by estimate, about 0.8 of the font size per character.
  const longest = Math.max(...variants.map((v) => v.length), 4) * 0.8 * CONFIG.legend.labelFontSize;
  const columns = Math.max(1, Math.min(variants.length, Math.floor((PAGE_WIDTH - 80) / (longest + 40))));
  return {
    field: 'variant',
    type: 'nominal' as const,
    title: null,
    sort: null,
    scale: { domain: [...variants], range: variants.map((_, i) => VARIANT_COLORS[i % VARIANT_COLORS.length]) },
    legend: { columns, labelLimit: Math.ceil(longest) + 8, symbolType: 'stroke', symbolOpacity: 1 },
  };
}

/** Returns the x encoding of ticks: the axis runs from the first recorded tick to the last, with no rounding beyond. */
export function tickAxis(first: number, last: number, field = 'tick') {
  return { field, type: 'quantitative' as const, title: 'tick', scale: { domain: [first, last], nice: false, zero: false } };
}

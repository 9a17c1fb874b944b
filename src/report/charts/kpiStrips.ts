import { axisFormat, CONFIG, PAGE_WIDTH, variantColor } from '../chartStyle';
import type { ColumnInfo } from '../units';
import type { ChartData, ChartSpec } from '../vega';

/** One run's value of one KPI, for the distribution plot. */
export interface KpiValue {
  kpi: string;
  variant: string;
  runId: number;
  replicate: number;
  value: number;
}

/** Panels per row of the distribution plot. */
const COLUMNS = 3;
/** Pixels per variant along a panel's height. */
const ROW = 18;

/** Vertical offsets of dots by replicate, in half-rows: centred first, then spreading out, so any number of runs sits around the row's middle. */
const JITTER = [0, 0.5, -0.5, 1, -1, 0.25, -0.25, 0.75, -0.75];

/** Runs a variant needs before a box is drawn over its dots: with fewer, quartiles say nothing the dots do not. */
export const BOX_MIN_RUNS = 5;

/**
 * Returns the distribution plot of KPIs: one panel per KPI, three to a row,
 * each showing per variant (one row each, in the report's colours) every
 * finished run's value as a dot, spread vertically by replicate so equal
 * values stay visible, and, where a variant has at least `BOX_MIN_RUNS`
 * runs, a box from the lower to the upper quartile with its median and
 * whiskers to the extremes. Each panel has its own x scale in the KPI's unit.
 */
export function kpiStrips(kpis: ColumnInfo[], values: KpiValue[], variants: string[], interactive: boolean): ChartData {
  const present = variants.filter((v) => values.some((x) => x.variant === v));
  const height = Math.max(36, present.length * ROW);
  // Variant names label the first panel of each row only.
  const labels = Math.min(300, Math.max(60, ...present.map((v) => v.length * 8.8 + 12)));
  const width = Math.floor((PAGE_WIDTH - labels - 40 * COLUMNS) / COLUMNS);
  const counts = new Map<string, number>();
  for (const x of values) counts.set(`${x.kpi}\u0000${x.variant}`, (counts.get(`${x.kpi}\u0000${x.variant}`) ?? 0) + 1);
  const rows = values.map((x) => ({ kpi: x.kpi, variant: x.variant, run_id: x.runId, replicate: x.replicate, value: x.value, jitter: JITTER[x.replicate % JITTER.length] }));
  const color = variantColor(variants);
  const panels = kpis.map((info, k) => {
    const mine = rows.filter((r) => r.kpi === info.name);
    const boxed = mine.filter((r) => (counts.get(`${r.kpi}\u0000${r.variant}`) ?? 0) >= BOX_MIN_RUNS);
    const y = {
      field: 'variant',
      type: 'nominal',
      sort: present,
      scale: { domain: present },
      title: null,
      axis: k % COLUMNS === 0 ? { labelLimit: labels, minExtent: labels, maxExtent: labels, ticks: false, domain: false } : null,
    };
    const x = { field: 'value', type: 'quantitative', scale: { zero: false, nice: false, padding: 10 }, title: info.unit ?? null, axis: { ...axisFormat(mine.map((r) => r.value)), tickCount: 5 } };
    return {
      title: { text: info.name, fontSize: 12, subtitle: info.description ?? '', subtitleFontSize: 10, offset: 4 },
      width,
      height,
      data: { values: mine },
      layer: [
        ...(boxed.length
          ? [{ data: { values: boxed }, mark: { type: 'boxplot', extent: 'min-max', size: 12, opacity: 0.35, median: { color: '#111' }, rule: { opacity: 0.6 } }, encoding: { x, y, color } }]
          : []),
        {
          mark: { type: 'circle', size: 26, opacity: 0.85 },
          encoding: {
            x,
            y,
            yOffset: { field: 'jitter', type: 'quantitative', scale: { domain: [-1, 1], range: [3, ROW - 3] } },
            color,
            ...(interactive
              ? { tooltip: [{ field: 'variant' }, { field: 'run_id', title: 'run' }, { field: 'replicate' }, { field: 'value', type: 'quantitative', title: info.name, format: ',.4~r' }] }
              : {}),
          },
        },
      ],
    };
  });
  const spec = {
    title: { text: 'KPI distributions', subtitle: `each dot a run; boxes (quartiles, median, extremes) where a variant has ${BOX_MIN_RUNS} or more runs` },
    config: { ...CONFIG, concat: { spacing: 28 } },
    columns: COLUMNS,
    concat: panels,
    resolve: { scale: { x: 'independent' } },
  } as ChartSpec;
  return { spec: { lite: spec }, rows: rows.map(({ jitter: _, ...r }) => r) };
}

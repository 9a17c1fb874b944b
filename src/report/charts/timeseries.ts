import { axisFormat, CONFIG, PAGE_WIDTH, PLOT_HEIGHT, spansOrders, tickAxis, variantColor } from '../chartStyle';
import type { Fan } from '../fan';
import type { RunLine } from '../runLines';
import { axisTitle, type ColumnInfo } from '../units';
import type { ChartData, ChartSpec } from '../vega';

/** What a time-series chart draws: one metric, per variant its fan across runs, and optionally every run's own line. */
export interface SeriesInput {
  info: ColumnInfo;
  /** Every variant of the report, in order: fixes each variant's colour. */
  variants: string[];
  fans: Fan[];
  /** When given, each run is drawn as a thin line in place of the 5–95 % band. */
  runLines?: RunLine[];
  /** Add zoom and pan, hover read-outs and legend toggles (for the browser runtime). */
  interactive: boolean;
}

const num = (x: number) => (Number.isFinite(x) ? x : null);

/**
 * Returns the time-series chart of one metric: per variant the median across
 * runs as a line, and either the 5–95 % band (a light fill with dashed
 * edges, so overlapping bands stay apart) or each run as a thin line. The x
 * axis runs from the first recorded tick to the last; the y axis is log
 * scaled when every value is positive and they span three orders of
 * magnitude, and is titled with the metric's unit.
 */
export function seriesChart(input: SeriesInput): ChartData {
  const { info, variants, fans, runLines, interactive } = input;
  const rows: Record<string, unknown>[] = [];
  const plotted: number[] = [];
  for (const f of fans) {
    const vi = variants.indexOf(f.variant);
    for (let t = 0; t < f.ticks.length; t++) {
      rows.push({ variant: f.variant, vi: `v${vi}`, tick: f.ticks[t], p05: num(f.p05[t]), p50: num(f.p50[t]), p95: num(f.p95[t]) });
      if (!runLines) plotted.push(f.p05[t], f.p95[t]);
      plotted.push(f.p50[t]);
    }
  }
  const runRows: Record<string, unknown>[] = [];
  for (const r of runLines ?? []) {
    for (let t = 0; t < r.ticks.length; t++) {
      runRows.push({ variant: r.variant, run_id: r.runId, tick: r.ticks[t], value: num(r.values[t]) });
      plotted.push(r.values[t]);
    }
  }
  const allTicks = fans.flatMap((f) => (f.ticks.length ? [f.ticks[0], f.ticks[f.ticks.length - 1]] : []));
  const x = tickAxis(Math.min(...allTicks), Math.max(...allTicks));
  const log = spansOrders(plotted);
  const y = (field: string) => ({
    field,
    type: 'quantitative' as const,
    title: axisTitle(info),
    scale: { type: log ? ('log' as const) : ('linear' as const), zero: false, nice: true },
    axis: { ...axisFormat(plotted), ...(log ? { tickCount: 6 } : {}) },
  });
  const color = variantColor(variants);
  const faded = (base: number) => (interactive ? { opacity: { condition: { param: 'pick', value: base }, value: base * 0.08 } } : {});
  const clip = interactive ? { clip: true } : {};
  const bandOpacity = variants.length <= 3 ? 0.16 : 0.1;

  const fanData = { values: rows };
  const layers: object[] = runLines
    ? [
        {
          data: { values: runRows },
          mark: { type: 'line', strokeWidth: 0.8, opacity: 0.35, ...clip },
          encoding: { x, y: y('value'), color, detail: { field: 'run_id', type: 'nominal' }, ...faded(0.35) },
        },
      ]
    : [
        { data: fanData, mark: { type: 'area', opacity: bandOpacity, ...clip }, encoding: { x, y: y('p05'), y2: { field: 'p95' }, color, ...faded(bandOpacity) } },
        ...['p05', 'p95'].map((edge) => ({
          data: fanData,
          mark: { type: 'line', strokeWidth: 0.8, strokeDash: [4, 3], opacity: 0.75, ...clip },
          encoding: { x, y: y(edge), color, ...faded(0.75) },
        })),
      ];
  layers.push({
    data: fanData,
    mark: { type: 'line', strokeWidth: 2, ...clip },
    encoding: { x, y: y('p50'), color, ...faded(1) },
    ...(interactive
      ? {
          params: [
            { name: 'zoom', select: { type: 'interval', encodings: ['x', 'y'] }, bind: 'scales' },
            { name: 'pick', select: { type: 'point', fields: ['variant'] }, bind: 'legend' },
          ],
        }
      : {}),
  });
  if (interactive) layers.push(hoverLayer(fanData, variants, fans, x));

  const subtitle = [info.description, log ? 'log scale' : undefined].filter((s): s is string => !!s);
  const spec = {
    title: { text: info.name, ...(subtitle.length ? { subtitle: subtitle.join(' · ') } : {}) },
    width: PAGE_WIDTH,
    height: PLOT_HEIGHT,
    autosize: { type: 'fit-x', contains: 'padding' },
    config: CONFIG,
    layer: layers,
  } as ChartSpec;
  return { spec: { lite: spec }, rows: runLines ? runRows : rows.map(({ vi: _, ...r }) => r) };
}

/** A vertical rule that follows the pointer and reads out every variant's median at the nearest tick. */
function hoverLayer(data: { values: Record<string, unknown>[] }, variants: string[], fans: Fan[], x: ReturnType<typeof tickAxis>) {
  const present = fans.map((f) => variants.indexOf(f.variant));
  return {
    data,
    transform: [{ pivot: 'vi', value: 'p50', groupby: ['tick'] }],
    mark: { type: 'rule', color: '#444', strokeWidth: 1 },
    encoding: {
      x,
      opacity: { condition: { param: 'hover', empty: false, value: 0.5 }, value: 0 },
      tooltip: [
        { field: 'tick', type: 'quantitative', title: 'tick' },
        ...present.map((i) => ({ field: `v${i}`, type: 'quantitative', title: variants[i], format: ',.4~r' })),
      ],
    },
    params: [{ name: 'hover', select: { type: 'point', fields: ['tick'], nearest: true, on: 'pointerover', clear: 'pointerout' } }],
  };
}

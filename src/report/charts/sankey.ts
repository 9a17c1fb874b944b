import type * as Vega from 'vega';
import { FONT } from '../chartStyle';
import { formatCompact } from '../numberFormat';
import type { SankeyLayout } from '../sankeyLayout';
import type { ChartData } from '../vega';

/** Width of a bar, in pixels. */
const BAR = 10;
/** Labels closer than this (pixels, centre to centre) would overlap; the smaller one is left to the tooltip and the CSV. */
const LABEL_SPACING = 13;

/**
 * Colours of reasons: Vega's tableau20 with its ten strong colours first and
 * their light partners after, so reasons next to each other in the legend
 * never get two shades of one hue.
 */
const REASON_COLORS = [
  '#4c78a8', '#f58518', '#54a24b', '#b79a20', '#439894', '#e45756', '#79706e', '#d67195', '#b279a2', '#9e765f',
  '#9ecae9', '#ffbf79', '#88d27a', '#f2cf5b', '#83bcb6', '#ff9d98', '#bab0ac', '#fcbfd2', '#d6a5c9', '#d8b5a5',
];

/** What a flow diagram shows: its title, the laid-out diagram, every reason of the section (fixes colours) and the amounts' unit. */
export interface SankeyInput {
  title: string;
  subtitle: string;
  layout: SankeyLayout;
  reasons: string[];
  unit: string;
  width: number;
  interactive: boolean;
}

/** The band of a flow: a cubic curve along each edge, from the source bar at x0 to the destination bar at x1. */
function bandPath(x0: number, x1: number, l: { sy0: number; sy1: number; ty0: number; ty1: number }): string {
  const xm = (x0 + x1) / 2;
  const r = (v: number) => Math.round(v * 100) / 100;
  return `M${r(x0)},${r(l.sy0)}C${r(xm)},${r(l.sy0)} ${r(xm)},${r(l.ty0)} ${r(x1)},${r(l.ty0)}L${r(x1)},${r(l.ty1)}C${r(xm)},${r(l.ty1)} ${r(xm)},${r(l.sy1)} ${r(x0)},${r(l.sy1)}Z`;
}

/** Keeps labels at least LABEL_SPACING apart down one column, larger bars first. */
function visibleLabels(nodes: { name: string; y0: number; y1: number; total: number }[]): Set<string> {
  const shown: number[] = [];
  const keep = new Set<string>();
  for (const n of [...nodes].sort((a, b) => b.total - a.total)) {
    const y = (n.y0 + n.y1) / 2;
    if (shown.every((s) => Math.abs(s - y) >= LABEL_SPACING)) {
      shown.push(y);
      keep.add(n.name);
    }
  }
  return keep;
}

/**
 * Returns the Vega specification of a two-column flow diagram (Vega-Lite has
 * no Sankey): bars for where value comes from (left) and goes (right),
 * labelled with their totals, and a band per (from, to, reason) as wide as
 * its amount, coloured by reason.
 */
export function sankeyChart(input: SankeyInput): ChartData {
  const { layout, reasons, unit, width, interactive } = input;
  const label = (n: { name: string; total: number }) => `${n.name} ${formatCompact(n.total)}`;
  const longest = (side: string) => Math.max(40, ...layout.nodes.filter((n) => n.side === side).map((n) => label(n).length * 6.3));
  const left = Math.min(200, longest('source') + 8);
  const right = Math.min(200, longest('target') + 8);
  const x0 = left + BAR;
  const x1 = width - right - BAR;
  const shown = new Set([
    ...[...visibleLabels(layout.nodes.filter((n) => n.side === 'source'))].map((n) => `source\u0000${n}`),
    ...[...visibleLabels(layout.nodes.filter((n) => n.side === 'target'))].map((n) => `target\u0000${n}`),
  ]);
  const nodes = layout.nodes.map((n) => ({
    x: n.side === 'source' ? left : x1,
    y0: n.y0,
    y1: Math.max(n.y1, n.y0 + 1),
    label: shown.has(`${n.side}\u0000${n.name}`) ? label(n) : '',
    tx: n.side === 'source' ? left - 5 : x1 + BAR + 5,
    ym: (n.y0 + n.y1) / 2,
    align: n.side === 'source' ? 'right' : 'left',
    tip: `${n.side === 'source' ? 'from' : 'to'} ${n.name}: ${formatCompact(n.total)} ${unit}`,
  }));
  const links = layout.links.map((l) => ({
    path: bandPath(x0, x1, l),
    reason: l.reason,
    tip: `${l.from} → ${l.to} (${l.reason}): ${formatCompact(l.amount)} ${unit}`,
  }));
  const hover = interactive ? { update: { fillOpacity: { value: 0.5 } }, hover: { fillOpacity: { value: 0.85 } } } : {};
  const spec = {
    width,
    height: Math.max(40, Math.ceil(layout.height)),
    padding: { left: 4, right: 4, top: 4, bottom: 4 },
    autosize: 'pad',
    title: { text: input.title, subtitle: input.subtitle, anchor: 'start', font: FONT, subtitleFont: FONT, fontSize: 15, subtitleFontSize: 12, subtitleColor: '#555', offset: 10 },
    data: [
      { name: 'links', values: links },
      { name: 'nodes', values: nodes },
    ],
    scales: [{ name: 'reason', type: 'ordinal', domain: reasons, range: REASON_COLORS }],
    legends: [
      {
        fill: 'reason',
        orient: 'bottom',
        direction: 'horizontal',
        columns: 3,
        title: 'reason',
        symbolType: 'square',
        labelFont: FONT,
        titleFont: FONT,
        labelFontSize: 11,
        labelLimit: Math.floor(width / 3) - 30,
        values: [...new Set(layout.links.map((l) => l.reason))].sort((a, b) => reasons.indexOf(a) - reasons.indexOf(b)),
      },
    ],
    marks: [
      {
        type: 'path',
        from: { data: 'links' },
        encode: {
          enter: {
            path: { field: 'path' },
            fill: { scale: 'reason', field: 'reason' },
            fillOpacity: { value: 0.5 },
            stroke: { scale: 'reason', field: 'reason' },
            strokeOpacity: { value: 0.7 },
            strokeWidth: { value: 0.4 },
            ...(interactive ? { tooltip: { field: 'tip' } } : {}),
          },
          ...hover,
        },
      },
      {
        type: 'rect',
        from: { data: 'nodes' },
        encode: { enter: { x: { field: 'x' }, width: { value: BAR }, y: { field: 'y0' }, y2: { field: 'y1' }, fill: { value: '#444' }, ...(interactive ? { tooltip: { field: 'tip' } } : {}) } },
      },
      {
        type: 'text',
        from: { data: 'nodes' },
        encode: {
          enter: { x: { field: 'tx' }, y: { field: 'ym' }, align: { field: 'align' }, baseline: { value: 'middle' }, text: { field: 'label' }, font: { value: FONT }, fontSize: { value: 11 }, fill: { value: '#222' } },
        },
      },
    ],
  } as Vega.Spec;
  const rows = layout.links.map((l) => ({ from: l.from, to: l.to, reason: l.reason, [unit]: l.amount }));
  return { spec: { vega: spec }, rows };
}

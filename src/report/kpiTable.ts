import { formatPValue } from '../experiment/compare';
import { escapeHtml } from './escapeHtml';
import type { KpiCell, KpiStats } from './kpiStats';
import { formatNumber, formatScaled, numberScale, type NumberScale } from './numberFormat';
import { VARIANT_COLORS } from './palette';
import type { ColumnInfo } from './units';

/** What the KPI tables need besides the statistics: the variants in order, the baseline and the interval level. */
export interface TableContext {
  variants: string[];
  baseline: string;
  level: number;
}

/**
 * A bound far from the means (a wide log-scale interval) is written on its
 * own scale: not as a long run of digits, not as 2015.2k for 2.015M, and not
 * as 0.000 when it is not zero.
 */
function bound(x: number, scale: NumberScale, largest: number): string {
  const own = numberScale([x]);
  const vanishes = x !== 0 && !scale.exponent && Number((x / scale.divisor).toFixed(scale.decimals)) === 0;
  const elsewhere = x !== 0 && (own.divisor !== scale.divisor || own.exponent !== scale.exponent);
  return Math.abs(x) > 10 * largest || vanishes || elsewhere ? formatNumber(x) : formatScaled(x, scale);
}

function largestOf(xs: number[]): number {
  return xs.reduce((m, x) => (Number.isFinite(x) ? Math.max(m, Math.abs(x)) : m), 0);
}

/**
 * The number scales of one row of cells: one for the means and their
 * intervals, one for the differences and theirs (a difference near zero
 * takes the scale of its interval, so the two read alike).
 */
function rowScales(cells: KpiCell[]) {
  const means = cells.map((c) => c.interval.mean);
  const diffs = cells.flatMap((c) => (c.diff ? [c.diff.mean, c.diff.lo, c.diff.hi] : []));
  return { mean: numberScale(means), meanMax: largestOf(means), diff: numberScale(diffs), diffMax: largestOf(diffs) };
}

/** Returns `[lo, hi]` on a row's scale, or nothing when the interval is a point (every run the same) or undefined (one run). */
function interval(lo: number, hi: number, scale: NumberScale, largest: number): string {
  return Number.isFinite(lo) && lo !== hi ? `[${bound(lo, scale, largest)}, ${bound(hi, scale, largest)}]` : '';
}

/**
 * Returns one table cell: the mean and its interval (marked † when
 * log-scale), then the difference to the baseline with its interval and
 * significance stars, its p-value on hover.
 */
function cellHtml(cell: KpiCell | undefined, s: ReturnType<typeof rowScales>): string {
  if (!cell || cell.interval.n === 0) return '<td class="none">—</td>';
  const { interval: iv, diff: d } = cell;
  const ci = interval(iv.lo, iv.hi, s.mean, s.meanMax);
  const log = iv.method === 'log' ? '<sup title="log-scale interval">†</sup>' : '';
  const n = iv.n < cell.group.ok ? ` <span class="n">n = ${iv.n}</span>` : '';
  const mean = `<span class="mean">${formatScaled(iv.mean, s.mean)}</span>${n}${ci ? `<span class="ci">${ci}${log}</span>` : ''}`;
  if (!d) return `<td>${mean}</td>`;
  const dci = interval(d.lo, d.hi, s.diff, s.diffMax);
  const p = Number.isNaN(d.pValue) ? '' : ` title="p = ${escapeHtml(formatPValue(d.pValue))}"`;
  const delta = `<span class="delta"${p}>Δ ${formatScaled(d.mean, s.diff)}${d.mark ? `<b class="sig">${d.mark}</b>` : ''}</span>${dci ? `<span class="dci">${dci}</span>` : ''}`;
  return `<td>${mean}${delta}</td>`;
}

function variantHeader(variant: string, ctx: TableContext, cells: KpiCell[]): string {
  const i = ctx.variants.indexOf(variant);
  const g = cells.find((c) => c.group.variant === variant)?.group;
  const runs = g ? `<small>${g.ok} run${g.ok === 1 ? '' : 's'}${g.failed ? `, ${g.failed} failed` : ''}${variant === ctx.baseline ? ', baseline' : ''}</small>` : '';
  // Long `experiment/variant` names may wrap after the slash, so columns stay as narrow as their numbers.
  const name = escapeHtml(variant).replace(/\//g, '/<wbr>');
  return `<th scope="col"><span class="swatch" style="background:${VARIANT_COLORS[i % VARIANT_COLORS.length]}"></span>${name}${runs}</th>`;
}

function kpiHeader(info: ColumnInfo): string {
  return (
    `<th scope="row"><code>${escapeHtml(info.name)}</code>${info.unit ? ` <span class="unit">${escapeHtml(info.unit)}</span>` : ''}` +
    `${info.description ? `<span class="desc">${escapeHtml(info.description)}</span>` : ''}</th>`
  );
}

/**
 * Returns the KPI table: one row per KPI (its name, unit and description),
 * one column per variant, each cell the mean over the variant's finished
 * runs with its interval and, for variants other than the baseline, the
 * difference to the baseline with its interval and significance stars (its
 * p-value on hover). Numbers in a row share one format. `stats` is by variant.
 */
export function kpiTable(stats: KpiStats[], infoOf: (kpi: string) => ColumnInfo, ctx: TableContext): string {
  const present = ctx.variants.filter((v) => stats.some((k) => k.cells.some((c) => c.group.variant === v)));
  const head = `<tr><th scope="col">KPI</th>${present.map((v) => variantHeader(v, ctx, stats[0]?.cells ?? [])).join('')}</tr>`;
  const rows = stats.map((k) => {
    const s = rowScales(k.cells);
    const byVariant = new Map(k.cells.map((c) => [c.group.variant, c]));
    return `<tr data-kpi="${escapeHtml(k.name)}">${kpiHeader(infoOf(k.name))}${present.map((v) => cellHtml(byVariant.get(v), s)).join('')}</tr>`;
  });
  return `<div class="table-wrap"><table class="kpis" id="kpi-table"><thead>${head}</thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>`;
}

/**
 * Returns the sweep table of one KPI: one row per sweep point, named by its
 * parameter values (`label`), one column per variant, cells as in `kpiTable`.
 * `stats` is by sweep point.
 */
export function pointTable(stats: KpiStats, info: ColumnInfo, label: (params: Record<string, number>) => string, ctx: TableContext): string {
  const present = ctx.variants.filter((v) => stats.cells.some((c) => c.group.variant === v));
  const s = rowScales(stats.cells);
  const points = [...new Set(stats.cells.map((c) => c.group.point))];
  const head = `<tr><th scope="col">sweep point</th>${present.map((v) => variantHeader(v, ctx, [])).join('')}</tr>`;
  const rows = points.map((p) => {
    const cells = stats.cells.filter((c) => c.group.point === p);
    const byVariant = new Map(cells.map((c) => [c.group.variant, c]));
    return `<tr><th scope="row">${escapeHtml(label(cells[0].group.params))}</th>${present.map((v) => cellHtml(byVariant.get(v), s)).join('')}</tr>`;
  });
  return (
    `<div class="table-wrap"><table class="kpis points" data-kpi="${escapeHtml(info.name)}"><caption><code>${escapeHtml(info.name)}</code>${info.unit ? ` (${escapeHtml(info.unit)})` : ''} by sweep point</caption>` +
    `<thead>${head}</thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>`
  );
}

import { compareResults, sweptParams } from '../../experiment/compare';
import { pointLabel, sweepHeatmap, sweepLine, sweepScatter, sweepScatter2d, type SweepPoint } from '../charts/sweep';
import { escapeHtml } from '../escapeHtml';
import { kpiStats, zeroKpis, type KpiStats } from '../kpiStats';
import { pointTable } from '../kpiTable';
import type { PageSection } from '../page';
import type { ColumnInfo } from '../units';
import type { ChartData } from '../vega';
import type { SectionContext } from './context';

/** KPIs charted over swept parameters when none are chosen, where the results have them. */
export const DEFAULT_SWEEP_KPIS = ['final_price', 'final_staking_ratio', 'inflation', 'gini_holdings'];

/** True when, for every variant, the points fill the grid of distinct x and y values (a Cartesian design). */
function isGrid(points: SweepPoint[], px: string, py: string): boolean {
  const byVariant = new Map<string, SweepPoint[]>();
  for (const p of points) byVariant.set(p.variant, [...(byVariant.get(p.variant) ?? []), p]);
  return [...byVariant.values()].every((ps) => {
    const xs = new Set(ps.map((p) => p.params[px]));
    const ys = new Set(ps.map((p) => p.params[py]));
    const cells = new Set(ps.map((p) => `${p.params[px]}/${p.params[py]}`));
    return cells.size === ps.length && cells.size === xs.size * ys.size;
  });
}

/** The heatmap of each other variant's paired difference to the baseline at every point of a grid; none with one variant. */
function differenceMap(k: KpiStats, info: ColumnInfo, swept: string[], variants: string[], baseline: string, interactive: boolean): ChartData[] {
  const diffs: SweepPoint[] = k.cells
    .filter((c) => c.diff && swept.every((p) => Number.isFinite(c.group.params[p])))
    .map((c) => ({ variant: c.group.variant, params: c.group.params, mean: c.diff!.mean, lo: c.diff!.lo, hi: c.diff!.hi, n: c.diff!.n, mark: c.diff!.mark }));
  return diffs.length ? [sweepHeatmap(info, swept[0], swept[1], diffs, variants, interactive, { values: 'difference', baseline })] : [];
}

/**
 * Returns the sweep section: each KPI's mean over the swept parameters (a
 * line with its interval for one parameter, heatmaps of the means and of
 * the differences to the baseline for a two-parameter grid, scatters otherwise) and, folded, a table per KPI of every sweep
 * point, named by its parameter values. Null when the results have fewer
 * than two sweep points.
 */
export async function sweepSection(ctx: SectionContext, chosen: string[] | undefined): Promise<PageSection | null> {
  const results = ctx.data.combined;
  const swept = sweptParams(results);
  if (swept.length === 0 || new Set(results.runs.map((r) => r.point)).size < 2) return null;
  const defaults = DEFAULT_SWEEP_KPIS.filter((k) => results.kpiNames.includes(k));
  const candidates = chosen ?? (defaults.length > 0 ? defaults : results.kpiNames.slice(0, 3));
  const kpis = chosen ?? candidates.filter((k) => !zeroKpis(results, [k]).length);
  if (kpis.length === 0) return null;
  const byPoint = compareResults(results, { by: 'point', metrics: kpis, baseline: ctx.comparison.baseline });
  const stats = kpiStats(results, byPoint);
  const { variants } = ctx.data;
  const figures: string[] = [];
  const tables: string[] = [];
  for (const k of stats) {
    const info = ctx.data.info('summary', k.name);
    const points: SweepPoint[] = k.cells
      .filter((c) => swept.every((p) => Number.isFinite(c.group.params[p])))
      .map((c) => ({ variant: c.group.variant, params: c.group.params, mean: c.interval.mean, lo: c.interval.lo, hi: c.interval.hi, n: c.interval.n }));
    const grid = swept.length === 2 && isGrid(points, swept[0], swept[1]);
    const charts: ChartData[] =
      swept.length === 1
        ? [sweepLine(info, swept[0], points, variants, ctx.interactive)]
        : grid
          ? [sweepHeatmap(info, swept[0], swept[1], points, variants, ctx.interactive), ...differenceMap(k, info, swept, variants, byPoint.baseline, ctx.interactive)]
          : swept.length === 2
            ? [sweepScatter2d(info, swept[0], swept[1], points, variants, ctx.interactive)]
            : swept.map((p) => sweepScatter(info, p, swept, points, variants, ctx.interactive));
    for (const [i, chart] of charts.entries()) {
      const suffix = grid ? (i === 0 ? '' : '-difference') : charts.length > 1 ? `-${swept[i]}` : '';
      figures.push(await ctx.figure({ kind: 'sweep', name: k.name, file: `sweep-${k.name}${suffix}`, chart }));
    }
    tables.push(pointTable(k, info, (params) => pointLabel(params, swept), { variants, baseline: byPoint.baseline, level: byPoint.level }));
  }
  const pct = `${Math.round(byPoint.level * 100)}%`;
  const note =
    `The mean over each sweep point’s finished runs (band or interval: its ${pct} confidence interval, bounded as in the KPI table), ` +
    `swept over ${swept.map((p) => `<code>${escapeHtml(p)}</code>`).join(', ')}.`;
  const folded = `<details><summary>Every sweep point, by KPI (mean, interval, Δ vs ${escapeHtml(byPoint.baseline)} at the same point)</summary>${tables.join('\n')}</details>`;
  return { id: 'sweep', heading: 'Sweep', note, body: `${figures.join('\n')}\n${folded}` };
}

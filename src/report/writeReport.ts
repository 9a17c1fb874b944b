import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../core/errors';
import { compareResults, sweptParams, type Comparison } from '../experiment/compare';
import { readArrowFile } from '../io/arrowReader';
import { readResults, type Results } from '../io/resultsDir';
import { fanChart, sweepHeatmap, sweepLine, sweepScatter, sweepScatter2d, type SweepPoint } from './charts';
import { fans } from './fan';
import { escapeHtml, kpiTable, reportPage, type Figure, type ReportHeader } from './html';
import { renderSvg, type ChartSpec } from './vega';

/** Options of `writeReport` (the `tokensim report` flags). */
export interface ReportOptions {
  /** The HTML file to write; default `<dir>/report.html`. */
  out?: string;
  /** Timeseries metrics to chart over time; default `DEFAULT_METRICS` (those the results have). */
  metrics?: string[];
  /** Summary KPIs for the table and the sweep charts; default every KPI in the table and `DEFAULT_SWEEP_KPIS` in sweep charts. */
  kpis?: string[];
  /** Variant the others are compared with (see `compare`). */
  baseline?: string;
}

/** Metrics charted over time when none are chosen, in this order, where the results have them. */
export const DEFAULT_METRICS = ['price', 'supply', 'staking_ratio', 'circulating', 'market_cap', 'treasury_usd', 'node_count'];

/** KPIs charted over swept parameters when none are chosen, where the results have them. */
export const DEFAULT_SWEEP_KPIS = ['final_price', 'final_staking_ratio', 'inflation', 'gini_holdings'];

/**
 * Writes the HTML report of the results directory `dir` and returns its
 * path. The file is self-contained (inline SVG charts and styles, no script,
 * nothing fetched) and shows: each chosen metric over time per variant as
 * a median line with a 5–95 % band across runs; the summary KPIs with
 * confidence intervals and differences to the baseline (`compare`); and,
 * for a sweep, KPIs over the swept parameters (a line for one parameter, a
 * heatmap for a two-parameter grid, scatters otherwise). Throws an
 * InputError naming a missing file or an unknown metric or KPI.
 */
export async function writeReport(dir: string, opts: ReportOptions = {}): Promise<string> {
  const html = await buildReport(dir, opts);
  const out = resolve(opts.out ?? join(dir, 'report.html'));
  writeFileSync(out, html);
  return out;
}

/** Returns the report page of `dir` as HTML text (see `writeReport`). */
export async function buildReport(dir: string, opts: ReportOptions = {}): Promise<string> {
  const results = readResults(dir);
  const seriesPath = join(dir, 'timeseries.arrow');
  if (!existsSync(seriesPath)) throw new InputError(`${dir} is not a results directory: it has no timeseries.arrow`);
  const { table, columns } = readArrowFile(seriesPath);
  const available = columns.filter((c) => c.type === 'Float64').map((c) => c.name);
  const metrics = chooseMetrics(opts.metrics, available);
  if (opts.kpis) {
    for (const k of opts.kpis) if (!results.kpiNames.includes(k)) throw new InputError(`unknown KPI "${k}"; summary.arrow has: ${results.kpiNames.join(', ')}`);
  }
  const comparison = compareResults(results, { metrics: opts.kpis, baseline: opts.baseline });

  const variants = [...new Set(results.runs.map((r) => r.variant))];
  const variantOfRun = new Map(results.runs.filter((r) => r.ok).map((r) => [r.runId, r.variant]));
  const fanData = fans(table, metrics, variants, (id) => variantOfRun.get(id));
  const series: Figure[] = [];
  for (const m of metrics) series.push({ kind: 'timeseries', name: m, svg: await renderSvg(fanChart(m, fanData.get(m)!)) });

  const sweep = await sweepFigures(results, comparison.baseline, opts.kpis);
  const note =
    `The mean over each sweep point’s finished runs (band: its ${Math.round(comparison.level * 100)}% interval), ` +
    `swept over ${sweptParams(results).map((p) => `<code>${escapeHtml(p)}</code>`).join(', ')}.`;
  return reportPage(header(results, comparison), series, kpiTable(comparison), sweep, note);
}

/** The metrics to chart: the chosen ones (checked), else the defaults present, else the first four. */
function chooseMetrics(chosen: string[] | undefined, available: string[]): string[] {
  if (chosen && chosen.length > 0) {
    for (const m of chosen) {
      if (!available.includes(m)) throw new InputError(`unknown metric "${m}"; timeseries.arrow has: ${available.join(', ')}`);
    }
    return chosen;
  }
  const defaults = DEFAULT_METRICS.filter((m) => available.includes(m));
  return defaults.length > 0 ? defaults : available.slice(0, 4);
}

/** Charts of KPIs over the swept parameters; none when the results have a single sweep point. */
async function sweepFigures(results: Results, baseline: string, chosen: string[] | undefined): Promise<Figure[]> {
  const swept = sweptParams(results);
  if (swept.length === 0 || new Set(results.runs.map((r) => r.point)).size < 2) return [];
  const defaults = DEFAULT_SWEEP_KPIS.filter((k) => results.kpiNames.includes(k));
  const kpis = chosen ?? (defaults.length > 0 ? defaults : results.kpiNames.slice(0, 3));
  const byPoint = compareResults(results, { by: 'point', metrics: kpis, baseline });
  const variants = [...new Set(results.runs.map((r) => r.variant))];
  const figures: Figure[] = [];
  for (const kpi of kpis) {
    const points: SweepPoint[] = byPoint.rows
      .filter((r) => r.metric === kpi)
      .map((r) => ({ variant: r.group.variant, params: r.group.params, mean: r.mean, lo: r.lo, hi: r.hi }));
    const specs: ChartSpec[] =
      swept.length === 1
        ? [sweepLine(kpi, swept[0], points, variants)]
        : swept.length === 2
          ? [isGrid(points, swept[0], swept[1]) ? sweepHeatmap(kpi, swept[0], swept[1], points) : sweepScatter2d(kpi, swept[0], swept[1], points)]
          : swept.map((p) => sweepScatter(kpi, p, points, variants));
    for (const spec of specs) figures.push({ kind: 'sweep', name: kpi, svg: await renderSvg(spec) });
  }
  return figures;
}

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

function header(results: Results, c: Comparison): ReportHeader {
  const m = results.manifest;
  const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
  const facts: [string, string | undefined][] = [
    ['directory', resolve(results.dir)],
    ['model', str(m.model)],
    ['runs', `${results.runs.length} (${c.failed} failed)`],
    ['variants', [...new Set(results.runs.map((r) => r.variant))].join(', ')],
    ['baseline', c.baseline],
    ['seeds per point', str(m.seeds)],
    ['ticks', str(m.ticks)],
    ['base seed', str(m.baseSeed)],
    ['status', str(m.status)],
    ['tokensim', [str(m.tokensim), str(m.commit)?.slice(0, 12)].filter(Boolean).join(' @ ') || undefined],
  ];
  return {
    title: str(m.experiment) ?? 'tokensim results',
    description: str(m.description),
    facts: facts.filter((f): f is [string, string] => f[1] !== undefined && f[1] !== ''),
  };
}

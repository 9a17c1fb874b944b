import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../core/errors';
import { compareResults } from '../experiment/compare';
import { interactiveFigure, staticFigure } from './figure';
import { kpiStats, zeroKpis } from './kpiStats';
import { reportPage, type PageHeader, type PageSection } from './page';
import type { SectionContext } from './sections/context';
import { flowSection } from './sections/flowSection';
import { impactSection } from './sections/impactSection';
import { kpiDistributionSection, kpiTableSection } from './sections/kpiSections';
import { lorenzSection } from './sections/lorenzSection';
import { seriesSection } from './sections/seriesSection';
import { stressSection } from './sections/stressSection';
import { sweepSection } from './sections/sweepSection';
import { readSources, type ReportData, type Source } from './sources';

export { DEFAULT_SWEEP_KPIS } from './sections/sweepSection';

/** Options of `writeReport` (the `tokensim report` flags). */
export interface ReportOptions {
  /** The HTML file to write; default `<dir>/report.html` (required with several directories). */
  out?: string;
  /** Timeseries metrics to chart over time; default `DEFAULT_METRICS` (those the results have). */
  metrics?: string[];
  /** Summary KPIs for the table, the distributions and the sweep charts; default every KPI (and `DEFAULT_SWEEP_KPIS` in sweep charts). */
  kpis?: string[];
  /** Variant the others are compared with; default `baseline` (of the first directory) when there is one, else the first variant. */
  baseline?: string;
  /** Write the interactive report: Vega's runtime inlined, zoom, hover, legend toggles, PNG export. */
  interactive?: boolean;
  /** Draw every run's own line instead of the 5–95 % band. */
  runLines?: boolean;
  /** Ticks to draw Lorenz curves at; default the first and last that lorenz.arrow has. */
  lorenzTicks?: number[];
}

/** Metrics charted over time when none are chosen, in this order, where the results have them. */
export const DEFAULT_METRICS = ['price', 'supply', 'staking_ratio', 'circulating', 'market_cap', 'treasury_usd', 'node_count'];

/**
 * Writes the HTML report of one or several results directories and returns
 * its path (see `buildReport`). Throws an InputError naming a missing file,
 * an unknown metric, KPI, variant or tick, or a missing `out` with several
 * directories; nothing is written then.
 */
export async function writeReport(dirs: string | string[], opts: ReportOptions = {}): Promise<string> {
  const list = typeof dirs === 'string' ? [dirs] : dirs;
  if (list.length > 1 && !opts.out) throw new InputError('report: with several results directories, say where to write the report: --out FILE');
  const html = await buildReport(list, opts);
  const out = resolve(opts.out ?? join(list[0], 'report.html'));
  writeFileSync(out, html);
  return out;
}

/**
 * Returns the report page of one or several results directories as HTML
 * text. The page is one self-contained file that fetches nothing. It shows
 * each chosen metric over time per variant (median and 5–95 % band, or
 * every run); the KPI table (mean, bounded interval, paired difference to
 * the baseline; KPIs zero in every run left out); each KPI's distribution
 * over runs; Lorenz curves per class from lorenz.arrow and flow diagrams
 * from flows.arrow where present; under scenarios the stress table; with the fairness block's impact table who gains and who loses per variant; and, for a sweep, KPIs over the swept
 * parameters. With several directories their variants are shown side by
 * side as `<experiment>/<variant>`. The static page has no script; the
 * interactive one (`opts.interactive`) inlines Vega's runtime under a policy
 * that still forbids network access.
 */
export async function buildReport(dirs: string | string[], opts: ReportOptions = {}): Promise<string> {
  const list = typeof dirs === 'string' ? [dirs] : dirs;
  if (list.length === 0) throw new InputError('report: expected a results directory, e.g. tokensim report results/baseline/<time>');
  const data = readSources(list);
  const metrics = chooseMetrics(opts.metrics, [...new Set(data.sources.flatMap((s) => s.metrics))]);
  for (const k of opts.kpis ?? []) {
    if (!data.combined.kpiNames.includes(k)) throw new InputError(`unknown KPI "${k}"; summary.arrow has: ${data.combined.kpiNames.join(', ')}`);
  }
  const comparison = compareResults(data.combined, { metrics: opts.kpis, baseline: chooseBaseline(data, opts.baseline) });
  const zero = zeroKpis(data.combined, comparison.metrics);
  const kpis = kpiStats(data.combined, comparison).filter((k) => !zero.includes(k.name));
  const interactive = opts.interactive ?? false;
  const ctx: SectionContext = { data, comparison, kpis, interactive, figure: interactive ? interactiveFigure : staticFigure };

  const sections: (PageSection | null)[] = [
    await seriesSection(ctx, metrics, opts.runLines ?? false),
    kpiTableSection(ctx, zero),
    stressSection(ctx),
    impactSection(ctx),
    await kpiDistributionSection(ctx),
    await lorenzSection(ctx, opts.lorenzTicks),
    await flowSection(ctx),
    await sweepSection(ctx, opts.kpis),
  ];
  return reportPage(header(data, comparison.baseline), sections.filter((s): s is PageSection => s !== null), interactive);
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

/**
 * The baseline variant: the one named (with several directories, a bare
 * variant name is accepted when one directory has it), else the first
 * directory's `baseline`, else the first variant.
 */
function chooseBaseline(data: ReportData, wanted: string | undefined): string {
  const { variants, sources } = data;
  if (wanted === undefined) {
    const first = sources[0].variantName('baseline');
    return variants.includes(first) ? first : variants[0];
  }
  if (variants.includes(wanted)) return wanted;
  const matches = sources.map((s) => s.variantName(wanted)).filter((v) => variants.includes(v));
  if (matches.length === 1) return matches[0];
  const why = matches.length > 1 ? `"${wanted}" is in several directories; name one of` : `unknown baseline variant "${wanted}"; the variants are:`;
  throw new InputError(`${why} ${(matches.length > 1 ? matches : variants).join(', ')}`);
}

function facts(s: Source): [string, string][] {
  const m = s.results.manifest;
  const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
  const failed = s.results.runs.filter((r) => !r.ok).length;
  const list: [string, string | undefined][] = [
    ['directory', resolve(s.dir)],
    ['model', str(m.model)],
    ['runs', `${s.results.runs.length} (${failed} failed)`],
    ['variants', [...new Set(s.results.runs.map((r) => r.variant))].join(', ')],
    ['seeds per point', str(m.seeds)],
    ['ticks', str(m.ticks)],
    ['base seed', str(m.baseSeed)],
    ['status', str(m.status)],
    ['tokensim', [str(m.tokensim), str(m.commit)?.slice(0, 12)].filter(Boolean).join(' @ ') || undefined],
  ];
  return list.filter((f): f is [string, string] => f[1] !== undefined && f[1] !== '');
}

function header(data: ReportData, baseline: string): PageHeader {
  const { sources } = data;
  const many = sources.length > 1;
  const first = sources[0].results.manifest;
  return {
    title: many ? sources.map((s) => s.label).join(' vs ') : String(first.experiment ?? 'tokensim results'),
    description: many ? `Variants of ${sources.length} result directories side by side; differences against ${baseline}.` : (first.description as string | undefined),
    sources: sources.map((s) => ({ label: s.label, facts: many ? facts(s) : [...facts(s), ['baseline', baseline]] })),
  };
}

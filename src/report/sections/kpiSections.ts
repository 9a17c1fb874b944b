import { kpiStrips, type KpiValue } from '../charts/kpiStrips';
import { escapeHtml } from '../escapeHtml';
import { kpiTable } from '../kpiTable';
import type { PageSection } from '../page';
import type { SectionContext } from './context';

/** Returns the section of the KPI table, with a note on its statistics and the KPIs left out because they are zero in every run. */
export function kpiTableSection(ctx: SectionContext, zero: string[]): PageSection {
  const c = ctx.comparison;
  const pct = `${Math.round(c.level * 100)}%`;
  const welch = c.rows.some((r) => r.diff?.method === 'welch');
  const log = ctx.kpis.some((k) => k.cells.some((cell) => cell.interval.method === 'log'));
  const swept = new Set(ctx.data.combined.runs.map((r) => r.point)).size > 1;
  const note =
    `Mean over each variant’s finished runs with its ${pct} confidence interval (Student t` +
    (log ? '; <sup>†</sup> on a log scale, where the t interval would reach below zero for a KPI no run has below zero' : '') +
    `). Δ = variant − ${escapeHtml(c.baseline)}, ` +
    (welch ? 'paired by sweep point and seed where seeds are shared, otherwise Welch’s unpaired t' : 'paired by sweep point and seed (common random numbers), paired t test') +
    `; <span class="sig">*</span> p &lt; 0.05, <span class="sig">**</span> p &lt; 0.01, <span class="sig">***</span> p &lt; 0.001.` +
    (swept ? ' Every sweep point is pooled; differences are paired within points.' : '') +
    (c.failed ? ` ${c.failed} failed run(s) left out.` : '') +
    (zero.length ? ` Not shown, zero in every run: ${zero.map((z) => `<code>${escapeHtml(z)}</code>`).join(', ')}.` : '');
  const table = kpiTable(ctx.kpis, (k) => ctx.data.info('summary', k), { variants: ctx.data.variants, baseline: c.baseline, level: c.level });
  return { id: 'kpis', heading: 'Summary KPIs', note, body: table };
}

/** Returns the section of KPI distributions (a strip per variant, a panel per KPI), leaving out KPIs every run has the same value of; null when none is left. */
export async function kpiDistributionSection(ctx: SectionContext): Promise<PageSection | null> {
  const r = ctx.data.combined;
  const values: KpiValue[] = [];
  const varying: string[] = [];
  for (const k of ctx.kpis) {
    const mine: KpiValue[] = [];
    r.runs.forEach((run, i) => {
      const v = r.kpis[k.name][i];
      if (run.ok && Number.isFinite(v)) mine.push({ kpi: k.name, variant: run.variant, runId: run.runId, replicate: run.replicate, value: v });
    });
    if (new Set(mine.map((m) => m.value)).size > 1) {
      varying.push(k.name);
      values.push(...mine);
    }
  }
  if (varying.length === 0) return null;
  const chart = kpiStrips(varying.map((k) => ctx.data.info('summary', k)), values, ctx.data.variants, ctx.interactive);
  const constant = ctx.kpis.filter((k) => !varying.includes(k.name)).map((k) => `<code>${escapeHtml(k.name)}</code>`);
  const note = `Each finished run’s value of every KPI, per variant.${constant.length ? ` Left out, the same in every run: ${constant.join(', ')}.` : ''}`;
  return { id: 'distributions', heading: 'KPI distributions', note, body: await ctx.figure({ kind: 'kpis', name: 'kpi distributions', file: 'kpi-distributions', chart }) };
}

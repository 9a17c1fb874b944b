import { compare, formatNumber, formatPValue, type Comparison, type ComparisonRow, type GroupBy } from '../experiment/compare';
import type { StressTable } from '../experiment/stress';
import type { ImpactTable } from '../experiment/socialImpact';
import { impactCells, impactFootnote, impactHeaders, impactTitle } from '../experiment/impactFormat';
import { stressCells, stressFootnote, stressHeaders } from '../experiment/stressFormat';

/** Output formats of `tokensim compare`. */
export type CompareFormat = 'table' | 'csv' | 'json' | 'md';

/** The parsed flags of `tokensim compare`. */
export interface CompareFlags {
  metric?: string[];
  by?: GroupBy;
  baseline?: string;
  format?: CompareFormat;
}

/**
 * `tokensim compare DIR [--metric NAME]... [--by variant|point] [--baseline NAME]
 * [--format table|csv|json|md]`: prints the comparison of DIR's summary KPIs
 * in the chosen format; returns the exit code 0. Throws an InputError on a
 * missing directory or an unknown metric or baseline.
 */
export async function compareCommand(dir: string, flags: CompareFlags): Promise<number> {
  const result = compare(dir, { metrics: flags.metric, by: flags.by ?? 'variant', baseline: flags.baseline });
  process.stdout.write(formatComparison(result, flags.format ?? 'table') + '\n');
  return 0;
}

/** Returns `c` as text: an aligned table, CSV, JSON or a Markdown table; under scenarios, table, md and json add the stress table, and with the fairness block's impact table the social-impact tables (CSV keeps one table). */
export function formatComparison(c: Comparison, format: CompareFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(toJson(c), (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
    case 'csv':
      return csv(c);
    case 'md':
      return markdown(c);
    case 'table':
      return table(c);
  }
}

const pct = (c: Comparison) => `${Math.round(c.level * 100)}%`;

/** The columns shown by table and md, as text cells. */
function cells(c: Comparison, r: ComparisonRow): string[] {
  const d = r.diff;
  const f = formatNumber;
  return [
    r.metric,
    r.group.label,
    `${r.n}${r.group.failed > 0 ? ` (${r.group.failed} failed)` : ''}`,
    f(r.mean),
    f(r.sd),
    `[${f(r.lo)}, ${f(r.hi)}]`,
    d ? `${f(d.mean)}${d.mark ? ' ' + d.mark : ''}` : '',
    d ? `[${f(d.lo)}, ${f(d.hi)}]` : '',
    d ? formatPValue(d.pValue) : '',
  ];
}

function headers(c: Comparison): string[] {
  const group = c.by === 'variant' ? 'variant' : 'point';
  return ['metric', group, 'n', 'mean', 'sd', `${pct(c)} CI`, `Δ vs ${c.baseline}`, `${pct(c)} CI of Δ`, 'p'];
}

function footnote(c: Comparison): string {
  const pairing = c.rows.some((r) => r.diff?.method === 'welch')
    ? 'paired by sweep point and seed where seeds are shared, else Welch'
    : 'paired by sweep point and seed (common random numbers)';
  const failed = c.failed > 0 ? `; ${c.failed} failed run(s) excluded` : '';
  return `Δ = group − ${c.baseline}, ${pairing}; t test: * p<0.05, ** p<0.01, *** p<0.001${failed}`;
}

function table(c: Comparison): string {
  const head = headers(c);
  const body = c.rows.map((r) => cells(c, r));
  const widths = head.map((h, j) => Math.max(h.length, ...body.map((row) => row[j].length)));
  const line = (row: string[]) => row.map((s, j) => (j < 3 ? s.padEnd(widths[j]) : s.padStart(widths[j]))).join('  ').trimEnd();
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  ')];
  body.forEach((row, i) => {
    if (i > 0 && row[0] !== body[i - 1][0]) out.push('');
    out.push(line(row));
  });
  out.push('', footnote(c));
  if (c.stress) out.push('', aligned(stressHeaders(c.stress), c.stress.rows.map((r) => stressCells(c.stress!, r)), 2), '', stressFootnote(c.stress));
  if (c.impact?.length) {
    for (const t of c.impact) out.push('', impactTitle(t), aligned(impactHeaders(t, c.level), t.rows.map(impactCells), 2));
    out.push('', impactFootnote());
  }
  return out.join('\n');
}

/** Returns rows as an aligned text table, the first `left` columns left-aligned. */
function aligned(head: string[], body: string[][], left: number): string {
  const widths = head.map((h, j) => Math.max(h.length, ...body.map((row) => row[j].length)));
  const line = (row: string[]) => row.map((s, j) => (j < left ? s.padEnd(widths[j]) : s.padStart(widths[j]))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** Escapes what Markdown would read as a table rule or emphasis. */
const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\*/g, '\\*');

function markdown(c: Comparison): string {
  const out = [mdTable(headers(c), c.rows.map((r) => cells(c, r)), 2), '', esc(footnote(c))];
  if (c.stress) out.push('', stressMarkdown(c.stress));
  if (c.impact?.length) out.push('', impactMarkdown(c.impact, c.level));
  return out.join('\n');
}

/** Returns rows as a Markdown table, the first `left` columns left-aligned. */
function mdTable(head: string[], body: string[][], left: number): string {
  const out = [`| ${head.map(esc).join(' | ')} |`, `| ${head.map((_, j) => (j < left ? '---' : '---:')).join(' | ')} |`];
  for (const row of body) out.push(`| ${row.map(esc).join(' | ')} |`);
  return out.join('\n');
}

/** Returns the social-impact tables as Markdown, each under its title, then their footnote. */
export function impactMarkdown(tables: ImpactTable[], level: number): string {
  const out: string[] = [];
  for (const t of tables) out.push(`**${esc(impactTitle(t))}**`, '', mdTable(impactHeaders(t, level), t.rows.map(impactCells), 2), '');
  out.push(esc(impactFootnote()));
  return out.join('\n');
}

/** Returns the stress table as Markdown (the README's stress output). */
export function stressMarkdown(t: StressTable): string {
  return [mdTable(stressHeaders(t), t.rows.map((r) => stressCells(t, r)), 2), '', esc(stressFootnote(t))].join('\n');
}

function csv(c: Comparison): string {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const num = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '' : String(x));
  const head = ['metric', 'group', 'variant', 'point', ...c.swept, 'runs', 'failed', 'n', 'mean', 'sd', 'ci_lo', 'ci_hi', 'diff', 'diff_lo', 'diff_hi', 'diff_n', 'p_value', 'sig', 'method'];
  const out = [head.join(',')];
  for (const r of c.rows) {
    const g = r.group;
    const d = r.diff;
    out.push(
      [
        quote(r.metric), quote(g.label), quote(g.variant), g.point === null ? '' : String(g.point),
        ...c.swept.map((p) => num(g.params[p])),
        String(g.runs), String(g.failed), String(r.n), num(r.mean), num(r.sd), num(r.lo), num(r.hi),
        num(d?.mean), num(d?.lo), num(d?.hi), d ? String(d.n) : '', num(d?.pValue), d?.mark ?? '', d?.method ?? '',
      ].join(','),
    );
  }
  return out.join('\n');
}

function toJson(c: Comparison): unknown {
  return {
    dir: c.dir,
    by: c.by,
    baseline: c.baseline,
    level: c.level,
    metrics: c.metrics,
    swept: c.swept,
    failed: c.failed,
    groups: c.groups,
    rows: c.rows.map((r) => ({ metric: r.metric, group: r.group.label, variant: r.group.variant, ...(r.group.scenario === undefined ? {} : { scenario: r.group.scenario }), point: r.group.point, n: r.n, mean: r.mean, sd: r.sd, lo: r.lo, hi: r.hi, diff: r.diff })),
    ...(c.stress ? { stress: c.stress } : {}),
    ...(c.impact ? { impact: c.impact } : {}),
  };
}

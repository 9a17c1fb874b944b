// The social-impact tables as text: one set of headings, cells, titles and
// footnote that `tokensim compare` (aligned text and Markdown) and the
// report (HTML) share.
import { formatNumber } from './compare';
import type { ImpactRow, ImpactTable, PairedDelta } from './socialImpact';

/** The impact table's column headings at interval level `level`. */
export function impactHeaders(t: ImpactTable, level: number): string[] {
  const pct = `${Math.round(level * 100)}%`;
  return ['group', 'kind', 'agents', `${t.baseline}`, 'variant', 'Δ', `${pct} CI of Δ`, 'Δ return', 'Δ staking', 'verdict'];
}

/** One impact row as text cells, in `impactHeaders` order. */
export function impactCells(r: ImpactRow): string[] {
  const f = formatNumber;
  const d = (x: PairedDelta | null) => (x ? f(x.mean) : '');
  return [
    r.group, r.kind, Number.isFinite(r.agents) ? f(r.agents) : '', f(r.baseline), f(r.variant),
    d(r.diff), r.diff ? `[${f(r.diff.lo)}, ${f(r.diff.hi)}]` : '', d(r.returnDiff), d(r.stakingDiff), r.verdict,
  ];
}

/** The title of one impact table: `social impact: <variant> vs <baseline>` and its scenario. */
export function impactTitle(t: ImpactTable): string {
  return `social impact: ${t.variant} vs ${t.baseline}${t.scenario === null ? '' : ` (scenario ${t.scenario})`}`;
}

/** What the impact tables' columns mean, in one line. */
export function impactFootnote(): string {
  return (
    'impact: groups are the agents present at the start, by population and by decile of initial wealth (d1 the poorest); ' +
    'baseline and variant = mean gain per member over the run in USD (end − start wealth, tokens · price + USD), for KPI rows the KPI; ' +
    'Δ = variant − baseline paired by sweep point and seed; Δ return and Δ staking the same for the group\'s return and its share with a stake; ' +
    'verdict from the interval of Δ'
  );
}

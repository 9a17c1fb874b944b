// The stress table as text: one set of headings, cells and footnote that
// `tokensim compare` (aligned text and Markdown) and the report (HTML) share.
import { formatNumber } from './compare';
import type { StressRow, StressTable } from './stress';

/** The stress table's column headings (the staking-floor column only when a row has it). */
export function stressHeaders(t: StressTable): string[] {
  const pct = `${Math.round(t.level * 100)}%`;
  const head = ['variant', 'scenario', 'n', 'final price', `CVaR ${Math.round(t.alpha * 100)}%`, 'Δ vs none', `${pct} CI of Δ`, 'drawdown', 'median recovery', 'P(price < floor)'];
  return t.rows.some((r) => r.stakingBreach) ? [...head, 'P(staking < floor)'] : head;
}

/** One stress row as text cells, in `stressHeaders` order. */
export function stressCells(t: StressTable, r: StressRow): string[] {
  const f = formatNumber;
  const p = (b: { probability: number; lo: number; hi: number }) => `${f(b.probability)} [${f(b.lo)}, ${f(b.hi)}]`;
  const rec = r.medianRecoveryTicks === Infinity ? 'not reached' : f(r.medianRecoveryTicks);
  const cells = [
    r.variant, r.scenario, String(r.n), f(r.meanFinalPrice), f(r.cvarFinalPrice),
    r.diff ? f(r.diff.mean) : '', r.diff ? `[${f(r.diff.lo)}, ${f(r.diff.hi)}]` : '',
    f(r.meanDrawdown), rec, p(r.priceBreach),
  ];
  return t.rows.some((x) => x.stakingBreach) ? [...cells, r.stakingBreach ? p(r.stakingBreach) : ''] : cells;
}

/** What the stress table's columns mean, in one line. */
export function stressFootnote(t: StressTable): string {
  return (
    `stress: CVaR ${Math.round(t.alpha * 100)}% = mean final price of the worst ${Math.round(t.alpha * 100)}% of runs; ` +
    'Δ vs none = final price − the unshocked run of the same seed (paired); drawdown and recovery from the scenario start ' +
    '(Kaplan–Meier median, runs that never recover censored); breach shares with Wilson intervals'
  );
}

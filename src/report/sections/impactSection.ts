import { impactCells, impactFootnote, impactHeaders, impactTitle } from '../../experiment/impactFormat';
import { escapeHtml } from '../escapeHtml';
import type { PageSection } from '../page';
import type { SectionContext } from './context';

/**
 * Returns the social-impact section: for each variant other than the
 * baseline, the table `tokensim compare` prints (per population and decile
 * of initial wealth, the gain per member against the baseline, paired by
 * seed, with concentration and access), a gain in green and a loss in red
 * when its interval excludes 0; null when the results have no impact table
 * (no fairness block).
 */
export function impactSection(ctx: SectionContext): PageSection | null {
  const tables = ctx.comparison.impact;
  if (!tables || tables.length === 0) return null;
  const level = ctx.comparison.level;
  const body = tables
    .map((t) => {
      const head = impactHeaders(t, level).map((h, j) => `<th${j < 2 ? ' style="text-align:left"' : ''}>${escapeHtml(h)}</th>`).join('');
      const rows = t.rows.map((r) => {
        const mark = r.verdict === 'gains' || r.verdict === 'more access' ? ' class="gain"' : r.verdict === 'loses' || r.verdict === 'less access' || r.verdict === 'more concentrated' ? ' class="loss"' : '';
        const cells = impactCells(r).map((c, j) => (j < 2 ? `<th>${escapeHtml(c)}</th>` : `<td${j === 9 ? mark : ''}>${escapeHtml(c)}</td>`));
        return `<tr data-group="${escapeHtml(r.group)}">${cells.join('')}</tr>`;
      });
      return `<div class="table-wrap"><table class="kpis impact"><caption>${escapeHtml(impactTitle(t))}</caption><thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>`;
    })
    .join('\n');
  return { id: 'impact', heading: 'Social impact', note: `${escapeHtml(impactFootnote())}; intervals at ${Math.round(level * 100)}%.`, body };
}

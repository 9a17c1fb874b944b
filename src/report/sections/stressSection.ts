import { stressCells, stressFootnote, stressHeaders } from '../../experiment/stressFormat';
import { escapeHtml } from '../escapeHtml';
import type { PageSection } from '../page';
import type { SectionContext } from './context';

/**
 * Returns the section of stress statistics: for each results directory run
 * under scenarios, the table `tokensim compare` prints (one row per variant ×
 * scenario: mean and CVaR of the final price, its paired difference to the
 * unshocked run of the same seed with its interval, drawdown, median
 * recovery, breach probabilities); null when no directory has scenarios.
 */
export function stressSection(ctx: SectionContext): PageSection | null {
  const tables = ctx.data.sources.filter((s) => s.stress !== null);
  if (tables.length === 0) return null;
  const body = tables
    .map((s) => {
      const t = s.stress!;
      const head = stressHeaders(t).map((h, j) => `<th${j < 2 ? ' style="text-align:left"' : ''}>${escapeHtml(h)}</th>`).join('');
      const rows = t.rows.map((r) => {
        const shocked = r.diff !== null && (r.diff.lo > 0 || r.diff.hi < 0);
        const cells = stressCells(t, r).map((c, j) => (j < 2 ? `<th>${escapeHtml(c)}</th>` : `<td${j === 5 && shocked ? ' class="sig"' : ''}>${escapeHtml(c)}</td>`));
        return `<tr data-variant="${escapeHtml(r.variant)}" data-scenario="${escapeHtml(r.scenario)}">${cells.join('')}</tr>`;
      });
      const caption = s.label ? `<caption>${escapeHtml(s.label)}</caption>` : '';
      return `<div class="table-wrap"><table class="kpis stress">${caption}<thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>`;
    })
    .join('\n');
  const pct = `${Math.round(tables[0].stress!.level * 100)}%`;
  const note =
    `Every variant under every scenario on the same seeds. ${escapeHtml(stressFootnote(tables[0].stress!))}; ` +
    `intervals at ${pct}; a Δ whose interval excludes 0 is marked.`;
  return { id: 'stress', heading: 'Stress scenarios', note, body };
}

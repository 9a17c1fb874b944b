import { sankeyChart } from '../charts/sankey';
import { PAGE_WIDTH } from '../chartStyle';
import { meanFlows, type Flow } from '../flows';
import type { PageSection } from '../page';
import { layoutSankey, sankeyScale, type SankeyFlow } from '../sankeyLayout';
import type { SectionContext } from './context';

/** Tallest diagram, in pixels: the variant with the most flow; the others are drawn at its scale. */
const HEIGHT = 380;
const GAP = 8;

/**
 * Returns the section of token and USD flows from each directory's
 * flows.arrow: per variant, a diagram of tokens and one of USD, from where
 * they come (mints, accounts, classes; outside for USD) to where they go
 * (burns, accounts, classes), summed over the run and averaged over its
 * finished runs, every diagram of a unit at one scale; null when no
 * directory has the table.
 */
export async function flowSection(ctx: SectionContext): Promise<PageSection | null> {
  const byVariant = new Map<string, Flow[]>();
  for (const s of ctx.data.sources) {
    if (!s.flows) continue;
    const runsOf = (v: string) => s.results.runs.filter((r) => r.ok && s.variantName(r.variant) === v).length;
    for (const [v, flows] of meanFlows(s.flows, s.variantOf, runsOf)) byVariant.set(v, flows);
  }
  if (byVariant.size === 0) return null;
  const variants = ctx.data.variants.filter((v) => byVariant.has(v));
  const reasons = [...new Set([...byVariant.values()].flat().map((f) => f.reason))].sort();
  const units = [
    { key: 'tokens' as const, unit: 'tokens', title: 'Token flows' },
    { key: 'usd' as const, unit: 'USD', title: 'USD flows' },
  ];
  const sets = units.map((u) => variants.map((v) => byVariant.get(v)!.map((f): SankeyFlow => ({ from: f.from, to: f.to, reason: f.reason, amount: f[u.key] }))));
  const scales = sets.map((diagrams) => sankeyScale(diagrams, HEIGHT, GAP));
  const width = Math.floor((PAGE_WIDTH - 20) / 2);
  const rows: string[] = [];
  for (const [i, v] of variants.entries()) {
    const cells: string[] = [];
    for (const [u, unit] of units.entries()) {
      const flows = sets[u][i];
      if (!flows.some((f) => f.amount > 0)) continue;
      const chart = sankeyChart({
        title: `${unit.title}: ${v}`,
        subtitle: `${unit.unit} per run over the whole run, mean over finished runs`,
        layout: layoutSankey(flows, scales[u], GAP),
        reasons,
        unit: unit.unit,
        width,
        interactive: ctx.interactive,
      });
      const file = `${unit.key}-flows-${v.replace(/[^\w.-]+/g, '_')}`;
      cells.push(await ctx.figure({ kind: 'flows', name: `${unit.key} ${v}`, file, chart }));
    }
    rows.push(`<div class="pair">${cells.join('')}</div>`);
  }
  const note =
    'Where tokens and USD come from (left: <code>mint</code> for new tokens, <code>outside</code> for USD entering the model, and the accounts and classes that pay) and where they go (right: <code>burn</code>, <code>outside</code>, the accounts and classes that receive), by reason. ' +
    'A place that both pays and receives appears on both sides. Band widths are to scale across variants, one scale for tokens and one for USD.';
  return { id: 'flows', heading: 'Token flows', note, body: rows.join('\n') };
}

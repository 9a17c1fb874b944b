import { lorenzChart } from '../charts/lorenz';
import { lorenzCurves, lorenzTicks, type LorenzCurve } from '../lorenz';
import type { PageSection } from '../page';
import type { SectionContext } from './context';

/**
 * Returns the section of wealth distributions from each directory's
 * lorenz.arrow, at the chosen ticks (default: the first and last with
 * curves); null when no directory has the table.
 */
export async function lorenzSection(ctx: SectionContext, chosen: number[] | undefined): Promise<PageSection | null> {
  const curves: LorenzCurve[] = [];
  const used = new Set<number>();
  for (const s of ctx.data.sources) {
    if (!s.lorenz) continue;
    const available = lorenzTicks(s.lorenz);
    const ticks = chosen ?? [...new Set([available[0], available[available.length - 1]])].filter((t) => t !== undefined);
    ticks.forEach((t) => used.add(t));
    curves.push(...lorenzCurves(s.lorenz, ticks, s.variantOf));
  }
  if (curves.length === 0) return null;
  const chart = lorenzChart(curves, ctx.data.variants, ctx.interactive);
  const ticks = [...used].sort((a, b) => a - b).join(', ');
  const note = `Per agent class (and <code>all</code> holders together) at tick ${ticks}${chosen ? '' : ' (the first and last recorded; choose with <code>--lorenz-tick</code>)'}: the share of holdings held by the poorest share of holders, each variant’s mean curve over its finished runs. The dashed diagonal is perfect equality.`;
  return { id: 'wealth', heading: 'Wealth distribution', note, body: await ctx.figure({ kind: 'lorenz', name: 'lorenz', file: 'lorenz', chart }) };
}

import { seriesChart } from '../charts/timeseries';
import { fans, type Fan } from '../fan';
import type { PageSection } from '../page';
import { runLines, type RunLine } from '../runLines';
import type { SectionContext } from './context';

/**
 * Returns the section of metrics over time: one chart per metric, each
 * variant's median and 5–95 % band across runs, or every run's own line
 * (`perRun`). Directories without a metric leave their variants out of its chart.
 */
export async function seriesSection(ctx: SectionContext, metrics: string[], perRun: boolean): Promise<PageSection> {
  const { sources, variants } = ctx.data;
  const figures: string[] = [];
  for (const metric of metrics) {
    const fanList: Fan[] = [];
    const lines: RunLine[] = [];
    for (const s of sources.filter((x) => x.metrics.includes(metric))) {
      const own = variants.filter((v) => s.results.runs.some((r) => s.variantName(r.variant) === v));
      fanList.push(...fans(s.series, [metric], own, s.variantOf).get(metric)!);
      if (perRun) lines.push(...runLines(s.series, metric, s.variantOf));
    }
    const chart = seriesChart({ info: ctx.data.info('timeseries', metric), variants, fans: fanList, runLines: perRun ? lines : undefined, interactive: ctx.interactive });
    figures.push(await ctx.figure({ kind: 'timeseries', name: metric, file: metric, chart }));
  }
  const swept = new Set(ctx.data.combined.runs.map((r) => r.point)).size > 1;
  const what = perRun
    ? 'Per variant: every finished run (thin lines) and the median across runs (thick line), at each recorded tick.'
    : 'Per variant: the median across finished runs (line) and the range from the 5th to the 95th percentile across runs (band, dashed edges), at each recorded tick.';
  const note = `${what} Axes are log-scaled where a metric spans three orders of magnitude or more.${swept ? ' Runs of every sweep point are pooled; the Sweep section separates them.' : ''}`;
  return { id: 'timeseries', heading: 'Metrics over time', note, body: figures.join('\n') };
}

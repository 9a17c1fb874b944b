import { toCsv } from './csv';
import { escapeHtml } from './escapeHtml';
import { renderSvg, toVega, type ChartData } from './vega';

/** What a figure shows, for its data attributes: a metric over time, KPI distributions, a sweep, wealth distributions or token flows. */
export type FigureKind = 'timeseries' | 'kpis' | 'sweep' | 'lorenz' | 'flows';

/** A chart to place on the page. */
export interface FigureInput {
  kind: FigureKind;
  /** The metric or KPI shown (or a short name for a chart of several). */
  name: string;
  /** File name of its exports, without extension. */
  file: string;
  chart: ChartData;
}

/**
 * Returns `text` as a data: URL for an href: only what a URL or an HTML
 * attribute would change (%, #, quotes, &, <, >, tabs and line breaks) is
 * percent-encoded, so the copy costs little more than the text itself.
 */
export function dataUrl(mime: string, text: string): string {
  return `data:${mime};charset=utf-8,${text.replace(/[%#"&'<>\t\r\n]/g, (c) => encodeURIComponent(c))}`;
}

function attributes(f: FigureInput): string {
  return `class="chart" data-kind="${f.kind}" data-metric="${escapeHtml(f.name)}" data-file="${escapeHtml(f.file)}"`;
}

function csvLink(f: FigureInput): string {
  return `<a download="${escapeHtml(f.file)}.csv" href="${dataUrl('text/csv', toCsv(f.chart.rows))}">CSV</a>`;
}

/**
 * Returns a figure of the static report: the chart as inline SVG and links
 * that download its data as CSV and the chart as SVG (data: URLs, so no
 * script is needed and nothing is fetched).
 */
export async function staticFigure(f: FigureInput): Promise<string> {
  const svg = await renderSvg(f.chart.spec);
  const svgLink = `<a download="${escapeHtml(f.file)}.svg" href="${dataUrl('image/svg+xml', svg)}">SVG</a>`;
  return `<figure ${attributes(f)}>${svg}<figcaption class="export">download ${csvLink(f)} ${svgLink}</figcaption></figure>`;
}

/**
 * Returns a figure of the interactive report: an empty container, the
 * chart's compiled Vega specification as a JSON data block (not a script:
 * the page's policy runs only its own hashed scripts), the CSV link, and
 * buttons the runtime wires to export the live view as SVG or PNG.
 */
export async function interactiveFigure(f: FigureInput): Promise<string> {
  const json = JSON.stringify(await toVega(f.chart.spec)).replace(/</g, '\\u003c');
  const buttons = '<button type="button" data-export="svg">SVG</button> <button type="button" data-export="png">PNG</button>';
  return `<figure ${attributes(f)}><div class="vega-view"></div><script type="application/json" class="vega-spec">${json}</script><figcaption class="export">download ${csvLink(f)} ${buttons}</figcaption></figure>`;
}

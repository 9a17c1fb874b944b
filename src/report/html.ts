import { formatNumber, formatPValue, type Comparison } from '../experiment/compare';

/** Returns `s` with the five HTML-special characters escaped, safe in text and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** One rendered chart: what it shows (for the figure's data attributes) and its SVG. */
export interface Figure {
  /** `timeseries` (a metric over ticks) or `sweep` (a KPI over swept parameters). */
  kind: 'timeseries' | 'sweep';
  /** The metric or KPI shown. */
  name: string;
  svg: string;
}

/** What the page says about the experiment, from manifest.json. */
export interface ReportHeader {
  title: string;
  description?: string;
  facts: [string, string][];
}

/**
 * Returns the KPI table: per KPI and variant, the run count, mean and
 * confidence interval, and the difference to the baseline with its
 * interval, p-value and significance mark.
 */
export function kpiTable(c: Comparison): string {
  const pct = `${Math.round(c.level * 100)}%`;
  const f = (x: number) => escapeHtml(formatNumber(x));
  const head = ['KPI', 'variant', 'n', 'mean', `${pct} CI`, `Δ vs ${c.baseline}`, `${pct} CI of Δ`, 'p'];
  const rows: string[] = [];
  for (const metric of c.metrics) {
    const group = c.rows.filter((r) => r.metric === metric);
    group.forEach((r, i) => {
      const d = r.diff;
      const cells = [
        i === 0 ? `<th scope="rowgroup" rowspan="${group.length}">${escapeHtml(metric)}</th>` : '',
        `<td class="label">${escapeHtml(r.group.label)}</td>`,
        `<td>${r.n}${r.group.failed ? ` <small>(${r.group.failed} failed)</small>` : ''}</td>`,
        `<td>${f(r.mean)}</td>`,
        `<td>[${f(r.lo)}, ${f(r.hi)}]</td>`,
        d ? `<td>${f(d.mean)}${d.mark ? ` <span class="sig">${d.mark}</span>` : ''}</td>` : '<td class="none">—</td>',
        d ? `<td>[${f(d.lo)}, ${f(d.hi)}]</td>` : '<td></td>',
        d ? `<td>${escapeHtml(formatPValue(d.pValue))}</td>` : '<td></td>',
      ];
      rows.push(`<tr${i === 0 ? ' class="first"' : ''}>${cells.join('')}</tr>`);
    });
  }
  const welch = c.rows.some((r) => r.diff?.method === 'welch');
  const note =
    `Mean over finished runs with its ${pct} Student-t interval. Δ = variant − ${escapeHtml(c.baseline)}, ` +
    (welch ? 'paired by sweep point and seed where seeds are shared, otherwise Welch’s unpaired t; ' : 'paired by sweep point and seed (common random numbers), paired t test; ') +
    `<span class="sig">*</span> p&lt;0.05, <span class="sig">**</span> p&lt;0.01, <span class="sig">***</span> p&lt;0.001.` +
    (c.failed ? ` ${c.failed} failed run(s) left out.` : '');
  return (
    `<table class="kpis" id="kpi-table"><thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.join('\n')}</tbody></table>\n<p class="note">${note}</p>`
  );
}

function figure(f: Figure): string {
  return `<figure class="chart" data-kind="${f.kind}" data-metric="${escapeHtml(f.name)}">${f.svg}</figure>`;
}

// Offline by construction: the policy forbids every fetch (scripts, styles,
// fonts, images) except inline styles and data: images.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
body { font: 15px/1.45 Helvetica, Arial, sans-serif; color: #222; margin: 0 auto; max-width: 980px; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { border-bottom: 1px solid #ddd; padding-bottom: .2rem; margin-top: 2rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; font-size: .9rem; }
dl.facts dt { color: #666; } dl.facts dd { margin: 0; font-family: ui-monospace, Menlo, Consolas, monospace; }
nav a { margin-right: 1rem; }
figure.chart { margin: 1rem 0; overflow-x: auto; } figure.chart svg { display: block; max-width: 100%; height: auto; }
table.kpis { border-collapse: collapse; font-size: .88rem; width: 100%; }
table.kpis th, table.kpis td { padding: .25rem .5rem; text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.kpis th[scope=rowgroup], table.kpis td.label, table.kpis thead th:nth-child(-n+2) { text-align: left; }
table.kpis thead th { border-bottom: 2px solid #888; } table.kpis tr.first > * { border-top: 1px solid #ccc; }
th[scope=rowgroup] { vertical-align: top; font-weight: 600; }
.sig { color: #b30000; font-weight: 700; } .none { color: #aaa; } .note { color: #555; font-size: .85rem; }
`;

/** Returns the whole report page: header, time-series fans, KPI table, sweep charts; no external resource. */
export function reportPage(header: ReportHeader, series: Figure[], table: string, sweep: Figure[], sweepNote: string): string {
  const pooled = sweep.length ? ' Runs of every sweep point are pooled; the Sweep section separates them.' : '';
  const facts = header.facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('');
  const sections = [
    `<section id="timeseries"><h2>Metrics over time</h2><p class="note">Per variant: the median across runs (line) and the 5–95% band, at each recorded tick. Failed runs are left out.${pooled}</p>\n${series.map(figure).join('\n')}</section>`,
    `<section id="kpis"><h2>Summary KPIs</h2>${sweep.length ? '<p class="note">Per variant over every sweep point; differences are paired within each point.</p>' : ''}\n${table}</section>`,
    ...(sweep.length ? [`<section id="sweep"><h2>Sweep</h2><p class="note">${sweepNote}</p>\n${sweep.map(figure).join('\n')}</section>`] : []),
  ];
  const nav = [['timeseries', 'Metrics over time'], ['kpis', 'Summary KPIs'], ...(sweep.length ? [['sweep', 'Sweep']] : [])]
    .map(([id, text]) => `<a href="#${id}">${text}</a>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(header.title)} — tokensim report</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(header.title)}</h1>
${header.description ? `<p>${escapeHtml(header.description)}</p>` : ''}
<dl class="facts">${facts}</dl>
<nav>${nav}</nav></header>
${sections.join('\n')}
</body>
</html>
`;
}

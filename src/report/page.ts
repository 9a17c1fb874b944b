import { PAGE_WIDTH } from './chartStyle';
import { escapeHtml } from './escapeHtml';
import { interactiveRuntime, STATIC_CSP } from './runtime';

/** What the page says about the results it reports on: a title, a description, and facts per results directory. */
export interface PageHeader {
  title: string;
  description?: string;
  /** One list of (name, value) facts per directory. */
  sources: { label: string; facts: [string, string][] }[];
}

/** A section of the page: its anchor, heading, an explanatory note (HTML) and its content (HTML). */
export interface PageSection {
  id: string;
  heading: string;
  note?: string;
  body: string;
}

const STYLE = `
body { font: 15px/1.45 Helvetica, Arial, sans-serif; color: #222; margin: 0 auto; max-width: ${PAGE_WIDTH}px; padding: 1.5rem 1.5rem 4rem; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; } h2 { font-size: 1.3rem; border-bottom: 1px solid #ddd; padding-bottom: .25rem; margin-top: 2.5rem; }
header p { margin: .2rem 0 .8rem; color: #333; }
.sources { display: flex; flex-wrap: wrap; gap: .5rem 2.5rem; }
.sources h3 { font-size: .95rem; margin: .3rem 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .05rem 1rem; font-size: .88rem; margin: 0; }
dl.facts dt { color: #666; } dl.facts dd { margin: 0; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .84rem; }
nav { margin-top: 1rem; font-size: .92rem; } nav a { margin-right: 1.1rem; color: #1f5fa8; }
.note { color: #555; font-size: .86rem; max-width: 60rem; }
figure.chart { margin: 1.2rem 0 1.6rem; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figure.chart .vega-view { min-height: 2rem; }
.vega-tip { position: absolute; display: none; z-index: 10; white-space: pre; pointer-events: none; background: rgba(255,255,255,.96); border: 1px solid #aaa; border-radius: 3px; padding: .3rem .5rem; font-size: .8rem; line-height: 1.35; box-shadow: 0 1px 4px rgba(0,0,0,.15); font-variant-numeric: tabular-nums; }
figcaption.export { font-size: .78rem; color: #777; margin-top: .2rem; }
figcaption.export a, figcaption.export button { font: inherit; color: #1f5fa8; background: none; border: 1px solid #c8d3e0; border-radius: 3px; padding: 0 .4rem; margin-left: .2rem; text-decoration: none; cursor: pointer; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 0 20px; }
.pair figure.chart { margin-top: .6rem; }
.table-wrap { overflow-x: auto; margin: .6rem 0; }
table.kpis { border-collapse: collapse; font-size: .84rem; font-variant-numeric: tabular-nums; }
table.kpis caption { text-align: left; font-size: .95rem; padding: .3rem 0; }
table.kpis th, table.kpis td { padding: .3rem .55rem; vertical-align: top; border-bottom: 1px solid #e6e6e6; line-height: 1.3; }
table.kpis thead th { text-align: right; border-bottom: 2px solid #888; font-weight: 600; vertical-align: bottom; }
table.kpis thead th:first-child { text-align: left; }
table.kpis thead th small { display: block; font-weight: normal; color: #777; font-size: .75rem; }
table.kpis tbody th { text-align: left; font-weight: normal; max-width: 17rem; position: sticky; left: 0; background: #fff; }
table.kpis tbody th code { font-weight: 600; font-size: .82rem; }
table.kpis .unit { color: #777; font-size: .76rem; }
table.kpis .desc { display: block; color: #777; font-size: .74rem; line-height: 1.25; }
table.kpis td { text-align: right; white-space: nowrap; }
table.kpis td > span { display: block; }
table.kpis .mean { font-weight: 600; } table.kpis .ci, table.kpis .dci, table.kpis .n { color: #777; font-size: .76rem; }
table.kpis .delta { margin-top: .15rem; } table.kpis .delta .sig { margin-left: .15rem; }
.swatch { display: inline-block; width: .7rem; height: .7rem; border-radius: 2px; margin-right: .35rem; vertical-align: -1px; }
.sig { color: #b30000; font-weight: 700; } td.gain { color: #1a7f37; font-weight: 600; } td.loss { color: #b30000; font-weight: 600; } .none { color: #aaa; }
details { margin: .8rem 0; } summary { cursor: pointer; color: #1f5fa8; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9em; }
`;

function sourceBlock(s: PageHeader['sources'][number], many: boolean): string {
  const facts = s.facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('');
  return `<div>${many ? `<h3>${escapeHtml(s.label)}</h3>` : ''}<dl class="facts">${facts}</dl></div>`;
}

/**
 * Returns the report page: header, navigation and sections. The static page
 * has no script and a policy that forbids fetching anything; the
 * interactive one (`interactive`) inlines Vega's runtime and allows exactly
 * its scripts, by hash, and still no network access.
 */
export function reportPage(header: PageHeader, sections: PageSection[], interactive: boolean): string {
  const runtime = interactive ? interactiveRuntime() : null;
  const nav = sections.map((s) => `<a href="#${s.id}">${escapeHtml(s.heading)}</a>`).join('');
  const body = sections
    .map((s) => `<section id="${s.id}"><h2>${escapeHtml(s.heading)}</h2>${s.note ? `<p class="note">${s.note}</p>` : ''}\n${s.body}</section>`)
    .join('\n');
  const scripts = runtime ? runtime.scripts.map((s) => `<script>${s}</script>`).join('\n') : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${runtime ? runtime.csp : STATIC_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(header.title)} — tokensim report</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(header.title)}</h1>
${header.description ? `<p>${escapeHtml(header.description)}</p>` : ''}
<div class="sources">${header.sources.map((s) => sourceBlock(s, header.sources.length > 1)).join('')}</div>
${runtime ? '<noscript><p class="note">This interactive report draws its charts with JavaScript; without it, write the static report (tokensim report without --interactive).</p></noscript>' : ''}
<nav>${nav}</nav></header>
${body}
${scripts}
</body>
</html>
`;
}

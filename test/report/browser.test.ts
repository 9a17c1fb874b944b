import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/experiment/runExperiment';
import { PAGE_WIDTH } from '../../src/report/chartStyle';
import { writeReport } from '../../src/report/writeReport';
import { addReportTables, TINY_UNITS } from '../fixtures/reportTables';
import { writeResultsDir, type FakeRun } from '../fixtures/resultsDir';
import tiny from '../fixtures/tiny';

// Debian's chromium (`apt-get install -y chromium`; .ci/run installs it when it
// can), or the browser TOKENSIM_CHROMIUM names.
const CHROMIUM = process.env.TOKENSIM_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** Screenshots of every report kind land here (git-ignored), for people to look at. */
const ARTIFACTS = join(__dirname, '..', 'artifacts', 'report');
const haveBrowser = (() => {
  try {
    readFileSync(CHROMIUM);
    return true;
  } catch {
    return false;
  }
})();
if (!haveBrowser) {
  process.stderr.write(`report browser test skipped: no browser at ${CHROMIUM} (install Debian's chromium package: apt-get install -y chromium)\n`);
}

/** What a loaded page did: requests that left the file, and console errors (CSP refusals among them) and uncaught errors. */
interface Visit {
  page: Page;
  requests: string[];
  errors: string[];
}

/** What the test reads off each drawn chart. */
interface Drawn {
  kind: string;
  metric: string;
  width: number;
  height: number;
  plotLeft: number;
  plotWidth: number;
  title: string;
  axisTitles: string[];
  labels: string[];
}

let browser: Browser;
const reports: Record<string, string> = {};

async function tinyRun(out: string, set: string[] = []): Promise<string> {
  const outcome = await runExperiment(tiny, { out, set, log: null });
  await addReportTables(outcome.dir, { ticks: 30, units: TINY_UNITS });
  return outcome.dir;
}

/** A two-variant sweep over a 3 × 3 grid, two seeds, with KPIs of very different magnitudes. */
function sweepRuns(): FakeRun[] {
  const runs: FakeRun[] = [];
  let point = 0;
  for (const rate of [2.5e6, 5e6, 1e7])
    for (const unbonding of [0, 14, 28]) {
      for (const variant of ['baseline', 'full-burn'])
        for (const seed of [0, 1]) {
          const burn = variant === 'full-burn' ? 1 : 0;
          const price = 1 + 0.02 * seed - rate / 2e8 + unbonding / 500 - 0.03 * burn;
          runs.push({
            variant,
            replicate: seed,
            seed,
            point,
            params: { 'emission.ratePerYear': rate, 'staking.unbondingTicks': unbonding },
            kpis: { final_price: price, inflation: rate / 4.4e7 - 0.01 * burn, total_burned: burn * (2e5 + 1e4 * seed) },
            series: { price: Array.from({ length: 30 }, (_, t) => price * (1 + 0.01 * t * (seed + 1))) },
          });
        }
      point++;
    }
  return runs;
}

beforeAll(async () => {
  if (!haveBrowser) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  const root = mkdtempSync(join(tmpdir(), 'tokensim-browser-'));
  const a = await tinyRun(join(root, 'tiny'));
  const b = await tinyRun(join(root, 'tiny-high-burn'), ['feeBurn.feeShare=0.9']);
  const sweep = await writeResultsDir(sweepRuns(), { point: true });
  const metrics = ['price', 'supply', 'staking_ratio', 'treasury_usd'];
  reports.static = await writeReport(a, { out: join(root, 'static.html'), metrics });
  reports.interactive = await writeReport(a, { out: join(root, 'interactive.html'), metrics, interactive: true });
  reports.sweep = await writeReport(sweep, { out: join(root, 'sweep.html') });
  reports.compare = await writeReport([a, b], { out: join(root, 'compare.html'), metrics: ['price', 'supply'], kpis: ['final_price', 'total_burned', 'inflation'] });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

async function visit(kind: string): Promise<Visit> {
  const page = await browser.newPage({ viewport: { width: PAGE_WIDTH + 80, height: 1000 }, acceptDownloads: true });
  const v: Visit = { page, requests: [], errors: [] };
  page.on('request', (r) => {
    if (!/^(file|data|blob):/.test(r.url())) v.requests.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') v.errors.push(m.text());
  });
  page.on('pageerror', (e) => v.errors.push(e.message));
  await page.goto(pathToFileURL(reports[kind]).href, { waitUntil: 'load' });
  return v;
}

/** Reads every chart's size, plot area, title, axis titles and axis labels. */
function drawn(page: Page): Promise<Drawn[]> {
  return page.$$eval('figure.chart', (figs) =>
    figs.map((f) => {
      const svg = f.querySelector('svg')!;
      const box = svg.getBoundingClientRect();
      const plot = svg.querySelector('g.mark-group.role-frame path.background')?.getBoundingClientRect();
      const texts = (sel: string) => [...svg.querySelectorAll(sel)].map((t) => t.textContent ?? '');
      return {
        kind: f.getAttribute('data-kind')!,
        metric: f.getAttribute('data-metric')!,
        width: box.width,
        height: box.height,
        plotLeft: plot?.left ?? NaN,
        plotWidth: plot?.width ?? NaN,
        title: texts('g.role-title text').join(' '),
        axisTitles: texts('g.role-axis-title text'),
        labels: texts('g.role-axis-label text'),
      };
    }),
  );
}

/** Screenshots the whole page into the artefacts folder. */
async function screenshot(v: Visit, name: string): Promise<void> {
  await v.page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Checks what every kind of report must show: sized charts, the time series lined up across the page width, titles, units, readable tick labels. */
function checkCharts(charts: Drawn[], timeseries: string[]): void {
  expect(charts.filter((c) => c.kind === 'timeseries').map((c) => c.metric)).toEqual(timeseries);
  for (const c of charts) {
    expect(c.width, `${c.metric} width`).toBeGreaterThan(c.kind === 'flows' ? 0.45 * PAGE_WIDTH : 0.6 * PAGE_WIDTH);
    expect(c.height, `${c.metric} height`).toBeGreaterThan(150);
    expect(c.title, `${c.metric} title`).not.toBe('');
    // Numbers of 10⁴ and more are written 44.5M, never 44500000.
    expect(c.labels.filter((l) => /\d{5,}/.test(l.replace(/,/g, '').split('.')[0])), `${c.metric} tick labels`).toEqual([]);
  }
  const series = charts.filter((c) => c.kind === 'timeseries');
  for (const c of series) {
    expect(c.width, `${c.metric} uses the page width`).toBeCloseTo(PAGE_WIDTH, -1);
    expect(c.plotLeft, `${c.metric} plot area lines up`).toBeCloseTo(series[0].plotLeft, 0);
    expect(c.plotWidth, `${c.metric} plot width`).toBeCloseTo(series[0].plotWidth, 0);
    expect(c.axisTitles[0]).toBe('tick');
  }
}

describe.skipIf(!haveBrowser)('the report in a browser', () => {
  it('static: every chart sized, titled with units and aligned, the table and every section present, nothing fetched and no script', async () => {
    const v = await visit('static');
    const charts = await drawn(v.page);
    checkCharts(charts, ['price', 'supply', 'staking_ratio', 'treasury_usd']);
    expect(charts.find((c) => c.metric === 'price')!.axisTitles).toEqual(['tick', 'price (USD/token)']);
    expect(charts.find((c) => c.metric === 'price')!.title).toBe('price Token price on the AMM');
    expect(charts.map((c) => c.kind).filter((k, i, all) => all.indexOf(k) === i)).toEqual(['timeseries', 'kpis', 'lorenz', 'flows']);
    expect(await v.page.$$eval('#kpi-table tbody tr', (trs) => trs.length)).toBeGreaterThan(5);
    expect(await v.page.$$eval('script', (s) => s.length)).toBe(0);
    expect(await v.page.$$eval('figcaption.export a[download]', (as) => as.map((a) => a.getAttribute('download')))).toContain('price.svg');
    await screenshot(v, 'static');
    expect(v.requests).toEqual([]);
    expect(v.errors).toEqual([]);
  });

  it('interactive: draws every chart under the policy, shows values on hover, zooms, pans and resets, toggles variants from the legend, exports PNG and SVG, and fetches nothing', async () => {
    const v = await visit('interactive');
    // The runtime marks each figure data-rendered (or data-error) once drawn.
    await v.page.waitForFunction("[...document.querySelectorAll('figure.chart')].every((f) => f.hasAttribute('data-rendered') || f.hasAttribute('data-error'))", null, { timeout: 60_000 });
    expect(await v.page.$$eval('figure.chart[data-error]', (fs) => fs.map((f) => f.getAttribute('data-error')))).toEqual([]);
    const charts = await drawn(v.page);
    checkCharts(charts, ['price', 'supply', 'staking_ratio', 'treasury_usd']);

    const plot = (await v.page.$('figure.chart[data-metric="price"] svg g.mark-group.role-frame path.background'))!;
    const box = (await plot.boundingBox())!;
    await v.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await v.page.mouse.move(box.x + box.width / 2 + 3, box.y + box.height / 2);
    await v.page.waitForSelector('.vega-tip', { state: 'visible' });
    const tip = await v.page.$eval('.vega-tip', (t) => t.textContent ?? '');
    expect(tip).toMatch(/^tick: \d+\nbaseline: [\d.]+\nno-burn: [\d.]+$/);
    await screenshot(v, 'interactive');

    // Wheel zooms, dragging pans, a double click resets; the x axis's description says what it shows.
    const xAxis = () => v.page.$eval('figure.chart[data-metric="price"] svg g[aria-label^="X-axis"]', (g) => g.getAttribute('aria-label'));
    const whole = await xAxis();
    expect(whole).toMatch(/values from 0 to 30$/);
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    await v.page.mouse.move(cx, cy);
    await v.page.mouse.wheel(0, -400);
    await v.page.mouse.down();
    await v.page.mouse.move(cx + 150, cy, { steps: 4 });
    await v.page.mouse.up();
    const axisIs = (op: string) => `document.querySelector('figure.chart[data-metric="price"] svg g[aria-label^="X-axis"]').getAttribute('aria-label') ${op} ${JSON.stringify(whole)}`;
    await v.page.waitForFunction(axisIs('!=='));
    await v.page.mouse.dblclick(cx, cy);
    await v.page.waitForFunction(axisIs('==='));

    // A click on a legend entry dims every other variant.
    const opacities = () => v.page.$$eval('figure.chart[data-metric="price"] svg path[aria-roledescription="line mark"]', (ps) => ps.map((p) => Number(p.getAttribute('opacity') ?? 1)));
    expect(Math.min(...(await opacities()))).toBeGreaterThan(0.5);
    const entry = (await (await v.page.$$('figure.chart[data-metric="price"] svg g.role-legend-label text'))[1].boundingBox())!;
    await v.page.mouse.click(entry.x + 3, entry.y + entry.height / 2);
    await v.page.waitForFunction(`[...document.querySelectorAll('figure.chart[data-metric="price"] svg path[aria-roledescription="line mark"]')].some((p) => Number(p.getAttribute('opacity')) < 0.1)`);

    for (const [kind, magic] of [
      ['png', '\x89PNG'],
      ['svg', '<svg'],
    ]) {
      const [download] = await Promise.all([v.page.waitForEvent('download'), v.page.click(`figure.chart[data-metric="price"] button[data-export="${kind}"]`)]);
      expect(download.suggestedFilename()).toBe(`price.${kind}`);
      const bytes = readFileSync((await download.path())!);
      expect(bytes.subarray(0, magic.length).toString('latin1')).toBe(magic);
    }
    expect(v.requests).toEqual([]);
    expect(v.errors).toEqual([]);
  });

  it('sweep: heatmaps of means and differences labelled with parameter values in short numbers, the points table named by values', async () => {
    const v = await visit('sweep');
    const charts = await drawn(v.page);
    checkCharts(charts, ['price']);
    const heat = charts.filter((c) => c.kind === 'sweep');
    expect(heat.map((c) => c.metric)).toEqual(['final_price', 'final_price', 'inflation', 'inflation']);
    expect(heat[1].title).toContain("final_price over emission.ratePerYear × staking.unbondingTicks: difference to baseline");
    expect(heat[0].labels).toEqual(expect.arrayContaining(['2.5M', '5M', '10M', '0', '14', '28']));
    expect(heat[0].axisTitles).toEqual(expect.arrayContaining(['emission.ratePerYear', 'staking.unbondingTicks']));
    const rows = await v.page.$$eval('table.points[data-kpi="final_price"] tbody th', (ths) => ths.map((t) => t.textContent));
    expect(rows[0]).toBe('emission.ratePerYear = 2.5M, staking.unbondingTicks = 0');
    await screenshot(v, 'sweep');
    expect(v.requests).toEqual([]);
    expect(v.errors).toEqual([]);
  });

  it('several directories: every directory’s variants side by side in the charts and the table', async () => {
    const v = await visit('compare');
    const charts = await drawn(v.page);
    checkCharts(charts, ['price', 'supply']);
    const legend = await v.page.$$eval('figure.chart[data-metric="price"] g.role-legend-label text', (ts) => ts.map((t) => t.textContent));
    expect(legend).toEqual(['tiny/baseline', 'tiny/no-burn', 'tiny-high-burn/baseline', 'tiny-high-burn/no-burn']);
    const heads = await v.page.$$eval('#kpi-table thead th', (ths) => ths.slice(1).map((t) => (t.textContent ?? '').replace(t.querySelector('small')?.textContent ?? '', '')));
    expect(heads).toEqual(['tiny/baseline', 'tiny/no-burn', 'tiny-high-burn/baseline', 'tiny-high-burn/no-burn']);
    await screenshot(v, 'compare');
    expect(v.requests).toEqual([]);
    expect(v.errors).toEqual([]);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { InputError } from '../../src/core/errors';
import { buildReport, writeReport } from '../../src/report/writeReport';
import { writeResultsDir, type FakeRun } from '../fixtures/resultsDir';
import { tinyResults } from '../fixtures/tinyResults';
import { captureOutput } from '../helpers/captureOutput';

/** Every URL a page could fetch: src/href attribute values, @import targets and url() arguments. */
function references(html: string): string[] {
  return [
    ...[...html.matchAll(/\s(?:src|href|xlink:href)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]),
    ...[...html.matchAll(/@import\s+(?:url\()?\s*["']?([^"')\s;]+)/gi)].map((m) => m[1]),
    ...[...html.matchAll(/url\(\s*["']?([^"')]+)/gi)].map((m) => m[1]),
  ];
}

const figures = (html: string, kind: string) => [...html.matchAll(new RegExp(`<figure class="chart" data-kind="${kind}" data-metric="([^"]+)"><svg`, 'g'))].map((m) => m[1]);

let dir: string;
beforeAll(async () => {
  dir = await tinyResults();
});

describe('report of a small run', () => {
  it('draws one chart per requested metric and the KPI table, and fetches nothing', async () => {
    const html = await buildReport(dir, { metrics: ['price', 'staking_ratio', 'burned'] });
    expect(figures(html, 'timeseries')).toEqual(['price', 'staking_ratio', 'burned']);
    expect(html).toMatch(/<table class="kpis" id="kpi-table">/);
    for (const kpi of ['final_price', 'inflation', 'gini_holdings']) expect(html).toContain(`<th scope="rowgroup" rowspan="2">${kpi}</th>`);
    expect(html).toContain('Δ vs baseline');
    expect(html).toMatch(/<td class="label">no-burn<\/td>/);
    expect(html).not.toMatch(/<script/i);
    const external = references(html).filter((u) => /^(https?:)?\/\//i.test(u));
    expect(external).toEqual([]);
    expect(references(html).length).toBeGreaterThan(0); // the check sees the page's own links
  });

  it('charts price, supply, staking ratio and a few more by default, and has no sweep section without a sweep', async () => {
    const html = await buildReport(dir);
    expect(figures(html, 'timeseries').slice(0, 3)).toEqual(['price', 'supply', 'staking_ratio']);
    expect(figures(html, 'timeseries').length).toBeGreaterThanOrEqual(5);
    expect(figures(html, 'sweep')).toEqual([]);
  });

  it('writes report.html into the results directory by default, or to --out', async () => {
    expect(await writeReport(dir, { metrics: ['price'] })).toBe(join(dir, 'report.html'));
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/);
    const out = join(dir, 'elsewhere.html');
    await writeReport(dir, { out, metrics: ['price'] });
    expect(existsSync(out)).toBe(true);
  });

  it('rejects an unknown metric or KPI with one line naming it', async () => {
    await expect(buildReport(dir, { metrics: ['pryce'] })).rejects.toThrow(InputError);
    await expect(buildReport(dir, { metrics: ['pryce'] })).rejects.toThrow(/^unknown metric "pryce"; timeseries.arrow has: price, supply/);
    await expect(buildReport(dir, { kpis: ['nope'] })).rejects.toThrow(/^unknown KPI "nope"; summary.arrow has: final_price/);
  });
});

describe('report of a sweep', () => {
  /** A two-variant sweep over `params` (each point's values), 2 replicates, KPI k = Σ params + variant offset. */
  function sweepRuns(points: Record<string, number>[]): FakeRun[] {
    const runs: FakeRun[] = [];
    points.forEach((params, point) => {
      for (const variant of ['baseline', 'burn'])
        for (let r = 0; r < 2; r++) {
          const k = Object.values(params).reduce((a, b) => a + b, 0) + r + (variant === 'burn' ? 1 : 0);
          runs.push({ variant, replicate: r, seed: r, point, params, kpis: { k }, series: { price: [1, k] } });
        }
    });
    return runs;
  }

  it('draws a line per KPI over one swept parameter', async () => {
    const html = await buildReport(await writeResultsDir(sweepRuns([1, 2, 3].map((a) => ({ a }))), { point: true }));
    expect(figures(html, 'sweep')).toEqual(['k']);
    expect(html).toContain('k over a');
  });

  it('draws a heatmap over two parameters on a grid, and a scatter off a grid', async () => {
    const grid = [1, 2].flatMap((a) => [10, 20, 30].map((b) => ({ a, b })));
    const html = await buildReport(await writeResultsDir(sweepRuns(grid), { point: true }));
    expect(figures(html, 'sweep')).toEqual(['k']);
    expect(html).toContain('k over a × b (mean)');
    const scattered = [{ a: 1, b: 10 }, { a: 2, b: 25 }, { a: 3, b: 17 }];
    const off = await buildReport(await writeResultsDir(sweepRuns(scattered), { point: true }));
    expect(figures(off, 'sweep')).toEqual(['k']);
    expect(off).toMatch(/<circle|class="mark-symbol/);
  });
});

describe('tokensim report', () => {
  const io = captureOutput();

  it('writes the report and prints where', async () => {
    const out = join(dir, 'cli.html');
    expect(await main(['report', dir, '--out', out, '--metric', 'price', '--kpi', 'final_price'])).toBe(0);
    expect(io.stdout).toBe(`report: ${out}\n`);
    expect(figures(readFileSync(out, 'utf8'), 'timeseries')).toEqual(['price']);
  });

  it('tokensim run --report writes report.html into the results directory at the end of the run', async () => {
    const out = join(dir, '..', 'with-report');
    expect(await main(['run', join(__dirname, '..', 'fixtures', 'tiny.ts'), '--out', out, '--quiet', '--report'])).toBe(0);
    expect(io.stdout).toContain(`report: ${join(out, 'report.html')}\n`);
    expect(figures(readFileSync(join(out, 'report.html'), 'utf8'), 'timeseries')).toContain('price');
  });

  it('rejects a missing directory with one line and exit code 2', async () => {
    expect(await main(['report', '/no/such/dir'])).toBe(2);
    expect(io.stderr).toBe('tokensim: no such results directory: /no/such/dir\n');
  });
});

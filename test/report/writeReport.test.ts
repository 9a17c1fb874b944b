import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { InputError } from '../../src/core/errors';
import { buildReport, writeReport } from '../../src/report/writeReport';
import { addReportTables, TINY_UNITS } from '../fixtures/reportTables';
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

/** The metrics (or KPIs) of a report's figures of one kind, in page order. */
const figures = (html: string, kind: string) =>
  [...html.matchAll(new RegExp(`<figure class="chart" data-kind="${kind}" data-metric="([^"]+)"[^>]*>(?:<svg|<div class="vega-view")`, 'g'))].map((m) => m[1]);

/** The KPI rows of the report's table, in order. */
const tableKpis = (html: string) => [...html.matchAll(/<tr data-kpi="([^"]+)">/g)].map((m) => m[1]);

let dir: string;
beforeAll(async () => {
  dir = await tinyResults();
  await addReportTables(dir, { ticks: 30, units: TINY_UNITS });
});

describe('report of a small run', () => {
  it('draws one chart per requested metric with its unit, the KPI table and the distributions, with no script and nothing to fetch', async () => {
    const html = await buildReport(dir, { metrics: ['price', 'staking_ratio', 'burned'] });
    expect(figures(html, 'timeseries')).toEqual(['price', 'staking_ratio', 'burned']);
    expect(html).toContain('>price (USD/token)</text>');
    expect(html).toContain('>Token price on the AMM</text>');
    expect(tableKpis(html)).toContain('final_price');
    expect(html).toMatch(/<code>final_price<\/code> <span class="unit">USD\/token<\/span><span class="desc">Price at the last tick<\/span>/);
    expect(html).toMatch(/<span class="swatch" style="background:#ff7f0e"><\/span>no-burn<small>2 runs<\/small>/);
    expect(figures(html, 'kpis')).toEqual(['kpi distributions']);
    expect(html).not.toMatch(/<script/i);
    const external = references(html).filter((u) => /^(https?:)?\/\//i.test(u));
    expect(external).toEqual([]);
    // A CSV per chart: three metrics, the distributions, the Lorenz curves, token and USD flows of two variants.
    expect(references(html).filter((u) => u.startsWith('data:text/csv'))).toHaveLength(9);
  });

  it('charts price, supply, staking ratio and a few more by default', async () => {
    const html = await buildReport(dir, { kpis: ['final_price'] });
    expect(figures(html, 'timeseries').slice(0, 3)).toEqual(['price', 'supply', 'staking_ratio']);
    expect(figures(html, 'timeseries').length).toBeGreaterThanOrEqual(5);
    expect(figures(html, 'sweep')).toEqual([]);
  });

  it('draws Lorenz curves at the first and last recorded tick, or those chosen, and token and USD flows per variant', async () => {
    const html = await buildReport(dir, { metrics: ['price'], kpis: ['final_price'] });
    expect(figures(html, 'lorenz')).toEqual(['lorenz']);
    expect(html).toContain('at tick 0, 25 (the first and last recorded');
    expect(figures(html, 'flows')).toEqual(['tokens baseline', 'usd baseline', 'tokens no-burn', 'usd no-burn']);
    expect(html).toContain('>Token flows: baseline</text>');
    const chosen = await buildReport(dir, { metrics: ['price'], kpis: ['final_price'], lorenzTicks: [10] });
    expect(chosen).toContain('at tick 10:');
    await expect(buildReport(dir, { lorenzTicks: [11] })).rejects.toThrow('--lorenz-tick 11: lorenz.arrow has curves at ticks 0, 5, 10, 15, 20, 25');
  });

  it('draws every run’s line on request', async () => {
    const html = await buildReport(dir, { metrics: ['price'], kpis: ['final_price'], runLines: true });
    expect(html).toContain('every finished run (thin lines)');
    expect(html).toMatch(/data:text\/csv;charset=utf-8,variant,run_id,tick,value/);
  });

  it('writes report.html into the results directory by default, or to out', async () => {
    expect(await writeReport(dir, { metrics: ['price'], kpis: ['final_price'] })).toBe(join(dir, 'report.html'));
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/);
    const out = join(dir, 'elsewhere.html');
    await writeReport(dir, { out, metrics: ['price'], kpis: ['final_price'] });
    expect(existsSync(out)).toBe(true);
  });

  it('rejects an unknown metric, KPI or baseline with one line naming it', async () => {
    await expect(buildReport(dir, { metrics: ['pryce'] })).rejects.toThrow(InputError);
    await expect(buildReport(dir, { metrics: ['pryce'] })).rejects.toThrow(/^unknown metric "pryce"; timeseries.arrow has: price, volume, /);
    await expect(buildReport(dir, { kpis: ['nope'] })).rejects.toThrow(/^unknown KPI "nope"; summary.arrow has: final_price/);
    await expect(buildReport(dir, { baseline: 'nope' })).rejects.toThrow('unknown baseline variant "nope"; the variants are: baseline, no-burn');
  });
});

describe('the KPI table', () => {
  it('leaves out KPIs zero in every run, naming them, and keeps intervals of non-negative KPIs above zero (marked †)', async () => {
    const runs: FakeRun[] = [1, 9, 2, 12].map((price, i) => ({
      variant: i < 2 ? 'baseline' : 'burn',
      replicate: i % 2,
      seed: i % 2,
      kpis: { price, votes: 0, change: price - 5 },
      series: { price: [1, price] },
    }));
    const html = await buildReport(await writeResultsDir(runs));
    expect(tableKpis(html)).toEqual(['price', 'change']);
    expect(html).toContain('Not shown, zero in every run: <code>votes</code>.');
    // price of baseline: x̄ = 5, log-scale interval [1.925e−4, 129 885] (see boundedInterval's test).
    expect(html).toMatch(/<span class="mean">5\.000<\/span><span class="ci">\[1\.925e−4, 129\.9k\]<sup title="log-scale interval">†<\/sup><\/span>/);
    // burn − baseline, paired by seed: d = (1, 3), d̄ = 2, s/√n = 1, t = 2 on 1 df: p = 1 − 2 atan(2)/π = 0.2952, interval 2 ± 12.706,
    // written with the decimals that give its largest bound four significant digits.
    expect(html).toMatch(/<span class="delta" title="p = 0\.2952">Δ 2\.00<\/span><span class="dci">\[−10\.71, 14\.71\]<\/span>/);
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

  it('draws a line per KPI over one swept parameter, and tables its points named by their values', async () => {
    const html = await buildReport(await writeResultsDir(sweepRuns([1, 2, 3].map((a) => ({ a }))), { point: true }));
    expect(figures(html, 'sweep')).toEqual(['k']);
    expect(html).toContain('>k over a</text>');
    expect(html).toMatch(/<tr><th scope="row">a = 2<\/th>/);
    expect(html).not.toContain('point 1');
  });

  it('draws heatmaps of the means and of the differences over two parameters on a grid, and a scatter off a grid', async () => {
    const grid = [1, 2].flatMap((a) => [10, 20, 30].map((b) => ({ a, b })));
    const html = await buildReport(await writeResultsDir(sweepRuns(grid), { point: true }));
    expect(figures(html, 'sweep')).toEqual(['k', 'k']);
    expect(html).toContain('>k over a × b</text>');
    expect(html).toContain('>k over a × b: difference to baseline</text>');
    expect(html).toMatch(/<tr><th scope="row">a = 1, b = 20<\/th>/);
    const scattered = [{ a: 1, b: 10 }, { a: 2, b: 25 }, { a: 3, b: 17 }];
    const off = await buildReport(await writeResultsDir(sweepRuns(scattered), { point: true }));
    expect(figures(off, 'sweep')).toEqual(['k']);
    expect(off).toMatch(/<circle|class="mark-symbol/);
  });
});

describe('report of several directories', () => {
  async function experiment(name: string, burnShift: number): Promise<string> {
    const runs: FakeRun[] = ['baseline', 'burn'].flatMap((variant) =>
      [0, 1, 2].map((seed) => ({ variant, replicate: seed, seed, kpis: { k: seed + (variant === 'burn' ? burnShift : 0) }, series: { price: [1, 1 + seed] } })),
    );
    const d = await writeResultsDir(runs);
    writeFileSync(join(d, 'manifest.json'), JSON.stringify({ experiment: name }));
    return d;
  }

  it('puts every directory’s variants side by side, compared with the first directory’s baseline, paired by seed', async () => {
    const [a, b] = [await experiment('alpha', 1), await experiment('beta', 3)];
    const html = await buildReport([a, b]);
    expect(html).toContain('<h1>alpha vs beta</h1>');
    expect([...html.matchAll(/<span class="swatch"[^>]*><\/span>(.+?)<small>/g)].map((m) => m[1].replace('<wbr>', ''))).toEqual(['alpha/baseline', 'alpha/burn', 'beta/baseline', 'beta/burn']);
    expect(html).toContain('Δ = variant − alpha/baseline');
    expect(html).toContain('>beta/burn</text>');
    // beta/burn − alpha/baseline = 3 in every pair.
    expect(html).toMatch(/Δ 3\.000<b class="sig">\*\*\*<\/b>|Δ 3\.000<\/span>/);
    expect(await buildReport([a, b], { baseline: 'burn' }).catch((e: Error) => e.message)).toBe('"burn" is in several directories; name one of alpha/burn, beta/burn');
    await expect(writeReport([a, b])).rejects.toThrow('report: with several results directories, say where to write the report: --out FILE');
  });
});

describe('report of runs under scenarios', () => {
  // The hand-worked stress example of test/experiment/stress.test.ts: paired Δ −0.275 ± 0.152349.
  const run = (scenario: string, r: number, price: number, drawdown: number, rec: number, censored: number, breach: number): FakeRun => ({
    variant: 'baseline',
    scenario,
    replicate: r,
    seed: 100 + r,
    kpis: { final_price: price, stress_drawdown: drawdown, stress_recovery_ticks: rec, stress_recovery_censored: censored, price_floor_breach: breach },
    series: { price: [1, price] },
  });
  it('shows the stress table compare prints: one row per variant × scenario, the paired Δ to the unshocked run marked when its interval excludes 0', async () => {
    const d = await writeResultsDir([
      ...[1.0, 1.2, 0.9, 1.1].map((p, r) => run('none', r, p, 0.1, 0, 0, 0)),
      ...[0.7, 1.0, 0.5, 0.9].map((p, r) => run('crash', r, p, [0.3, 0.2, 0.6, 0.3][r], [10, 20, 30, 40][r], r >= 2 ? 1 : 0, r === 2 ? 1 : 0)),
    ]);
    const html = await buildReport(d);
    const table = html.match(/<table class="kpis stress">[\s\S]*?<\/table>/)![0];
    const rows = [...table.matchAll(/<tr data-variant="([^"]+)" data-scenario="([^"]+)">([\s\S]*?)<\/tr>/g)];
    expect(rows.map((m) => `${m[1]}/${m[2]}`)).toEqual(['baseline/none', 'baseline/crash']);
    const crash = [...rows[1][3].matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((m) => m[1]);
    expect(crash.slice(2, 5)).toEqual(['4', '0.775', '0.5']);
    expect(Number(crash[5])).toBeCloseTo(-0.275, 3);
    expect(rows[1][3]).toContain('<td class="sig">');
    expect(crash[8]).toBe('20');
    expect(html).toContain('id="stress"');
  });

  it('has no stress table without scenarios', async () => {
    const d = await writeResultsDir([0, 1].map((seed) => ({ variant: 'baseline', replicate: seed, seed, kpis: { final_price: 1 + seed }, series: { price: [1, 2] } })));
    expect(await buildReport(d)).not.toContain('class="kpis stress"');
  });
});

describe('the interactive report', () => {
  it('inlines Vega’s runtime, allows exactly its scripts by hash, and still references nothing outside the page', async () => {
    const html = await buildReport(dir, { metrics: ['price'], kpis: ['final_price'], interactive: true });
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1];
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(scripts).toHaveLength(3);
    const hashes = scripts.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`);
    expect(csp).toBe(`default-src 'none'; script-src ${hashes.join(' ')}; style-src 'unsafe-inline'; img-src data: blob:`);
    expect(figures(html, 'timeseries')).toEqual(['price']);
    expect(html).toMatch(/<script type="application\/json" class="vega-spec">\{/);
    expect(references(html).filter((u) => /^(https?:)?\/\//i.test(u))).toEqual([]);
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

  it('takes several directories, --interactive, --run-lines and --lorenz-tick', async () => {
    const out = join(dir, 'both.html');
    const args = ['report', dir, dir, '--out', out, '--metric', 'price', '--kpi', 'final_price', '--interactive', '--run-lines', '--lorenz-tick', '5'];
    expect(await main(args)).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('every finished run (thin lines)');
    expect(html).toContain('at tick 5:');
    expect(html).toMatch(/<script>/);
    expect(await main(['report', dir, '--lorenz-tick', 'x'])).toBe(2);
    expect(io.stderr).toBe('tokensim: --lorenz-tick x: expected a tick, a non-negative integer\n');
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

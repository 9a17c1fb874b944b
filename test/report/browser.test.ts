import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/writeReport';
import { tinyResults } from '../fixtures/tinyResults';

// Debian's chromium (`apt-get install -y chromium`; .ci/run installs it when it
// can), or the browser TOKENSIM_CHROMIUM names.
const CHROMIUM = process.env.TOKENSIM_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser) {
  process.stderr.write(`report browser test skipped: no browser at ${CHROMIUM} (install Debian's chromium package: apt-get install -y chromium)\n`);
}

describe.skipIf(!haveBrowser)('the report in a browser', () => {
  it('renders every chart with a non-zero size and requests nothing from the network', async () => {
    const metrics = ['price', 'supply', 'staking_ratio'];
    const file = await writeReport(await tinyResults(), { metrics });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) requests.push(r.url());
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const charts = await page.$$eval('figure.chart svg', (svgs) =>
        svgs.map((s) => {
          const box = s.getBoundingClientRect();
          return { metric: s.parentElement!.dataset.metric, width: box.width, height: box.height, marks: s.querySelectorAll('path').length };
        }),
      );
      expect(charts.map((c) => c.metric)).toEqual(metrics);
      for (const c of charts) {
        expect(c.width, `${c.metric} width`).toBeGreaterThan(100);
        expect(c.height, `${c.metric} height`).toBeGreaterThan(100);
        expect(c.marks, `${c.metric} drawn marks`).toBeGreaterThan(0);
      }
      const rows = await page.$$eval('#kpi-table tbody tr', (trs) => trs.length);
      expect(rows).toBeGreaterThan(0);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import experiment, { lossReport } from '../../experiments/multi-chain-bridges';
import { runExperiment } from '../../src/experiment/runExperiment';

const root = mkdtempSync(join(tmpdir(), 'tokensim-mcb-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('experiments/multi-chain-bridges.ts', () => {
  it('runs every variant with conservation checked every tick, and splits each exploit’s loss between side and far', async () => {
    const out = await runExperiment(experiment, { out: join(root, 'r'), log: null, seeds: 2, ticks: 120, check: true });
    expect([out.status, out.failed]).toEqual(['complete', 0]);
    const rows = lossReport(out.dir)
      .split('\n')
      .filter((l) => /^\| hop/.test(l))
      .map((l) => l.split('|').map((c) => c.trim()));
    expect(rows.map((r) => r[1])).toEqual(['hop1exploit', 'hop1exploitHop2shut', 'hop2exploit']);
    const mean = (cell: string) => Number(cell.split(' ')[0].replace('%', ''));
    // Side's and far's shares are the whole loss, run by run, so their means add to 100%.
    for (const r of rows) expect(mean(r[4]) + mean(r[5])).toBeCloseTo(100, 1);
    // An exploit of the second hop falls on far alone; one of the first hop partly on far, through the side tokens backing it.
    expect(mean(rows[2][5])).toBe(100);
    expect(mean(rows[0][5])).toBeGreaterThan(0);
    expect(mean(rows[0][5])).toBeLessThan(100);
  }, 120_000);
});

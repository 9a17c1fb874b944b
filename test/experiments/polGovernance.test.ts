import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { loadExperiment } from '../../src/cli/loadExperiment';
import { readResults } from '../../src/io/resultsDir';
import { captureOutput } from '../helpers/captureOutput';

const root = join(__dirname, '..', '..');
const file = join(root, 'experiments', 'pol-governance.ts');
const scratch = mkdtempSync(join(tmpdir(), 'tokensim-polg-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
captureOutput();

describe('experiments/pol-governance.ts', () => {
  it('loads with the variants its docs show', () => {
    expect(Object.keys(loadExperiment(file).variants)).toEqual(['noBribe', 'bribe3', 'bribe6', 'bribe6p25', 'bribe7', 'outbidBribe7', 'outbidBribe11']);
  });

  it('whitelists the vault above the bribe that outweighs the dilution, not below, and then routes BGT to it (2 seeds, 60 ticks)', async () => {
    const out = join(scratch, 'run');
    expect(await main(['run', file, '--seeds', '2', '--ticks', '60', '--out', out, '--quiet', '--workers', '1'])).toBe(0);
    const r = readResults(out);
    const of = (variant: string, kpi: string) => r.runs.map((run, k) => (run.variant === variant ? r.kpis[kpi][k] : NaN)).filter((x) => !Number.isNaN(x));
    for (const v of ['noBribe', 'bribe3', 'bribe6', 'outbidBribe7']) {
      expect(of(v, 'final_bgtgov_passed_share')).toEqual([0, 0]);
      expect(of(v, 'total_bgtgov_vote_bribes_usd')).toEqual([0, 0]);
    }
    for (const v of ['bribe7', 'outbidBribe11']) {
      expect(of(v, 'final_bgtgov_passed_share')).toEqual([1, 1]);
      for (const s of of(v, 'final_bgtgov_listed_bgt_share')) expect(s).toBeGreaterThan(0.1);
    }
    // At the others' rate the fourth vault gets a quarter of each day's BGT from day 34: 27/60 of a quarter.
    for (const s of of('bribe7', 'final_bgtgov_listed_bgt_share')) expect(s).toBeCloseTo((0.25 * 27) / 60, 9);
  }, 60_000);
});

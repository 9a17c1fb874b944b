import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { loadExperiment } from '../../src/cli/loadExperiment';
import { readResults } from '../../src/io/resultsDir';
import { captureOutput } from '../helpers/captureOutput';

const root = join(__dirname, '..', '..');
const file = join(root, 'experiments', 'pol-honey.ts');
const scratch = mkdtempSync(join(tmpdir(), 'tokensim-polh-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
captureOutput();

describe('experiments/pol-honey.ts', () => {
  it('loads with the variants its docs show', () => {
    expect(Object.keys(loadExperiment(file).variants)).toEqual(['feeFree', 'defaultFees', 'maxFees', 'feeFreeHalfAuction', 'maxFeesHalfAuction', 'defaultFeesLp', 'maxFeesLp']);
  });

  it('mints every incentive as HONEY, charges no fee when fee-free and more at the 98% rates (2 seeds, 60 ticks)', async () => {
    const out = join(scratch, 'run');
    expect(await main(['run', file, '--seeds', '2', '--ticks', '60', '--out', out, '--quiet', '--workers', '1'])).toBe(0);
    const r = readResults(out);
    const mean = (variant: string, kpi: string) => {
      const ks = r.runs.map((run, k) => (run.variant === variant ? k : -1)).filter((k) => k >= 0);
      return ks.reduce((s, k) => s + r.kpis[kpi][k], 0) / ks.length;
    };

    expect(mean('feeFree', 'total_honey_minted')).toBeCloseTo(mean('feeFree', 'total_pol_bribes_usd'), 6);
    expect(mean('feeFree', 'total_honey_fees_usd')).toBe(0);
    expect(mean('maxFees', 'total_honey_fees_usd')).toBeGreaterThan(mean('defaultFees', 'total_honey_fees_usd'));
    // With the whole boosters' share auctioned, what stays outstanding is the validators' commission (5%).
    expect(mean('defaultFees', 'final_honey_supply')).toBeCloseTo(0.05 * mean('defaultFees', 'total_honey_minted'), 3);
    // The BERA–HONEY vault's HONEY leg adds millions of HONEY to the supply.
    expect(mean('defaultFeesLp', 'final_honey_supply')).toBeGreaterThan(1e6 + mean('defaultFees', 'final_honey_supply'));
  }, 60_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { loadExperiment } from '../../src/cli/loadExperiment';
import { readResults } from '../../src/io/resultsDir';
import { vaultReport } from '../../experiments/proof-of-liquidity';
import { captureOutput } from '../helpers/captureOutput';

const root = join(__dirname, '..', '..');
const file = join(root, 'experiments', 'proof-of-liquidity.ts');
const scratch = mkdtempSync(join(tmpdir(), 'tokensim-pol-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
captureOutput();

describe('experiments/proof-of-liquidity.ts', () => {
  it('loads with the variants its docs show', () => {
    expect(Object.keys(loadExperiment(file).variants)).toEqual(['noBribes', 'evenBribes', 'outbid', 'outbidNoCap', 'outbidTightCap', 'outbidNoAuction']);
  });

  it('routes more BGT and liquidity to the outbidding vault the looser the cap (2 seeds, 60 ticks)', async () => {
    const out = join(scratch, 'run');
    expect(await main(['run', file, '--seeds', '2', '--ticks', '60', '--out', out, '--quiet', '--workers', '1'])).toBe(0);
    const r = readResults(out);
    const mean = (variant: string, kpi: string) => {
      const ks = r.runs.map((run, k) => (run.variant === variant ? k : -1)).filter((k) => k >= 0);
      return ks.reduce((s, k) => s + r.kpis[kpi][k], 0) / ks.length;
    };

    // bribe-max holds 75% of stake, uniform 25%: the top vault gets 0.75 · cap + 0.25 / 3 (a third when nobody outbids).
    expect(mean('noBribes', 'final_pol_top_vault_bgt_share')).toBeCloseTo(1 / 3, 9);
    expect(mean('outbid', 'final_pol_top_vault_bgt_share')).toBeCloseTo(0.75 * 0.5 + 0.25 / 3, 9);
    expect(mean('outbidNoCap', 'final_pol_top_vault_bgt_share')).toBeCloseTo(0.75 + 0.25 / 3, 9);
    expect(mean('outbidNoCap', 'final_pol_top_vault_liquidity_share')).toBeGreaterThan(mean('outbid', 'final_pol_top_vault_liquidity_share'));
    expect(mean('outbid', 'final_pol_top_vault_liquidity_share')).toBeGreaterThan(mean('outbidTightCap', 'final_pol_top_vault_liquidity_share'));
    expect(vaultReport(out, 'perps', 'noBribes').split('\n')).toHaveLength(2 + 6);
  }, 60_000);
});

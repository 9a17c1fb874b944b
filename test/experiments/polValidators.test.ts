import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { loadExperiment } from '../../src/cli/loadExperiment';
import { readResults } from '../../src/io/resultsDir';
import { captureOutput } from '../helpers/captureOutput';

const root = join(__dirname, '..', '..');
const file = join(root, 'experiments', 'pol-validators.ts');
const scratch = mkdtempSync(join(tmpdir(), 'tokensim-polv-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
captureOutput();

describe('experiments/pol-validators.ts', () => {
  it('loads with the variants its docs show', () => {
    expect(Object.keys(loadExperiment(file).variants)).toEqual(['mainnetBase', 'lowBase', 'lowBaseBribes', 'lowBaseBribesMaxCommission', 'noBaseBribesMaxCommission']);
  });

  it('keeps more validators the more the base rate pays, and the fewest on incentives alone (2 seeds, 60 ticks)', async () => {
    const out = join(scratch, 'run');
    expect(await main(['run', file, '--seeds', '2', '--ticks', '60', '--out', out, '--quiet', '--workers', '1'])).toBe(0);
    const r = readResults(out);
    const mean = (variant: string, kpi: string) => {
      const ks = r.runs.map((run, k) => (run.variant === variant ? k : -1)).filter((k) => k >= 0);
      return ks.reduce((s, k) => s + r.kpis[kpi][k], 0) / ks.length;
    };

    expect(r.runs.every((run) => run.ok)).toBe(true);
    expect(mean('mainnetBase', 'final_pol_validators')).toBeGreaterThan(mean('lowBase', 'final_pol_validators'));
    expect(mean('noBaseBribesMaxCommission', 'final_pol_validators')).toBeLessThan(mean('lowBaseBribesMaxCommission', 'final_pol_validators'));
    expect(mean('mainnetBase', 'final_pol_validators')).toBeLessThanOrEqual(69);
  }, 60_000);
});

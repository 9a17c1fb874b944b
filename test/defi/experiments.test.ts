import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadExperiment } from '../../src/cli/loadExperiment';
import { runExperiment } from '../../src/experiment/runExperiment';

const root = mkdtempSync(join(tmpdir(), 'tokensim-defi-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const FILES = ['runs.arrow', 'timeseries.arrow', 'summary.arrow', 'flows.arrow'];
const bytes = (dir: string) => FILES.map((f) => readFileSync(join(dir, f)));

describe('the DeFi experiments', () => {
  it.each(['defi-lending-cascade.ts', 'defi-lst-depeg.ts', 'defi-rwa-vault.ts'])('%s runs every variant with conservation checked, and gives byte-identical files on one worker and on two', async (name) => {
    const file = join(__dirname, '..', '..', 'experiments', name);
    const experiment = loadExperiment(file);
    // Short runs of smaller populations that still reach each experiment's event at tick 60.
    const set = ['stakers.count=50', 'traders.count=50', 'depositors.count=50', 'borrowers.count=60', 'lstStakers.count=60', 'rwaInvestors.count=60'];
    const opts = { log: null, seeds: 1, ticks: 62, check: true, set, progress: 'none' as const, file };
    const one = await runExperiment(experiment, { ...opts, out: join(root, `${name}-1`), workers: 1 });
    const two = await runExperiment(experiment, { ...opts, out: join(root, `${name}-2`), workers: 2 });
    expect(one.status).toBe('complete');
    expect(one.failed).toBe(0);
    const [a, b] = [bytes(one.dir), bytes(two.dir)];
    for (let k = 0; k < FILES.length; k++) expect(Buffer.compare(a[k], b[k]), FILES[k]).toBe(0);
  }, 120_000);
});

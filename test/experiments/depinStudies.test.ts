import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import consensusCarbon from '../../experiments/consensus-carbon';
import depinBme from '../../experiments/depin-bme';
import greenIncentives from '../../experiments/green-incentives';
import storageNetwork from '../../experiments/storage-network';
import { runExperiment } from '../../src/experiment/runExperiment';

const root = mkdtempSync(join(tmpdir(), 'tokensim-depin-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the DePIN studies', () => {
  it.each([
    ['depin-bme', depinBme],
    ['consensus-carbon', consensusCarbon],
    ['green-incentives', greenIncentives],
  ] as const)('%s runs every variant to completion with conservation checked', async (name, experiment) => {
    const out = await runExperiment(experiment, { out: join(root, name), log: null, seeds: 1, ticks: 15, check: true });
    expect(out.status).toBe('complete');
    expect(out.failed).toBe(0);
    expect(out.runs).toBe(Object.keys(experiment.variants).length);
  });

  it('storage-network runs every variant to completion with conservation checked', async () => {
    const out = await runExperiment(storageNetwork, { out: join(root, 'storage-network'), log: null, seeds: 1, ticks: 15, check: true });
    expect(out.status).toBe('complete');
    expect(out.failed).toBe(0);
    expect(out.runs).toBe(Object.keys(storageNetwork.variants).length);
  });

  it('writes byte-identical timeseries for the same seed', async () => {
    const a = await runExperiment(consensusCarbon, { out: join(root, 'a'), log: null, seeds: 1, ticks: 10 });
    const b = await runExperiment(consensusCarbon, { out: join(root, 'b'), log: null, seeds: 1, ticks: 10 });
    for (const f of ['timeseries.arrow', 'summary.arrow']) expect(Buffer.compare(readFileSync(join(a.dir, f)), readFileSync(join(b.dir, f))), f).toBe(0);
  });
});

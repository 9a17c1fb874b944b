import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/experiment/runExperiment';
import { readArrowFile } from '../../src/io/arrowReader';
import mini from '../fixtures/mini';

const root = mkdtempSync(join(tmpdir(), 'tokensim-gather-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const MINI = join(__dirname, '..', 'fixtures', 'mini.ts');
const FILES = ['runs.arrow', 'timeseries.arrow', 'summary.arrow', 'events.arrow', 'unlocks.arrow', 'flows.arrow'];

describe('small tables stay small', () => {
  it('one row per run is gathered into one batch, written straight in on one thread or assembled from parts on two, byte for byte the same', async () => {
    const one = await runExperiment(mini, { out: join(root, 'one'), log: null, seeds: 10 });
    const two = await runExperiment(mini, { out: join(root, 'two'), log: null, seeds: 10, workers: 2, file: MINI });
    for (const dir of [one.dir, two.dir]) {
      expect(readArrowFile(join(dir, 'runs.arrow')).numBatches).toBe(1);
      expect(readArrowFile(join(dir, 'summary.arrow')).numBatches).toBe(1);
    }
    for (const f of FILES) expect(Buffer.compare(readFileSync(join(one.dir, f)), readFileSync(join(two.dir, f))), f).toBe(0);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/experiment/runExperiment';
import tiny from '../fixtures/tiny';

const root = mkdtempSync(join(tmpdir(), 'tokensim-det-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const FILES = ['runs.arrow', 'timeseries.arrow', 'summary.arrow'];
const bytes = (dir: string) => FILES.map((f) => readFileSync(join(dir, f)));

describe('determinism', () => {
  it('the same seed gives byte-identical .arrow files', async () => {
    const a = await runExperiment(tiny, { out: join(root, 'a'), log: null });
    const b = await runExperiment(tiny, { out: join(root, 'b'), log: null });
    expect(a.status).toBe('complete');
    const [ba, bb] = [bytes(a.dir), bytes(b.dir)];
    for (let k = 0; k < FILES.length; k++) expect(Buffer.compare(ba[k], bb[k]), FILES[k]).toBe(0);
  });

  it('a different base seed gives different results', async () => {
    const a = await runExperiment(tiny, { out: join(root, 'c'), log: null, baseSeed: 1 });
    const b = await runExperiment(tiny, { out: join(root, 'd'), log: null, baseSeed: 2 });
    expect(Buffer.compare(bytes(a.dir)[1], bytes(b.dir)[1])).not.toBe(0);
  });
});

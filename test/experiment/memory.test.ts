import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { defineExperiment } from '../../src/experiment/define';
import { runExperiment } from '../../src/experiment/runExperiment';
import { tokenEconomy } from '../../src/models/tokenEconomy';

// Memory, not disk, is under test: use a RAM disk where there is one (creating 8,000 small files on a VM disk takes seconds).
const root = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'tokensim-mem-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Returns the live heap in MB after a full collection. */
function liveHeapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

describe('memory', () => {
  it('stays flat over a 2,000-run sweep: heap after 2,000 runs within 4 MB of heap after 200', async () => {
    const exp = defineExperiment({
      name: 'many',
      model: tokenEconomy,
      params: { stakers: { count: 4 }, traders: { count: 4 }, nodeOperators: { candidates: 4, initialNodes: 2 } },
      variants: { a: {}, b: { feeBurn: { feeShare: 0 } } },
      sweep: { kind: 'random', samples: 1000, params: { 'emission.ratePerYear': { min: 1e6, max: 1e7, scale: 'log' } } },
      seeds: 1,
      ticks: 3,
    });
    const heap: Record<number, number> = {};
    const out = await runExperiment(exp, {
      out: join(root, 'many'),
      log: null,
      onRunDone: (n) => {
        if (n === 200 || n === 2000) heap[n] = liveHeapMb();
      },
    });
    expect(out).toMatchObject({ status: 'complete', runs: 2000, written: 2000 });
    expect(heap[2000] - heap[200], `heap ${heap[200].toFixed(1)} MB after 200 runs, ${heap[2000].toFixed(1)} MB after 2000`).toBeLessThan(4);
  });
});

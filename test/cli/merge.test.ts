import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { captureOutput } from '../helpers/captureOutput';

const root = mkdtempSync(join(tmpdir(), 'tokensim-merge-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const tiny = join(__dirname, '..', 'fixtures', 'tiny.ts');

const io = captureOutput();

describe('tokensim run --shard and tokensim merge', () => {
  it('runs two shards, refuses to merge one alone naming what is missing, and merges both into the whole run', async () => {
    const [a, b, whole] = ['a', 'b', 'whole'].map((d) => join(root, d));
    expect(await main(['run', tiny, '--out', a, '--shard', '1/2', '--workers', '1', '--quiet'])).toBe(0);
    expect(io.stdout).toMatch(/2\/2 runs written.*\(partial\)/);
    expect(await main(['run', tiny, '--out', b, '--shard', '2/2', '--workers', '1', '--quiet'])).toBe(0);
    expect(await main(['run', tiny, '--out', whole, '--workers', '1', '--quiet'])).toBe(0);

    expect(await main(['merge', a, '--out', join(root, 'm1')])).toBe(2);
    expect(io.stderr).toMatch(/^tokensim: merge: refusing, every run must be present exactly once; 2 run\(s\) missing: 1, 3 \(from shard 2\/2\)\n$/);
    expect(existsSync(join(root, 'm1'))).toBe(false);

    expect(await main(['merge', a, b, '--out', join(root, 'm2')])).toBe(0);
    expect(io.stdout).toMatch(/merged 2 directories: 4 runs, 0 failed \(complete\)/);
    for (const f of ['runs.arrow', 'timeseries.arrow', 'summary.arrow', 'events.arrow']) {
      expect(Buffer.compare(readFileSync(join(whole, f)), readFileSync(join(root, 'm2', f))), f).toBe(0);
    }
  });

  it('names a malformed --shard, a bad --workers and a merge without --out in one line', async () => {
    expect(await main(['run', tiny, '--out', join(root, 'x'), '--shard', '3/2'])).toBe(2);
    expect(io.stderr).toMatch(/--shard 3\/2: expected K\/N with 1 <= K <= N/);
    expect(await main(['run', tiny, '--out', join(root, 'x'), '--workers', '0'])).toBe(2);
    expect(io.stderr).toMatch(/--workers 0: expected a positive integer/);
    expect(await main(['merge', join(root, 'a')])).toBe(2);
    expect(io.stderr).toMatch(/merge: expected --out DIR/);
    expect(existsSync(join(root, 'x'))).toBe(false);
  });
});

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeShards } from '../../src/experiment/merge';
import { runExperiment, type ExperimentOutcome } from '../../src/experiment/runExperiment';
import { readColumns } from '../../src/io/arrowReader';
import flaky from '../fixtures/flaky';
import sweep from '../fixtures/sweep';

const root = mkdtempSync(join(tmpdir(), 'tokensim-par-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const SWEEP = join(__dirname, '..', 'fixtures', 'sweep.ts');
const FILES = ['runs.arrow', 'timeseries.arrow', 'summary.arrow', 'events.arrow'];

/** Expects the .arrow files of two directories to be byte-identical. */
function expectSameFiles(a: string, b: string): void {
  for (const f of FILES) expect(Buffer.compare(readFileSync(join(a, f)), readFileSync(join(b, f))), f).toBe(0);
}

describe('parallel runs, shards and merge', () => {
  let one: ExperimentOutcome;
  beforeAll(async () => {
    one = await runExperiment(sweep, { out: join(root, 'w1'), log: null, workers: 1 });
  });

  it('writes byte-identical files with 1 and 2 workers', async () => {
    const two = await runExperiment(sweep, { out: join(root, 'w2'), log: null, workers: 2, file: SWEEP });
    expect(two).toMatchObject({ status: 'complete', runs: 24, written: 24, failed: 0 });
    expectSameFiles(one.dir, two.dir);
    expect(readColumns(join(two.dir, 'runs.arrow')).run_id).toEqual([...Array(24).keys()]);
    expect(existsSync(join(two.dir, 'parts')), 'a whole run removes its parts').toBe(false);
  });

  it('merges three shards into files identical to the unsharded run', async () => {
    const dirs: string[] = [];
    for (let k = 1; k <= 3; k++) {
      const out = await runExperiment(sweep, { out: join(root, `s${k}`), log: null, shard: { index: k, count: 3 } });
      expect(out).toMatchObject({ status: 'partial', runs: 8, written: 8 });
      expect(readColumns(join(out.dir, 'runs.arrow')).run_id).toEqual([0, 3, 6, 9, 12, 15, 18, 21].map((i) => i + k - 1));
      dirs.push(out.dir);
    }
    const merged = await mergeShards(dirs, join(root, 'merged'));
    expect(merged).toMatchObject({ status: 'complete', runs: 24, failed: 0 });
    expectSameFiles(one.dir, merged.dir);
  });

  it('refuses to merge when a shard is missing, naming the runs and the shard', async () => {
    await expect(mergeShards([join(root, 's1'), join(root, 's3')], join(root, 'm-missing'))).rejects.toThrow(/8 run\(s\) missing: 1, 4, 7, 10, 13, 16, 19, 22 \(from shard 2\/3\)/);
    expect(existsSync(join(root, 'm-missing'))).toBe(false);
  });

  it('refuses to merge a run present twice, naming both directories', async () => {
    await expect(mergeShards([join(root, 's1'), join(root, 's2'), join(root, 's3'), join(root, 's1')], join(root, 'm-double'))).rejects.toThrow(/run 0 is in both .*s1 and .*s1/);
  });

  it('stops with a clear error when a worker plans a different experiment', async () => {
    const tinyFile = join(__dirname, '..', 'fixtures', 'tiny.ts');
    await expect(runExperiment(sweep, { out: join(root, 'mismatch'), log: null, workers: 2, file: tinyFile })).rejects.toThrow(/worker 1 planned a different experiment/);
  });

  it('isolates a failing run on a worker and records its error and tick', async () => {
    const out = await runExperiment(flaky, { out: join(root, 'flaky'), log: null, workers: 2, file: join(__dirname, '..', 'fixtures', 'flaky.ts') });
    expect(out).toMatchObject({ status: 'failed', runs: 4, written: 4, failed: 2 });
    const runs = readColumns(join(out.dir, 'runs.arrow'));
    expect(runs.status).toEqual(['ok', 'ok', 'failed', 'failed']);
    expect(runs.error[2]).toMatch(/Error: boom/);
    expect(runs.error_tick).toEqual([null, null, 7, 7]);
    expect(readdirSync(out.dir)).not.toContain('parts');
  });
});

import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeShards } from '../../src/experiment/merge';
import { DamagedPart, readVerifiedPart } from '../../src/experiment/partIntegrity';
import { partDir } from '../../src/experiment/parts';
import { runExperiment } from '../../src/experiment/runExperiment';
import mini from '../fixtures/mini';
import { DAMAGE_MESSAGE, damagePart, type Damage } from '../helpers/damageParts';

const root = mkdtempSync(join(tmpdir(), 'tokensim-parts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const FILES = ['runs.arrow', 'timeseries.arrow', 'summary.arrow', 'events.arrow'];
const KINDS: Damage[] = ['swapped', 'truncated', 'bit-flipped', 'zero bytes', 'empty directory', 'garbage', 'no record'];
const SEEDS = 4; // 8 runs: 7 interrupted parts to damage, 1 never run

// One shard of one: every run, written as parts (one thread with no shard writes straight into the tables).
const ALL = { index: 1, count: 1 };

/** Runs mini into `out` and stops it (as Ctrl-C does) once `after` runs are done; the parts stay for --resume. */
async function interruptedRun(out: string, after: number): Promise<void> {
  const outcome = await runExperiment(mini, { out, log: null, seeds: SEEDS, shard: ALL, onRunDone: (n) => n === after && process.emit('SIGINT') });
  expect(outcome).toMatchObject({ status: 'interrupted', written: after });
}

function expectSameFiles(a: string, b: string): void {
  for (const f of FILES) expect(Buffer.compare(readFileSync(join(a, f)), readFileSync(join(b, f))), f).toBe(0);
}

describe('part integrity', () => {
  let whole: string;
  beforeAll(async () => {
    whole = (await runExperiment(mini, { out: join(root, 'whole'), log: null, seeds: SEEDS })).dir;
  });

  it('resume names each damaged part in one line, runs it again and ends identical to an uninterrupted run', async () => {
    const out = join(root, 'resumed');
    await interruptedRun(out, 7);
    KINDS.forEach((kind, id) => damagePart(partDir(out, id), kind, partDir(out, id + 1)));
    const lines: string[] = [];
    const resumed = await runExperiment(mini, { resume: out, log: (l) => lines.push(l), progress: 'none', seeds: SEEDS, shard: ALL });
    expect(resumed).toMatchObject({ status: 'partial', written: 8 });
    KINDS.forEach((kind, id) => {
      const line = lines.find((l) => l.includes(partDir(out, id)));
      expect(line, kind).toMatch(DAMAGE_MESSAGE[kind]);
      expect(line).toMatch(new RegExp(`^part .*${String(id).padStart(6, '0')} is damaged: .*; running run ${id} again$`));
    });
    expectSameFiles(whole, out);
  });

  describe('merge', () => {
    beforeAll(async () => {
      for (const [k, name] of [[1, 'a'], [2, 'b']] as const) await runExperiment(mini, { out: join(root, 'shards', name), log: null, seeds: SEEDS, shard: { index: k, count: 2 } });
    });

    it.each(KINDS)('refuses a %s part, naming it, and writes nothing', async (kind) => {
      const b = join(root, `b-${kind}`);
      cpSync(join(root, 'shards', 'b'), b, { recursive: true });
      damagePart(partDir(b, 3), kind, partDir(b, 1));
      const out = join(root, `merged-${kind.replace(' ', '-')}`);
      await expect(mergeShards([join(root, 'shards', 'a'), b], out)).rejects.toThrow(
        new RegExp(`^merge: refusing, part .*000003 is damaged: ${DAMAGE_MESSAGE[kind].source}; run it again with tokensim run <experiment> --resume .*b-${kind} --shard 2/2 \\(and the same options\\)$`),
      );
      expect(existsSync(out)).toBe(false);
    });

    it('a sound part gives its bytes; asked for as another run, it is refused', () => {
      const a = join(root, 'shards', 'a');
      const hash = JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8')).planHash;
      expect(Object.keys(readVerifiedPart(partDir(a, 0), 0, hash, FILES))).toEqual(FILES);
      expect(() => readVerifiedPart(partDir(a, 0), 2, hash, FILES)).toThrow(DamagedPart);
      expect(() => readVerifiedPart(partDir(a, 0), 0, 'f'.repeat(64), FILES)).toThrow(/written for another plan/);
    });

    it('merges sound shards into files identical to the whole run', async () => {
      const merged = await mergeShards([join(root, 'shards', 'a'), join(root, 'shards', 'b')], join(root, 'merged'));
      expect(merged).toMatchObject({ status: 'complete', runs: 8 });
      expectSameFiles(whole, merged.dir);
    });

    it('a shard resumed after damage is merged again', async () => {
      const b = join(root, 'b-repaired');
      cpSync(join(root, 'shards', 'b'), b, { recursive: true });
      damagePart(partDir(b, 5), 'bit-flipped');
      const lines: string[] = [];
      await runExperiment(mini, { resume: b, log: (l) => lines.push(l), progress: 'none', seeds: SEEDS, shard: { index: 2, count: 2 } });
      expect(lines.filter((l) => /is damaged/.test(l))).toHaveLength(1);
      const merged = await mergeShards([join(root, 'shards', 'a'), b], join(root, 'merged-repaired'));
      expectSameFiles(whole, merged.dir);
    });
  });
});

describe('journal integrity', () => {
  it('a bit flipped in a table written straight in, after an interrupt, is named in one line; resume runs the runs it touches again and ends identical', async () => {
    const whole = (await runExperiment(mini, { out: join(root, 'journal-whole'), log: null, seeds: SEEDS })).dir;
    const out = join(root, 'journal');
    // One thread, no shard: the runs go straight into the tables, journaled.
    const stopped = await runExperiment(mini, { out, log: null, seeds: SEEDS, onRunDone: (n) => n === 5 && process.emit('SIGINT') });
    expect(stopped).toMatchObject({ status: 'interrupted', written: 5 });
    const journal = readFileSync(join(out, 'written.log'), 'utf8').split('\n').filter((l) => /^\d+ /.test(l));
    // Flip a byte of the summary table inside run 3's batch.
    const summaryBytes = (line: string) => Number(line.split(' ')[3]);
    const file = join(out, 'summary.arrow');
    const bytes = readFileSync(file);
    bytes[summaryBytes(journal[2]) + 8] ^= 0x04;
    writeFileSync(file, bytes);
    const lines: string[] = [];
    const resumed = await runExperiment(mini, { resume: out, log: (l) => lines.push(l), progress: 'none', seeds: SEEDS });
    expect(resumed).toMatchObject({ status: 'complete', written: 8 });
    expect(lines.filter((l) => l.includes('written.log'))).toEqual([`${join(out, 'written.log')}: the table files no longer hold the bytes journaled for run 3; keeping the 3 run(s) before it and running the other 2 again`]);
    expectSameFiles(whole, out);
  });
});

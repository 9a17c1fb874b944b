import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareOutDir } from '../../src/experiment/outDir';
import { runExperiment } from '../../src/experiment/runExperiment';
import mini from '../fixtures/mini';

const root = mkdtempSync(join(tmpdir(), 'tokensim-outdir-'));
const MINI = join(__dirname, '..', 'fixtures', 'mini.ts');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('an output directory tokensim did not write', () => {
  it('with files in it is refused, and left exactly as it was', async () => {
    const dir = join(root, 'mine');
    mkdirSync(join(dir, 'parts'), { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), 'my notes');
    writeFileSync(join(dir, 'parts', 'keep.csv'), 'a,b');
    writeFileSync(join(dir, 'runs.arrow'), 'not yours');
    await expect(runExperiment(mini, { out: dir, log: null })).rejects.toThrow(/^--out .*mine holds files tokensim did not write \(notes\.txt, parts, runs\.arrow\); choose a new or empty directory$/);
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'parts', 'runs.arrow']);
    expect(readFileSync(join(dir, 'runs.arrow'), 'utf8')).toBe('not yours');
    expect(readdirSync(join(dir, 'parts'))).toEqual(['keep.csv']);
  });

  it('that is empty is used', async () => {
    const dir = join(root, 'empty');
    mkdirSync(dir);
    expect((await runExperiment(mini, { out: dir, log: null })).status).toBe('complete');
  });

  it("holding only another process's lock being taken (its temporary file, before the link) is tokensim's, so the lock decides who writes", () => {
    const dir = join(root, 'taking');
    mkdirSync(dir);
    writeFileSync(join(dir, '.tokensim.lock.26710-0-0.tmp'), '{}');
    expect(() => prepareOutDir(dir)).not.toThrow();
    writeFileSync(join(dir, '.tokensim.lock.tmp'), 'a user file that only looks like one');
    rmSync(join(dir, '.tokensim.lock.26710-0-0.tmp'));
    expect(() => prepareOutDir(dir)).toThrow(/holds files tokensim did not write \(\.tokensim\.lock\.tmp\)/);
  });

  it('that is a file, or lies under one, is named in one line', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, '');
    expect(() => prepareOutDir(file)).toThrow(/^--out .*a-file is a file; expected a directory$/);
    expect(() => prepareOutDir(join(file, 'sub', 'dir'))).toThrow(/^--out .*a-file\/sub\/dir: .*a-file is a file, not a directory$/);
    expect(existsSync(join(root, 'sub'))).toBe(false);
  });

  it('--resume of a directory that does not exist, or is a file, is refused naming it', async () => {
    await expect(runExperiment(mini, { resume: join(root, 'nowhere'), log: null })).rejects.toThrow(/^--resume .*nowhere: no such directory; expected the output directory of an interrupted run$/);
    expect(existsSync(join(root, 'nowhere'))).toBe(false);
    writeFileSync(join(root, 'plain'), '');
    await expect(runExperiment(mini, { resume: join(root, 'plain'), log: null })).rejects.toThrow(/^--resume .*plain is a file; expected a directory$/);
  });

  it('a corrupt manifest.json is named, not thrown as a parse error', async () => {
    const dir = join(root, 'corrupt');
    mkdirSync(dir);
    writeFileSync(join(dir, 'manifest.json'), '{"planHash": "abc", ');
    await expect(runExperiment(mini, { resume: dir, log: null })).rejects.toThrow(/^.*corrupt\/manifest\.json is corrupt \(.*\); expected the manifest tokensim writes$/);
    await expect(runExperiment(mini, { out: dir, log: null })).rejects.toThrow(/manifest\.json is corrupt/);
  });

  it("files a user puts among the parts while a run goes on are left in place; tokensim removes only its own", async () => {
    const dir = join(root, 'shared');
    const lines: string[] = [];
    // Two threads, so the runs are written as parts.
    const outcome = await runExperiment(mini, {
      out: dir,
      workers: 2,
      file: MINI,
      log: (l) => lines.push(l),
      progress: 'none',
      onRunDone: (n) => {
        if (n === 1) writeFileSync(join(dir, 'parts', 'my-notes.txt'), 'mine');
        if (n === 2) writeFileSync(join(dir, 'parts', '000000', 'mine.txt'), 'mine too');
      },
    });
    expect(outcome.status).toBe('complete');
    expect(readFileSync(join(dir, 'parts', 'my-notes.txt'), 'utf8')).toBe('mine');
    expect(readdirSync(join(dir, 'parts')).sort()).toEqual(['000000', 'my-notes.txt']);
    expect(readdirSync(join(dir, 'parts', '000000'))).toEqual(['mine.txt']);
    expect(lines.find((l) => l.startsWith('left'))).toMatch(/^left .*shared\/parts in place: it holds files tokensim did not write \(.*mine\.txt/);
  });
});

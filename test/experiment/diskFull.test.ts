import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/experiment/runExperiment';
import { ExperimentStopped } from '../../src/experiment/stopped';
import mini from '../fixtures/mini';

const root = mkdtempSync(join(tmpdir(), 'tokensim-full-'));
const MOUNT = join(root, 'tmpfs');
const MINI = join(__dirname, '..', 'fixtures', 'mini.ts');
const FILES = ['runs.arrow', 'timeseries.arrow', 'summary.arrow', 'events.arrow', 'unlocks.arrow'];
const FILLER = join(MOUNT, 'filler');

/** Mounts a 4 MB tmpfs at MOUNT; returns false where that is not allowed (not root, no mount, a container without the capability). */
function mountTmpfs(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    mkdirSync(MOUNT);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tokensim-test', MOUNT], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const mounted = mountTmpfs();
if (!mounted) console.warn('skipping the full-disk and read-only tests: they need root to mount a small tmpfs');
afterAll(() => {
  if (mounted) execFileSync('umount', [MOUNT]);
  rmSync(root, { recursive: true, force: true });
});

/** Fills the tmpfs until about `free` bytes are left. */
function leaveFree(free: number): void {
  rmSync(FILLER, { force: true });
  const s = statfsSync(MOUNT);
  writeFileSync(FILLER, Buffer.alloc(Math.max(0, s.bavail * s.bsize - free)));
}

function expectSameFiles(a: string, b: string): void {
  for (const f of FILES) expect(Buffer.compare(readFileSync(join(a, f)), readFileSync(join(b, f))), f).toBe(0);
}

/**
 * Expects `run` to stop with the one-line ENOSPC report, and `dir` to hold
 * no half-written part, nor a half-written table unless the run wrote
 * straight into the tables (`direct`: they hold the journaled runs).
 */
async function expectCleanStop(dir: string, run: Promise<unknown>, direct = false): Promise<void> {
  const e = await run.then(() => null, (err: Error) => err);
  expect(e).toBeInstanceOf(ExperimentStopped);
  expect(e!.message).toMatch(new RegExp(`^${dir}: stopped: no space left on device \\(ENOSPC\\).*; every run finished so far is kept, and --resume ${dir} \\(with the same options\\) runs the rest$`));
  expect(e!.message).not.toMatch(/still being written|\n/);
  expect(readdirSync(dir).filter((f) => (!direct && f.endsWith('.partial')) || f.endsWith('.tmp') || f.endsWith('.gathered'))).toEqual([]);
  if (direct) expect(readdirSync(dir)).toContain('written.log');
  else expect(readdirSync(join(dir, 'parts')).filter((f) => f.startsWith('.'))).toEqual([]);
}

describe.skipIf(!mounted)('a full disk, a read-only file system', () => {
  let whole: string;
  beforeAll(async () => {
    whole = (await runExperiment(mini, { out: join(root, 'whole'), log: null })).dir;
  });

  it('writing straight into the tables on one thread: the cause first, in one line; freed, --resume completes identical files', async () => {
    const out = join(MOUNT, 'one');
    leaveFree(200_000);
    await expectCleanStop(out, runExperiment(mini, { out, log: null }), true);
    rmSync(FILLER);
    expect((await runExperiment(mini, { resume: out, log: null })).status).toBe('complete');
    expectSameFiles(whole, out);
    rmSync(out, { recursive: true });
  });

  it('writing parts on two threads: the same', async () => {
    const out = join(MOUNT, 'two');
    leaveFree(100_000);
    await expectCleanStop(out, runExperiment(mini, { out, log: null, workers: 2, file: MINI }));
    rmSync(FILLER);
    expect((await runExperiment(mini, { resume: out, log: null })).status).toBe('complete');
    expectSameFiles(whole, out);
    rmSync(out, { recursive: true });
  });

  it('assembling the tables: the same, and the tables already there stay whole', async () => {
    const out = join(MOUNT, 'shard');
    const shard = { index: 1, count: 1 };
    expect((await runExperiment(mini, { out, log: null, shard })).status).toBe('partial');
    leaveFree(20_000);
    await expectCleanStop(out, runExperiment(mini, { resume: out, log: null, shard }));
    expectSameFiles(whole, out);
    rmSync(FILLER);
    expect((await runExperiment(mini, { resume: out, log: null, shard })).status).toBe('partial');
    expectSameFiles(whole, out);
  });

  it('a read-only file system is named (EROFS) for a new --out and for --resume', async () => {
    execFileSync('mount', ['-o', 'remount,ro', MOUNT]);
    try {
      await expect(runExperiment(mini, { out: join(MOUNT, 'new'), log: null })).rejects.toThrow(/^--out .*new: cannot create it: it is on a read-only file system \(EROFS\)$/);
      await expect(runExperiment(mini, { resume: join(MOUNT, 'shard'), log: null, shard: { index: 1, count: 1 } })).rejects.toThrow(/^--resume .*shard: cannot write there: it is on a read-only file system \(EROFS\)$/);
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', MOUNT]);
    }
  });
});

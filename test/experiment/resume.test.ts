import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/experiment/runExperiment';
import { readColumns } from '../../src/io/arrowReader';
import sweep from '../fixtures/sweep';

const root = mkdtempSync(join(tmpdir(), 'tokensim-resume-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const BIN = join(__dirname, '..', '..', 'bin', 'tokensim.js');
const SWEEP = join(__dirname, '..', 'fixtures', 'sweep.ts');
const FILES = ['runs.arrow', 'timeseries.arrow', 'summary.arrow', 'events.arrow', 'unlocks.arrow', 'flows.arrow'];
// More replicates than the fixture's, so the child is still running when it is stopped.
const SEEDS = 12;

/** Returns how many runs `out` holds so far: journal lines (one thread) or parts (several). */
function runsSoFar(out: string): number {
  const journal = join(out, 'written.log');
  if (existsSync(journal)) return readFileSync(journal, 'utf8').split('\n').length - 2;
  const dir = join(out, 'parts');
  return existsSync(dir) ? readdirSync(dir).filter((n) => /^\d+$/.test(n)).length : 0;
}

/** Starts `tokensim run` on the sweep fixture in a child process, sends `signal` once `runs` runs are written, and resolves with its exit code or signal. */
function runAndStop(out: string, signal: NodeJS.Signals, runs: number, workers = 1): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'run', SWEEP, '--out', out, '--seeds', String(SEEDS), '--workers', String(workers)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const poll = setInterval(() => {
      if (runsSoFar(out) >= runs) {
        clearInterval(poll);
        child.kill(signal);
      }
    }, 10);
    child.on('error', reject);
    child.on('exit', (code, sig) => {
      clearInterval(poll);
      resolve({ code, signal: sig, stderr });
    });
  });
}

/** Expects the tables of `out` to be byte-identical to the uninterrupted run's. */
function expectSameFiles(whole: string, out: string): void {
  for (const f of FILES) expect(Buffer.compare(readFileSync(join(whole, f)), readFileSync(join(out, f))), f).toBe(0);
}

describe('interrupt and resume', () => {
  let whole: string;
  beforeAll(async () => {
    whole = (await runExperiment(sweep, { out: join(root, 'whole'), log: null, seeds: SEEDS })).dir;
  });

  it('one thread writes each run once, straight into the tables: no parts, no journal left', () => {
    expect(readdirSync(whole).sort()).toEqual([...FILES, 'manifest.json'].sort());
  });

  it('a process killed outright (SIGKILL) mid-write leaves its journaled runs recoverable, and --resume ends identical to an uninterrupted run', async () => {
    const out = join(root, 'killed');
    const stopped = await runAndStop(out, 'SIGKILL', 5);
    expect(stopped.signal).toBe('SIGKILL');
    expect(runsSoFar(out)).toBeGreaterThanOrEqual(5);
    expect(runsSoFar(out)).toBeLessThan(2 * 4 * SEEDS);
    expect(existsSync(join(out, 'timeseries.arrow.partial'))).toBe(true);

    const resumed = await runExperiment(sweep, { resume: out, log: null, seeds: SEEDS, workers: 2, file: SWEEP });
    expect(resumed).toMatchObject({ status: 'complete', runs: 96, written: 96 });
    expectSameFiles(whole, out);
    expect(readdirSync(out).sort()).toEqual([...FILES, 'manifest.json'].sort());
  });

  it('Ctrl-C (SIGINT) closes valid files holding the finished runs, exits 130, and --resume completes them', async () => {
    const out = join(root, 'sigint');
    const stopped = await runAndStop(out, 'SIGINT', 3);
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/--resume/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('interrupted');
    const ids = readColumns(join(out, 'runs.arrow')).run_id as number[];
    expect(ids.length).toBe(manifest.runsWritten);
    expect(ids).toEqual([...Array(ids.length).keys()]);

    await runExperiment(sweep, { resume: out, log: null, seeds: SEEDS });
    expectSameFiles(whole, out);
  });

  it.each([1, 2])('SIGTERM mid-sweep on %i worker(s) closes the files, exits 143, and --resume gives byte-identical files', async (workers) => {
    const out = join(root, `sigterm-${workers}`);
    const stopped = await runAndStop(out, 'SIGTERM', 4, workers);
    expect(stopped.code).toBe(143);
    expect(stopped.stderr).toMatch(/interrupted \(SIGTERM\)/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('interrupted');
    expect(manifest.runsWritten).toBeGreaterThanOrEqual(4);
    expect(readColumns(join(out, 'runs.arrow')).run_id).toHaveLength(manifest.runsWritten);

    const resumed = await runExperiment(sweep, { resume: out, log: null, seeds: SEEDS, workers, file: SWEEP });
    expect(resumed).toMatchObject({ status: 'complete', written: 96 });
    expectSameFiles(whole, out);
  });

  it('refuses to resume with other options, naming what differs', async () => {
    const out = join(root, 'other');
    await runAndStop(out, 'SIGKILL', 1);
    await expect(runExperiment(sweep, { resume: out, log: null, seeds: SEEDS, ticks: 25 })).rejects.toThrow(/different plan \(ticks: 20 there, 25 now\)/);
    await expect(runExperiment(sweep, { resume: out, log: null, seeds: SEEDS, shard: { index: 1, count: 2 } })).rejects.toThrow(/run with no --shard, this run has --shard 1\/2/);
  });

  it('refuses to write into a directory that already holds output', async () => {
    await expect(runExperiment(sweep, { out: whole, log: null })).rejects.toThrow(/already holds an experiment's output; finish it with --resume/);
  });
});

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
const FILES = ['runs.arrow', 'timeseries.arrow', 'summary.arrow', 'events.arrow'];
// More replicates than the fixture's, so the child is still running when it is stopped.
const SEEDS = 12;

/** Starts `tokensim run` on the sweep fixture in a child process, sends `signal` once `parts` runs are written, and resolves with its exit code or signal. */
function runAndStop(out: string, signal: NodeJS.Signals, parts: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'run', SWEEP, '--out', out, '--seeds', String(SEEDS), '--workers', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const poll = setInterval(() => {
      const dir = join(out, 'parts');
      if (existsSync(dir) && readdirSync(dir).filter((n) => /^\d+$/.test(n)).length >= parts) {
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

describe('interrupt and resume', () => {
  let whole: string;
  beforeAll(async () => {
    whole = (await runExperiment(sweep, { out: join(root, 'whole'), log: null, seeds: SEEDS })).dir;
  });

  it('a killed process (SIGKILL) leaves its finished runs readable, and --resume ends identical to an uninterrupted run', async () => {
    const out = join(root, 'killed');
    const stopped = await runAndStop(out, 'SIGKILL', 5);
    expect(stopped.signal).toBe('SIGKILL');
    const parts = readdirSync(join(out, 'parts')).filter((n) => /^\d+$/.test(n));
    expect(parts.length).toBeGreaterThanOrEqual(5);
    expect(parts.length).toBeLessThan(2 * 4 * SEEDS);
    expect(readColumns(join(out, 'parts', parts[0], 'timeseries.arrow')).tick.length).toBe(21);

    const resumed = await runExperiment(sweep, { resume: out, log: null, seeds: SEEDS, workers: 2, file: SWEEP });
    expect(resumed).toMatchObject({ status: 'complete', runs: 96, written: 96 });
    for (const f of FILES) expect(Buffer.compare(readFileSync(join(whole, f)), readFileSync(join(out, f))), f).toBe(0);
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
    for (const f of FILES) expect(Buffer.compare(readFileSync(join(whole, f)), readFileSync(join(out, f))), f).toBe(0);
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

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/experiment/runExperiment';
import mini from '../fixtures/mini';

const root = mkdtempSync(join(tmpdir(), 'tokensim-race-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const BARRIER_RUN = join(__dirname, '..', 'fixtures', 'barrierRun.js');
const MINI = join(__dirname, '..', 'fixtures', 'mini.ts');
const FILES = ['runs.arrow', 'timeseries.arrow', 'summary.arrow', 'events.arrow', 'unlocks.arrow', 'flows.arrow'];

interface Exit {
  code: number | null;
  stderr: string;
}

/** Starts `tokensim <args>` in `n` processes, releases them at one moment once all are loaded, and resolves with their exits. */
async function race(n: number, args: string[]): Promise<Exit[]> {
  const barrier = join(root, `barrier-${Date.now()}`);
  const exits = Array.from({ length: n }, () => {
    const child = spawn(process.execPath, [BARRIER_RUN, barrier, MINI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    return new Promise<Exit>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code, stderr }));
    });
  });
  while (readdirSync(root).filter((f) => f.startsWith(`${barrier.split('/').pop()}.`)).length < n) await new Promise((r) => setTimeout(r, 20));
  writeFileSync(barrier, '');
  return Promise.all(exits);
}

describe('one writer per output directory', () => {
  it('of two processes started at the same moment on one --out, one writes it whole and the other is refused in one line', async () => {
    const whole = (await runExperiment(mini, { out: join(root, 'whole'), log: null })).dir;
    const out = join(root, 'raced');
    const exits = await race(2, ['run', MINI, '--out', out, '--workers', '1', '--quiet']);
    const codes = exits.map((e) => e.code).sort();
    expect(codes, exits.map((e) => e.stderr).join('\n')).toEqual([0, 2]);
    const loser = exits.find((e) => e.code === 2)!;
    expect(loser.stderr).toMatch(/^tokensim: (--out .* is being written by pid \d+ on host .*; wait for it to finish or stop it, or choose another --out|.* already holds an experiment's output; .*)\n$/);
    for (const f of FILES) expect(Buffer.compare(readFileSync(join(whole, f)), readFileSync(join(out, f))), f).toBe(0);
    expect(readdirSync(out).sort()).toEqual([...FILES, 'manifest.json'].sort());
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).status).toBe('complete');
  });

  it('--resume while the writer still runs is refused in one line, and the writer finishes undisturbed', async () => {
    const whole = join(root, 'whole-40');
    await runExperiment(mini, { out: whole, log: null, seeds: 40 });
    const out = join(root, 'busy');
    const child = spawn(process.execPath, [BARRIER_RUN, join(root, 'no-barrier'), MINI, 'run', MINI, '--out', out, '--seeds', '40', '--workers', '1', '--quiet'], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    writeFileSync(join(root, 'no-barrier'), '');
    while (!readdirSync(root).includes('busy') || !readdirSync(out).includes('written.log')) await new Promise((r) => setTimeout(r, 10));
    await expect(runExperiment(mini, { resume: out, log: null, seeds: 12 })).rejects.toThrow(/^--resume .*busy is being written by pid \d+ on host .* \(since .*\); wait for it to finish or stop it, or choose another --out$/);
    expect(await exited).toBe(0);
    for (const f of FILES) expect(Buffer.compare(readFileSync(join(whole, f)), readFileSync(join(out, f))), f).toBe(0);
  });
});

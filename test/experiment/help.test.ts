import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/experiment/runExperiment';
import sweep from '../fixtures/sweep';

const root = mkdtempSync(join(tmpdir(), 'tokensim-help-'));
const children: ChildProcess[] = [];
afterAll(() => {
  // A failed expectation must not leave a paused writer behind.
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});
const BIN = join(__dirname, '..', '..', 'bin', 'tokensim.js');
const SWEEP = join(__dirname, '..', 'fixtures', 'sweep.ts');
const FILES = ['runs.arrow', 'timeseries.arrow', 'summary.arrow', 'events.arrow', 'unlocks.arrow'];
const RUNS = 24;

const partCount = (out: string) => (existsSync(join(out, 'parts')) ? readdirSync(join(out, 'parts')).filter((n) => /^\d+$/.test(n)).length : 0);

/** Starts `tokensim run` on the sweep fixture in a child process and pauses it (SIGSTOP) once it has written `parts` parts. */
async function startAndPause(out: string, parts: number): Promise<{ child: ChildProcess; exit: Promise<number | null>; paused: number }> {
  const child = spawn(process.execPath, [BIN, 'run', SWEEP, '--out', out, '--workers', '1', '--quiet'], { stdio: 'ignore' });
  children.push(child);
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  while (partCount(out) < parts) await new Promise((r) => setTimeout(r, 5));
  child.kill('SIGSTOP');
  return { child, exit, paused: partCount(out) };
}

function expectSameFiles(a: string, b: string): void {
  for (const f of FILES) expect(Buffer.compare(readFileSync(join(a, f)), readFileSync(join(b, f))), f).toBe(0);
}

describe('--resume while the writer still runs', () => {
  let whole: string;
  beforeAll(async () => {
    whole = (await runExperiment(sweep, { out: join(root, 'whole'), log: null })).dir;
  });

  it('helps it: runs what it has not started, writes parts only, and the writer assembles identical files', async () => {
    const out = join(root, 'helped');
    const { child, exit, paused } = await startAndPause(out, 2);
    const lines: string[] = [];
    const help = await runExperiment(sweep, { resume: out, log: (l) => lines.push(l), progress: 'none' });
    expect(help.helped).toMatch(new RegExp(`^pid ${child.pid} on host `));
    expect(help.status).toBe('running');
    // The writer holds a claim on at most the one run it was in when paused; the helper did every other.
    expect(help.written).toBeGreaterThanOrEqual(RUNS - paused - 1);
    expect(help.written).toBeLessThanOrEqual(RUNS - paused);
    expect(existsSync(join(out, 'runs.arrow')), 'a helper never writes the tables').toBe(false);
    expect(lines[0]).toMatch(/is being written by pid \d+ .*: running the runs it has not started, for it to write/);
    child.kill('SIGCONT');
    expect(await exit).toBe(0);
    expectSameFiles(whole, out);
    expect(readdirSync(out).sort()).toEqual([...FILES, 'manifest.json'].sort());
  });

  it('finishes in its place when the writer dies while it helps', async () => {
    const out = join(root, 'orphaned');
    const { child, exit } = await startAndPause(out, 2);
    const done = await runExperiment(sweep, { resume: out, log: null, onRunDone: (n) => n === 1 && child.kill('SIGKILL') });
    await exit;
    expect(done).toMatchObject({ status: 'complete', helped: null, written: RUNS });
    expectSameFiles(whole, out);
  });
});

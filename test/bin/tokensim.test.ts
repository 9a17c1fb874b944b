import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runProcess } from '../helpers/runProcess';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'tokensim.js');
const TINY = join(ROOT, 'test', 'fixtures', 'tiny.ts');
const root = mkdtempSync(join(tmpdir(), 'tokensim-bin-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const sh = (cmd: string, args: string[], cwd: string) => runProcess(cmd, args, cwd);

describe('the tokensim command (bin/tokensim.js)', () => {
  it('runs on two worker threads from a directory outside the project, with the same files as one thread', async () => {
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(elsewhere);
    const two = await sh(process.execPath, [BIN, 'run', TINY, '--workers', '2', '--ticks', '3', '--out', join(root, 'w2'), '--quiet'], elsewhere);
    expect(two.stderr).toBe('');
    expect(two.status).toBe(0);
    expect((await sh(process.execPath, [BIN, 'run', TINY, '--workers', '1', '--ticks', '3', '--out', join(root, 'w1'), '--quiet'], elsewhere)).status).toBe(0);
    for (const f of ['runs.arrow', 'timeseries.arrow', 'summary.arrow']) expect(readFileSync(join(root, 'w2', f)).equals(readFileSync(join(root, 'w1', f))), f).toBe(true);
    expect(readdirSync(elsewhere), 'nothing written in the current directory').toEqual([]);
  }, 120_000);

  it('reports a syntax error in an experiment file as one line and exit 2', async () => {
    const file = join(root, 'broken.ts');
    writeFileSync(file, "import { defineExperiment } from 'tokensim';\nexport default defineExperiment({ name: 'x',, });\n");
    const r = await sh(process.execPath, [BIN, 'params', file], root);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^tokensim: ${file}:2:\\d+: `));
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('npx ts-node experiments/<name>.ts takes the run flags, --help included', async () => {
    const tsNode = join(ROOT, 'node_modules', '.bin', 'ts-node');
    const help = await sh(tsNode, ['experiments/baseline.ts', '--help'], ROOT);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: ts-node baseline\.ts \[options\]/);
    expect(help.stdout).toContain('--workers <n>');
    const out = join(root, 'ts-node');
    const run = await sh(tsNode, ['experiments/baseline.ts', '--ticks', '2', '--seeds', '2', '--workers', '2', '--out', out, '--quiet'], ROOT);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/baseline: 2\/2 runs written/);
  }, 180_000);
});

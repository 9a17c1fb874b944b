import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { captureOutput } from '../helpers/captureOutput';

const root = mkdtempSync(join(tmpdir(), 'tokensim-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const tiny = join(__dirname, '..', 'fixtures', 'tiny.ts');

const io = captureOutput();

/** Runs the command and returns its exit code; bad input must not create the output directory. */
async function badInput(...args: string[]): Promise<number> {
  const out = join(root, `bad-${Math.random().toString(36).slice(2)}`);
  const code = await main([...args, '--out', out]);
  expect(existsSync(out), 'no run started').toBe(false);
  return code;
}

describe('tokensim run: bad input fails before any run with one line', () => {
  it('names a missing experiment file', async () => {
    expect(await badInput('run', join(root, 'nope.ts'))).toBe(2);
    expect(io.stderr).toMatch(/^tokensim: no such experiment file: .*nope\.ts\n$/);
  });

  it('names an unknown parameter path and suggests known ones', async () => {
    expect(await badInput('run', tiny, '--set', 'emission.rate=5')).toBe(2);
    expect(io.stderr).toMatch(/unknown --set path "emission\.rate".*emission\.ratePerYear/);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('names a value of the wrong type', async () => {
    expect(await badInput('run', tiny, '--set', 'emission.ratePerYear=lots')).toBe(2);
    expect(io.stderr).toMatch(/--set emission\.ratePerYear=lots: expected a decimal number/);
  });

  it('names a value out of range', async () => {
    expect(await badInput('run', tiny, '--set', 'feeBurn.feeShare=1.5')).toBe(2);
    expect(io.stderr).toMatch(/feeBurn\.feeShare/);
    expect(io.stderr).toMatch(/<=1|1\b/);
  });

  it('names a non-numeric --ticks', async () => {
    expect(await badInput('run', tiny, '--ticks', 'ten')).toBe(2);
    expect(io.stderr).toMatch(/--ticks ten: expected a positive integer/);
  });

  it('names an unknown option', async () => {
    expect(await badInput('run', tiny, '--sedes', '3')).toBe(2);
    expect(io.stderr).toMatch(/sedes/);
  });

  it('names a file that exports no experiment', async () => {
    const f = join(root, 'empty.ts');
    writeFileSync(f, 'export const x = 1;\n');
    expect(await badInput('run', f)).toBe(2);
    expect(io.stderr).toMatch(/exports no experiment/);
  });
});

describe('tokensim run and inspect', () => {
  it('runs an experiment with --seeds, --ticks and --set, prints where the results went, and inspects them', async () => {
    const out = join(root, 'ok');
    const code = await main(['run', tiny, '--out', out, '--seeds', '1', '--ticks', '5', '--set', 'emission.ratePerYear=1000000', '--check', '--quiet']);
    expect(code).toBe(0);
    expect(io.stdout).toContain(`results: ${out}`);
    expect(io.stdout).toMatch(/2\/2 runs written/);
    io.stdout = '';
    expect(await main(['inspect', join(out, 'timeseries.arrow'), '--rows', '3'])).toBe(0);
    expect(io.stdout).toMatch(/12 rows/);
    expect(io.stdout).toMatch(/price/);
  });

  it('inspect names a missing file', async () => {
    expect(await main(['inspect', join(root, 'missing.arrow')])).toBe(2);
    expect(io.stderr).toMatch(/no such file: .*missing\.arrow/);
  });
});

describe('tokensim params', () => {
  it('lists every parameter path with its default, distributions as one value', async () => {
    expect(await main(['params', tiny])).toBe(0);
    expect(io.stdout).toMatch(/^emission\.ratePerYear +5000000$/m);
    expect(io.stdout).toMatch(/^stakers\.count +40$/m);
    expect(io.stdout).toMatch(/^stakers\.hurdle +\{"dist":"uniform","min":0\.02,"max":0\.3\}$/m);
    expect(io.stdout).toMatch(/no-burn: \{"feeBurn":\{"feeShare":0\}\}/);
  });
});

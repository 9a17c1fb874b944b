import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { writeResultsDir, type FakeRun } from '../fixtures/resultsDir';
import { captureOutput } from '../helpers/captureOutput';

// Baseline x = 2, 4, 6, 8 and treatment 3, 6, 7, 10 on shared seeds (see
// test/experiment/compare.test.ts for the hand-worked numbers).
const runs: FakeRun[] = [
  ...[2, 4, 6, 8].map((x, r) => ({ variant: 'baseline', replicate: r, seed: 11 + r, kpis: { x, y: x * 1000 } })),
  ...[3, 6, 7, 10].map((x, r) => ({ variant: 'treat', replicate: r, seed: 11 + r, kpis: { x, y: x * 1000 } })),
];

let dir: string;
beforeAll(async () => {
  dir = await writeResultsDir(runs);
});
const io = captureOutput();

describe('tokensim compare', () => {
  it('prints an aligned table with the CI, the difference and its significance mark', async () => {
    expect(await main(['compare', dir, '--metric', 'x'])).toBe(0);
    const lines = io.stdout.split('\n');
    expect(lines[0]).toMatch(/^metric\s+variant\s+n\s+mean\s+sd\s+95% CI\s+Δ vs baseline\s+95% CI of Δ\s+p$/);
    expect(io.stdout).toMatch(/x\s+baseline\s+4\s+5\s+2\.582\s+\[0\.8915, 9\.109\]/);
    expect(io.stdout).toMatch(/x\s+treat\s+4\s+6\.5\s+.*1\.5 \*\s+\[0\.5813, 2\.419\]\s+0\.0138/);
    expect(io.stdout).toMatch(/paired by sweep point and seed/);
  });

  it('writes CSV with one row per metric and group and full-precision numbers', async () => {
    expect(await main(['compare', dir, '--format', 'csv'])).toBe(0);
    const rows = io.stdout.trim().split('\n').map((l) => l.split(','));
    expect(rows[0].slice(0, 8)).toEqual(['metric', 'group', 'variant', 'point', 'runs', 'failed', 'n', 'mean']);
    expect(rows).toHaveLength(1 + 2 * 2);
    const treatX = rows.find((r) => r[0] === 'x' && r[1] === 'treat')!;
    const col = (name: string) => treatX[rows[0].indexOf(name)];
    expect(Number(col('diff'))).toBe(1.5);
    expect(Number(col('p_value'))).toBeCloseTo(0.0138468, 6);
    expect(col('sig')).toBe('*');
    expect(col('method')).toBe('paired');
  });

  it('writes JSON that parses, with nulls where the baseline has no difference', async () => {
    expect(await main(['compare', dir, '--format', 'json', '--metric', 'y'])).toBe(0);
    const j = JSON.parse(io.stdout);
    expect(j.baseline).toBe('baseline');
    expect(j.rows).toHaveLength(2);
    expect(j.rows[0]).toMatchObject({ metric: 'y', variant: 'baseline', n: 4, mean: 5000, diff: null });
    expect(j.rows[1].diff.mean).toBeCloseTo(1500, 9);
  });

  it('writes a Markdown table', async () => {
    expect(await main(['compare', dir, '--format', 'md', '--metric', 'x', '--baseline', 'treat'])).toBe(0);
    const lines = io.stdout.trim().split('\n');
    expect(lines[0]).toBe('| metric | variant | n | mean | sd | 95% CI | Δ vs treat | 95% CI of Δ | p |');
    expect(lines[1]).toBe('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    expect(lines[2]).toMatch(/^\| x \| baseline \| 4 \| 5 \| .* \| -1\.5 \\\* \|/);
  });

  it.each([
    [['compare', '/no/such/dir'], /^tokensim: no such results directory: \/no\/such\/dir\n$/],
    [['compare', 'DIR', '--metric', 'nope'], /^tokensim: unknown metric "nope"; summary\.arrow has: x, y\n$/],
    [['compare', 'DIR', '--format', 'xml'], /^tokensim: --format xml: expected one of table, csv, json, md\n$/],
    [['compare', 'DIR', '--by', 'seed'], /^tokensim: --by seed: expected variant or point\n$/],
    [['compare'], /^tokensim: missing required argument 'dir', e\.g\. tokensim compare /],
  ])('rejects bad input %j with one line and exit code 2', async (args, message) => {
    expect(await main(args.map((a) => (a === 'DIR' ? dir : a)))).toBe(2);
    expect(io.stderr).toMatch(message);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
    expect(io.stdout).toBe('');
  });

  it('under scenarios prints the stress table after the KPI table: CVaR, paired Δ vs none, recovery and breaches', async () => {
    const stress = await writeResultsDir(
      [
        [1.0, 1.2, 0.9, 1.1],
        [0.7, 1.0, 0.5, 0.9],
      ].flatMap((prices, k) =>
        prices.map((final_price, r) => ({
          variant: 'baseline',
          scenario: k === 0 ? 'none' : 'crash',
          replicate: r,
          seed: 11 + r,
          kpis: { final_price, stress_drawdown: 0.1, stress_recovery_ticks: 5, stress_recovery_censored: 0, price_floor_breach: k === 1 && r === 2 ? 1 : 0 },
        })),
      ),
    );
    expect(await main(['compare', stress, '--metric', 'final_price'])).toBe(0);
    expect(io.stdout).toMatch(/final_price\s+baseline \/ crash\s+4\s+0\.775/);
    expect(io.stdout).toMatch(/^variant\s+scenario\s+n\s+final price\s+CVaR 5%\s+Δ vs none/m);
    expect(io.stdout).toMatch(/^baseline\s+crash\s+4\s+0\.775\s+0\.5\s+-0\.275\s+\[-0\.4273, -0\.1227\]\s+0\.1\s+5\s+0\.25 \[/m);
    io.stdout = '';
    expect(await main(['compare', stress, '--metric', 'final_price', '--format', 'json'])).toBe(0);
    expect(JSON.parse(io.stdout).stress.rows[1].cvarFinalPrice).toBe(0.5);
  });
});

import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { analyseSensitivity, designExperiment, makeDesign, runSensitivityStudy } from '../../src/analysis/sensitivityStudy';
import { main } from '../../src/cli/main';
import { readColumns } from '../../src/io/arrowReader';
import tiny from '../fixtures/tiny';

const root = mkdtempSync(join(tmpdir(), 'tokensim-sens-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let stdout: string;
beforeEach(() => {
  stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

const ranges = { 'emission.ratePerYear': { min: 1e6, max: 1e7 }, 'amm.feeBps': { min: 5, max: 100 } };

describe('sensitivity studies', () => {
  it('turns each design point into a variant that sets exactly its parameters', () => {
    const design = makeDesign({ method: 'morris', ranges, trajectories: 3, seed: 2 });
    const exp = designExperiment(tiny, design);
    expect(Object.keys(exp.variants)).toHaveLength(9);
    const v = exp.variants['point-000004'] as { emission: { ratePerYear: number }; amm: { feeBps: number } };
    expect(v.amm.feeBps).toBe(design.matrix[4 * 2]);
    expect(v.emission.ratePerYear).toBe(design.matrix[4 * 2 + 1]);
  });

  it('runs a Morris study, then tokensim sensitivity prints the indices and writes sensitivity.arrow', async () => {
    const out = join(root, 'morris');
    const outcome = await runSensitivityStudy(tiny, { method: 'morris', ranges, trajectories: 3, seed: 2 }, { out, seeds: 1, ticks: 15, log: null });
    expect(outcome.status).toBe('complete');
    expect(JSON.parse(readFileSync(join(out, 'design.json'), 'utf8'))).toMatchObject({ method: 'morris', rows: 9 });
    const report = analyseSensitivity(out, { kpis: ['mean_staking_ratio'], bootstrap: 20 });
    expect(report.indices.map((x) => x.index)).toEqual(['mu', 'mu_star', 'sigma', 'mu', 'mu_star', 'sigma']);
    // More emission to stakers raises the staking ratio in every trajectory.
    const emission = report.indices.find((x) => x.parameter === 'emission.ratePerYear' && x.index === 'mu')!;
    expect(emission.value).toBeGreaterThan(0);

    expect(await main(['sensitivity', out, '--kpi', 'mean_staking_ratio', '--bootstrap', '20'])).toBe(0);
    expect(stdout).toMatch(/morris indices \(3 trajectories, 2 parameters/);
    expect(stdout).toMatch(/emission\.ratePerYear\s+mu_star/);
    const table = readColumns(join(out, 'sensitivity.arrow'));
    expect(Object.keys(table)).toEqual(['kpi', 'parameter', 'method', 'index', 'value', 'ci_lo', 'ci_hi']);
    expect(table.kpi).toHaveLength(6);
  });

  it('refuses a results directory whose parameters do not match design.json', async () => {
    const out = join(root, 'mismatch');
    await runSensitivityStudy(tiny, { method: 'morris', ranges, trajectories: 2, seed: 2 }, { out, seeds: 1, ticks: 5, log: null });
    writeFileSync(join(out, 'design.json'), JSON.stringify({ method: 'morris', ranges, trajectories: 2, seed: 3 }));
    expect(() => analyseSensitivity(out)).toThrow(/but design.json gives/);
  });
});

describe('a Sobol study on the token economy', () => {
  it('runs n·(k + 2) points and gives S1 and ST per parameter and KPI', async () => {
    const out = join(root, 'sobol');
    await runSensitivityStudy(tiny, { method: 'sobol', ranges, n: 4, seed: 5 }, { out, seeds: 1, ticks: 10, log: null });
    const report = analyseSensitivity(out, { kpis: ['mean_staking_ratio', 'total_minted'], bootstrap: 10 });
    expect(report.indices).toHaveLength(2 * 2 * 2);
    // Minted tokens depend on the emission rate alone: all of its variance is emission's.
    const st = (p: string) => report.indices.find((x) => x.kpi === 'total_minted' && x.parameter === p && x.index === 'ST')!.value;
    expect(st('amm.feeBps')).toBeCloseTo(0, 9);
    expect(st('emission.ratePerYear')).toBeGreaterThan(0.5);
  });
});

describe('designs are pure functions of their spec', () => {
  it('gives the same points for the same seed and other points for another', () => {
    const a = makeDesign({ method: 'sobol', ranges, n: 8, seed: 1 });
    expect(makeDesign({ method: 'sobol', ranges, n: 8, seed: 1 }).matrix).toEqual(a.matrix);
    expect(makeDesign({ method: 'sobol', ranges, n: 8, seed: 2 }).matrix).not.toEqual(a.matrix);
  });
});

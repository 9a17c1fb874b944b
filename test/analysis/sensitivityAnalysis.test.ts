import { cpSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseSensitivity } from '../../src/analysis/sensitivityAnalysis';
import { designPoint, sensitivityDesign } from '../../src/analysis/sensitivitySweeps';
import { main } from '../../src/cli/main';
import { defineExperiment } from '../../src/experiment/define';
import { planRuns } from '../../src/experiment/plan';
import { runExperiment } from '../../src/experiment/runExperiment';
import { sweepSeed } from '../../src/experiment/sweep';
import { readColumns } from '../../src/io/arrowReader';
import sobolSweep from '../fixtures/sobolSweep';
import tiny from '../fixtures/tiny';
import { captureOutput } from '../helpers/captureOutput';

const root = mkdtempSync(join(tmpdir(), 'tokensim-sens-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const io = captureOutput();

const params = { 'emission.ratePerYear': { min: 1e6, max: 1e7 }, 'amm.feeBps': { min: 5, max: 100 } };
/** tiny (two variants, baseline and no-burn) with a 3-trajectory Morris sweep: 9 points × 2 variants. */
const morris = defineExperiment({ ...tiny, name: 'tiny-morris', sweep: { kind: 'morris', params, trajectories: 3, seed: 2 }, seeds: 1, ticks: 15 });

describe('a Morris sweep run through the ordinary runner', () => {
  let dir: string;
  beforeAll(async () => {
    dir = (await runExperiment(morris, { out: join(root, 'morris'), log: null })).dir;
  });

  it('writes one point per design row, the design in runs.arrow and the sweep in the manifest', () => {
    const runs = readColumns(join(dir, 'runs.arrow'));
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.sweep).toMatchObject({ kind: 'morris', trajectories: 3, seed: 2 });
    const design = sensitivityDesign(manifest.sweep, manifest.sweepSeed);
    expect(design.rows).toBe(9);
    expect(runs.point).toEqual([...Array(9).keys(), ...Array(9).keys()]);
    expect(runs['amm.feeBps'].slice(0, 9)).toEqual(Array.from({ length: 9 }, (_, r) => designPoint(design, r)['amm.feeBps']));
  });

  it('needs --variant when the experiment has several, and names them', () => {
    expect(() => analyseSensitivity(dir)).toThrow(/has variants baseline, no-burn; choose one with --variant NAME/);
    expect(() => analyseSensitivity(dir, { variant: 'nope' })).toThrow(/--variant nope: .* has no such variant; it has baseline, no-burn/);
  });

  it('gives mu, mu_star and sigma per parameter; more emission mints more in every trajectory, the AMM fee mints nothing', () => {
    const report = analyseSensitivity(dir, { variant: 'baseline', kpis: ['total_minted'], bootstrap: 20 });
    expect(report.indices.map((x) => x.index)).toEqual(['mu', 'mu_star', 'sigma', 'mu', 'mu_star', 'sigma']);
    const at = (p: string, i: string) => report.indices.find((x) => x.parameter === p && x.index === i)!.value;
    expect(at('emission.ratePerYear', 'mu')).toBeGreaterThan(0);
    // Every elementary effect positive: mean |EE| equals mean EE.
    expect(at('emission.ratePerYear', 'mu_star')).toBeCloseTo(at('emission.ratePerYear', 'mu'), 6);
    expect(at('amm.feeBps', 'mu_star')).toBeCloseTo(0, 6);
  });

  it('tokensim sensitivity prints the indices and writes sensitivity.arrow', async () => {
    expect(await main(['sensitivity', dir, '--variant', 'no-burn', '--kpi', 'mean_staking_ratio', '--bootstrap', '20'])).toBe(0);
    expect(io.stdout).toMatch(/morris indices \(3 trajectories, 4 levels, 2 parameters, 9 points, variant no-burn/);
    expect(io.stdout).toMatch(/emission\.ratePerYear\s+mu_star/);
    const table = readColumns(join(dir, 'sensitivity.arrow'));
    expect(Object.keys(table)).toEqual(['kpi', 'parameter', 'method', 'index', 'value', 'ci_lo', 'ci_hi']);
    expect(table.kpi).toHaveLength(6);
  });

  it('refuses results whose parameters do not match the design the manifest describes', () => {
    const copy = join(root, 'tampered');
    cpSync(dir, copy, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8'));
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify({ ...manifest, sweep: { ...manifest.sweep, seed: 3 }, sweepSeed: 3 }));
    expect(() => analyseSensitivity(copy, { variant: 'baseline' })).toThrow(/at point 0, but the manifest's sweep gives/);
  });
});

describe('a Sobol sweep', () => {
  it('runs n·(k + 2) points through runExperiment, and the analysis gives S1 and ST per parameter and KPI', async () => {
    const out = await runExperiment(sobolSweep, { out: join(root, 'sobol'), log: null });
    expect(out).toMatchObject({ status: 'complete', runs: 12 });
    const report = analyseSensitivity(out.dir, { kpis: ['mean_staking_ratio', 'total_minted'], bootstrap: 10 });
    expect(report.design).toMatchObject({ method: 'sobol', n: 3, rows: 12 });
    expect(report.indices).toHaveLength(2 * 2 * 2);
    // Minted tokens depend on the emission rate alone: all of their variance is emission's.
    const st = (p: string) => report.indices.find((x) => x.kpi === 'total_minted' && x.parameter === p && x.index === 'ST')!.value;
    expect(st('amm.feeBps')).toBeCloseTo(0, 9);
    expect(st('emission.ratePerYear')).toBeGreaterThan(0.5);
  });

  it('runs in worker threads to the same files as in-process', async () => {
    const file = join(__dirname, '..', 'fixtures', 'sobolSweep.ts');
    const two = await runExperiment(sobolSweep, { out: join(root, 'sobol-w2'), log: null, workers: 2, file });
    expect(two).toMatchObject({ status: 'complete', runs: 12 });
    for (const f of ['runs.arrow', 'summary.arrow']) expect(Buffer.compare(readFileSync(join(root, 'sobol', f)), readFileSync(join(two.dir, f))), f).toBe(0);
  });

  it('samples a log range uniformly in log space', () => {
    const design = sensitivityDesign(sobolSweep.sweep as never, 7);
    const fees = Array.from({ length: design.rows }, (_, r) => designPoint(design, r)['amm.feeBps']);
    expect(Math.min(...fees)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...fees)).toBeLessThanOrEqual(100);
    // Median of log-uniform on [5, 100] is √500 ≈ 22, not the linear midpoint 52.5; with many rows the sample says so.
    const big = sensitivityDesign({ ...(sobolSweep.sweep as object), kind: 'sobol', n: 400 } as never, 7);
    const many = Array.from({ length: big.rows }, (_, r) => designPoint(big, r)['amm.feeBps']).sort((a, b) => a - b);
    expect(many[many.length >> 1]).toBeGreaterThan(18);
    expect(many[many.length >> 1]).toBeLessThan(27);
  });
});

describe('designs are reproducible from the manifest', () => {
  it('rebuilds the points the runner planned from the sweep and its seed, and draws others for another base seed', () => {
    const plan = planRuns(sobolSweep);
    // What the manifest records: the spec as JSON (no seed of its own here) and the seed derived from the base seed.
    const recorded = JSON.parse(JSON.stringify(sobolSweep.sweep));
    expect(recorded.seed).toBeUndefined();
    const design = sensitivityDesign(recorded, sweepSeed(sobolSweep.sweep, plan.baseSeed));
    for (const run of plan.runs) {
      const p = run.params as { emission: { ratePerYear: number }; amm: { feeBps: number } };
      expect(p.emission.ratePerYear).toBe(designPoint(design, run.point!)['emission.ratePerYear']);
      expect(p.amm.feeBps).toBe(designPoint(design, run.point!)['amm.feeBps']);
    }
    const other = planRuns(sobolSweep, { baseSeed: plan.baseSeed + 1 });
    expect((other.runs[0].params as { amm: { feeBps: number } }).amm.feeBps).not.toBe((plan.runs[0].params as { amm: { feeBps: number } }).amm.feeBps);
  });

  it('refuses a results directory run without a sensitivity sweep', async () => {
    const out = await runExperiment(defineExperiment({ ...tiny, name: 'plain', variants: { baseline: {} } }), { out: join(root, 'plain'), seeds: 1, ticks: 3, log: null });
    expect(() => analyseSensitivity(out.dir)).toThrow(/was not run with a sensitivity sweep \(manifest sweep: none\)/);
    writeFileSync(join(out.dir, 'design.json'), '{}');
    expect(() => analyseSensitivity(out.dir)).toThrow(/design\.json .* earlier point-variant study; rerun it as an experiment with a morris or sobol sweep/);
  });
});

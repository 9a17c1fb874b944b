import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { loadExperiment } from '../../src/cli/loadExperiment';
import { parseRange } from '../../src/experiment/calibrateExperiment';
import { optimizeExperiment, parseConstraint, riskValue, violationOf } from '../../src/experiment/optimizeExperiment';
import { readColumns } from '../../src/io/arrowReader';
import { captureOutput } from '../helpers/captureOutput';

// score = 1 − (x − 0.3)² − (y − 0.7)² + 0.02·z, z ~ N(0, 1) per run: the optimum is (0.3, 0.7).
const planted = join(__dirname, '..', 'fixtures', 'planted.ts');
const io = captureOutput();
let dir: string;
const search = (out: string, ...more: string[]) => ['optimize', planted, '--objective', 'score', '--params', 'planted.x=0:1', '--params', 'planted.y=0:1', '--seeds', '4', '--budget', '480', '--out', out, '-q', ...more];
const state = (d: string) => JSON.parse(readFileSync(join(d, 'optimisation.json'), 'utf8'));

beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'tokensim-optimize-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tokensim optimize', () => {
  it('finds the planted optimum within 0.02 in 480 runs, and says how much it beats the experiment\'s own values on fresh seeds', async () => {
    const out = join(dir, 'a');
    expect(await main([...search(out), '--workers', '2'])).toBe(0);
    const { result } = state(out);
    expect(Math.abs(result.params['planted.x'] - 0.3)).toBeLessThan(0.02);
    expect(Math.abs(result.params['planted.y'] - 0.7)).toBeLessThan(0.02);
    // Own values (0.8, 0.2) score 1 − 0.25 − 0.25 = 0.5; the optimum 1: the paired gain is ≈ 0.5, the noise cancels by seed.
    expect(result.improvement.mean).toBeCloseTo(0.5, 2);
    expect(result.improvement.verdict).toBe('better');
    expect(io.stdout).toMatch(/^planted: maximize score in 120 candidates × 4 seeds/);
    expect(readColumns(join(out, 'evaluations.arrow')).objective).toHaveLength(120);
    expect(readColumns(join(out, 'validation.arrow')).point).toEqual(['best', 'best', 'best', 'best', 'defaults', 'defaults', 'defaults', 'defaults']);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('Convergence');
    const optimized = loadExperiment(join(out, 'optimized.ts'));
    expect((optimized.defaults as { planted: { x: number } }).planted.x).toBeCloseTo(result.params['planted.x'], 5);
  });

  it('is deterministic whatever the worker count, and a resumed search ends where an uninterrupted one does', async () => {
    const one = join(dir, 'b');
    expect(await main([...search(one), '--workers', '1'])).toBe(0);
    expect(state(one).result).toEqual(state(join(dir, 'a')).result);
    expect(state(one).evaluations).toEqual(state(join(dir, 'a')).evaluations);

    const cut = join(dir, 'c');
    const ranges = Object.fromEntries(['planted.x=0:1', 'planted.y=0:1'].map(parseRange));
    const log = (line: string) => void (line.startsWith('generation 3:') && process.emit('SIGINT', 'SIGINT'));
    const stopped = await optimizeExperiment(loadExperiment(planted), { file: planted, objectives: [{ kpi: 'score', sense: 'maximize' }], ranges, seeds: 4, budget: 480, out: cut, log });
    expect(stopped.status).toBe('interrupted');
    expect(state(cut).evaluations).toHaveLength(24);
    expect(existsSync(join(cut, 'optimized.ts'))).toBe(false);
    expect(await main(['optimize', '--resume', cut, '-q'])).toBe(0);
    expect(state(cut).result).toEqual(state(one).result);
    expect(state(cut).evaluations).toEqual(state(one).evaluations);
  });

  it('keeps a constraint: with x_value <= 0.2 the best point sits on it; a whole-number parameter is searched in whole numbers', async () => {
    const out = join(dir, 'd');
    expect(await main([...search(out), '--constraint', 'x_value<=0.2', '--params', 'planted.steps=1:20'])).toBe(0);
    const { result, evaluations } = state(out);
    expect(result.params['planted.x']).toBeLessThanOrEqual(0.2);
    expect(result.params['planted.x']).toBeGreaterThan(0.18);
    expect(Math.abs(result.params['planted.y'] - 0.7)).toBeLessThan(0.03);
    expect(Number.isInteger(result.params['planted.steps'])).toBe(true);
    // The KPI reports the value the run used: rounded.
    expect(evaluations.every((e: { means: Record<string, number> }) => e.means.x_value >= 0)).toBe(true);
    expect(io.stdout).toMatch(/constraint x_value <= 0.2 on the fresh seeds: 0\.\d+ — holds; own values 0\.8000 — broken/);
  });

  it('signs the improvement of a minimised KPI as own − best, so that positive is better', async () => {
    const out = join(dir, 'min');
    expect(await main(['optimize', planted, '--objective', 'x_value:min', '--params', 'planted.x=0:1', '--seeds', '2', '--budget', '40', '--out', out, '-q'])).toBe(0);
    const { result } = state(out);
    expect(result.improvement.mean).toBeGreaterThan(0.5);
    expect(io.stdout).toContain("improvement of the best point over the experiment's own values (own − best; positive is better):");
    expect(io.stdout).toMatch(/x_value: 0\.[5-8]\d* \[/);
  });

  it('adds the Pareto front of the evaluated points for a second objective', async () => {
    const out = join(dir, 'e');
    expect(await main(['optimize', planted, '--objective', 'score', '--objective', 'x_value:min', '--params', 'planted.x=0:1', '--params', 'planted.y=0:1', '--seeds', '2', '--budget', '60', '--out', out, '-q'])).toBe(0);
    const front = readColumns(join(out, 'pareto.arrow'));
    const score = (front.score as number[]).map(Number);
    const x = (front.x_value as number[]).map(Number);
    // Sorted by the first objective best first: score falls as x falls along the front.
    for (let i = 1; i < score.length; i++) {
      expect(score[i]).toBeLessThanOrEqual(score[i - 1]);
      expect(x[i]).toBeLessThan(x[i - 1]);
    }
  });

  it('summarises seeds by the mean or by the CVaR of the bad tail, and measures violations relative to their bounds', () => {
    const up = { kpi: 'k', sense: 'maximize' as const };
    expect(riskValue([1, 2, 3, 4], up, { kind: 'mean' })).toBe(-2.5);
    expect(riskValue([1, 2, 3, 4], up, { kind: 'cvar', alpha: 0.5 })).toBe(-1.5);
    expect(riskValue([1, 2, 3, 4], { kpi: 'k', sense: 'minimize' }, { kind: 'cvar', alpha: 0.25 })).toBe(4);
    expect(violationOf({ a: 5, b: 1 }, [parseConstraint('a<=4'), parseConstraint('b>=2')])).toBeCloseTo(0.25 + 0.5, 12);
    expect(violationOf({ a: 3 }, [parseConstraint('a <= 4')])).toBe(0);
  });

  it('refuses bad input in one line, exit code 2, before anything is written', async () => {
    const out = join(dir, 'refused');
    const cases: [string[], RegExp][] = [
      [['optimize', planted, '--params', 'planted.x=0:1'], /^tokensim: optimize: --objective KPI is required/],
      [['optimize', planted, '--objective', 'scroe', '--params', 'planted.x=0:1'], /^tokensim: optimize: unknown KPI scroe; did you mean score\? \(tokensim model lists all 3\)\n$/],
      [['optimize', planted, '--objective', 'score', '--params', 'planted.x=0:2'], /^tokensim: --params planted.x=0:2: the model refuses planted.x=2 /],
      [['optimize', planted, '--objective', 'score', '--params', 'planted.x=0:1', '--constraint', 'x_value<0.2'], /^tokensim: --constraint x_value<0.2: expected KPI<=number or KPI>=number/],
      [['optimize', planted, '--objective', 'score', '--params', 'planted.x=0:1', '--risk', 'cvar:2'], /^tokensim: --risk cvar:2: expected mean or cvar:α with 0 < α ≤ 1/],
      [['optimize', planted, '--objective', 'score', '--params', 'planted.x=0:1', '--maximize', '--minimize'], /^tokensim: optimize: --maximize and --minimize both given/],
      [['optimize', planted, '--objective', 'score', '--params', 'planted.x=0:1', '--seeds', '4', '--budget', '3'], /^tokensim: --budget 3: below one candidate of 4 runs/],
    ];
    for (const [args, message] of cases) {
      io.stderr = '';
      expect(await main([...args, '--out', out, '-q']), args.join(' ')).toBe(2);
      expect(io.stderr).toMatch(message);
      expect(io.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    }
  });
});

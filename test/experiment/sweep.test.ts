import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import { defineExperiment, type ExperimentSpec } from '../../src/experiment/define';
import { planRuns } from '../../src/experiment/plan';
import { runExperiment } from '../../src/experiment/runExperiment';
import { expandSweep, latinHypercube, rangeValue, type SweepSpec } from '../../src/experiment/sweep';
import { readColumns } from '../../src/io/arrowReader';
import { tokenEconomy, type TokenEconomyParams } from '../../src/models/tokenEconomy';
import tiny from '../fixtures/tiny';

type Spec = ExperimentSpec<TokenEconomyParams>;
const defaults = tokenEconomy.defaults;
const define = (sweep: SweepSpec<TokenEconomyParams>, extra: Partial<Spec> = {}) => defineExperiment({ ...tiny, sweep, ...extra } as Spec);

describe('grid and zip designs', () => {
  it('a grid is the Cartesian product, the last path varying fastest', () => {
    const { paths, points } = expandSweep({ kind: 'grid', params: { 'emission.ratePerYear': [1, 2], 'feeBurn.feeShare': [0, 0.5, 1] } } as never, defaults, 0);
    expect(paths).toEqual(['emission.ratePerYear', 'feeBurn.feeShare']);
    expect(points.map((p) => [p['emission.ratePerYear'], p['feeBurn.feeShare']])).toEqual([[1, 0], [1, 0.5], [1, 1], [2, 0], [2, 0.5], [2, 1]]);
  });

  it('a zip pairs the i-th values of every list', () => {
    const { points } = expandSweep({ kind: 'zip', params: { 'emission.ratePerYear': [1, 2], 'feeBurn.feeShare': [0.1, 0.2] } } as never, defaults, 0);
    expect(points).toEqual([{ 'emission.ratePerYear': 1, 'feeBurn.feeShare': 0.1 }, { 'emission.ratePerYear': 2, 'feeBurn.feeShare': 0.2 }]);
  });
});

describe('a bad design fails before any run with one line naming it', () => {
  const cases: [string, SweepSpec<TokenEconomyParams>, RegExp][] = [
    ['an unknown path', { kind: 'grid', params: { 'emission.rate': [1] } as never }, /unknown sweep \(grid\) path "emission\.rate".*emission\.ratePerYear/],
    ['an empty list', { kind: 'grid', params: { 'emission.ratePerYear': [] } }, /sweep \(grid\) emission\.ratePerYear: expected a non-empty list/],
    ['zip lists of unequal length', { kind: 'zip', params: { 'emission.ratePerYear': [1, 2], 'feeBurn.feeShare': [0.1] } }, /sweep \(zip\) feeBurn\.feeShare: has 1 values but emission\.ratePerYear has 2/],
    ['a value of the wrong type', { kind: 'grid', params: { 'emission.ratePerYear': ['lots' as never] } }, /emission\.ratePerYear: value "lots" is a string, the parameter is a number/],
    ['an inverted range', { kind: 'lhs', samples: 4, params: { 'feeBurn.feeShare': { min: 0.9, max: 0.1 } } }, /sweep \(lhs\) feeBurn\.feeShare: range min 0\.9 must be below max 0\.1/],
    ['a log range through zero', { kind: 'random', samples: 4, params: { 'emission.ratePerYear': { min: 0, max: 10, scale: 'log' } } }, /log scale needs min > 0/],
    ['a non-integer sample count', { kind: 'random', samples: 2.5, params: { 'feeBurn.feeShare': { min: 0, max: 1 } } }, /samples must be a positive integer, got 2\.5/],
    ['an unknown kind', { kind: 'halton', params: {} } as never, /sweep kind "halton" is unknown; expected one of grid, zip, random, lhs, sobol, morris/],
    ['a Sobol design with too small a base sample', { kind: 'sobol', n: 1, params: { 'feeBurn.feeShare': { min: 0, max: 1 } } }, /sobol design: base sample size must be an integer ≥ 2, got 1/],
    ['an integer range in a sensitivity design', { kind: 'morris', trajectories: 4, params: { 'staking.unbondingTicks': { min: 1, max: 30, integer: true } as never } }, /sweep \(morris\) staking\.unbondingTicks: integer ranges are not supported/],
    ['a Morris design with odd levels', { kind: 'morris', trajectories: 4, levels: 3, params: { 'feeBurn.feeShare': { min: 0, max: 1 } } }, /morris design: levels must be an even integer ≥ 2, got 3/],
  ];
  for (const [what, sweep, message] of cases) {
    it(`names ${what}`, () => {
      expect(() => define(sweep)).toThrow(message);
    });
  }

  it('names a value the parameter rejects, with the variant and the point', () => {
    const exp = define({ kind: 'grid', params: { 'feeBurn.feeShare': [0.5, 1.5] } }, { variants: { baseline: {} } });
    expect(() => planRuns(exp)).toThrow(/^sweep point 1 \(feeBurn\.feeShare=1\.5\): .*feeBurn\.feeShare/);
  });

  it('refuses a parameter both varied by a variant and swept', () => {
    expect(() => define({ kind: 'grid', params: { 'feeBurn.feeShare': [0.1, 0.2] } })).toThrow(/variant "no-burn" sets feeBurn\.feeShare, which the sweep also sets/);
  });
});

describe('sampled designs', () => {
  it('hits each Latin-hypercube stratum exactly once per dimension', () => {
    const n = 50;
    const u = latinHypercube(n, 3, new Rng(7));
    for (const col of u) {
      const strata = [...col].map((x) => Math.floor(x * n)).sort((a, b) => a - b);
      expect(strata).toEqual([...Array(n).keys()]);
    }
  });

  it('maps Latin-hypercube points onto each range, one per stratum, on linear and log scales', () => {
    const n = 20;
    const { points } = expandSweep({ kind: 'lhs', samples: n, params: { 'feeBurn.feeShare': { min: 0.2, max: 0.6 }, 'emission.ratePerYear': { min: 1e5, max: 1e7, scale: 'log' } } } as never, defaults, 3);
    const lin = points.map((p) => Math.floor(((p['feeBurn.feeShare'] as number) - 0.2) / 0.4 * n)).sort((a, b) => a - b);
    const log = points.map((p) => Math.floor((Math.log10(p['emission.ratePerYear'] as number) - 5) / 2 * n)).sort((a, b) => a - b);
    expect(lin).toEqual([...Array(n).keys()]);
    expect(log).toEqual([...Array(n).keys()]);
  });

  it('draws random points inside their ranges, the same for the same seed', () => {
    const spec = { kind: 'random', samples: 200, params: { 'staking.unbondingTicks': { min: 1, max: 4, integer: true }, 'feeBurn.feeShare': { min: 0, max: 0.5 } } } as never;
    const a = expandSweep(spec, defaults, 11).points;
    expect(expandSweep(spec, defaults, 11).points).toEqual(a);
    expect(expandSweep(spec, defaults, 12).points).not.toEqual(a);
    expect(new Set(a.map((p) => p['staking.unbondingTicks']))).toEqual(new Set([1, 2, 3, 4]));
    for (const p of a) expect(p['feeBurn.feeShare']).toBeGreaterThanOrEqual(0), expect(p['feeBurn.feeShare']).toBeLessThan(0.5);
  });

  it('maps a quantile onto a range: linear, log and integer', () => {
    expect(rangeValue({ min: 10, max: 20 }, 0.25)).toBe(12.5);
    expect(rangeValue({ min: 1, max: 100, scale: 'log' }, 0.5)).toBeCloseTo(10, 12);
    expect(rangeValue({ min: 0, max: 3, integer: true }, 0.99)).toBe(3);
  });
});

describe('a sweep run', () => {
  const root = mkdtempSync(join(tmpdir(), 'tokensim-sweep-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('runs variants × points × replicates with a column per swept and varied parameter, and common seeds', async () => {
    const exp = define({ kind: 'zip', params: { 'emission.ratePerYear': [2e6, 8e6], 'staking.unbondingTicks': [3, 30] } }, { seeds: 2, ticks: 5 });
    const out = await runExperiment(exp, { out: join(root, 'zip'), log: null });
    expect(out).toMatchObject({ status: 'complete', runs: 8 });
    const runs = readColumns(join(out.dir, 'runs.arrow'));
    expect(runs.variant).toEqual(['baseline', 'baseline', 'baseline', 'baseline', 'no-burn', 'no-burn', 'no-burn', 'no-burn']);
    expect(runs.point).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
    expect(runs.replicate).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
    expect(runs['emission.ratePerYear']).toEqual([2e6, 2e6, 8e6, 8e6, 2e6, 2e6, 8e6, 8e6]);
    expect(runs['staking.unbondingTicks']).toEqual([3, 3, 30, 30, 3, 3, 30, 30]);
    expect(runs['feeBurn.feeShare']).toEqual([0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0]);
    // Common random numbers: the seed depends on the replicate only.
    expect(new Set([0, 2, 4, 6].map((i) => runs.seed[i])).size).toBe(1);
    expect(runs.seed[0]).not.toBe(runs.seed[1]);
  });
});

describe('--set against what variants and the sweep set themselves', () => {
  it('names the variants a --set does not reach, and applies it to the rest', () => {
    const plan = planRuns(tiny, { set: ['feeBurn.feeShare=0.25'] });
    expect(plan.shadowed).toEqual({ 'feeBurn.feeShare': ['no-burn'] });
    const share = (v: string) => (plan.runs.find((r) => r.variant === v)!.params as TokenEconomyParams).feeBurn.feeShare;
    expect(share('baseline')).toBe(0.25);
    expect(share('no-burn')).toBe(0);
    // A path no variant sets is shadowed nowhere.
    expect(planRuns(tiny, { set: ['emission.ratePerYear=1000'] }).shadowed).toEqual({});
  });

  it('refuses a --set that would change no run: every variant, or the sweep, sets it (or a path around it)', () => {
    const both = defineExperiment({ ...tiny, variants: { low: { feeBurn: { feeShare: 0.1 } }, high: { feeBurn: { feeShare: 0.9 } } } } as Spec);
    expect(() => planRuns(both, { set: ['feeBurn.feeShare=0.5'] })).toThrow(
      /^--set feeBurn\.feeShare: every variant \(low, high\) sets feeBurn\.feeShare itself, so --set would change nothing; a variant's value wins over --set, which changes the experiment's defaults$/,
    );
    const swept = define({ kind: 'grid', params: { 'emission.ratePerYear': [1, 2] } }, { variants: { baseline: {} } });
    expect(() => planRuns(swept, { set: ['emission.ratePerYear=3'] })).toThrow(/^--set emission\.ratePerYear: the sweep sets emission\.ratePerYear in every run, so --set would change nothing; change the sweep in the experiment file, or drop --set$/);
  });
});

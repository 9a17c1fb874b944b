import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExperiment } from '../../src/cli/loadExperiment';
import { planRuns } from '../../src/experiment/plan';
import { checkRanges, pointRunner } from '../../src/experiment/pointRunner';

const stress = loadExperiment(join(__dirname, '..', '..', 'experiments', 'stress-baseline.ts'));
const planted = loadExperiment(join(__dirname, '..', 'fixtures', 'planted.ts'));

describe('pointRunner', () => {
  it("evaluates on the seeds and parameters tokensim run gives the variant's replicates, under the chosen scenario", () => {
    const plan = planRuns(stress, { seeds: 3, ticks: 200 });
    for (const scenario of [undefined, 'crash30']) {
      const r = pointRunner(stress, { seeds: 3, ticks: 200, metrics: ['price'], scenario });
      const runs = plan.runs.filter((x) => x.variant === 'baseline' && x.scenario === (scenario ?? 'none'));
      expect(r.seeds).toEqual(runs.map((x) => x.seed));
      expect(r.base).toEqual(runs[0].params);
    }
    expect(() => pointRunner(stress, { seeds: 3, ticks: 200, metrics: ['price'], scenario: 'crash31' })).toThrow(/^--scenario crash31: no such scenario; the experiment has none, crash30/);
    expect(() => pointRunner(planted, { seeds: 3, ticks: 3, metrics: [], scenario: 'crash30' })).toThrow('--scenario crash30: the experiment lists no scenarios');
  });

  it('finds the whole-number parameters of ranges and rounds them; a point the schema refuses is a failed evaluation with its message', () => {
    const r = pointRunner(planted, { seeds: 1, ticks: 3, metrics: [] });
    expect(checkRanges(planted, r.base, { 'planted.x': { min: 0, max: 1 }, 'planted.steps': { min: 1, max: 20 } })).toEqual(['planted.steps']);
    const rounded = pointRunner(planted, { seeds: 1, ticks: 3, metrics: [], integers: ['planted.steps'] });
    expect(rounded.round({ 'planted.steps': 7.6, 'planted.x': 0.25 })).toEqual({ 'planted.steps': 8, 'planted.x': 0.25 });
    expect(rounded.run({ values: { 'planted.steps': 7.6 }, seed: 1 }).summary.steps_value).toBe(8);
    const refused = r.run({ values: { 'planted.x': 2 }, seed: 1 });
    expect(refused.status).toBe('failed');
    expect(refused.error).toMatch(/^parameters refused: planted.x: Too big/);
  });

  it('refuses a --set the chosen variant sets itself (it would change nothing), and takes it for a variant that does not', () => {
    const tiny = loadExperiment(join(__dirname, '..', 'fixtures', 'tiny.ts'));
    const set = ['feeBurn.feeShare=0.25'];
    expect(() => pointRunner(tiny, { seeds: 1, ticks: 3, metrics: [], set, variant: 'no-burn' })).toThrow(
      /^--set feeBurn\.feeShare: variant "no-burn" sets it itself, so --set would change nothing \(a variant's value wins over --set\); choose another --variant, or drop --set$/,
    );
    expect((pointRunner(tiny, { seeds: 1, ticks: 3, metrics: [], set, variant: 'baseline' }).base as { feeBurn: { feeShare: number } }).feeBurn.feeShare).toBe(0.25);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { readSources } from '../../src/report/sources';
import { writeResultsDir, type FakeRun } from '../fixtures/resultsDir';

/** Two variants × two seeds at sweep points `points` (values of parameter a), KPI k = a + seed. */
function runs(points: number[]): FakeRun[] {
  return points.flatMap((a, point) =>
    ['baseline', 'burn'].flatMap((variant) => [0, 1].map((seed) => ({ variant, replicate: seed, seed, point, params: { a }, kpis: { k: a + seed }, series: { price: [1, 2] } }))),
  );
}

async function dir(experiment: string, points: number[]): Promise<string> {
  const d = await writeResultsDir(runs(points), { point: true });
  writeFileSync(join(d, 'manifest.json'), JSON.stringify({ experiment, units: { summary: { k: { unit: 'USD' } } } }));
  return d;
}

describe('readSources', () => {
  it('keeps variant names for one directory', async () => {
    const data = readSources([await dir('alpha', [1])]);
    expect(data.variants).toEqual(['baseline', 'burn']);
    expect(data.sources[0].variantOf(2)).toBe('burn');
    expect(data.info('summary', 'k')).toEqual({ name: 'k', unit: 'USD', description: undefined });
  });

  it('names variants of several directories by experiment, with unique run ids and their KPIs side by side', async () => {
    const [a, b] = [await dir('alpha', [1]), await dir('beta', [1])];
    const data = readSources([a, b]);
    expect(data.variants).toEqual(['alpha/baseline', 'alpha/burn', 'beta/baseline', 'beta/burn']);
    expect(data.combined.runs.map((r) => r.runId)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(data.sources[1].variantOf(0)).toBe('beta/baseline');
    expect(Array.from(data.combined.kpis.k)).toEqual([1, 2, 1, 2, 1, 2, 1, 2]);
  });

  it('keeps sweep points when every directory has the same design, so runs pair across them, and separates them otherwise', async () => {
    const same = readSources([await dir('alpha', [1, 2]), await dir('beta', [1, 2])]);
    expect(same.combined.runs.map((r) => r.point)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1]);
    const other = readSources([await dir('alpha', [1, 2]), await dir('beta', [5, 6])]);
    expect(other.combined.runs.map((r) => r.point).slice(8)).toEqual([2, 2, 2, 2, 3, 3, 3, 3]);
  });

  it('tells apart directories of one experiment by their own names', async () => {
    const [a, b] = [await dir('alpha', [1]), await dir('alpha', [1])];
    const labels = readSources([a, b]).sources.map((s) => s.label);
    expect(labels[0]).toMatch(/^alpha \(tokensim-results-\w+\)$/);
    expect(labels[0]).not.toBe(labels[1]);
  });

  it('rejects a directory that is not a results directory', () => {
    expect(() => readSources(['/no/such/dir'])).toThrow(InputError);
  });

  it('names each run under a scenario <variant> / <scenario>, so the report shows and compares them apart', async () => {
    const d = await writeResultsDir(
      ['none', 'crash'].flatMap((scenario) => [0, 1].map((seed) => ({ variant: 'baseline', scenario, replicate: seed, seed, kpis: { k: seed }, series: { price: [1, 2] } }))),
    );
    const data = readSources([d]);
    expect(data.variants).toEqual(['baseline / none', 'baseline / crash']);
    expect(data.combined.runs.every((r) => r.scenario === null)).toBe(true);
  });
});

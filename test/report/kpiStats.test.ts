import { describe, expect, it } from 'vitest';
import { compareResults } from '../../src/experiment/compare';
import { readResults } from '../../src/io/resultsDir';
import { kpiStats, zeroKpis } from '../../src/report/kpiStats';
import { writeResultsDir } from '../fixtures/resultsDir';

describe('kpiStats', () => {
  it('keeps the interval of a KPI no run has below zero above zero, lists KPIs zero in every run, and keeps the paired differences', async () => {
    const runs = [
      { variant: 'baseline', replicate: 0, seed: 0, kpis: { price: 1, change: -1, votes: 0 } },
      { variant: 'baseline', replicate: 1, seed: 1, kpis: { price: 9, change: 7, votes: 0 } },
      { variant: 'burn', replicate: 0, seed: 0, kpis: { price: 2, change: 0, votes: 0 } },
      { variant: 'burn', replicate: 1, seed: 1, kpis: { price: 12, change: 2, votes: 0 } },
      { variant: 'burn', replicate: 2, seed: 2, ok: false, kpis: { price: -50, change: 0, votes: 3 } },
    ];
    const results = readResults(await writeResultsDir(runs));
    const comparison = compareResults(results);
    expect(zeroKpis(results, results.kpiNames)).toEqual(['votes']);
    const [price, change] = kpiStats(results, comparison);
    expect(price.nonNegative).toBe(true);
    expect(price.cells.map((c) => c.interval.method)).toEqual(['log', 'log']);
    expect(price.cells[0].interval.lo).toBeCloseTo(1.9247854e-4, 10);
    expect(price.cells[1].diff).toEqual(comparison.rows[1].diff);
    expect(price.cells[1].diff!.mean).toBe(2);
    expect(change.nonNegative).toBe(false);
    expect(change.cells[0].interval.method).toBe('t');
  });
});

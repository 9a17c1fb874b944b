import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { giniOfCurve, LORENZ_GRID, lorenzCurves, lorenzTicks } from '../../src/report/lorenz';

describe('giniOfCurve', () => {
  it('is 0 on the line of equality and 1 − 1/n when one of n holders has everything', () => {
    expect(giniOfCurve([0, 1], [0, 1])).toBe(0);
    // n = 4: G = 1 − Σ Δq (L_i + L_{i−1}) = 1 − 0.25 · (0 + 0 + 0 + 1) = 0.75.
    expect(giniOfCurve([0, 0.25, 0.5, 0.75, 1], [0, 0, 0, 0, 1])).toBe(0.75);
  });
});

describe('lorenzCurves', () => {
  // Runs 0 and 1 of variant a at tick 10: run 0 through (0.5, 0.25), run 1 through (0.5, 0.5) (equality);
  // run 2 failed; tick 20 not chosen.
  const table = tableFromArrays({
    run_id: Int32Array.from([0, 0, 1, 1, 2, 2, 0, 0]),
    tick: Int32Array.from([10, 10, 10, 10, 10, 10, 20, 20]),
    class: ['all', 'all', 'all', 'all', 'all', 'all', 'all', 'all'],
    quantile: Float64Array.from([0.5, 1, 0.5, 1, 0.5, 1, 0.5, 1]),
    share: Float64Array.from([0.25, 1, 0.5, 1, 0.1, 1, 0.1, 1]),
  });
  const variantOf = (id: number) => (id < 2 ? 'a' : undefined);

  it('averages each run’s curve, closed through (0, 0) and resampled at every percentile, and its Gini coefficient', () => {
    const [c] = lorenzCurves(table, [10], variantOf);
    expect(c).toMatchObject({ variant: 'a', tick: 10, cls: 'all', runs: 2 });
    expect(c.quantile).toBe(LORENZ_GRID);
    // At q = 0.25: run 0 gives 0.125, run 1 gives 0.25; at 0.5: 0.25 and 0.5; at 0.75: 0.625 and 0.75.
    expect(c.share[25]).toBeCloseTo(0.1875, 12);
    expect(c.share[50]).toBeCloseTo(0.375, 12);
    expect(c.share[75]).toBeCloseTo(0.6875, 12);
    expect([c.share[0], c.share[100]]).toEqual([0, 1]);
    // Gini of run 0: 1 − [0.5 · 0.25 + 0.5 · 1.25] = 0.25; of run 1: 0.
    expect(c.gini).toBeCloseTo(0.125, 12);
  });

  it('lists the ticks with curves and rejects a tick without any, naming those there are', () => {
    expect(lorenzTicks(table)).toEqual([10, 20]);
    expect(() => lorenzCurves(table, [15], variantOf)).toThrow(InputError);
    expect(() => lorenzCurves(table, [15], variantOf)).toThrow('--lorenz-tick 15: lorenz.arrow has curves at ticks 10, 20');
  });
});

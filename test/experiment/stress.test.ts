import { describe, expect, it } from 'vitest';
import type { Results, RunRow } from '../../src/io/resultsDir';
import { stressTable } from '../../src/experiment/stress';

// Hand-worked: 4 seeds; unshocked final prices 1.0, 1.2, 0.9, 1.1 and crashed 0.7, 1.0, 0.5, 0.9.
// Paired d = −0.3, −0.2, −0.4, −0.2: mean −0.275, s_d = √(0.0275/3) = 0.0957427, 95% half-width
// t(0.975, 3) · s_d/2 = 3.182446 · 0.0478714 = 0.152349. CVaR 5% of 4 runs (m = 0.2 < 1) is the worst run: 0.5.
// Recovery 10, 20 (observed), 30 and 40 (censored): Kaplan–Meier S = 3/4 after 10, 2/4 after 20 → median 20.
function results(): Results {
  const runs: RunRow[] = [];
  const kpis: Record<string, number[]> = { final_price: [], stress_drawdown: [], stress_recovery_ticks: [], stress_recovery_censored: [], price_floor_breach: [] };
  const add = (scenario: string, r: number, price: number, drawdown: number, rec: number, censored: number, breach: number) => {
    runs.push({ runId: runs.length, variant: 'baseline', scenario, replicate: r, seed: 100 + r, point: 0, ok: true, params: {} });
    kpis.final_price.push(price);
    kpis.stress_drawdown.push(drawdown);
    kpis.stress_recovery_ticks.push(rec);
    kpis.stress_recovery_censored.push(censored);
    kpis.price_floor_breach.push(breach);
  };
  [1.0, 1.2, 0.9, 1.1].forEach((p, r) => add('none', r, p, 0.1, 0, 0, 0));
  [0.7, 1.0, 0.5, 0.9].forEach((p, r) => add('crash', r, p, [0.3, 0.2, 0.6, 0.3][r], [10, 20, 30, 40][r], r >= 2 ? 1 : 0, r === 2 ? 1 : 0));
  return { dir: 'hand', manifest: {}, runs, paramNames: [], kpiNames: Object.keys(kpis), kpis: Object.fromEntries(Object.entries(kpis).map(([k, v]) => [k, Float64Array.from(v)])) };
}

describe('stressTable', () => {
  it('gives the CVaR, the paired difference to the unshocked run, the median recovery and the breach share per scenario', () => {
    const t = stressTable(results())!;
    const [none, crash] = t.rows;
    expect(none.scenario).toBe('none');
    expect(none.diff).toBeNull();
    expect(none.cvarFinalPrice).toBe(0.9);
    expect(crash.meanFinalPrice).toBeCloseTo(0.775, 15);
    expect(crash.cvarFinalPrice).toBe(0.5);
    expect(crash.diff!.mean).toBeCloseTo(-0.275, 15);
    expect(crash.diff!.n).toBe(4);
    expect(crash.diff!.lo).toBeCloseTo(-0.275 - 0.152349, 5);
    expect(crash.diff!.hi).toBeCloseTo(-0.275 + 0.152349, 5);
    expect(crash.meanDrawdown).toBeCloseTo(0.35, 15);
    expect(crash.medianRecoveryTicks).toBe(20);
    expect(crash.priceBreach.probability).toBe(0.25);
    expect(crash.priceBreach.breaches).toBe(1);
    expect(crash.stakingBreach).toBeNull();
  });

  it('is null for runs without scenarios', () => {
    const r = results();
    for (const run of r.runs) run.scenario = null;
    expect(stressTable(r)).toBeNull();
  });
});

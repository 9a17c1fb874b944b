import { describe, expect, it } from 'vitest';
import { checkFacts, FACT_TARGETS, median } from '../../src/analysis/marketChecks';
import { summaries } from '../../experiments/market-facts';
import { pairedDifference } from '../../src/metrics/stats';

describe('checkFacts', () => {
  it('takes the median over runs, of |KPI| where the target says so', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNaN();
    const runs = [{ return_acf_1: -0.3 }, { return_acf_1: 0.05 }, { return_acf_1: -0.02 }];
    const [acf] = checkFacts(runs, FACT_TARGETS.slice(0, 1));
    expect(acf.median).toBeCloseTo(0.05, 12);
    expect(acf.holds).toBe(true);
    expect(acf.min).toBe(-0.3);
    expect(checkFacts([{}], FACT_TARGETS.slice(1, 2))[0].holds).toBe(false);
  });
});

describe('the baseline market', () => {
  // Eight seeds of the full year: the 20-seed figures are in docs/explanation/market.md (experiments/market-facts.ts).
  const runs = summaries(8, 365);

  it('shows the stylised facts of a crypto market and no free lunch, median per run', () => {
    for (const c of checkFacts(runs)) expect(c.holds, `${c.condition}: median ${c.median}`).toBe(true);
  });

  it('rewards a lower emission with a higher price, paired by seed', () => {
    const half = summaries(8, 365, { emission: { ratePerYear: 2_500_000 } });
    const d = pairedDifference(half.map((r) => r.final_price), runs.map((r) => r.final_price));
    expect(d.lo).toBeGreaterThan(0);
  });

  it('is deterministic: the same seed gives the same summary', () => {
    expect(summaries(1, 60)).toEqual(summaries(1, 60));
  });
});

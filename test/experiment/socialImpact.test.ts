import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare } from '../../src/experiment/compare';
import { formatComparison } from '../../src/cli/compare';
import { buildReport } from '../../src/report/writeReport';
import { ArrowFileWriter } from '../../src/io/arrowWriter';
import { fairness } from '../../src/metrics/fairness';
import { writeResultsDir } from '../fixtures/resultsDir';

// Hand-worked: 3 seeds, a baseline and a variant `v`. Class `a` (2 members, 100 USD at the start):
// the baseline ends at 110, 120, 130 (gain per member 5, 10, 15), v at 120, 132, 144 (10, 16, 22).
// Paired Δ 5, 6, 7: mean 6, s 1, 95% half-width t(0.975, 2)/√3 = 4.302653/1.732051 = 2.484138 → gains.
// Returns 0.1, 0.2, 0.3 against 0.2, 0.32, 0.44: Δ 0.1, 0.12, 0.14, mean 0.12.
// Decile d1 (1 member, nothing at the start): the baseline ends with 0, v with 1; Δ 1, 1, 1 (s 0) → gains; no return.
// Class `b` has members only in the baseline: not in both.
// top10_share_holdings 0.5 in the baseline, 0.6, 0.7, 0.8 in v: Δ mean 0.2, s 0.1, half-width 0.2484 → no clear change.
async function dir(): Promise<string> {
  const top = [0.5, 0.5, 0.5, 0.6, 0.7, 0.8];
  const d = await writeResultsDir(
    ['baseline', 'v'].flatMap((variant, k) => [0, 1, 2].map((seed) => ({ variant, replicate: seed, seed, kpis: { top10_share_holdings: top[k * 3 + seed] }, series: { price: [1, 1] } }))),
  );
  // The columns the fairness block declares for its impact table, so that this file is what a run writes.
  const w = await ArrowFileWriter.open(join(d, 'impact.arrow'), [{ name: 'run_id', kind: 'int32' }, ...fairness.spec.tables!.impact.columns]);
  const ends = [[110, 120, 130], [120, 132, 144]];
  for (let run = 0; run < 6; run++) {
    const v = run >= 3 ? 1 : 0;
    await w.writeBatch(
      {
        run_id: Int32Array.of(run, run, run),
        kind: ['class', 'class', 'decile'],
        group: ['a', 'b', 'd1'],
        agents: Int32Array.of(2, v ? 0 : 3, 1),
        start_usd: Float64Array.of(100, v ? 0 : 30, 0),
        end_usd: Float64Array.of(ends[v][run % 3], v ? 0 : 30, v),
        start_tokens: Float64Array.of(100, 30, 0),
        end_tokens: Float64Array.of(100, 30, 0),
        staking: Float64Array.of(0.5, 1, 0),
        stake_share: Float64Array.of(0.5, 0.5, 0),
      } as never,
      3,
    );
  }
  await w.close();
  return d;
}

describe('social impact', () => {
  it('gives each group’s gain per member against the baseline, paired by seed, with a verdict from its interval', async () => {
    const c = compare(await dir());
    expect(c.impact).toHaveLength(1);
    const t = c.impact![0];
    expect(t.variant).toBe('v');
    const [a, b, d1, top] = t.rows;
    expect(a.baseline).toBeCloseTo(10, 12);
    expect(a.variant).toBeCloseTo(16, 12);
    expect(a.diff!.mean).toBeCloseTo(6, 12);
    expect(a.diff!.lo).toBeCloseTo(6 - 2.484138, 5);
    expect(a.diff!.hi).toBeCloseTo(6 + 2.484138, 5);
    expect(a.returnDiff!.mean).toBeCloseTo(0.12, 12);
    expect(a.stakingDiff!.mean).toBe(0);
    expect(a.verdict).toBe('gains');
    expect(b.verdict).toBe('not in both');
    expect(b.stakingDiff).toBeNull();
    expect(d1.diff).toEqual({ mean: 1, lo: 1, hi: 1, n: 3 });
    expect(d1.returnDiff).toBeNull();
    expect(d1.verdict).toBe('gains');
    expect(top.kind).toBe('concentration');
    expect(top.diff!.mean).toBeCloseTo(0.2, 12);
    expect(top.verdict).toBe('no clear change');
  });

  it('is printed by compare (text, Markdown, JSON) and drawn by the report', async () => {
    const d = await dir();
    const c = compare(d);
    const text = formatComparison(c, 'table');
    expect(text).toContain('social impact: v vs baseline');
    expect(text).toMatch(/^a\s+class\s+2\s+10\s+16\s+6\s+\[3\.516, 8\.484\]\s+0\.12\s+0\s+gains$/m);
    expect(formatComparison(c, 'md')).toContain('**social impact: v vs baseline**');
    expect(JSON.parse(formatComparison(c, 'json')).impact[0].rows[0].verdict).toBe('gains');
    const html = await buildReport(d);
    expect(html).toContain('id="impact"');
    expect(html).toMatch(/<tr data-group="a">.*<td class="gain">gains<\/td><\/tr>/);
  });

  it('is absent without the fairness block’s impact table', async () => {
    const d = await writeResultsDir([0, 1].map((seed) => ({ variant: seed ? 'v' : 'baseline', replicate: 0, seed: 1, kpis: { k: seed }, series: { price: [1, 2] } })));
    expect(compare(d).impact).toBeNull();
    expect(await buildReport(d)).not.toContain('id="impact"');
  });
});

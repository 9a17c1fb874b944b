import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { computeSlots, MAX_RUNS } from '../../src/experiment/bounds';
import { defineExperiment } from '../../src/experiment/define';
import { agentCounts, BYTES_PER_AGENT, estimateRunMemory, WORKER_THREAD_BYTES } from '../../src/experiment/memoryEstimate';
import { planRuns } from '../../src/experiment/plan';
import { runExperiment } from '../../src/experiment/runExperiment';
import { wrapModel } from '../helpers/wrapModel';
import mini from '../fixtures/mini';

const root = mkdtempSync(join(tmpdir(), 'tokensim-bounds-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const MINI = join(__dirname, '..', 'fixtures', 'mini.ts');
const GB = 2 ** 30;

/** Returns the message planning mini with `opts` is refused with. */
function refused(opts: Parameters<typeof planRuns>[1]): string {
  try {
    planRuns(mini, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('not refused');
}

describe('bounds a user hears about before anything is allocated', () => {
  it('an agent count that cannot fit in memory is refused with the estimate', () => {
    expect(refused({ set: ['stakers.count=1000000000'] })).toMatch(
      /^run 0 \(variant "baseline"\) needs about 1\d\d GB of memory \(the governedTokenEconomy model's estimate\), but .* is available; lower stakers\.count \(1,000,000,000\), or run on a larger machine$/,
    );
  });

  it('more seeds than an experiment may plan are refused before a run is planned', () => {
    expect(refused({ seeds: 100_000_000 })).toMatch(/^--seeds 100000000: 200,000,000 runs \(2 variant\(s\) × 1 sweep point\(s\) × 100000000 seed\(s\)\) is more than the 1,000,000 one experiment may plan; /);
  });

  it('ticks beyond the int32 tick column, or whose series cannot fit, are refused', () => {
    expect(refused({ ticks: 3_000_000_000 })).toMatch(/^--ticks 3000000000: more than 2147483647 ticks \(the tick column is int32\)$/);
    expect(refused({ ticks: 2_000_000_000 })).toMatch(/needs about [\d.]+ TB of memory \(the governedTokenEconomy model's estimate\), but .* is available; lower the ticks \(2000000000\) or record a row every more ticks \(record\.every\)/);
  });

  it('a sampled sweep or a grid of more points than an experiment may plan is refused when defined', () => {
    const sweep = { kind: 'random' as const, samples: MAX_RUNS + 1, params: { 'emission.ratePerYear': { min: 1, max: 2 } } };
    expect(() => defineExperiment({ ...mini, sweep })).toThrow(/sweep \(random\): samples 1000001 is more than the 1000000 runs/);
    const values = Array.from({ length: 1001 }, (_, i) => i + 1);
    expect(() => defineExperiment({ ...mini, sweep: { kind: 'grid', params: { 'emission.ratePerYear': values, 'treasury.tokens': values } } })).toThrow(/sweep \(grid\): 1001 × 1001 = 1002001 points/);
  });

  it("uses the model's own estimate when it gives one", () => {
    const big = wrapModel(mini.model, { memoryEstimate: () => 5e15 });
    expect(estimateRunMemory(big, mini.defaults, 10, { every: 1, metrics: null })).toMatchObject({ bytes: 5e15, basis: "the governedTokenEconomy model's estimate" });
    expect(() => planRuns(defineExperiment({ ...mini, model: big }))).toThrow(/needs about 4.44 PB of memory \(the governedTokenEconomy model's estimate\), .*; lower/);
  });

  it('of a model that gives none, counts every count and candidates field of the parameters', () => {
    const counts = agentCounts(mini.defaults).map((c) => c.path).sort();
    expect(counts).toEqual(['arbitrageurs.count', 'liquidityProviders.count', 'nodeOperators.candidates', 'stakers.count', 'traders.count', 'voteBuyer.count', 'voters.count', 'voters.whales.count']);
    const m = estimateRunMemory(wrapModel(mini.model, {}), mini.defaults, 8, { every: 1, metrics: ['price'] });
    const agents = counts.reduce((s, p) => s + (p.split('.').reduce((o: any, k) => o[k], mini.defaults) as number), 0);
    expect(m).toMatchObject({ bytes: agents * BYTES_PER_AGENT + 10 * 3 * 8 + 9 * 8, seriesBytes: 10 * 3 * 8 + 9 * 8 });
  });

  it('workers are never more than the runs to do, nor more than memory holds', () => {
    expect(computeSlots(1000, 4, 1e6, null, 1e12)).toBe(4);
    const lines: string[] = [];
    expect(computeSlots(8, 100, 4 * GB, (l) => lines.push(l), 10 * GB)).toBe(2);
    expect(lines[0]).toMatch(/^running 2 run\(s\) at once instead of 8: each needs about 4 GB and a worker thread 170 MB, and 10 GB of memory is available$/);
    expect(computeSlots(8, 100, 40 * GB, null, 10 * GB)).toBe(1);
    expect(WORKER_THREAD_BYTES).toBeGreaterThan(0);
  });

  it('--workers 1000 on a few runs starts no more threads than there are runs', async () => {
    const out = await runExperiment(mini, { out: join(root, 'many-workers'), log: null, seeds: 1, workers: 1000, file: MINI });
    expect(out).toMatchObject({ status: 'complete', written: 2 });
  });
});

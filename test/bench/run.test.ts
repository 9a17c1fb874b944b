import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendResult, parseBenchArgs, planJobs, readResults, toEntry } from '../../bench/run';
import { scaledBaselineParams } from '../../bench/baseline';
import { tokenEconomy } from '../../src/models/tokenEconomy';

describe('benchmark runner', () => {
  it('runs every registered benchmark at each of its sizes when no name is given', async () => {
    const jobs = await planJobs(parseBenchArgs([]));
    expect(jobs.filter((j) => j.name === 'baseline').map((j) => j.size.agents)).toEqual([10_000, 100_000, 1_000_000]);
    expect(new Set(jobs.map((j) => j.name))).toEqual(new Set(['stake-and-trade', 'baseline', 'arrow-write', 'sweep', 'exact-swaps', 'parquet-write', 'startup']));
  });

  it('runs one benchmark once at --agents and --ticks', async () => {
    expect(await planJobs(parseBenchArgs(['baseline', '--agents', '500', '--ticks', '7']))).toEqual([{ name: 'baseline', size: { agents: 500, ticks: 7 } }]);
  });

  it('rejects an unknown benchmark or a bad size with one line naming it', () => {
    expect(() => parseBenchArgs(['nope'])).toThrow(/unknown benchmark "nope"; known: stake-and-trade/);
    expect(() => parseBenchArgs(['baseline', '--agents', '1e3x'])).toThrow('--agents must be a positive integer, got 1e3x');
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown option --fast/);
  });

  it('appends entries to results.json, one per line, with throughput, ms per tick and ratio', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'bench-')), 'results.json');
    const e = toEntry('stake-and-trade', { agents: 100, ticks: 10 }, { seconds: 0.5, work: 1000, ratio: 1.25 }, 99.6, 0.5, 'abc');
    appendResult(e, path);
    appendResult({ ...e, agents: 200 }, path);
    expect(readResults(path).map((r) => r.agents)).toEqual([100, 200]);
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(5);
    expect(e).toMatchObject({ agentStepsPerSec: 2000, msPerTick: 50, peakRssMb: 100, ratio: 1.25, commit: 'abc' });
  });

  it('reports rows per second, not agent-steps, for an I/O benchmark', () => {
    const e = toEntry('arrow-write', { agents: 1000, ticks: 10 }, { seconds: 2, work: 1000, unit: 'rows' }, 50, 0, null);
    expect(e).toMatchObject({ agentStepsPerSec: null, rowsPerSec: 500, msPerTick: null });
  });
});

describe('scaled baseline parameters', () => {
  it('keeps the agent total exact and scales the economy with it', () => {
    const p = scaledBaselineParams(43_000);
    expect(p.stakers.count + p.traders.count + p.nodeOperators.candidates).toBe(43_000);
    expect(p.traders.count).toBe(tokenEconomy.defaults.traders.count * 10);
    // 43,000 agents is ten times the default economy's 4,300.
    const d = tokenEconomy.defaults;
    expect(p.amm.tokenReserve).toBe(d.amm.tokenReserve * 10);
    expect(p.emission.ratePerYear).toBe(d.emission.ratePerYear * 10);
    expect(p.treasury.tokens).toBe(d.treasury.tokens * 10);
    expect(p.nodeOperators.initialNodes).toBe(d.nodeOperators.initialNodes * 10);
  });
});

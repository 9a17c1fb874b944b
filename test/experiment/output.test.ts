import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArrowFile, readColumns } from '../../src/io/arrowReader';
import { defineExperiment } from '../../src/experiment/define';
import { runExperiment, type ExperimentOutcome } from '../../src/experiment/runExperiment';
import { flakyModel } from '../fixtures/flaky';
import tiny from '../fixtures/tiny';

const root = mkdtempSync(join(tmpdir(), 'tokensim-out-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('output directory', () => {
  let out: ExperimentOutcome;
  beforeAll(async () => {
    out = await runExperiment(tiny, { out: join(root, 'tiny'), log: null });
  });

  it('holds a manifest with the experiment, version, seed, defaults, variants, run count and status', () => {
    const m = JSON.parse(readFileSync(join(out.dir, 'manifest.json'), 'utf8'));
    expect(m).toMatchObject({ experiment: 'tiny', tokensim: '0.1.0', baseSeed: 1, runCount: 4, status: 'complete', runsWritten: 4, runsFailed: 0 });
    expect(m.defaults.stakers.count).toBe(40);
    expect(Object.keys(m.variants)).toEqual(['baseline', 'no-burn']);
  });

  it('writes runs.arrow with one row per run and the contract columns', () => {
    const { columns, numRows } = readArrowFile(join(out.dir, 'runs.arrow'));
    expect(numRows).toBe(4);
    const types = Object.fromEntries(columns.map((c) => [c.name, c.type]));
    expect(types).toMatchObject({ run_id: 'Int32', variant: 'Utf8', replicate: 'Int32', seed: 'Uint32', status: 'Utf8', error: 'Utf8', 'feeBurn.feeShare': 'Float64' });
    const rows = readColumns(join(out.dir, 'runs.arrow'));
    expect(rows.run_id).toEqual([0, 1, 2, 3]);
    expect(rows.variant).toEqual(['baseline', 'baseline', 'no-burn', 'no-burn']);
    expect(rows['feeBurn.feeShare']).toEqual([0.5, 0.5, 0, 0]);
    expect(rows.status).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(rows.error).toEqual([null, null, null, null]);
    // Common random numbers: replicate r has the same seed in every variant.
    expect(rows.seed[0]).toBe(rows.seed[2]);
    expect(rows.seed[0]).not.toBe(rows.seed[1]);
  });

  it('writes timeseries.arrow with a row per run per recorded tick and float64 metrics', () => {
    const { columns, numRows } = readArrowFile(join(out.dir, 'timeseries.arrow'));
    expect(numRows).toBe(4 * 31);
    const names = columns.map((c) => c.name);
    for (const n of ['run_id', 'tick', 'price', 'supply', 'circulating', 'staked', 'staking_ratio', 'minted', 'burned', 'volume', 'node_count']) expect(names).toContain(n);
    for (const c of columns.slice(2)) expect(c.type).toBe('Float64');
    const rows = readColumns(join(out.dir, 'timeseries.arrow'));
    expect(rows.tick.slice(0, 3)).toEqual([0, 1, 2]);
    expect(rows.burned[31 - 1]).toBeGreaterThan(0); // baseline, replicate 0, last tick
    expect((rows.burned as number[]).slice(62).every((b) => b === 0)).toBe(true); // no-burn variant
  });

  it('writes summary.arrow with one row per run of KPIs', () => {
    const rows = readColumns(join(out.dir, 'summary.arrow'));
    expect(rows.run_id).toEqual([0, 1, 2, 3]);
    for (const k of ['final_price', 'volatility', 'max_drawdown', 'mean_staking_ratio', 'inflation', 'total_minted', 'total_burned', 'gini_holdings', 'nakamoto_stake', 'final_node_count', 'treasury_usd']) {
      expect(rows[k], k).toHaveLength(4);
      for (const v of rows[k] as number[]) expect(Number.isFinite(v), k).toBe(true);
    }
  });

  it('writes events.arrow with one row per governance event', () => {
    const { columns } = readArrowFile(join(out.dir, 'events.arrow'));
    // The ten contract columns come first; governance may add more after them.
    expect(columns.map((c) => c.name).slice(0, 10)).toEqual(['run_id', 'tick', 'kind', 'proposal_id', 'path', 'old_value', 'new_value', 'votes_for', 'votes_against', 'outcome']);
    const ev = readColumns(join(out.dir, 'events.arrow'));
    expect(ev.kind).toContain('created');
    expect(new Set(ev.run_id)).toEqual(new Set([0, 1, 2, 3]));
  });
});

describe('a failing run', () => {
  // The fixture's "boom" block throws at tick 7 when the fee is 99 bps, and fails to build at 98: only those variants fail.
  const exp = defineExperiment({ name: 'flaky', model: flakyModel, params: { stakers: { count: 10 }, traders: { count: 10 } }, variants: { ok: {}, broken: { amm: { feeBps: 99 } } }, seeds: 1, ticks: 20 });

  it('is recorded as failed with its error and tick while the other runs finish', async () => {
    const out = await runExperiment(exp, { out: join(root, 'flaky'), log: null });
    expect(out).toMatchObject({ status: 'failed', runs: 2, written: 2, failed: 1 });
    const runs = readColumns(join(out.dir, 'runs.arrow'));
    expect(runs.status).toEqual(['ok', 'failed']);
    expect(runs.error[1]).toMatch(/boom/);
    expect(runs.error_tick).toEqual([null, 7]);
    const ts = readColumns(join(out.dir, 'timeseries.arrow'));
    expect((ts.run_id as number[]).filter((r) => r === 0)).toHaveLength(21);
    expect((ts.run_id as number[]).filter((r) => r === 1)).toHaveLength(7); // ticks 0..6 recorded before the failure
    const summary = readColumns(join(out.dir, 'summary.arrow'));
    expect(summary.final_price[1]).toBeNull();
  });

  it('a run that fails to build, run 0 included, fails alone: recorded with its error at tick 0, the others written', async () => {
    const unbuildable = defineExperiment({ name: 'unbuildable', model: flakyModel, params: { stakers: { count: 10 }, traders: { count: 10 } }, variants: { unbuildable: { amm: { feeBps: 98 } }, ok: {} }, seeds: 1, ticks: 20 });
    const out = await runExperiment(unbuildable, { out: join(root, 'unbuildable'), log: null });
    expect(out).toMatchObject({ status: 'failed', runs: 2, written: 2, failed: 1 });
    const runs = readColumns(join(out.dir, 'runs.arrow'));
    expect(runs.status).toEqual(['failed', 'ok']);
    expect(runs.error[0]).toMatch(/cannot build/);
    expect(runs.error_tick).toEqual([0, null]);
    const ts = readColumns(join(out.dir, 'timeseries.arrow'));
    expect((ts.run_id as number[]).filter((r) => r === 1)).toHaveLength(21);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateParams } from '../../src/core/params';
import { fjordEstimatedSize, fjordL1Fee } from '../../src/exact/opL1Fee';
import { applyOverrides, type DeepPartial } from '../../src/experiment/define';
import { runOne } from '../../src/experiment/runOne';
import { rollupEconomy, type RollupEconomyParams } from '../../src/models/rollupEconomy';

const run = (p: RollupEconomyParams, seed: number, ticks: number) =>
  runOne(rollupEconomy, { runId: 0, variant: 'p', point: 0, replicate: 0, seed, params: p } as never, { ticks, every: 1, metrics: null, check: true });

const small = (over: DeepPartial<RollupEconomyParams>) =>
  applyOverrides(rollupEconomy.defaults, { stakers: { count: 10 }, traders: { count: 10 }, ...over }, 'test');

/** L1 prices held still (no shock, no other rollups): base fee 5 gwei, blob base fee at its 1-wei floor, tip 1 gwei, ETH $3000. */
const still = { l1Shock: { sigma: 0, persistence: 0 }, otherBlobsPerBlock: 0 };

describe("the rollup's fees", () => {
  it("charges Fjord's L1 data fee at the tick's L1 prices: 200 FastLZ bytes at 5 gwei and 1 wei is 124.7144 · (2000 · 16 · 5 gwei + 10^6) / 10^6 wei", () => {
    const r = run(small({ rollup: still }), 1, 3);
    const wei = fjordL1Fee(200n, { l1BaseFee: 5_000_000_000n, blobBaseFee: 1n, baseFeeScalar: 2000n, blobBaseFeeScalar: 1_000_000n });
    expect(wei).toBe((124_714_400n * (2000n * 16n * 5_000_000_000n + 1_000_000n)) / 10n ** 12n);
    const fee = r.series?.l1_data_fee_usd;
    expect(r.status).toBe('ok');
    expect(fee?.[fee.length - 1]).toBeCloseTo((Number(wei) / 1e18) * 3000, 15);
  });
});

describe("the sequencer's L1 costs", () => {
  it('with calldata are Σ (21,000 + 40 · bytes) · (base fee + tip) over batches, plus settlement at the base fee', () => {
    const ticks = 12;
    const r = run(small({ rollup: { ...still, dataAvailability: 'calldata' } }), 2, ticks);
    expect(r.status).toBe('ok');
    const s = r.series!;
    const sum = (name: string) => s[name].reduce((a, b) => a + b, 0);
    const bytesPerTx = Number(fjordEstimatedSize(200n)) / 1e6;
    const posted = sum('l2_tx') * bytesPerTx - s.pending_batch_bytes[s.pending_batch_bytes.length - 1];
    const gas = 21_000 * sum('batches_posted') + 40 * posted;
    const settlement = ticks * 300_000 * (600 / 3600) * 5e9;
    const expected = ((gas * 6e9 + settlement) / 1e18) * 3000;
    expect(sum('batches_posted')).toBeGreaterThan(0);
    expect(Math.abs(r.summary.sequencer_l1_cost_usd - expected)).toBeLessThanOrEqual(1e-9 * expected);
    // L1 burns the base fee part: 5 of every 6 gwei.
    expect(r.summary.l1_burned_usd).toBeCloseTo(((gas * 5e9 + settlement) / 1e18) * 3000, 9);
    // Energy: an L1 block is 300 kW · 12 s = 1 kWh, charged by gas share of 36M; the sequencer 0.5 kW · PUE 1.58 for 12 ten-minute ticks.
    const kwh = gas / 36e6 + 12 * 0.5 * 1.58 * (600 / 3600);
    expect(r.summary.energy_kwh_per_l2_tx * sum('l2_tx')).toBeCloseTo(kwh, 9);
    expect(r.summary.carbon_g_per_l2_tx).toBeCloseTo(r.summary.energy_kwh_per_l2_tx * 480, 12);
  });

  it('with blobs at the 1-wei floor are the batch transactions plus 131,072 wei a blob', () => {
    const ticks = 12;
    const r = run(small({ rollup: still }), 3, ticks);
    const s = r.series!;
    const sum = (name: string) => s[name].reduce((a, b) => a + b, 0);
    const settlement = ticks * 300_000 * (600 / 3600) * 5e9;
    const expected = ((21_000 * sum('batches_posted') * 6e9 + sum('blobs_posted') * 131_072 + settlement) / 1e18) * 3000;
    expect(sum('blobs_posted')).toBeGreaterThan(0);
    expect(Math.abs(r.summary.sequencer_l1_cost_usd - expected)).toBeLessThanOrEqual(1e-9 * expected);
    expect(r.summary.sequencer_margin_usd).toBeCloseTo(r.summary.sequencer_revenue_usd - r.summary.sequencer_l1_cost_usd, 9);
  });
});

describe('the rollup economy', () => {
  it('conserves tokens and USD every tick over its data-availability modes, forks, prices and demand (property, --check)', () => {
    const logUniform = (lo: number, hi: number) => fc.double({ min: Math.log10(lo), max: Math.log10(hi), noNaN: true }).map((e) => 10 ** e);
    let ok = 0;
    fc.assert(
      fc.property(
        fc.record({
          dataAvailability: fc.constantFrom('blobs' as const, 'calldata' as const),
          blobFork: fc.constantFrom('cancun' as const, 'prague' as const, 'osaka' as const),
          txPerSecond: logUniform(0.01, 50),
          l1BaseFeeGwei: logUniform(0.01, 1000),
          otherBlobsPerBlock: logUniform(0.01, 30),
          baseFeeScalar: fc.integer({ min: 0, max: 5_000_000 }),
          sellShare: fc.double({ min: 0, max: 1, noNaN: true }),
          usersTokens: logUniform(1, 1e7),
          tokenReserve: logUniform(1e3, 1e9),
          seed: fc.integer({ min: 0, max: 2 ** 31 }),
        }),
        (c) => {
          const p = small({
            amm: { tokenReserve: c.tokenReserve },
            rollup: { dataAvailability: c.dataAvailability, blobFork: c.blobFork, txPerSecond: c.txPerSecond, l1BaseFeeGwei: c.l1BaseFeeGwei, otherBlobsPerBlock: c.otherBlobsPerBlock, baseFeeScalar: c.baseFeeScalar, sellShare: c.sellShare, usersTokens: c.usersTokens, blobSurge: { startTick: 2, endTick: 5, multiplier: 4 } },
          });
          rollupEconomy.schema.parse(p);
          const r = run(p, c.seed, 8);
          if (r.status === 'failed') expect(r.error).toMatch(/price is|not finite/);
          else {
            ok++;
            for (const [k, v] of Object.entries(r.summary)) expect(Number.isFinite(v), k).toBe(true);
          }
        },
      ),
      { numRuns: 20, seed: 44 },
    );
    expect(ok).toBeGreaterThanOrEqual(16);
  });

  it('gives the same KPIs for the same seed', () => {
    const p = small({ rollup: { blobSurge: { startTick: 1, endTick: 3, multiplier: 5 } } });
    expect(run(p, 9, 6).summary).toEqual(run(p, 9, 6).summary);
  });

  it('refuses bad rollup parameters with one line naming the path', () => {
    const refuse = (over: object) => () => validateParams(rollupEconomy.schema, applyOverrides(rollupEconomy.defaults, over, 'test'));
    expect(refuse({ rollup: { blobFork: 'cancun', blobsPerBatch: 7 } })).toThrow(/rollup\.blobsPerBatch.*above the cancun maximum of 6/);
    expect(refuse({ rollup: { l2GasPerTx: 10_000_000_000 } })).toThrow(/rollup\.l2GasPerTx/);
    expect(refuse({ rollup: { l2GasPerSecond: 100, l2GasPerTx: 21_000 }, ticksPerYear: 1_000_000 })).toThrow(/rollup\.l2GasPerTx.*more than the L2 executes in a tick/);
    expect(refuse({ rollup: { dataAvailability: 'dac' } })).toThrow(/rollup\.dataAvailability/);
    expect(refuse({ rollup: { blobSurge: { startTick: 9, endTick: 3, multiplier: 2 } } })).toThrow(/rollup\.blobSurge\.endTick/);
  });
});

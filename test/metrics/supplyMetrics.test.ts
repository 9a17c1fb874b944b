import { describe, expect, it } from 'vitest';
import { applyOverrides } from '../../src/experiment/define';
import { runOne } from '../../src/experiment/runOne';
import { amm } from '../../src/market/amm';
import { emission } from '../../src/mechanisms/emissionBlock';
import { scheduledBurn } from '../../src/mechanisms/scheduledBurn';
import { staking } from '../../src/mechanisms/staking';
import { treasury } from '../../src/mechanisms/treasury';
import { supplyMetrics } from '../../src/metrics/supplyMetrics';
import { defineModel } from '../../src/model/defineModel';
import { buildBlocks, summarise } from '../helpers/blocks';

/**
 * A pool of 1000 tokens at $2 (2000 USD), a treasury of 9000 tokens,
 * emission of 3650 a year (10 a tick) all to the treasury, a burn of 4
 * treasury tokens every tick, and the supply metrics.
 */
const blocks = [amm, treasury, staking, emission, scheduledBurn, supplyMetrics];
const overrides = {
  amm: { tokenReserve: 1000, usdReserve: 2000, feeBps: 30 },
  treasury: { tokens: 9000, usd: 0 },
  emission: { ratePerYear: 3650, split: { stakers: 0, nodes: 0, treasury: 1, lockers: 0 } },
  scheduledBurn: { everyTicks: 1, tokens: 4, supplyShare: 0 },
};

describe('the supply metrics', () => {
  it('read supply, circulating supply, minting and burning from the ledger, genesis excluded from minted', () => {
    // Genesis 10,000 (pool 1000 + treasury 9000); each tick +10 −4. Only the pool circulates.
    const sim = buildBlocks(blocks, overrides);
    const read = Object.fromEntries(sim.metrics.map((m) => [m.name, m.read]));
    const atGenesis = [read.supply(), read.minted(), read.issuance_rate(), read.circulating()];

    sim.world.step();
    sim.world.step();

    expect(atGenesis).toEqual([10_000, 0, 0, 1000]);
    expect(read.supply()).toBeCloseTo(10_012, 9);
    expect(read.minted()).toBeCloseTo(20, 9);
    expect(read.burned()).toBe(8);
    expect([read.emission(), read.burn(), read.net_emission()].map((x) => +x.toFixed(9))).toEqual([10, 4, 6]);
    expect(read.circulating()).toBe(1000);
    expect(read.issuance_rate()).toBeCloseTo((10 * 365) / 10_012, 12);
    expect(read.net_issuance_rate()).toBeCloseTo((6 * 365) / 10_012, 12);
    expect(read.market_cap()).toBe(2 * 1000);
  });

  it('gives a market cap of 0 in a model without a market', () => {
    const sim = buildBlocks([treasury, supplyMetrics], { treasury: { tokens: 100, usd: 0 } });

    expect(sim.metrics.find((m) => m.name === 'market_cap')!.read()).toBe(0);
  });

  it('summarises final supply, realised inflation, totals, issuance means after genesis and final circulating supply', () => {
    // Supply 1000 → 1210 over two years: (1.21)^(1/2) − 1 = 10% a year.
    const sim = buildBlocks(blocks, overrides);

    const k = summarise(sim, {
      supply: [1000, 1100, 1210],
      minted: [0, 150, 260],
      burned: [0, 50, 50],
      issuance_rate: [0, 0.1, 0.3],
      net_issuance_rate: [0, 0.05, 0.15],
      circulating: [10, 20, 30],
      price: [1, 1, 1],
    }, [0, 365, 730]);

    expect(k.final_supply).toBe(1210);
    expect(k.inflation).toBeCloseTo(0.1, 12);
    expect([k.total_minted, k.total_burned]).toEqual([260, 50]);
    expect(k.mean_issuance_rate).toBeCloseTo(0.2, 15);
    expect(k.mean_net_issuance_rate).toBeCloseTo(0.1, 15);
    expect(k.final_circulating).toBe(30);
  });

  it('reports every KPI, finite, even for a run of zero ticks', () => {
    const model = defineModel({ name: 'test', blocks });
    const params = applyOverrides(model.defaults, overrides, 'test');
    model.schema.parse(params);

    const r = runOne(model, { runId: 0, variant: 'v', replicate: 0, seed: 1, params }, { ticks: 0, every: 1, metrics: null, check: true });

    expect(r.status).toBe('ok');
    expect(Object.keys(r.summary).sort()).toEqual(model.kpis.map((k) => k.name).sort());
    expect(['final_supply', 'inflation', 'total_minted', 'mean_issuance_rate', 'final_circulating'].map((n) => r.summary[n])).toEqual([10_000, 0, 0, 0, 1000]);
  });
});

import { describe, expect, it } from 'vitest';
import { rwaInvestors } from '../../agents/rwaInvestors';
import { priceShock } from '../../src/defi/priceShock';
import { realYield } from '../../src/defi/realYield';
import { rwaVault } from '../../src/defi/rwaVault';
import { applyOverrides } from '../../src/experiment/define';
import { runOne } from '../../src/experiment/runOne';
import { amm } from '../../src/market/amm';
import { defiEconomy, type DefiEconomyParams } from '../../src/models/defiEconomy';
import { buildBlocks, summarise } from '../helpers/blocks';

const metric = (sim: { metrics: readonly { name: string; read: () => number }[] }, name: string) => sim.metrics.find((m) => m.name === name)!.read();

describe('the price shock', () => {
  it('moves a constant-product price to p / (1 + s(1 − f))²: 1M tokens into a 3M-token pool is −43.75% with no fee', () => {
    const sim = buildBlocks([amm, priceShock], { amm: { tokenReserve: 3e6, usdReserve: 3e6, feeBps: 0 }, priceShock: { tokens: 1e6, sells: true, atTick: 2 } });
    sim.world.step();
    expect(sim.pool.price).toBe(1);
    sim.world.step();
    expect(sim.pool.price).toBeCloseTo(1 / (1 + 1 / 3) ** 2, 14);
    expect(metric(sim, 'shock_sold')).toBe(1e6);
  });

  it('sells nothing when `sells` is false (the counterfactual keeps the same supply)', () => {
    const sim = buildBlocks([amm, priceShock], { amm: { tokenReserve: 3e6, usdReserve: 3e6, feeBps: 0 }, priceShock: { tokens: 1e6, sells: false, atTick: 2 } });
    const supply = sim.world.ledger.supply;
    for (let t = 0; t < 3; t++) sim.world.step();
    expect(sim.pool.price).toBe(1);
    expect(sim.world.ledger.supply).toBe(supply);
  });

  it('measures the drawdown and price change over its window against the price at atTick − 1', () => {
    const sim = buildBlocks([amm, priceShock], { priceShock: { tokens: 1, sells: true, atTick: 2, windowTicks: 2 } });
    // Rows 0..5; the window is ticks 2..4 against tick 1 (price 2): low 1.2, end 1.5.
    const kpis = summarise(sim, { price: [2, 2, 1.2, 1.4, 1.5, 0.5] }, [0, 1, 2, 3, 4, 5]);
    expect(kpis.shock_drawdown).toBeCloseTo(1 - 1.2 / 2, 15);
    expect(kpis.shock_price_change).toBeCloseTo(1.5 / 2 - 1, 15);
  });
});

describe('real yield', () => {
  it("counts the RWA fund's yield net of its fee as real: 6,000 USD at 5% − 0.15% is 6,000 · 0.0485 / 365 a tick", () => {
    const sim = buildBlocks([amm, rwaVault, rwaInvestors, realYield], {
      rwaVault: { pool: { units: 1000, feeBps: 0 }, yieldPerYear: 0.05, feePerYear: 0.0015 },
      rwaInvestors: { count: 10, initialWealthUsd: { dist: 'constant', value: 1000 }, targetShare: { dist: 'constant', value: 0.5 }, qualifiedShare: 0, informedShare: 0, activity: 0 },
    });
    sim.world.step();
    expect(metric(sim, 'real_yield_usd_rwa')).toBeCloseTo((6000 * 0.0485) / 365, 10);
    expect(metric(sim, 'emission_yield_usd')).toBe(0);
    expect(metric(sim, 'real_yield_share')).toBe(1);
  });

  it("splits the DeFi economy's yield into real and emission-funded: staking rewards are minted, so staking's real share is 0 and the LST's follows it", () => {
    const params = applyOverrides<DefiEconomyParams>(defiEconomy.defaults, { stakers: { count: 20 }, traders: { count: 20 }, depositors: { count: 20 }, borrowers: { count: 20 }, lstStakers: { count: 20 }, rwaInvestors: { count: 20 } }, 'test');
    const r = runOne(defiEconomy, { runId: 0, variant: 'p', point: 0, replicate: 0, seed: 5, params } as never, { ticks: 20, every: 1, metrics: null, check: true });
    expect(r.status).toBe('ok');
    expect(r.summary.real_yield_share_staking).toBe(0);
    expect(r.summary.real_yield_share_lst).toBe(0);
    expect(r.summary.real_yield_share_lending).toBe(1);
    expect(r.summary.total_emission_yield_usd).toBeGreaterThan(0);
    const s = r.series;
    for (let k = 0; k < s.real_yield_usd.length; k++) {
      const parts = s.real_yield_usd_staking[k] + s.real_yield_usd_lending[k] + s.real_yield_usd_rwa[k] + s.real_yield_usd_amm[k];
      expect(s.real_yield_usd[k]).toBeCloseTo(parts, 6);
    }
  });
});

describe('the DeFi footprint', () => {
  it("allocates the chain's consensus energy by gas weight: DeFi energy = E · Σ w n / (n_chain + swaps + Σ w n), and triples a lending action's share at weight 3", () => {
    const base = applyOverrides<DefiEconomyParams>(defiEconomy.defaults, { stakers: { count: 20 }, traders: { count: 20 }, depositors: { count: 20 }, borrowers: { count: 20 }, lstStakers: { count: 20 }, rwaInvestors: { count: 20 } }, 'test');
    const run = (params: DefiEconomyParams) => runOne(defiEconomy, { runId: 0, variant: 'p', point: 0, replicate: 0, seed: 5, params } as never, { ticks: 10, every: 1, metrics: null, check: false });
    const one = run(base);
    const three = run(applyOverrides<DefiEconomyParams>(base, { defiFootprint: { lending: 3, liquidStaking: 0, rwa: 0, swap: 0 } }, 'test'));
    const lendingOnly = run(applyOverrides<DefiEconomyParams>(base, { defiFootprint: { lending: 1, liquidStaking: 0, rwa: 0, swap: 0 } }, 'test'));
    // The weights change only the allocation, not the run: the same actions and chain energy every tick.
    expect(Array.from(three.series.defi_actions)).toEqual(Array.from(one.series.defi_actions));
    // With lending weight w and n lending actions among N other transactions: e_w = E · w n / (N + w n), so
    // 3 / e_3 − 1 / e_1 = 2 / E: the chain's consensus energy that tick, recovered from the two allocations.
    let checked = 0;
    for (let k = 1; k < one.series.defi_actions.length; k++) {
      const e1 = lendingOnly.series.defi_energy_kwh[k];
      const e3 = three.series.defi_energy_kwh[k];
      if (!(e1 > 0)) continue;
      expect(2 / (3 / e3 - 1 / e1)).toBeCloseTo(one.series.consensus_energy_kwh[k], 6);
      expect(one.series.defi_energy_kwh[k]).toBeGreaterThanOrEqual(e1);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
    expect(one.summary.defi_energy_kwh_per_action).toBeGreaterThan(0);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { servicePresets } from '../../src/mechanisms/serviceMarket';
import { runOne } from '../../src/experiment/runOne';
import { depinNetwork, presetOperators } from '../../src/models/depinNetwork';
import { summarise } from '../helpers/blocks';
import { smallNetwork } from './depinHelpers';

/** A small random configuration of the DePIN network (every mechanism and class on). */
const configArb = fc.record({
  seed: fc.nat(),
  model: fc.constantFrom('fixedEmission', 'utilisation', 'burnAndMint', 'hybrid' as const),
  consensus: fc.constantFrom('pow', 'pos', 'purePos', 'hybrid' as const),
  adoption: fc.constantFrom('logistic', 'bass' as const),
  shockSd: fc.double({ min: 0, max: 0.5, noNaN: true }),
  ratePerYear: fc.double({ min: 0, max: 5e6, noNaN: true }),
  netCap: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: null }),
  consensusReward: fc.double({ min: 0, max: 5e6, noNaN: true }),
  feeBps: fc.integer({ min: 0, max: 300 }),
  candidates: fc.integer({ min: 0, max: 40 }),
  stakers: fc.integer({ min: 0, max: 30 }),
  traders: fc.integer({ min: 0, max: 30 }),
  maxUnits: fc.integer({ min: 1, max: 4 }),
  downtime: fc.double({ min: 0, max: 0.5, noNaN: true }),
  collateral: fc.double({ min: 0, max: 5000, noNaN: true }),
  slashShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
  renewableShare: fc.double({ min: 0, max: 1, noNaN: true }),
  offsetShare: fc.double({ min: 0, max: 1, noNaN: true }),
  carbonPrice: fc.double({ min: 0, max: 300, noNaN: true }),
  multiplier: fc.double({ min: 0, max: 3, noNaN: true }),
  activation: fc.constantFrom('index', 'shuffle' as const),
});

type Config = typeof configArb extends fc.Arbitrary<infer T> ? T : never;

function build(c: Config, check: boolean) {
  return smallNetwork(
    {
      activation: c.activation,
      amm: { feeBps: c.feeBps },
      service: { adoption: c.adoption, shockSd: c.shockSd },
      depinRewards: { model: c.model, emission: { ratePerYear: c.ratePerYear }, netEmissionCapPerYear: c.netCap },
      consensus: { kind: c.consensus, rewardPerYear: c.consensusReward },
      green: { renewableMultiplier: c.multiplier, offsetMultiplier: c.multiplier, carbonPriceUsdPerTonne: c.carbonPrice },
      stakers: { count: c.stakers },
      traders: { count: c.traders, activity: 0.5 },
      nodeOperators: {
        candidates: c.candidates,
        initialNodes: Math.floor(c.candidates / 2),
        considerProbability: 0.3,
        maxUnits: c.maxUnits,
        downtime: { dist: 'uniform', min: 0, max: c.downtime },
        collateralTokens: c.collateral,
        slashShare: c.slashShare,
        renewableShare: c.renewableShare,
        offsetShare: c.offsetShare,
      },
    },
    c.seed,
    check,
  );
}

describe('DePIN network', () => {
  it('conserves tokens and USD at the end of every tick across random configurations', () => {
    fc.assert(
      fc.property(configArb, (c) => {
        const net = build(c, true);
        net.world.ledger.check(0);
        // check: true makes every step assert minted − burned = Σ holdings and the USD balance.
        for (let t = 0; t < 40; t++) net.world.step();
        const l = net.world.ledger;
        expect(Math.abs(l.totalTokenHoldings() - l.supply)).toBeLessThanOrEqual(1e-9 * l.minted);
      }),
      { numRuns: 40 },
    );
  });

  it('never serves more than capacity or demand, and keeps balances and collateral non-negative', () => {
    fc.assert(
      fc.property(configArb, (c) => {
        const net = build(c, false);
        for (let t = 0; t < 40; t++) {
          net.world.step();
          const m = net.service;
          expect(m.served).toBeLessThanOrEqual(m.demand);
          expect(m.served).toBeLessThanOrEqual(m.capacity);
          // The market serves with the capacity of the nodes that were up when it served.
          expect(m.capacity).toBe(net.depinRewards.byServed.upCapacity);
          expect(m.utilisation).toBeLessThanOrEqual(1);
        }
        const pop = net.nodeOperators.population;
        for (let i = 0; i < pop.size; i++) {
          expect(pop.cols.tokens[i]).toBeGreaterThanOrEqual(-1e-9);
          expect(pop.cols.usd[i]).toBeGreaterThanOrEqual(-1e-9);
          expect(pop.cols.collateral[i]).toBeGreaterThanOrEqual(-1e-9);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('gives the same timeseries for the same seed', () => {
    const read = () => {
      const net = smallNetwork({ nodeOperators: { downtime: { dist: 'uniform', min: 0, max: 0.2 } } }, 99);
      const rows: number[] = [];
      for (let t = 0; t < 30; t++) {
        net.world.step();
        for (const m of net.metrics) rows.push(m.read());
      }
      return rows;
    };
    expect(read()).toEqual(read());
  });

  it('records energy and carbon per tick consistent with their parts and with transactions', () => {
    const net = smallNetwork({});
    for (let t = 0; t < 20; t++) net.world.step();
    const m = Object.fromEntries(net.metrics.map((x) => [x.name, x.read()]));
    expect(m.energy_kwh).toBeCloseTo(m.consensus_energy_kwh + m.hardware_energy_kwh, 9);
    expect(m.carbon_kg).toBeCloseTo(m.consensus_carbon_kg + m.hardware_carbon_kg, 9);
    expect(m.energy_kwh_per_tx).toBeCloseTo(m.consensus_energy_kwh / m.transactions, 12);
    // Consensus runs on the world-average grid: 480 g/kWh.
    expect(m.consensus_carbon_kg).toBeCloseTo((m.consensus_energy_kwh * 480) / 1000, 9);
    expect(m.hardware_energy_kwh).toBeGreaterThan(0);
    expect(m.carbon_net_kg).toBeLessThanOrEqual(m.carbon_kg + 1e-9);
  });
});

describe('service presets in the network', () => {
  it.each(['storage', 'wireless'] as const)('%s runs with its own hardware, conserving tokens, serving within capacity', (name) => {
    const preset = servicePresets[name];
    const net = smallNetwork({ service: preset.market, nodeOperators: presetOperators(preset) });
    for (let t = 0; t < 60; t++) {
      net.world.step();
      expect(net.service.served).toBeLessThanOrEqual(Math.min(net.service.demand, net.service.capacity));
    }
    expect(net.nodeOperators.nodeCount).toBeGreaterThan(0);
    // Per unit of capacity a storage box or hotspot uses far less power than a GPU.
    const kwhPerCapacity = net.nodeOperators.energyKwh / net.service.capacity;
    expect(kwhPerCapacity).toBeLessThan(0.6 * (servicePresets.gpuInference.node.energyKwhPerTick / servicePresets.gpuInference.node.capacityPerUnit));
  });
});

describe('the DePIN network summary', () => {
  it('turns recorded flows into per-year and per-transaction figures', () => {
    // Two rows after genesis covering 365 daily ticks (one year): 1,000 + 3,000 kWh of consensus energy.
    const net = smallNetwork({});
    const k = summarise(net, {
      served: [0, 50, 150],
      demand: [0, 100, 200],
      utilisation: [0, 0.5, 0.75],
      capacity: [0, 100, 200],
      energy_kwh: [0, 1500, 4500],
      consensus_energy_kwh: [0, 1000, 3000],
      hardware_energy_kwh: [0, 500, 1500],
      consensus_carbon_kg: [0, 480, 1440],
      hardware_carbon_kg: [0, 100, 300],
      carbon_kg: [0, 580, 1740],
      carbon_net_kg: [0, 500, 1500],
      renewable_kwh: [0, 100, 400],
      transactions: [0, 10_000, 30_000],
      operator_mint: [0, 10, 30],
      usage_burn: [0, 5, 5],
      price: [1, 1, 1],
    }, [0, 200, 365]);

    expect(k.consensus_energy_mwh_per_year).toBeCloseTo(4, 12);
    expect(k.energy_mwh_per_year).toBeCloseTo(6, 12);
    expect(k.carbon_t_per_year).toBeCloseTo(2.32, 12);
    expect(k.carbon_net_t_per_year).toBeCloseTo(2, 12);
    expect(k.energy_kwh_per_tx).toBeCloseTo(4000 / 40_000, 12);
    expect(k.carbon_kg_per_tx).toBeCloseTo(1920 / 40_000, 12);
    expect(k.hardware_g_per_kwh).toBeCloseTo((400 * 1000) / 2000, 9);
    expect(k.renewable_share).toBeCloseTo(0.25, 12);
    expect(k.served_share).toBeCloseTo(200 / 300, 12);
    expect(k.mean_utilisation).toBeCloseTo(0.625, 12);
    expect(k.final_capacity_to_demand).toBe(1);
    expect(k.operator_net_emission_per_year).toBe(30);
  });

  it('reports zero flows at tick 0 and finite KPIs for a run of the model', () => {
    const d = depinNetwork.defaults;
    const params = { ...d, stakers: { ...d.stakers, count: 20 }, traders: { ...d.traders, count: 20 } };
    const r = runOne(depinNetwork, { runId: 0, variant: 'x', replicate: 0, seed: 1, params }, { ticks: 30, every: 5, metrics: null, check: true });

    expect(r.status).toBe('ok');
    for (const name of ['emission', 'burn', 'net_emission', 'energy_kwh', 'transactions', 'revenue_usd']) expect(r.series[name][0]).toBe(0);
    for (const [name, v] of Object.entries(r.summary)) expect(Number.isFinite(v), name).toBe(true);
    expect(r.summary.energy_mwh_per_year).toBeGreaterThan(0);
  });
});

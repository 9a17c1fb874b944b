import { describe, expect, it } from 'vitest';
import { runOne } from '../../src/experiment/runOne';
import { depinNetwork, depinNetworkDefaults } from '../../src/models/depinNetwork';
import { depinSummary } from '../../src/metrics/depinSummary';

describe('DePIN summary', () => {
  it('turns recorded flows into per-year and per-transaction figures', () => {
    // Two rows after genesis covering 365 daily ticks (one year): 1,000 + 3,000 kWh of consensus energy.
    const ticks = Int32Array.from([0, 200, 365]);
    const s = (a: number[]) => Float64Array.from(a);
    const series: Record<string, Float64Array> = {
      served: s([0, 50, 150]),
      demand: s([0, 100, 200]),
      utilisation: s([0, 0.5, 0.75]),
      capacity: s([0, 100, 200]),
      energy_kwh: s([0, 1500, 4500]),
      consensus_energy_kwh: s([0, 1000, 3000]),
      hardware_energy_kwh: s([0, 500, 1500]),
      consensus_carbon_kg: s([0, 480, 1440]),
      hardware_carbon_kg: s([0, 100, 300]),
      carbon_kg: s([0, 580, 1740]),
      carbon_net_kg: s([0, 500, 1500]),
      renewable_kwh: s([0, 100, 400]),
      transactions: s([0, 10_000, 30_000]),
      net_emission: s([0, 10, 20]),
    };
    const k = depinSummary({ world: { ticksPerYear: 365 } as never }, series, ticks);
    expect(k.consensus_energy_mwh_per_year).toBeCloseTo(4, 12);
    expect(k.energy_mwh_per_year).toBeCloseTo(6, 12);
    expect(k.carbon_t_per_year).toBeCloseTo(2.32, 12);
    expect(k.energy_kwh_per_tx).toBeCloseTo(4000 / 40_000, 12);
    expect(k.carbon_kg_per_tx).toBeCloseTo(1920 / 40_000, 12);
    expect(k.hardware_g_per_kwh).toBeCloseTo((400 * 1000) / 2000, 9);
    expect(k.renewable_share).toBeCloseTo(0.25, 12);
    expect(k.served_share).toBeCloseTo(200 / 300, 12);
    expect(k.final_capacity_to_demand).toBe(1);
    expect(k.net_emission_per_year).toBe(30);
  });

  it('reports zero flows at tick 0 and finite KPIs for a run of the model', () => {
    const r = runOne(
      depinNetwork,
      { runId: 0, variant: 'x', replicate: 0, seed: 1, params: { ...depinNetworkDefaults, stakers: { ...depinNetworkDefaults.stakers, count: 20 }, traders: { ...depinNetworkDefaults.traders, count: 20 } } },
      { ticks: 30, every: 5, metrics: null, check: true },
    );
    expect(r.status).toBe('ok');
    for (const name of ['emission', 'burn', 'net_emission', 'energy_kwh', 'transactions', 'revenue_usd']) expect(r.series[name][0]).toBe(0);
    for (const [name, v] of Object.entries(r.summary)) expect(Number.isFinite(v), name).toBe(true);
    expect(r.summary.energy_mwh_per_year).toBeGreaterThan(0);
  });
});

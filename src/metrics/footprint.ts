import { defineBlock } from '../core/block';
import { consensus } from '../mechanisms/consensusRewards';
import { spanYears, total } from './series';
import { nodeOperators } from '../../agents/nodeOperators';

/**
 * The network's energy and carbon footprint: consensus and node hardware
 * together, before and after offsets, and the carbon fees paid.
 */
export const footprint = defineBlock({
  key: 'footprint',
  kind: 'metrics',
  description: "energy and carbon of consensus and node hardware together, before and after offsets",
  uses: { consensus, nodeOperators },
  metrics: {
    energy_kwh: { unit: 'kWh', kind: 'flow', description: 'consensus plus node-hardware electricity since the previous row' },
    carbon_kg: { unit: 'kg CO2', kind: 'flow', description: 'consensus plus node-hardware CO2 since the previous row' },
    carbon_net_kg: { unit: 'kg CO2', kind: 'flow', description: 'CO2 after operators\' offsets since the previous row' },
    carbon_fees_usd: { unit: 'USD', kind: 'flow', description: 'carbon fees paid by operators and miners since the previous row' },
  },
  kpis: {
    energy_mwh_per_year: { unit: 'MWh/year', description: 'electricity per year' },
    carbon_t_per_year: { unit: 't CO2/year', description: 'CO2 per year before offsets' },
    carbon_net_t_per_year: { unit: 't CO2/year', description: 'CO2 per year after offsets' },
    carbon_fees_usd: { unit: 'USD', description: 'carbon fees over the run' },
  },
  build(ctx) {
    const c = ctx.deps.consensus;
    const n = ctx.deps.nodeOperators;
    return {
      api: undefined,
      metrics: {
        energy_kwh: () => (c?.energy.energyKwh ?? 0) + (n?.energyKwh ?? 0),
        carbon_kg: () => (c?.carbonKg ?? 0) + (n?.carbonKg ?? 0),
        carbon_net_kg: () => (c?.carbonKg ?? 0) + (n?.carbonNetKg ?? 0),
        carbon_fees_usd: () => (n?.carbonFeesUsd ?? 0) + (c?.carbonFeesUsd ?? 0),
      },
      summary: ({ series, ticks, world }) => {
        const years = spanYears(ticks, world.ticksPerYear);
        const perYear = (x: number) => (years > 0 ? x / years : 0);
        return {
          energy_mwh_per_year: perYear(total(series, 'energy_kwh') / 1000),
          carbon_t_per_year: perYear(total(series, 'carbon_kg') / 1000),
          carbon_net_t_per_year: perYear(total(series, 'carbon_net_kg') / 1000),
          carbon_fees_usd: total(series, 'carbon_fees_usd'),
        };
      },
    };
  },
});

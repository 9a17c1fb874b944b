import type { World } from '../core/world';
import { mean } from './stats';
import { seriesKpis } from './summary';

/** Returns Σ of a recorded flow over every row after tick 0 (row 0 is the initial state, not a tick). */
function total(series: Record<string, Float64Array>, name: string): number {
  const s = series[name];
  if (!s) return NaN;
  let t = 0;
  for (let i = 1; i < s.length; i++) t += s[i];
  return t;
}

/**
 * Returns the DePIN network KPIs: `seriesKpis` (price, supply, inflation,
 * node count, ...) plus
 * - service: `served_share` (Σ served / Σ demand over recorded rows),
 *   `mean_utilisation`, `final_capacity_to_demand`, `total_revenue_usd`;
 * - tokens: `net_emission_per_year` (all mints − all burns), `total_usage_burn`,
 *   `total_operator_mint`, `operator_net_emission_per_year` (operators' mint − usage burn);
 * - energy and carbon per year: `energy_mwh_per_year`, `carbon_t_per_year`,
 *   `carbon_net_t_per_year` (after offsets), and the same split into
 *   `consensus_…` and `hardware_…`;
 * - per transaction (consensus only, as chains are compared):
 *   `energy_kwh_per_tx`, `carbon_kg_per_tx` = Σ consensus kWh (kg) / Σ transactions;
 * - hardware: `hardware_g_per_kwh` (CO2 intensity of the nodes' electricity),
 *   `renewable_share` (of their kWh);
 * - policy: `carbon_fees_usd`, `offsets_usd`, `total_slashed`.
 */
export function depinSummary(network: { world: World<any> }, series: Record<string, Float64Array>, ticks: Int32Array): Record<string, number> {
  const tpy = network.world.ticksPerYear;
  const out = seriesKpis(series, ticks, tpy);
  const n = ticks.length;
  if (n === 0) return out;
  const years = (ticks[n - 1] - ticks[0]) / tpy;
  const perYear = (x: number) => (years > 0 ? x / years : NaN);
  const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
  const last = (name: string) => series[name][n - 1];

  let served = 0;
  let demand = 0;
  for (let i = 1; i < n; i++) {
    served += series.served[i];
    demand += series.demand[i];
  }
  out.served_share = ratio(served, demand);
  out.mean_utilisation = mean(series.utilisation.subarray(1));
  out.final_capacity_to_demand = ratio(last('capacity'), last('demand'));
  out.total_revenue_usd = total(series, 'revenue_usd');
  out.net_emission_per_year = perYear(total(series, 'net_emission'));
  out.total_usage_burn = total(series, 'usage_burn');
  out.total_operator_mint = total(series, 'operator_mint');
  out.operator_net_emission_per_year = perYear(out.total_operator_mint - out.total_usage_burn);

  const energy = total(series, 'energy_kwh');
  const consensusEnergy = total(series, 'consensus_energy_kwh');
  const hardwareEnergy = total(series, 'hardware_energy_kwh');
  const consensusCarbon = total(series, 'consensus_carbon_kg');
  const hardwareCarbon = total(series, 'hardware_carbon_kg');
  const tx = total(series, 'transactions');
  out.energy_mwh_per_year = perYear(energy / 1000);
  out.carbon_t_per_year = perYear(total(series, 'carbon_kg') / 1000);
  out.carbon_net_t_per_year = perYear(total(series, 'carbon_net_kg') / 1000);
  out.consensus_energy_mwh_per_year = perYear(consensusEnergy / 1000);
  out.consensus_carbon_t_per_year = perYear(consensusCarbon / 1000);
  out.hardware_energy_mwh_per_year = perYear(hardwareEnergy / 1000);
  out.hardware_carbon_t_per_year = perYear(hardwareCarbon / 1000);
  out.energy_kwh_per_tx = ratio(consensusEnergy, tx);
  out.carbon_kg_per_tx = ratio(consensusCarbon, tx);
  out.hardware_g_per_kwh = ratio(hardwareCarbon * 1000, hardwareEnergy);
  out.renewable_share = ratio(total(series, 'renewable_kwh'), hardwareEnergy);
  out.carbon_fees_usd = total(series, 'carbon_fees_usd');
  out.offsets_usd = total(series, 'offsets_usd');
  out.total_slashed = total(series, 'slashed');
  out.final_capacity = last('capacity');
  out.final_demand = last('demand');
  return out;
}

import { z } from '../core/zod';
import { defineBlock } from '../core/block';

/** Parameters of the policy-window KPIs. */
export const policyWindowParamsSchema = z
  .object({
    /** First tick of the window the KPIs are computed over (a policy's start tick). */
    fromTick: z.number().int().min(0),
  })
  .strict();
export type PolicyWindowParams = z.infer<typeof policyWindowParamsSchema>;

/**
 * Returns Σ series[k] over the rows with tick ≥ from (flows), and the
 * number of those rows.
 */
function windowSum(series: Float64Array | undefined, ticks: Int32Array, from: number): [number, number] {
  if (!series) return [0, 0];
  let s = 0;
  let n = 0;
  for (let k = 0; k < ticks.length; k++) {
    if (ticks[k] < from) continue;
    s += series[k];
    n++;
  }
  return [s, n];
}

/**
 * KPIs of the DePIN operators and the market over the ticks from
 * `fromTick` on (a policy's time in force), so that what came before a
 * policy does not dilute its effect: CO2 per year of the operators'
 * hardware (after any green power bought for a policy, before voluntary
 * offsets) = Σ kg / 1000 / (rows / ticksPerYear); the renewable share of
 * their electricity, Σ renewable kWh / Σ kWh; the mean nodes online and the
 * mean token price. Reads recorded metrics only (record every tick for
 * exact sums); moves no money.
 */
export const policyWindow = defineBlock({
  key: 'policyWindow',
  kind: 'metrics',
  description: "KPIs over the ticks from a policy's start: operators' CO2 per year, renewable share, mean nodes online, mean price",
  params: { schema: policyWindowParamsSchema, defaults: { fromTick: 0 } },
  kpis: {
    window_carbon_t_per_year: { unit: 't CO2/year', description: "operators' hardware CO2 per year from fromTick" },
    window_renewable_share: { unit: 'share', description: "renewable share of operators' electricity from fromTick" },
    window_mean_node_count: { unit: 'nodes', description: 'mean nodes online from fromTick' },
    window_mean_price: { unit: 'USD/token', description: 'mean token price from fromTick' },
  },
  build(ctx) {
    return {
      api: undefined,
      summary: ({ series, ticks, world }) => {
        const from = ctx.params().fromTick;
        const [kg, rows] = windowSum(series.hardware_carbon_kg, ticks, from);
        const [kwh] = windowSum(series.hardware_energy_kwh, ticks, from);
        const [green] = windowSum(series.renewable_kwh, ticks, from);
        const [nodes] = windowSum(series.node_count, ticks, from);
        const [price] = windowSum(series.price, ticks, from);
        const years = rows / world.ticksPerYear;
        return {
          window_carbon_t_per_year: years > 0 ? kg / 1000 / years : 0,
          window_renewable_share: kwh > 0 ? green / kwh : 0,
          window_mean_node_count: rows > 0 ? nodes / rows : 0,
          window_mean_price: rows > 0 ? price / rows : 0,
        };
      },
    };
  },
});

import type { Model, Simulation } from '../experiment/model';

/**
 * Returns `model` with extra summary KPIs: `kpis(params, series, ticks,
 * sim)` is called after the model's own summary and its columns are added
 * to `summary.arrow` (an existing name is overwritten). For experiments
 * that compare a run with an analytic benchmark (a closed-form equilibrium,
 * an equation-of-exchange valuation) without changing the model.
 */
export function withKpis<P extends object>(
  model: Model<P>,
  kpis: (params: P, series: Record<string, Float64Array>, ticks: Int32Array, sim: Simulation) => Record<string, number>,
): Model<P> {
  return {
    ...model,
    build(params, opts) {
      const sim = model.build(params, opts);
      return { ...sim, summary: (series, ticks) => ({ ...sim.summary(series, ticks), ...kpis(params, series, ticks, sim) }) };
    },
  };
}

import type { z } from 'zod';
import type { World } from '../core/world';
import type { ColumnData, ColumnSpec } from '../io/arrowWriter';

/**
 * An extra per-run table (e.g. governance events), written as
 * `<name>.arrow` with `run_id` (int32) before the declared columns.
 */
export interface RunTable {
  /** File name without `.arrow`; snake_case. */
  readonly name: string;
  readonly columns: ColumnSpec[];
  /** Returns the run's rows, column-wise (called once, when the run ends). */
  collect(): { data: Record<string, ColumnData>; length: number };
}

/**
 * A per-tick metric of a run. `level` metrics are read at each recorded
 * tick; `flow` metrics are read every tick and summed over the recording
 * interval (so a recorded `volume` is the volume since the previous row).
 */
export interface Metric {
  /** snake_case column name in `timeseries.arrow`. */
  readonly name: string;
  readonly kind: 'level' | 'flow';
  /**
   * An O(N log N) level metric (a Gini, a Nakamoto coefficient): read only
   * every `record.sampleEvery` ticks, its last sample held in the rows between.
   */
  readonly sampled?: boolean;
  read(): number;
}

/** What a model's `build` returns: a ready world and how to observe it. */
export interface Simulation {
  readonly world: World<any>;
  readonly metrics: Metric[];
  /**
   * Returns the run's summary KPIs (one float64 column each in
   * `summary.arrow`) from its recorded timeseries and final state.
   */
  summary(series: Record<string, Float64Array>, ticks: Int32Array): Record<string, number>;
  /** Extra per-run tables, each its own file. */
  readonly tables?: RunTable[];
}

/** Options every build receives from the runner. */
export interface BuildOptions {
  seed: number;
  check: boolean;
}

/**
 * A model: a typed parameter schema with defaults for every parameter, and a
 * `build` that turns validated parameters and a seed into a `Simulation`.
 */
export interface Model<P extends object> {
  readonly name: string;
  readonly schema: z.ZodType<P>;
  readonly defaults: P;
  build(params: P, opts: BuildOptions): Simulation;
  /** Returns an estimate of one run's peak memory, in bytes, before anything is allocated. */
  memoryEstimate?(params: P, ticks: number): number;
}

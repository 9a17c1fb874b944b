import type { z } from 'zod';
import type { World } from '../core/world';
import type { Route } from '../core/route';
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

/** What a column of `timeseries.arrow` or `summary.arrow` means: its unit, one line, and the block that declares it. */
export interface ColumnInfo {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
  /** Key of the block that declares it. */
  readonly block: string;
}

/** A declared metric: a `ColumnInfo` with its kind. */
export interface MetricInfo extends ColumnInfo {
  readonly kind: 'level' | 'flow';
  readonly sampled: boolean;
}

/** A declared extra table: its name, columns and what it holds. */
export interface TableInfo {
  readonly name: string;
  readonly description: string;
  readonly columns: ColumnSpec[];
  readonly block: string;
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
  /** The ledger's routes, whose per-tick totals become `flows.arrow` (when the model writes flows). */
  readonly routes?: readonly Route[];
}

/** Options every build receives from the runner. */
export interface BuildOptions {
  seed: number;
  check: boolean;
}

/**
 * A model: a typed parameter schema with defaults for every parameter, the
 * columns it writes (declared, so no run is needed to know them), and a
 * `build` that turns validated parameters and a seed into a `Simulation`.
 */
export interface Model<P extends object> {
  readonly name: string;
  readonly schema: z.ZodType<P>;
  readonly defaults: P;
  /** Every metric the model can record, in column order. */
  readonly metrics: readonly MetricInfo[];
  /** Every KPI of `summary.arrow`, in column order. */
  readonly kpis: readonly ColumnInfo[];
  /** The extra tables, in file order (`flows` included when the model writes flows). */
  readonly tables: readonly TableInfo[];
  build(params: P, opts: BuildOptions): Simulation;
  /** Returns an estimate of one run's peak memory, in bytes, before anything is allocated. */
  memoryEstimate?(params: P, ticks: number): number;
}

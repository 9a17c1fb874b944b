import { InputError, RunError } from '../core/errors';
import { Recorder } from '../metrics/recorder';
import { DEFAULT_SAMPLE_EVERY } from './define';
import type { ColumnData } from '../io/arrowWriter';
import { assertPositivePrice } from './priceCheck';
import type { Metric, Model, Simulation } from './model';
import type { RunSpec } from './plan';

/** The outcome of one run, ready to be written. */
export interface RunResult {
  runId: number;
  status: 'ok' | 'failed';
  error: string | null;
  /** Tick at which the run failed, or null. */
  errorTick: number | null;
  ticks: Int32Array;
  /** Metric name → recorded column (rows up to the failure for a failed run). */
  series: Record<string, Float64Array>;
  /** KPI name → value (empty for a failed run). */
  summary: Record<string, number>;
  /** Extra table name → the run's rows (rows up to the failure for a failed run). */
  tables: Record<string, { data: Record<string, ColumnData>; length: number }>;
}

/** Options of a single run. */
export interface RunOptions {
  ticks: number;
  every: number;
  /** Ticks between samples of O(N log N) metrics; default `DEFAULT_SAMPLE_EVERY`. */
  sampleEvery?: number;
  /** Metric names to record (all when null). */
  metrics: string[] | null;
  check: boolean;
}

/** Returns the metrics of `sim` to record, in the order asked for; throws an `InputError` naming an unknown one. */
export function selectMetrics(sim: Simulation, names: string[] | null): Metric[] {
  if (!names) return sim.metrics;
  return names.map((n) => {
    const m = sim.metrics.find((x) => x.name === n);
    if (!m) throw new InputError(`record.metrics: unknown metric "${n}"; the model records ${sim.metrics.map((x) => x.name).join(', ')}`);
    return m;
  });
}

/**
 * Runs one simulation to the end and returns its result. An error thrown
 * anywhere in the run (a broken invariant, a non-finite metric, a market
 * price of 0 or below) makes it a failed run with the message and tick; it
 * never throws itself.
 */
export function runOne<P extends object>(model: Model<P>, spec: RunSpec<P>, opts: RunOptions): RunResult {
  let recorder: Recorder | null = null;
  let sim: Simulation | null = null;
  let tick = 0;
  try {
    sim = model.build(spec.params, { seed: spec.seed, check: opts.check });
    const world = sim.world;
    recorder = new Recorder(selectMetrics(sim, opts.metrics), opts.ticks, opts.every, opts.sampleEvery ?? DEFAULT_SAMPLE_EVERY);
    if (opts.check) world.ledger.check(0);
    assertPositivePrice(world);
    recorder.observe(0);
    for (tick = 1; tick <= opts.ticks; tick++) {
      world.step();
      assertPositivePrice(world);
      recorder.observe(tick);
    }
    const series = recorder.series();
    return {
      runId: spec.runId,
      status: 'ok',
      error: null,
      errorTick: null,
      ticks: recorder.recordedTicks(),
      series,
      summary: sim.summary(series, recorder.recordedTicks()),
      tables: collectTables(sim),
    };
  } catch (e) {
    const err = e as Error;
    return {
      runId: spec.runId,
      status: 'failed',
      error: `${err.name}: ${err.message}`,
      errorTick: e instanceof RunError ? e.tick : tick,
      ticks: recorder ? recorder.recordedTicks() : new Int32Array(0),
      series: recorder ? recorder.series() : {},
      summary: {},
      tables: sim ? collectTables(sim) : {},
    };
  }
}

function collectTables(sim: Simulation): RunResult['tables'] {
  const out: RunResult['tables'] = {};
  for (const t of sim.tables ?? []) out[t.name] = t.collect();
  return out;
}

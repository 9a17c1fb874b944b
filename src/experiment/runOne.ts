import { RunError } from '../core/errors';
import { FlowRecorder } from '../metrics/flows';
import { Recorder } from '../metrics/recorder';
import { DEFAULT_SAMPLE_EVERY } from './define';
import type { ColumnData } from '../io/arrowWriter';
import type { Model, Simulation } from './model';
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
  /** The parameters in force when the run ended (governance may have changed some), or null when it failed to build. */
  paramsAtEnd: object | null;
  /** Parameter changes during the run (governance votes, schedules). */
  paramChanges: number;
}

/** Options of a single run. */
export interface RunOptions {
  ticks: number;
  every: number;
  /** Ticks between samples of O(N log N) metrics; default `DEFAULT_SAMPLE_EVERY`. */
  sampleEvery?: number;
  /** Metric names to write (all when null); every metric is recorded, for the KPIs. */
  metrics: string[] | null;
  /** Whether to collect the ledger's flows (`flows.arrow`); default true. */
  flows?: boolean;
  check: boolean;
}

/**
 * Runs one simulation to the end and returns its result. An error thrown
 * anywhere in the run (a broken invariant, a non-finite metric) makes it a
 * failed run with the message and tick; it never throws itself.
 */
export function runOne<P extends object>(model: Model<P>, spec: RunSpec<P>, opts: RunOptions): RunResult {
  let recorder: Recorder | null = null;
  let sim: Simulation | null = null;
  let flows: FlowRecorder | null = null;
  let tick = 0;
  try {
    sim = model.build(spec.params, { seed: spec.seed, check: opts.check });
    const world = sim.world;
    flows = (opts.flows ?? true) && sim.routes ? new FlowRecorder(sim.routes) : null;
    recorder = new Recorder(sim.metrics, opts.ticks, opts.every, opts.sampleEvery ?? DEFAULT_SAMPLE_EVERY, flows);
    if (opts.check) world.ledger.check(0);
    recorder.observe(0);
    for (tick = 1; tick <= opts.ticks; tick++) {
      world.step();
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
      tables: collectTables(sim, flows),
      paramsAtEnd: world.params,
      paramChanges: world.paramStore.log.length,
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
      tables: sim ? collectTables(sim, flows) : {},
      paramsAtEnd: sim ? sim.world.params : null,
      paramChanges: sim ? sim.world.paramStore.log.length : 0,
    };
  }
}

function collectTables(sim: Simulation, flows: FlowRecorder | null): RunResult['tables'] {
  const out: RunResult['tables'] = {};
  for (const t of sim.tables ?? []) out[t.name] = t.collect();
  if (flows) out.flows = flows.rows();
  return out;
}

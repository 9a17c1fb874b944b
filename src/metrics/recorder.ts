import { RunError } from '../core/errors';
import type { Metric } from '../experiment/model';
import type { FlowRecorder } from './flows';

/**
 * Collects one run's timeseries column-wise: a row at tick 0 (the initial
 * state), then every `every` ticks and at the last tick. Level metrics are
 * read at the row's tick; flow metrics are summed over every tick since the
 * previous row (0 at tick 0, before any tick ran). Sampled metrics (O(N log N) ones) are read at rows whose
 * tick is a multiple of `sampleEvery`, at tick 0 and at the last tick, and
 * hold their last sample in between. With a `FlowRecorder`, the ledger's
 * flows are summed the same way (row 0 holds the genesis allocation).
 * Columns are preallocated
 * Float64Arrays, so recording does not allocate inside the tick loop.
 */
export class Recorder {
  readonly ticks: Int32Array;
  readonly columns: Float64Array[];
  rows = 0;
  private readonly flowTotals: Float64Array;
  private readonly flowIdx: number[];
  private readonly held: Float64Array;

  constructor(
    readonly metrics: Metric[],
    readonly totalTicks: number,
    readonly every: number,
    readonly sampleEvery = 1,
    private readonly flows: FlowRecorder | null = null,
  ) {
    const capacity = Math.floor(totalTicks / every) + 2;
    this.ticks = new Int32Array(capacity);
    this.columns = metrics.map(() => new Float64Array(capacity));
    this.flowIdx = metrics.flatMap((m, k) => (m.kind === 'flow' ? [k] : []));
    this.flowTotals = new Float64Array(metrics.length);
    this.held = new Float64Array(metrics.length);
  }

  /** Observes the world after `tick`; throws a `RunError` when a recorded value is not finite. */
  observe(tick: number): void {
    const ms = this.metrics;
    const fi = this.flowIdx;
    if (tick > 0) for (let j = 0; j < fi.length; j++) this.flowTotals[fi[j]] += ms[fi[j]].read();
    this.flows?.accumulate();
    if (tick % this.every !== 0 && tick !== this.totalTicks) return;
    this.flows?.emit(tick);
    const r = this.rows++;
    this.ticks[r] = tick;
    const sample = tick % this.sampleEvery === 0 || tick === this.totalTicks || r === 0;
    for (let k = 0; k < ms.length; k++) {
      const m = ms[k];
      let v: number;
      if (m.kind === 'flow') v = this.flowTotals[k];
      else if (m.sampled && !sample) v = this.held[k];
      else v = this.held[k] = m.read();
      if (!Number.isFinite(v)) throw new RunError(`metric ${m.name} is not finite (${v})`, tick);
      this.columns[k][r] = v;
      this.flowTotals[k] = 0;
    }
  }

  /** Returns the recorded rows: metric name → column (a view of the recorded length). */
  series(): Record<string, Float64Array> {
    const out: Record<string, Float64Array> = {};
    this.metrics.forEach((m, k) => (out[m.name] = this.columns[k].subarray(0, this.rows)));
    return out;
  }

  /** Returns the recorded ticks (a view of the recorded length). */
  recordedTicks(): Int32Array {
    return this.ticks.subarray(0, this.rows);
  }
}

import { RunError } from '../core/errors';
import type { Metric } from '../experiment/model';

/**
 * Collects one run's timeseries column-wise: a row at tick 0 (the initial
 * state), then every `every` ticks and at the last tick. Level metrics are
 * read at the row's tick; flow metrics are summed over every tick since the
 * previous row. Columns are preallocated Float64Arrays, so recording does not
 * allocate inside the tick loop.
 */
export class Recorder {
  readonly ticks: Int32Array;
  readonly columns: Float64Array[];
  rows = 0;
  private readonly flowTotals: Float64Array;
  private readonly flowIdx: number[];

  constructor(
    readonly metrics: Metric[],
    readonly totalTicks: number,
    readonly every: number,
  ) {
    const capacity = Math.floor(totalTicks / every) + 2;
    this.ticks = new Int32Array(capacity);
    this.columns = metrics.map(() => new Float64Array(capacity));
    this.flowIdx = metrics.flatMap((m, k) => (m.kind === 'flow' ? [k] : []));
    this.flowTotals = new Float64Array(metrics.length);
  }

  /** Observes the world after `tick`; throws a `RunError` when a recorded value is not finite. */
  observe(tick: number): void {
    const ms = this.metrics;
    const fi = this.flowIdx;
    for (let j = 0; j < fi.length; j++) this.flowTotals[fi[j]] += ms[fi[j]].read();
    if (tick % this.every !== 0 && tick !== this.totalTicks) return;
    const r = this.rows++;
    this.ticks[r] = tick;
    for (let k = 0; k < ms.length; k++) {
      const v = ms[k].kind === 'flow' ? this.flowTotals[k] : ms[k].read();
      if (!Number.isFinite(v)) throw new RunError(`metric ${ms[k].name} is not finite (${v})`, tick);
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

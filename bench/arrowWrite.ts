/**
 * Benchmark `arrow-write`: rows per second writing a timeseries with
 * `ArrowFileWriter`, the writer every experiment's output goes through.
 *
 * The table has the columns of the baseline's `timeseries.arrow`: `run_id`,
 * `tick` (int32) and 20 float64 metrics (176 bytes a row). Size `agents`
 * here counts rows in total and `ticks` the rows per record batch: 366 is
 * one baseline run per batch (what the experiment runner writes), 36,600 a
 * hundred such runs coalesced. The file goes to the OS temporary directory
 * and is deleted afterwards; the time includes closing it.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArrowFileWriter, type ColumnSpec } from '../src/io/arrowWriter';
import { now, type Benchmark, type BenchSize, type Measurement } from './types';

const METRICS = 20;

/** Writes `size.agents` rows in batches of `size.ticks` rows and returns the time. */
export async function measureArrowWrite(size: BenchSize): Promise<Measurement> {
  const rows = size.agents;
  const batch = Math.min(size.ticks, rows);
  const columns: ColumnSpec[] = [
    { name: 'run_id', kind: 'int32' },
    { name: 'tick', kind: 'int32' },
  ];
  for (let k = 0; k < METRICS; k++) columns.push({ name: `metric_${k}`, kind: 'float64' });

  // Realistic values (a random walk per metric), filled once: the benchmark times writing, not simulating.
  const runId = new Int32Array(batch);
  const tick = new Int32Array(batch);
  const data: Record<string, Int32Array | Float64Array> = { run_id: runId, tick };
  for (let k = 0; k < METRICS; k++) {
    const col = new Float64Array(batch);
    let v = 1 + k;
    for (let i = 0; i < batch; i++) col[i] = v *= 1 + 0.01 * Math.sin(i * 0.7 + k);
    data[`metric_${k}`] = col;
  }

  const path = join(tmpdir(), `tokensim-bench-${process.pid}.arrow`);
  const t0 = now();
  const writer = await ArrowFileWriter.open(path, columns);
  let written = 0;
  for (let b = 0; written < rows; b++) {
    const n = Math.min(batch, rows - written);
    runId.fill(b);
    for (let i = 0; i < n; i++) tick[i] = i;
    const part = n === batch ? data : Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.subarray(0, n)]));
    await writer.writeBatch(part, n);
    written += n;
  }
  await writer.close();
  const seconds = now() - t0;
  rmSync(path, { force: true });
  return { seconds, work: rows, unit: 'rows', extra: { rowsPerBatch: batch, bytesPerRow: 8 + 8 * METRICS } };
}

/** The `arrow-write` benchmark: 10 million rows, one baseline run (366 rows) per batch and 100 runs per batch. */
export const arrowWriteBenchmark: Benchmark = {
  name: 'arrow-write',
  description: 'rows/s writing a 22-column timeseries to an Arrow IPC file (agents = rows, ticks = rows per batch)',
  sizes: [
    { agents: 10_000_000, ticks: 36_600 },
    { agents: 10_000_000, ticks: 366 },
  ],
  run: (size) => measureArrowWrite(size),
};

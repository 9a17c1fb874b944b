/**
 * Benchmark `parquet-write`: rows per second converting an Arrow IPC
 * timeseries to Parquet with `writeParquetFromArrow`, the path every
 * `--format parquet` table and `tokensim convert` go through.
 *
 * The table has the shape of the `arrow-write` benchmark's: `run_id`,
 * `tick` (int32) and 20 float64 metrics. Its values are drawn to compress
 * as simulation output does rather than better: 10 geometric random walks
 * with normal steps (prices, balances: every mantissa bit is noise), 5
 * integer-valued walks (counts) and 5 piecewise-constant series (governed
 * parameters), each run a fresh draw. Size `agents` counts rows in total,
 * `ticks` the rows per record batch of the Arrow file (366: one baseline
 * run per batch, as the runner writes). The Arrow file is written first,
 * untimed; the time is that of the conversion, closing the file included.
 * Both files go to the OS temporary directory and are deleted afterwards.
 */
import { rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../src/core/rng';
import { ArrowFileWriter, type ColumnSpec } from '../src/io/arrowWriter';
import { writeParquetFromArrow } from '../src/io/parquet';
import { now, type Benchmark, type BenchSize, type Measurement } from './types';

const WALKS = 10;
const COUNTS = 5;
const STEPS = 5;

/** Writes the benchmark's Arrow file of `rows` rows in batches of `batch` rows to `path`. */
async function writeInput(path: string, rows: number, batch: number): Promise<void> {
  const metrics = WALKS + COUNTS + STEPS;
  const columns: ColumnSpec[] = [
    { name: 'run_id', kind: 'int32' },
    { name: 'tick', kind: 'int32' },
    ...Array.from({ length: metrics }, (_, k): ColumnSpec => ({ name: `metric_${k}`, kind: 'float64' })),
  ];
  const rng = new Rng(20_240_601);
  const runId = new Int32Array(batch);
  const tick = Int32Array.from({ length: batch }, (_, i) => i);
  const series = Array.from({ length: metrics }, () => new Float64Array(batch));
  const data: Record<string, Int32Array | Float64Array> = { run_id: runId, tick };
  series.forEach((s, k) => (data[`metric_${k}`] = s));
  const writer = await ArrowFileWriter.open(path, columns);
  for (let b = 0, written = 0; written < rows; b++) {
    const n = Math.min(batch, rows - written);
    runId.fill(b);
    series.forEach((s, k) => {
      let v = k < WALKS ? 1 + k : k < WALKS + COUNTS ? 100 * k : 0.05 * k;
      for (let i = 0; i < n; i++) {
        if (k < WALKS) v *= Math.exp(0.02 * rng.normal());
        else if (k < WALKS + COUNTS) v = Math.max(0, v + rng.int(3) - 1);
        else if (rng.chance(0.02)) v = rng.uniform(0, 1);
        s[i] = v;
      }
    });
    const part = n === batch ? data : Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.subarray(0, n)]));
    await writer.writeBatch(part, n);
    written += n;
  }
  await writer.close();
}

/** Converts a `size.agents`-row Arrow file (batches of `size.ticks` rows) to Parquet and returns the time. */
export async function measureParquetWrite(size: BenchSize): Promise<Measurement> {
  const rows = size.agents;
  const batch = Math.min(size.ticks, rows);
  const base = join(tmpdir(), `tokensim-bench-${process.pid}`);
  try {
    await writeInput(`${base}.arrow`, rows, batch);
    const [t0, cpu0] = [now(), process.cpuUsage()];
    const { bytes } = await writeParquetFromArrow(`${base}.arrow`, `${base}.parquet`);
    const seconds = now() - t0;
    const cpu = process.cpuUsage(cpu0);
    // CPU time too: on a shared machine the wall time counts other processes' turns.
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const arrowBytes = statSync(`${base}.arrow`).size;
    return { seconds, work: rows, unit: 'rows', extra: { rowsPerBatch: batch, cpuSeconds, rowsPerCpuSecond: rows / cpuSeconds, arrowMb: arrowBytes / 1e6, parquetMb: bytes / 1e6, sizeRatio: bytes / arrowBytes } };
  } finally {
    rmSync(`${base}.arrow`, { force: true });
    rmSync(`${base}.parquet`, { force: true });
  }
}

/** The `parquet-write` benchmark: 2 million rows, one baseline run (366 rows) per Arrow batch. */
export const parquetWriteBenchmark: Benchmark = {
  name: 'parquet-write',
  description: 'rows/s converting a 22-column Arrow timeseries to Parquet (zstd) (agents = rows, ticks = rows per Arrow batch)',
  sizes: [{ agents: 2_000_000, ticks: 366 }],
  run: (size) => measureParquetWrite(size),
};

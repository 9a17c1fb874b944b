import type { Table } from 'apache-arrow';

/** One run's metric over its recorded ticks, for drawing each run as its own line. */
export interface RunLine {
  variant: string;
  runId: number;
  ticks: Int32Array;
  values: Float64Array;
}

/**
 * Returns, per run of a timeseries table (`run_id`, `tick`, metric columns)
 * whose variant `variantOf` knows (failed runs map to undefined and are left
 * out), the run's values of `metric` in tick order, in the metric's unit.
 * Rows of one run need not be contiguous.
 */
export function runLines(table: Table, metric: string, variantOf: (runId: number) => string | undefined): RunLine[] {
  const runIds = table.getChild('run_id')!.toArray() as Int32Array;
  const ticks = table.getChild('tick')!.toArray() as Int32Array;
  const values = table.getChild(metric)!.toArray() as Float64Array;
  const rowsOf = new Map<number, number[]>();
  for (let i = 0; i < runIds.length; i++) {
    if (variantOf(runIds[i]) === undefined) continue;
    let rows = rowsOf.get(runIds[i]);
    if (!rows) rowsOf.set(runIds[i], (rows = []));
    rows.push(i);
  }
  return [...rowsOf].map(([runId, rows]) => {
    rows.sort((a, b) => ticks[a] - ticks[b]);
    return { variant: variantOf(runId)!, runId, ticks: Int32Array.from(rows, (i) => ticks[i]), values: Float64Array.from(rows, (i) => values[i]) };
  });
}

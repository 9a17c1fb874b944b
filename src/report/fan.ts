import type { Table } from 'apache-arrow';

/** A metric's fan over time for one variant: per recorded tick, the 5 %, 50 % and 95 % quantiles across runs. */
export interface Fan {
  variant: string;
  ticks: Int32Array;
  p05: Float64Array;
  p50: Float64Array;
  p95: Float64Array;
}

/**
 * `quantileSorted(xs, q)` → the q-quantile of the ascending-sorted `xs` by
 * linear interpolation between order statistics (Hyndman & Fan type 7, the
 * default of numpy and R): h = (n − 1) q, x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋).
 * NaN for an empty sample.
 */
export function quantileSorted(xs: ArrayLike<number>, q: number): number {
  const n = xs.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return xs[lo] + (h - lo) * (xs[hi] - xs[lo]);
}

/**
 * Returns, for each metric of `metrics` and each variant (in order of
 * `variants`), the 5/50/95 % quantiles across runs at every recorded tick
 * of a timeseries table (`run_id`, `tick`, metric columns). `variantOf`
 * maps a run_id to its variant, or undefined to leave the run out (failed
 * runs). Non-finite values are left out of each tick's sample.
 * Runs' rows are bucketed once by (variant, tick) with a counting sort, so
 * the cost is O(rows) plus sorting each bucket.
 */
export function fans(table: Table, metrics: string[], variants: string[], variantOf: (runId: number) => string | undefined): Map<string, Fan[]> {
  const runIds = table.getChild('run_id')!.toArray() as Int32Array;
  const tickCol = table.getChild('tick')!.toArray() as Int32Array;
  const ticks = Int32Array.from(new Set(tickCol)).sort();
  const tickIndex = new Map<number, number>();
  ticks.forEach((t, i) => tickIndex.set(t, i));
  const variantIndex = new Map(variants.map((v, i) => [v, i]));

  // bucket b = variant · T + tick index; -1 for rows left out.
  const T = ticks.length;
  const bucket = new Int32Array(runIds.length);
  const counts = new Int32Array(variants.length * T + 1);
  for (let i = 0; i < runIds.length; i++) {
    const v = variantIndex.get(variantOf(runIds[i]) ?? '');
    bucket[i] = v === undefined ? -1 : v * T + tickIndex.get(tickCol[i])!;
    if (bucket[i] >= 0) counts[bucket[i] + 1]++;
  }
  for (let b = 1; b < counts.length; b++) counts[b] += counts[b - 1];
  const order = new Int32Array(counts[counts.length - 1]);
  const fill = counts.slice(0, -1);
  for (let i = 0; i < runIds.length; i++) if (bucket[i] >= 0) order[fill[bucket[i]]++] = i;

  const out = new Map<string, Fan[]>();
  let largest = 0;
  for (let b = 0; b + 1 < counts.length; b++) largest = Math.max(largest, counts[b + 1] - counts[b]);
  const scratch = new Float64Array(largest);
  for (const metric of metrics) {
    const values = table.getChild(metric)!.toArray() as Float64Array;
    out.set(
      metric,
      variants.map((variant, v) => {
        const fan: Fan = { variant, ticks, p05: new Float64Array(T), p50: new Float64Array(T), p95: new Float64Array(T) };
        for (let t = 0; t < T; t++) {
          let n = 0;
          for (let k = counts[v * T + t]; k < counts[v * T + t + 1]; k++) {
            const x = values[order[k]];
            if (Number.isFinite(x)) scratch[n++] = x;
          }
          const sample = scratch.subarray(0, n).sort();
          fan.p05[t] = quantileSorted(sample, 0.05);
          fan.p50[t] = quantileSorted(sample, 0.5);
          fan.p95[t] = quantileSorted(sample, 0.95);
        }
        return fan;
      }),
    );
  }
  return out;
}

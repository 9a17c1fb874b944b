import type { Table } from 'apache-arrow';
import { InputError } from '../core/errors';

/** A Lorenz curve averaged over a variant's runs: at each population share, the mean cumulative share of wealth. */
export interface LorenzCurve {
  variant: string;
  tick: number;
  /** `all` for everyone, else an agent class. */
  cls: string;
  /** Population shares 0, 1/100, …, 1. */
  quantile: Float64Array;
  /** Mean over runs of the cumulative wealth share at each population share, in [0, 1]. */
  share: Float64Array;
  /** Runs averaged. */
  runs: number;
  /** Mean over runs of each run's Gini coefficient, from its own curve. */
  gini: number;
}

/** The population shares curves are resampled at (every percentile), so runs with different population sizes average point by point. */
export const LORENZ_GRID = Float64Array.from({ length: 101 }, (_, i) => i / 100);

/**
 * `giniOfCurve(q, L)` → the Gini coefficient of a piecewise-linear Lorenz
 * curve through the points (q_i, L_i), ascending in q from (0, 0) to (1, 1):
 * G = 1 − Σ (q_i − q_{i−1})(L_i + L_{i−1}), twice the area between the
 * curve and the line of equality (exact for a piecewise-linear curve).
 */
export function giniOfCurve(q: ArrayLike<number>, share: ArrayLike<number>): number {
  let area = 0;
  for (let i = 1; i < q.length; i++) area += (q[i] - q[i - 1]) * (share[i] + share[i - 1]);
  return 1 - area;
}

/** Returns a run's curve through (0, 0), its points in quantile order, and (1, 1). */
function closed(points: { q: number; s: number }[]): { q: number[]; s: number[] } {
  points.sort((a, b) => a.q - b.q);
  const q = [0, ...points.map((p) => p.q), 1];
  const s = [0, ...points.map((p) => p.s), 1];
  return { q, s };
}

/** Returns the piecewise-linear curve through (q, s) evaluated at `grid`. */
function resample(q: number[], s: number[], grid: Float64Array): Float64Array {
  const out = new Float64Array(grid.length);
  let j = 0;
  for (let i = 0; i < grid.length; i++) {
    while (j < q.length - 2 && q[j + 1] < grid[i]) j++;
    const span = q[j + 1] - q[j];
    out[i] = span > 0 ? s[j] + ((grid[i] - q[j]) / span) * (s[j + 1] - s[j]) : s[j + 1];
  }
  return out;
}

/** Returns the ticks a lorenz table has curves at, ascending. */
export function lorenzTicks(table: Table): number[] {
  return [...new Set(table.getChild('tick')!.toArray() as Int32Array)].sort((a, b) => a - b);
}

/**
 * Returns, per variant, class and chosen tick, the Lorenz curve averaged over
 * the variant's runs, from a lorenz table (`run_id`, `tick`, `class`,
 * `quantile`, `share`: one row per point of one run's curve). Each run's
 * curve is closed with (0, 0) and (1, 1) and resampled at `LORENZ_GRID`.
 * Runs `variantOf` does not know (failed runs) are left out. Throws an
 * InputError naming a chosen tick the table has no curves at.
 */
export function lorenzCurves(table: Table, ticks: readonly number[], variantOf: (runId: number) => string | undefined): LorenzCurve[] {
  const available = lorenzTicks(table);
  for (const t of ticks) {
    if (!available.includes(t)) throw new InputError(`--lorenz-tick ${t}: lorenz.arrow has curves at ticks ${available.join(', ')}`);
  }
  const wanted = new Set(ticks);
  const col = (name: string) => table.getChild(name)!;
  const [runIds, tickCol, classCol, quantiles, shares] = ['run_id', 'tick', 'class', 'quantile', 'share'].map(col);
  const byRun = new Map<string, { variant: string; tick: number; cls: string; points: { q: number; s: number }[] }>();
  for (let i = 0; i < table.numRows; i++) {
    const tick = Number(tickCol.get(i));
    const variant = variantOf(Number(runIds.get(i)));
    if (!wanted.has(tick) || variant === undefined) continue;
    const cls = String(classCol.get(i));
    const key = `${runIds.get(i)}\u0000${tick}\u0000${cls}`;
    let run = byRun.get(key);
    if (!run) byRun.set(key, (run = { variant, tick, cls, points: [] }));
    run.points.push({ q: Number(quantiles.get(i)), s: Number(shares.get(i)) });
  }
  const curves = new Map<string, LorenzCurve>();
  for (const run of byRun.values()) {
    const { q, s } = closed(run.points);
    const key = `${run.variant}\u0000${run.tick}\u0000${run.cls}`;
    let c = curves.get(key);
    if (!c) curves.set(key, (c = { variant: run.variant, tick: run.tick, cls: run.cls, quantile: LORENZ_GRID, share: new Float64Array(LORENZ_GRID.length), runs: 0, gini: 0 }));
    const on = resample(q, s, LORENZ_GRID);
    for (let i = 0; i < on.length; i++) c.share[i] += on[i];
    c.gini += giniOfCurve(q, s);
    c.runs++;
  }
  for (const c of curves.values()) {
    for (let i = 0; i < c.share.length; i++) c.share[i] /= c.runs;
    c.gini /= c.runs;
  }
  return [...curves.values()];
}

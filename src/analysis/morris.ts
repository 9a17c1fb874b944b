import { InputError } from '../core/errors';
import { Rng } from '../core/rng';
import { checkRanges, scale, type ParamRanges } from './ranges';
import { percentileInterval, type EstimatorOptions, type SensitivityIndex } from './sobol';

/**
 * A Morris one-at-a-time design: r trajectories of k + 1 points each on a
 * p-level grid of the unit cube, mapped onto the parameter ranges. Within a
 * trajectory each step moves one parameter (in a random order) by ±Δ,
 * Δ = p / (2(p − 1)) of its range.
 */
export interface MorrisDesign {
  readonly method: 'morris';
  readonly paths: string[];
  readonly ranges: ParamRanges;
  /** Number of trajectories r. */
  readonly trajectories: number;
  /** Grid levels p (even). */
  readonly levels: number;
  readonly seed: number;
  /** Number of points, r·(k + 1). */
  readonly rows: number;
  /** Row-major rows × k parameter values, in the parameters' units. */
  readonly matrix: Float64Array;
  /** Per point: the parameter index moved to reach it from the previous point (−1 for a trajectory's first point). */
  readonly factor: Int32Array;
  /** Per point: the signed step ±Δ in unit-cube coordinates (0 for a trajectory's first point). */
  readonly step: Float64Array;
}

/**
 * Returns a Morris design with `trajectories` trajectories on a `levels`-level
 * grid (default 4) for `ranges`, drawn from `new Rng(seed)`: each trajectory
 * starts at a random grid point and moves every parameter once, in a random
 * order, by +Δ or −Δ (whichever stays on the grid; with p even exactly one
 * does), Δ = p / (2(p − 1)).
 */
export function morrisDesign(ranges: ParamRanges, trajectories: number, seed: number, levels = 4): MorrisDesign {
  if (!Number.isInteger(trajectories) || trajectories < 2) throw new InputError(`morris design: trajectories must be an integer ≥ 2, got ${trajectories}`);
  if (!Number.isInteger(levels) || levels < 2 || levels % 2 !== 0) throw new InputError(`morris design: levels must be an even integer ≥ 2, got ${levels}`);
  const paths = checkRanges(ranges);
  const k = paths.length;
  const rng = new Rng(seed);
  const delta = levels / (2 * (levels - 1));
  const rows = trajectories * (k + 1);
  const matrix = new Float64Array(rows * k);
  const factor = new Int32Array(rows).fill(-1);
  const step = new Float64Array(rows);
  const x = new Float64Array(k);
  const order = new Int32Array(k);
  for (let t = 0; t < trajectories; t++) {
    for (let c = 0; c < k; c++) x[c] = rng.int(levels) / (levels - 1);
    for (let c = 0; c < k; c++) order[c] = c;
    rng.shuffle(order);
    const first = t * (k + 1);
    for (let s = 0; s <= k; s++) {
      if (s > 0) {
        const c = order[s - 1];
        const d = x[c] + delta <= 1 + 1e-12 ? delta : -delta;
        x[c] += d;
        factor[first + s] = c;
        step[first + s] = d;
      }
      for (let c = 0; c < k; c++) matrix[(first + s) * k + c] = scale(ranges[paths[c]], x[c]);
    }
  }
  return { method: 'morris', paths, ranges, trajectories, levels, seed, rows, matrix, factor, step };
}

/**
 * Returns Morris's screening measures of the outputs `y` (one per design
 * point, in design order) for each parameter, from its elementary effects
 * EE = (f(x + Δe_i) − f(x)) / Δ, one per trajectory, in output units per
 * whole parameter range:
 *
 *   mu = mean EE,  mu_star = mean |EE| (Campolongo et al. 2007),  sigma = sd EE.
 *
 * A large mu_star means an influential parameter; a large sigma relative to
 * it, interactions or non-linearity. A screening method: it ranks, it does
 * not apportion variance. Intervals are percentile bootstraps over
 * trajectories. Throws an `InputError` when `y` has the wrong length or a
 * non-finite value.
 */
export function morrisIndices(design: MorrisDesign, y: ArrayLike<number>, kpi = 'y', opts: EstimatorOptions = {}): SensitivityIndex[] {
  const k = design.paths.length;
  const r = design.trajectories;
  if (y.length !== design.rows) throw new InputError(`morris indices of ${kpi}: expected ${design.rows} outputs (one per design point), got ${y.length}`);
  for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i])) throw new InputError(`morris indices of ${kpi}: output of design point ${i} is ${y[i]}; every point needs a finite value`);
  // ee[c * r + t]: the elementary effect of parameter c in trajectory t.
  const ee = new Float64Array(k * r);
  for (let t = 0; t < r; t++) {
    for (let s = 1; s <= k; s++) {
      const row = t * (k + 1) + s;
      ee[design.factor[row] * r + t] = (y[row] - y[row - 1]) / design.step[row];
    }
  }
  const measures = (c: number, pick: ArrayLike<number>) => {
    let sum = 0;
    let abs = 0;
    for (let t = 0; t < pick.length; t++) {
      const e = ee[c * r + pick[t]];
      sum += e;
      abs += Math.abs(e);
    }
    const mu = sum / pick.length;
    let ss = 0;
    for (let t = 0; t < pick.length; t++) ss += (ee[c * r + pick[t]] - mu) ** 2;
    return [mu, abs / pick.length, Math.sqrt(ss / (pick.length - 1))];
  };
  const nBoot = opts.bootstrap ?? 200;
  const level = opts.level ?? 0.95;
  const rng = new Rng(opts.seed ?? 1);
  const all = Int32Array.from({ length: r }, (_, t) => t);
  const boots = Array.from({ length: k * 3 }, () => new Float64Array(nBoot));
  const idx = new Int32Array(r);
  for (let b = 0; b < nBoot; b++) {
    for (let t = 0; t < r; t++) idx[t] = rng.int(r);
    for (let c = 0; c < k; c++) {
      const m = measures(c, idx);
      for (let q = 0; q < 3; q++) boots[c * 3 + q][b] = m[q];
    }
  }
  const names = ['mu', 'mu_star', 'sigma'];
  const out: SensitivityIndex[] = [];
  for (let c = 0; c < k; c++) {
    const m = measures(c, all);
    for (let q = 0; q < 3; q++) {
      const [lo, hi] = nBoot > 1 ? percentileInterval(boots[c * 3 + q], level) : [NaN, NaN];
      out.push({ kpi, parameter: design.paths[c], method: 'morris', index: names[q], value: m[q], ciLo: lo, ciHi: hi });
    }
  }
  return out;
}

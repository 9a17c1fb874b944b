import { InputError } from '../core/errors';
import { Rng } from '../core/rng';
import { variance } from '../metrics/stats';
import { checkRanges, scale, type ParamRanges } from './ranges';

/**
 * A Saltelli sampling design for Sobol indices. For base sample size n and
 * k parameters it holds n·(k + 2) points in blocks of k + 2 per base row j:
 * A_j, B_j, then AB_j^(i) for i = 0..k−1 (A_j with column i taken from B_j).
 * A and B are independent uniform samples of the unit cube, mapped onto the
 * parameter ranges.
 */
export interface SobolDesign {
  readonly method: 'sobol';
  /** Parameter paths, the column order of `matrix`. */
  readonly paths: string[];
  readonly ranges: ParamRanges;
  /** Base sample size (rows of A and of B). */
  readonly n: number;
  readonly seed: number;
  /** Number of points, n·(k + 2). */
  readonly rows: number;
  /** Row-major rows × k parameter values, in the parameters' units. */
  readonly matrix: Float64Array;
}

/**
 * Returns the Saltelli design (see `SobolDesign`) for `ranges` with base
 * sample size `n`, drawn from `new Rng(seed)`. Plain pseudo-random uniforms,
 * not a low-discrepancy sequence: the estimators' error shrinks as 1/√n and
 * the bootstrap intervals say how large it still is.
 */
export function sobolDesign(ranges: ParamRanges, n: number, seed: number): SobolDesign {
  if (!Number.isInteger(n) || n < 2) throw new InputError(`sobol design: base sample size must be an integer ≥ 2, got ${n}`);
  const paths = checkRanges(ranges);
  const k = paths.length;
  const rng = new Rng(seed);
  const rows = n * (k + 2);
  const matrix = new Float64Array(rows * k);
  const a = new Float64Array(k);
  const b = new Float64Array(k);
  for (let j = 0; j < n; j++) {
    for (let c = 0; c < k; c++) a[c] = rng.next();
    for (let c = 0; c < k; c++) b[c] = rng.next();
    const base = j * (k + 2);
    for (let c = 0; c < k; c++) {
      const r = ranges[paths[c]];
      matrix[base * k + c] = scale(r, a[c]);
      matrix[(base + 1) * k + c] = scale(r, b[c]);
      for (let i = 0; i < k; i++) matrix[(base + 2 + i) * k + c] = scale(r, c === i ? b[c] : a[c]);
    }
  }
  return { method: 'sobol', paths, ranges, n, seed, rows, matrix };
}

/** One global sensitivity index of one KPI to one parameter, with its bootstrap confidence interval. */
export interface SensitivityIndex {
  kpi: string;
  parameter: string;
  /** `sobol` or `morris`. */
  method: string;
  /** `S1` (first order), `ST` (total), `mu`, `mu_star`, `sigma` (Morris). */
  index: string;
  value: number;
  ciLo: number;
  ciHi: number;
}

/** Options of the index estimators. */
export interface EstimatorOptions {
  /** Bootstrap resamples for the confidence intervals; default 200 (0: no intervals, NaN bounds). */
  bootstrap?: number;
  /** Confidence level; default 0.95. */
  level?: number;
  /** Seed of the bootstrap resampling; default 1. */
  seed?: number;
}

function sobolPoint(y: ArrayLike<number>, k: number, rowsIdx: ArrayLike<number>): { s1: Float64Array; st: Float64Array } {
  const n = rowsIdx.length;
  const both = new Float64Array(2 * n);
  for (let t = 0; t < n; t++) {
    const base = rowsIdx[t] * (k + 2);
    both[2 * t] = y[base];
    both[2 * t + 1] = y[base + 1];
  }
  const v = variance(both);
  const s1 = new Float64Array(k);
  const st = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let first = 0;
    let total = 0;
    for (let t = 0; t < n; t++) {
      const base = rowsIdx[t] * (k + 2);
      const fA = y[base];
      const fB = y[base + 1];
      const fAB = y[base + 2 + i];
      first += fB * (fAB - fA);
      total += (fA - fAB) * (fA - fAB);
    }
    s1[i] = first / n / v;
    st[i] = total / (2 * n) / v;
  }
  return { s1, st };
}

/** Returns the (lo, hi) percentile interval of `xs` at `level` (xs is sorted in place). */
export function percentileInterval(xs: Float64Array, level: number): [number, number] {
  xs.sort();
  const at = (q: number) => {
    const pos = q * (xs.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(xs.length - 1, lo + 1);
    return xs[lo] + (pos - lo) * (xs[hi] - xs[lo]);
  };
  return [at((1 - level) / 2), at((1 + level) / 2)];
}

/**
 * Returns the Sobol first-order (S1) and total (ST) indices of the outputs
 * `y` (one per design point, in design order) for each parameter of
 * `design`, dimensionless shares of the output variance V:
 *
 *   S1_i = (1/n) Σ_j f(B_j) (f(AB_j^(i)) − f(A_j)) / V   (Saltelli et al. 2010)
 *   ST_i = (1/2n) Σ_j (f(A_j) − f(AB_j^(i)))² / V       (Jansen 1999)
 *
 * with V the variance of the 2n outputs at A and B. Assumes independent
 * inputs uniform on their ranges and a finite output variance. Confidence
 * intervals are percentile bootstraps over the n base rows. Throws an
 * `InputError` when `y` has the wrong length or a non-finite value (a
 * failed run), or when the output is constant (V = 0: indices undefined).
 */
export function sobolIndices(design: SobolDesign, y: ArrayLike<number>, kpi = 'y', opts: EstimatorOptions = {}): SensitivityIndex[] {
  const k = design.paths.length;
  if (y.length !== design.rows) throw new InputError(`sobol indices of ${kpi}: expected ${design.rows} outputs (one per design point), got ${y.length}`);
  for (let r = 0; r < y.length; r++) if (!Number.isFinite(y[r])) throw new InputError(`sobol indices of ${kpi}: output of design point ${r} is ${y[r]}; every point needs a finite value`);
  const all = Int32Array.from({ length: design.n }, (_, j) => j);
  const { s1, st } = sobolPoint(y, k, all);
  if (!Number.isFinite(s1[0])) throw new InputError(`sobol indices of ${kpi}: the output does not vary over the design (variance 0)`);
  const nBoot = opts.bootstrap ?? 200;
  const level = opts.level ?? 0.95;
  const bootS1 = Array.from({ length: k }, () => new Float64Array(nBoot));
  const bootST = Array.from({ length: k }, () => new Float64Array(nBoot));
  const rng = new Rng(opts.seed ?? 1);
  const idx = new Int32Array(design.n);
  for (let b = 0; b < nBoot; b++) {
    for (let t = 0; t < design.n; t++) idx[t] = rng.int(design.n);
    const r = sobolPoint(y, k, idx);
    for (let i = 0; i < k; i++) {
      bootS1[i][b] = r.s1[i];
      bootST[i][b] = r.st[i];
    }
  }
  const out: SensitivityIndex[] = [];
  for (let i = 0; i < k; i++) {
    const [l1, h1] = nBoot > 1 ? percentileInterval(bootS1[i], level) : [NaN, NaN];
    const [lt, ht] = nBoot > 1 ? percentileInterval(bootST[i], level) : [NaN, NaN];
    out.push({ kpi, parameter: design.paths[i], method: 'sobol', index: 'S1', value: s1[i], ciLo: l1, ciHi: h1 });
    out.push({ kpi, parameter: design.paths[i], method: 'sobol', index: 'ST', value: st[i], ciLo: lt, ciHi: ht });
  }
  return out;
}

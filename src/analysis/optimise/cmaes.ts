import { mathjs } from '../../core/mathjs';
import { Rng } from '../../core/rng';
import { deriveSeed } from '../../core/seeds';


/**
 * Everything a CMA-ES search needs to continue: plain numbers, so it can be
 * written as JSON and read back to continue exactly where it stopped. The
 * strategy constants derive from `dim` and `lambda`; the random draws of
 * generation g from deriveSeed(seed, "cmaes", g), so no generator state is kept.
 */
export interface CmaEsState {
  dim: number;
  /** Population size λ. */
  lambda: number;
  seed: number;
  /** Generations told so far. */
  generation: number;
  /** Distribution mean m. */
  mean: number[];
  /** Step size σ. */
  sigma: number;
  /** Covariance C, row-major dim × dim. */
  cov: number[];
  /** Evolution path p_c of the covariance. */
  pathC: number[];
  /** Evolution path p_σ of the step size. */
  pathSigma: number[];
}

/** Options of a new `CmaEs`. */
export interface CmaEsInit {
  mean: ArrayLike<number>;
  /** Initial step size σ0 > 0 (in the coordinates of `mean`). */
  sigma: number;
  seed: number;
  /** Population size λ ≥ 2; default 4 + ⌊3 ln n⌋. */
  lambda?: number;
}

/**
 * The covariance matrix adaptation evolution strategy, (μ/μ_W, λ)-CMA-ES
 * with active (negative-weight) covariance update, exactly as in Hansen,
 * "The CMA Evolution Strategy: A Tutorial", arXiv:1604.00772 (2016), Table 1
 * and eqs. (38)–(47), with its default constants (eqs. 48–56):
 * λ = 4 + ⌊3 ln n⌋, μ = ⌊λ/2⌋, w'_i = ln((λ+1)/2) − ln i,
 * c_σ = (μ_eff + 2)/(n + μ_eff + 5), d_σ = 1 + 2 max(0, √((μ_eff−1)/(n+1)) − 1) + c_σ,
 * c_c = (4 + μ_eff/n)/(n + 4 + 2μ_eff/n), c_1 = 2/((n + 1.3)² + μ_eff),
 * c_μ = min(1 − c_1, 2(μ_eff − 2 + 1/μ_eff)/((n + 2)² + μ_eff)), c_m = 1.
 * Minimises; unconstrained (see `minimise` for bounds). Ask–tell: `ask()`
 * gives a generation's λ candidates (the same ones however often it is
 * called), `tell` takes their values; the caller evaluates in between, in
 * parallel if it likes.
 */
export class CmaEs {
  readonly dim: number;
  readonly lambda: number;
  readonly mu: number;
  /** Recombination weights w_1 … w_λ (positive for the best μ, negative after). */
  readonly weights: Float64Array;
  readonly muEff: number;
  private readonly cs: number;
  private readonly ds: number;
  private readonly cc: number;
  private readonly c1: number;
  private readonly cmu: number;
  private readonly chiN: number;
  private readonly s: CmaEsState;
  private eigenFor = -1;
  private basis = new Float64Array(0);
  private scales = new Float64Array(0);

  constructor(init: CmaEsInit | CmaEsState) {
    const n = 'dim' in init ? init.dim : init.mean.length;
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`CMA-ES needs at least one dimension, got ${n}`);
    const lambda = 'dim' in init ? init.lambda : (init.lambda ?? 4 + Math.floor(3 * Math.log(n)));
    if (!Number.isInteger(lambda) || lambda < 2) throw new RangeError(`CMA-ES population size must be an integer ≥ 2, got ${lambda}`);
    if (!(init.sigma > 0 && init.sigma < Infinity)) throw new RangeError(`CMA-ES step size must be positive and finite, got ${init.sigma}`);
    this.dim = n;
    this.lambda = lambda;
    this.mu = Math.floor(lambda / 2);
    const raw = Float64Array.from({ length: lambda }, (_, i) => Math.log((lambda + 1) / 2) - Math.log(i + 1));
    const sumSq = (from: number, to: number) => raw.slice(from, to).reduce((a, w) => a + w * w, 0);
    const sum = (from: number, to: number) => raw.slice(from, to).reduce((a, w) => a + w, 0);
    this.muEff = sum(0, this.mu) ** 2 / sumSq(0, this.mu);
    const muEffMinus = lambda > this.mu ? sum(this.mu, lambda) ** 2 / sumSq(this.mu, lambda) : 0;
    this.c1 = 2 / ((n + 1.3) ** 2 + this.muEff);
    this.cmu = Math.min(1 - this.c1, (2 * (this.muEff - 2 + 1 / this.muEff)) / ((n + 2) ** 2 + this.muEff));
    this.cs = (this.muEff + 2) / (n + this.muEff + 5);
    this.ds = 1 + 2 * Math.max(0, Math.sqrt((this.muEff - 1) / (n + 1)) - 1) + this.cs;
    this.cc = (4 + this.muEff / n) / (n + 4 + (2 * this.muEff) / n);
    this.chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
    // Negative weights scaled by the smallest of eqs. (50)–(52), so C stays positive definite.
    const alphaMinus = Math.min(1 + this.c1 / this.cmu, 1 + (2 * muEffMinus) / (this.muEff + 2), (1 - this.c1 - this.cmu) / (n * this.cmu));
    let positive = 0;
    let negative = 0;
    for (const w of raw) if (w >= 0) positive += w;
    else negative -= w;
    this.weights = raw.map((w) => (w >= 0 ? w / positive : (alphaMinus * w) / negative));
    if ('dim' in init) {
      this.s = structuredClone(init);
    } else {
      const identity = Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0));
      this.s = {
        dim: n,
        lambda,
        seed: init.seed >>> 0,
        generation: 0,
        mean: Array.from(init.mean),
        sigma: init.sigma,
        cov: identity,
        pathC: new Array(n).fill(0),
        pathSigma: new Array(n).fill(0),
      };
    }
  }

  /** Returns a deep copy of the state, for JSON; `new CmaEs(state)` continues from it. */
  get state(): CmaEsState {
    return structuredClone(this.s);
  }

  /** Returns the current step size σ. */
  get sigma(): number {
    return this.s.sigma;
  }

  /** Returns the current mean m (a copy). */
  get mean(): Float64Array {
    return Float64Array.from(this.s.mean);
  }

  /** Returns the square root of C's largest over its smallest eigenvalue (the axis ratio). */
  get axisRatio(): number {
    this.decompose();
    let lo = Infinity;
    let hi = 0;
    for (const d of this.scales) {
      lo = Math.min(lo, d);
      hi = Math.max(hi, d);
    }
    return hi / lo;
  }

  /** Returns σ · max_i √C_ii, the largest standard deviation of a coordinate of the samples. */
  get largestStdDev(): number {
    let m = 0;
    for (let i = 0; i < this.dim; i++) m = Math.max(m, this.s.cov[i * this.dim + i]);
    return this.s.sigma * Math.sqrt(m);
  }

  /**
   * Returns this generation's λ candidates x_k = m + σ B D z_k, z_k ~ N(0, I)
   * drawn from Rng(deriveSeed(seed, "cmaes", generation)): the same
   * candidates on every call until `tell`.
   */
  ask(): Float64Array[] {
    this.decompose();
    const n = this.dim;
    const rng = new Rng(deriveSeed(this.s.seed, 'cmaes', this.s.generation));
    const out: Float64Array[] = [];
    const z = new Float64Array(n);
    for (let k = 0; k < this.lambda; k++) {
      for (let j = 0; j < n; j++) z[j] = this.scales[j] * rng.normal();
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let y = 0;
        for (let j = 0; j < n; j++) y += this.basis[i * n + j] * z[j];
        x[i] = this.s.mean[i] + this.s.sigma * y;
      }
      out.push(x);
    }
    return out;
  }

  /**
   * Updates mean, step size, paths and covariance from the values of the
   * candidates `ask()` gave (same order). Lower is better; a NaN value ranks
   * last, as +Infinity; ties keep the order of asking.
   */
  tell(candidates: readonly ArrayLike<number>[], values: readonly number[]): void {
    const n = this.dim;
    const lambda = this.lambda;
    if (candidates.length !== lambda || values.length !== lambda) {
      throw new RangeError(`CMA-ES tell needs ${lambda} candidates and values, got ${candidates.length} and ${values.length}`);
    }
    this.decompose();
    const st = this.s;
    const key = (v: number) => (Number.isNaN(v) ? Infinity : v);
    const order = Array.from({ length: lambda }, (_, k) => k).sort((a, b) => key(values[a]) - key(values[b]) || a - b);
    const ys = order.map((k) => Float64Array.from({ length: n }, (_, i) => (candidates[k][i] - st.mean[i]) / st.sigma));
    const yw = new Float64Array(n);
    for (let r = 0; r < this.mu; r++) for (let i = 0; i < n; i++) yw[i] += this.weights[r] * ys[r][i];
    for (let i = 0; i < n; i++) st.mean[i] += st.sigma * yw[i];

    const invSqrtYw = this.invSqrtTimes(yw);
    const kSigma = Math.sqrt(this.cs * (2 - this.cs) * this.muEff);
    for (let i = 0; i < n; i++) st.pathSigma[i] = (1 - this.cs) * st.pathSigma[i] + kSigma * invSqrtYw[i];
    const psNorm = Math.hypot(...st.pathSigma);
    const hSigma = psNorm / Math.sqrt(1 - (1 - this.cs) ** (2 * (st.generation + 1))) < (1.4 + 2 / (n + 1)) * this.chiN ? 1 : 0;
    const kC = hSigma * Math.sqrt(this.cc * (2 - this.cc) * this.muEff);
    for (let i = 0; i < n; i++) st.pathC[i] = (1 - this.cc) * st.pathC[i] + kC * yw[i];

    let weightSum = 0;
    for (const w of this.weights) weightSum += w;
    const deltaH = (1 - hSigma) * this.cc * (2 - this.cc);
    const keep = 1 + this.c1 * deltaH - this.c1 - this.cmu * weightSum;
    // w°_i: negative weights rescaled by n / ‖C^(−1/2) y_i‖², eq. (46).
    const wo = this.weights.map((w, r) => {
      if (w >= 0) return w;
      const v = this.invSqrtTimes(ys[r]);
      let norm2 = 0;
      for (const c of v) norm2 += c * c;
      return (w * n) / Math.max(norm2, 1e-300);
    });
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let rankMu = 0;
        for (let r = 0; r < lambda; r++) rankMu += wo[r] * ys[r][i] * ys[r][j];
        const c = keep * st.cov[i * n + j] + this.c1 * st.pathC[i] * st.pathC[j] + this.cmu * rankMu;
        st.cov[i * n + j] = c;
        st.cov[j * n + i] = c;
      }
    }
    st.sigma *= Math.exp((this.cs / this.ds) * (psNorm / this.chiN - 1));
    st.generation++;
  }

  /** Returns C^(−1/2) v = B D^(−1) Bᵀ v. */
  private invSqrtTimes(v: ArrayLike<number>): Float64Array {
    const n = this.dim;
    const t = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += this.basis[i * n + j] * v[i];
      t[j] = s / this.scales[j];
    }
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += this.basis[i * n + j] * t[j];
      out[i] = s;
    }
    return out;
  }

  /** C = B D² Bᵀ, once per generation (mathjs `eigs` on the symmetrised C; eigenvalues floored at 1e-20 of the largest). */
  private decompose(): void {
    if (this.eigenFor === this.s.generation) return;
    const n = this.dim;
    const rows = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (this.s.cov[i * n + j] + this.s.cov[j * n + i]) / 2));
    const basis = new Float64Array(n * n);
    const scales = new Float64Array(n);
    if (n === 1) {
      basis[0] = 1;
      scales[0] = Math.sqrt(Math.max(rows[0][0], 1e-300));
    } else {
      // Plain number arrays in, so the values are numbers and the vectors number arrays.
      const eigenvectors = mathjs().eigs(rows, { eigenvectors: true }).eigenvectors.map((e) => ({ value: Number(e.value), vector: e.vector as number[] }));
      const top = Math.max(...eigenvectors.map((e) => e.value));
      eigenvectors.forEach((e, j) => {
        scales[j] = Math.sqrt(Math.max(e.value, 1e-20 * top));
        for (let i = 0; i < n; i++) basis[i * n + j] = e.vector[i];
      });
    }
    this.basis = basis;
    this.scales = scales;
    this.eigenFor = this.s.generation;
  }
}

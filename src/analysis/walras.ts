import { mathjs } from '../core/mathjs';
import { InputError } from '../core/errors';
import { allocations, checkEconomy, excessDemand, totalEndowment, type ExchangeEconomy } from './exchangeEconomy';


/** What a Walrasian solver found. Prices are in units of good 0 (the numeraire, price 1). */
export interface WalrasResult {
  converged: boolean;
  method: 'tatonnement' | 'newton';
  /** One line: how it converged, or why it did not. */
  reason: string;
  iterations: number;
  /** Last prices (the equilibrium when converged), good 0 = 1. */
  prices: Float64Array;
  /** Each agent's demand at `prices`, agents × goods. */
  allocations: Float64Array[];
  /** Aggregate excess demand at `prices`, units of each good. */
  excessDemand: Float64Array;
  /** max_j |z_j| / E_j (E_j: total endowment of good j), dimensionless. */
  maxRelativeExcess: number;
}

/** Options of the Walrasian solvers. */
export interface WalrasOptions {
  /** Starting prices (good 0 is rescaled to 1); default all 1. */
  start?: ArrayLike<number>;
  /** Converged when max_j |z_j| / E_j is below this; default 1e-10. */
  tolerance?: number;
  maxIterations?: number;
  /** Tâtonnement step λ in p_j ← p_j · exp(λ z_j / E_j); default 0.5. */
  step?: number;
}

function startPrices(m: number, start?: ArrayLike<number>): Float64Array {
  const p = new Float64Array(m).fill(1);
  if (start) {
    if (start.length !== m) throw new InputError(`walras: start has ${start.length} prices, expected ${m}`);
    for (let j = 0; j < m; j++) {
      if (!(start[j] > 0)) throw new InputError(`walras: start price of good ${j} must be positive, got ${start[j]}`);
      p[j] = start[j] / start[0];
    }
  }
  return p;
}

function result(economy: ExchangeEconomy, method: WalrasResult['method'], p: Float64Array, iterations: number, converged: boolean, reason: string): WalrasResult {
  const total = totalEndowment(economy);
  const z = excessDemand(economy, p);
  let worst = 0;
  for (let j = 0; j < p.length; j++) worst = Math.max(worst, Math.abs(z[j]) / total[j]);
  if (!Number.isFinite(worst)) worst = NaN;
  return { converged, method, reason, iterations, prices: p, allocations: allocations(economy, p), excessDemand: z, maxRelativeExcess: worst };
}

function relExcess(economy: ExchangeEconomy, p: Float64Array, total: Float64Array): { z: Float64Array; worst: number } {
  const z = excessDemand(economy, p);
  let worst = 0;
  for (let j = 0; j < p.length; j++) {
    z[j] /= total[j];
    worst = Math.max(worst, Math.abs(z[j]));
  }
  return { z, worst: Number.isFinite(worst) ? worst : NaN };
}

/**
 * Returns the Walrasian equilibrium of a pure exchange economy found by
 * tâtonnement (Walras's auctioneer): every price rises with its good's
 * relative excess demand, p_j ← p_j · exp(λ · z_j(p) / E_j), then all
 * prices are divided by p_0. Converges for economies whose excess demand has
 * the gross-substitutes property (e.g. Cobb–Douglas, CES with σ ≥ 1); may
 * cycle or diverge otherwise (Scarf's Leontief economy), which is reported
 * as converged = false with the reason, never as an answer.
 */
export function tatonnement(economy: ExchangeEconomy, opts: WalrasOptions = {}): WalrasResult {
  const m = checkEconomy(economy);
  const total = totalEndowment(economy);
  const tol = opts.tolerance ?? 1e-10;
  const maxIt = opts.maxIterations ?? 100_000;
  const lambda = opts.step ?? 0.5;
  const p = startPrices(m, opts.start);
  for (let it = 0; it < maxIt; it++) {
    const { z, worst } = relExcess(economy, p, total);
    if (Number.isNaN(worst)) return result(economy, 'tatonnement', p, it, false, `excess demand became non-finite at iteration ${it}`);
    if (worst < tol) return result(economy, 'tatonnement', p, it, true, `max relative excess demand ${worst.toExponential(2)} < ${tol} after ${it} iterations`);
    for (let j = 0; j < m; j++) p[j] *= Math.exp(lambda * z[j]);
    const p0 = p[0];
    for (let j = 0; j < m; j++) p[j] /= p0;
    for (let j = 1; j < m; j++) {
      if (!(p[j] > 1e-12 && p[j] < 1e12)) return result(economy, 'tatonnement', p, it + 1, false, `diverged: price of good ${j} reached ${p[j]} at iteration ${it + 1}`);
    }
  }
  const { worst } = relExcess(economy, p, total);
  return result(economy, 'tatonnement', p, maxIt, false, `no convergence in ${maxIt} iterations: max relative excess demand still ${worst.toExponential(2)}`);
}

/**
 * Returns the Walrasian equilibrium found by Newton's method on the
 * relative excess demands of goods 1..m−1 as functions of their log prices
 * (good 0 clears by Walras' law, p·z = 0), with a finite-difference Jacobian
 * solved by LU decomposition (mathjs `lusolve`) and a backtracking line
 * search. Assumes smooth demands; converges quadratically near a regular
 * equilibrium, and reports a singular Jacobian, a failed line search or the
 * iteration limit as converged = false.
 */
export function newtonWalras(economy: ExchangeEconomy, opts: WalrasOptions = {}): WalrasResult {
  const m = checkEconomy(economy);
  const total = totalEndowment(economy);
  const tol = opts.tolerance ?? 1e-10;
  const maxIt = opts.maxIterations ?? 100;
  const p = startPrices(m, opts.start);
  const q = Float64Array.from(p.subarray(1), Math.log);
  const F = (qq: Float64Array): { f: number[]; norm: number; worst: number } => {
    const pp = new Float64Array(m);
    pp[0] = 1;
    for (let j = 1; j < m; j++) pp[j] = Math.exp(qq[j - 1]);
    const { z, worst } = relExcess(economy, pp, total);
    const f = Array.from(z.subarray(1));
    return { f, norm: Math.hypot(...f), worst };
  };
  const setPrices = () => {
    for (let j = 1; j < m; j++) p[j] = Math.exp(q[j - 1]);
  };
  let cur = F(q);
  for (let it = 0; it < maxIt; it++) {
    if (Number.isNaN(cur.worst)) return result(economy, 'newton', p, it, false, `excess demand became non-finite at iteration ${it}`);
    if (cur.worst < tol) return result(economy, 'newton', p, it, true, `max relative excess demand ${cur.worst.toExponential(2)} < ${tol} after ${it} iterations`);
    const n = m - 1;
    const J: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let c = 0; c < n; c++) {
      const h = 1e-6 * (1 + Math.abs(q[c]));
      const up = Float64Array.from(q);
      const dn = Float64Array.from(q);
      up[c] += h;
      dn[c] -= h;
      const fu = F(up).f;
      const fd = F(dn).f;
      for (let r = 0; r < n; r++) J[r][c] = (fu[r] - fd[r]) / (2 * h);
    }
    let dir: number[];
    try {
      const sol = mathjs().lusolve(J, cur.f.map((v) => -v)) as number[][];
      dir = sol.map((row) => row[0]);
      if (dir.some((v) => !Number.isFinite(v))) throw new Error('non-finite step');
    } catch {
      return result(economy, 'newton', p, it, false, `singular Jacobian of excess demand at iteration ${it}: the equilibrium is not locally determined`);
    }
    let t = 1;
    let next = F(q.map((v, c) => v + dir[c]));
    while (!(next.norm < (1 - 1e-4 * t) * cur.norm) && t > 1e-8) {
      t /= 2;
      next = F(q.map((v, c) => v + t * dir[c]));
    }
    if (t <= 1e-8) return result(economy, 'newton', p, it, false, `line search failed at iteration ${it}: no step reduces excess demand (a local minimum of |z| that is not an equilibrium?)`);
    for (let c = 0; c < n; c++) q[c] += t * dir[c];
    setPrices();
    cur = next;
  }
  setPrices();
  return result(economy, 'newton', p, maxIt, cur.worst < tol, cur.worst < tol ? `converged at the iteration limit` : `no convergence in ${maxIt} iterations: max relative excess demand still ${cur.worst.toExponential(2)}`);
}

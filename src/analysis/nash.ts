import { InputError } from '../core/errors';

/**
 * A game in closed form: n players, each choosing a number from its strategy
 * set, with payoffs u_i(s). Strategy sets are either a closed interval
 * (continuous) or a finite list of actions.
 */
export interface Game {
  readonly players: number;
  /** Player i's strategy set: `{ min, max }` or a finite list of actions. */
  strategies(i: number): { min: number; max: number } | readonly number[];
  /** Player i's payoff at the profile s. */
  payoff(i: number, s: ArrayLike<number>): number;
  /**
   * Player i's best response to the others' strategies in s, when known in
   * closed form; otherwise it is found numerically (see `bestResponse`).
   */
  bestResponse?(i: number, s: ArrayLike<number>): number;
}

/** Options of `bestResponseDynamics`. */
export interface BestResponseOptions {
  /** Starting profile; default each player's lowest strategy. */
  start?: ArrayLike<number>;
  /** s ← (1 − d)·s + d·BR(s); default 1 (no damping). Continuous sets only. */
  damping?: number;
  /** `simultaneous` (Jacobi: all respond to the last profile) or `sequential` (Gauss–Seidel); default simultaneous. */
  update?: 'simultaneous' | 'sequential';
  /** Converged when no strategy moves more than this, relative to its size; default 1e-9 (relative, so a stake of 1e-13 is not mistaken for 0). */
  tolerance?: number;
  /**
   * Converged also needs the regret at the profile to be at most this,
   * relative to 1 + the largest |payoff| there; default 1e-6. A profile
   * where the strategies stop moving but a player still gains by
   * deviating is not an equilibrium.
   */
  regretTolerance?: number;
  maxIterations?: number;
  /** Profiles whose largest |s_i| exceeds this count as diverged; default 1e12. */
  bound?: number;
}

/** What best-response dynamics found. */
export interface BestResponseResult {
  converged: boolean;
  /** `converged`, `cycle`, `diverged` or `max-iterations`. */
  status: 'converged' | 'cycle' | 'diverged' | 'max-iterations';
  /** One line saying what happened. */
  reason: string;
  iterations: number;
  /** The last profile (the equilibrium when converged). */
  profile: Float64Array;
  /** Each player's payoff at `profile`. */
  payoffs: Float64Array;
  /** Largest gain any player could get by deviating alone from `profile` (≈ 0 at a Nash equilibrium). */
  regret: number;
  /** The repeating profiles, when a cycle was found. */
  cycle?: Float64Array[];
}

/**
 * Returns player i's best response to `s` (the others' strategies): the
 * closed form when the game gives one; over a finite set, the argmax (first
 * on ties); over an interval, the maximum found by a 64-point grid and
 * golden-section refinement around the best grid point — which assumes the
 * payoff is unimodal in s_i near its maximum.
 */
export function bestResponse(game: Game, i: number, s: ArrayLike<number>): number {
  if (game.bestResponse) return game.bestResponse(i, s);
  const set = game.strategies(i);
  const trial = Float64Array.from(s as ArrayLike<number>);
  const u = (x: number) => {
    trial[i] = x;
    return game.payoff(i, trial);
  };
  if (Array.isArray(set) || ArrayBuffer.isView(set)) {
    const acts = set as readonly number[];
    let best = acts[0];
    let bestU = -Infinity;
    for (const x of acts) {
      const v = u(x);
      if (v > bestU) [best, bestU] = [x, v];
    }
    return best;
  }
  const { min, max } = set as { min: number; max: number };
  const grid = 64;
  let bi = 0;
  let bu = -Infinity;
  for (let g = 0; g <= grid; g++) {
    const v = u(min + ((max - min) * g) / grid);
    if (v > bu) [bi, bu] = [g, v];
  }
  let lo = min + ((max - min) * Math.max(0, bi - 1)) / grid;
  let hi = min + ((max - min) * Math.min(grid, bi + 1)) / grid;
  const phi = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - phi * (hi - lo);
  let x2 = lo + phi * (hi - lo);
  let f1 = u(x1);
  let f2 = u(x2);
  for (let it = 0; it < 200 && hi - lo > 1e-13 * (1 + Math.abs(hi)); it++) {
    if (f1 < f2) {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + phi * (hi - lo);
      f2 = u(x2);
    } else {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - phi * (hi - lo);
      f1 = u(x1);
    }
  }
  const mid = (lo + hi) / 2;
  return u(mid) >= bu ? mid : min + ((max - min) * bi) / grid;
}

/** Returns the largest gain any one player gets by switching to its best response at `s` (payoff units). */
export function regret(game: Game, s: ArrayLike<number>): number {
  let worst = 0;
  const trial = Float64Array.from(s as ArrayLike<number>);
  for (let i = 0; i < game.players; i++) {
    const now = game.payoff(i, s);
    trial[i] = bestResponse(game, i, s);
    worst = Math.max(worst, game.payoff(i, trial) - now);
    trial[i] = s[i];
  }
  return worst;
}

/**
 * Iterates best responses to a fixed point (a pure Nash equilibrium: no
 * player gains by deviating alone) and returns the profile, the payoffs and
 * how it ended. Stops with `cycle` when a profile recurs (within the
 * tolerance) other than as a fixed point — best responses then go round
 * without settling, as in matching pennies; with `diverged` when a strategy
 * becomes non-finite or exceeds `bound`; with `max-iterations` otherwise.
 * Convergence needs both a fixed point (no strategy moves by more than the
 * tolerance) and no player gaining more than
 * the regret tolerance by deviating alone, so it is a Nash equilibrium;
 * failing to converge does not prove there is none (a mixed equilibrium is
 * not searched for).
 */
export function bestResponseDynamics(game: Game, opts: BestResponseOptions = {}): BestResponseResult {
  const n = game.players;
  if (!Number.isInteger(n) || n < 1) throw new InputError(`game: players must be a positive integer, got ${n}`);
  const d = opts.damping ?? 1;
  if (!(d > 0 && d <= 1)) throw new InputError(`best response: damping must be in (0, 1], got ${d}`);
  const tol = opts.tolerance ?? 1e-9;
  const regretTol = opts.regretTolerance ?? 1e-6;
  const maxIt = opts.maxIterations ?? 10_000;
  const bound = opts.bound ?? 1e12;
  const lowest = (i: number) => {
    const set = game.strategies(i);
    return 'min' in set ? set.min : Math.min(...(set as readonly number[]));
  };
  const s = Float64Array.from({ length: n }, (_, i) => (opts.start ? opts.start[i] : lowest(i)));
  const history: Float64Array[] = [Float64Array.from(s)];
  const close = (x: ArrayLike<number>, y: ArrayLike<number>) => {
    for (let i = 0; i < n; i++) if (Math.abs(x[i] - y[i]) > tol * Math.max(Math.abs(x[i]), Math.abs(y[i]))) return false;
    return true;
  };
  const settled = () => {
    let scale = 1;
    for (let i = 0; i < n; i++) scale = Math.max(scale, 1 + Math.abs(game.payoff(i, s)));
    return regret(game, s) <= regretTol * scale;
  };
  const finish = (status: BestResponseResult['status'], reason: string, iterations: number, cycle?: Float64Array[]): BestResponseResult => {
    const payoffs = Float64Array.from({ length: n }, (_, i) => game.payoff(i, s));
    const r = status === 'diverged' ? NaN : regret(game, s);
    return { converged: status === 'converged', status, reason, iterations, profile: s, payoffs, regret: r, cycle };
  };
  const prev = new Float64Array(n);
  for (let it = 1; it <= maxIt; it++) {
    prev.set(s);
    const ref = opts.update === 'sequential' ? s : prev;
    for (let i = 0; i < n; i++) {
      const br = bestResponse(game, i, ref);
      s[i] = d === 1 ? br : (1 - d) * prev[i] + d * br;
    }
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(s[i]) || Math.abs(s[i]) > bound) return finish('diverged', `player ${i}'s strategy reached ${s[i]} at iteration ${it}`, it);
    }
    if (close(s, prev) && settled()) return finish('converged', `fixed point after ${it} iterations`, it);
    for (let back = history.length - 2; back >= 0; back--) {
      if (close(s, history[back])) {
        const cycle = history.slice(back);
        return finish('cycle', `best responses cycle with period ${cycle.length} (profile of iteration ${back} recurs at ${it})`, it, cycle);
      }
    }
    history.push(Float64Array.from(s));
    if (history.length > 256) history.shift();
  }
  return finish('max-iterations', `no fixed point within ${maxIt} iterations`, maxIt);
}

/**
 * Returns the staking contest: n stakers share a fixed reward R (tokens per
 * period) pro rata to stake, and a stake s_i costs c·s_i (opportunity cost
 * c per token per period, in reward units):
 *
 *   u_i(s) = R · s_i / Σ_j s_j − c · s_i   (u_i = 0 when Σ s = 0),
 *
 * with the closed-form best response BR_i = max(0, √(R·S₋ᵢ/c) − S₋ᵢ)
 * (S₋ᵢ = Σ_{j≠i} s_j; from ∂u_i/∂s_i = R·S₋ᵢ/S² − c = 0). Each player's
 * strategy set is [0, R/c] (a larger stake always loses money).
 */
export function stakingContest(n: number, reward: number, cost: number): Game {
  if (!(reward > 0) || !(cost > 0)) throw new InputError(`staking contest: reward and cost must be positive, got R=${reward}, c=${cost}`);
  const others = (i: number, s: ArrayLike<number>) => {
    let t = 0;
    for (let j = 0; j < n; j++) if (j !== i) t += s[j];
    return t;
  };
  return {
    players: n,
    strategies: () => ({ min: 0, max: reward / cost }),
    payoff: (i, s) => {
      const total = others(i, s) + s[i];
      return total > 0 ? (reward * s[i]) / total - cost * s[i] : 0;
    },
    bestResponse: (i, s) => {
      const o = others(i, s);
      // With nobody else staking any positive stake wins everything; the supremum is approached as s → 0.
      if (o <= 0) return Number.EPSILON * (reward / cost);
      return Math.max(0, Math.sqrt((reward * o) / cost) - o);
    },
  };
}

/**
 * Returns the symmetric Nash equilibrium of the staking contest: each stakes
 * s* = R(n − 1) / (n²c) (tokens), the total is R(n − 1)/(nc), the implied
 * yield R/S = nc/(n − 1) per period, and each earns u* = R/n² (reward units).
 */
export function stakingContestEquilibrium(n: number, reward: number, cost: number): { stake: number; total: number; yieldPerPeriod: number; payoff: number } {
  const stake = (reward * (n - 1)) / (n * n * cost);
  return { stake, total: n * stake, yieldPerPeriod: (n * cost) / (n - 1), payoff: reward / (n * n) };
}

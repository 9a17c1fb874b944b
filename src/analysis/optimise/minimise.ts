import { InputError } from '../../core/errors';
import type { ParamRanges } from '../ranges';
import { mirror, paramRecord, searchBox, toParams, toUnit } from './bounds';
import { CmaEs, type CmaEsState } from './cmaes';

/** One candidate evaluated: where (parameter units) and what it scored. */
export interface Evaluation {
  /** Generation it belongs to, from 0. */
  generation: number;
  /** Position in its generation, from 0. */
  index: number;
  /** Parameter values, in `paths` order and the parameters' units. */
  x: Float64Array;
  /** The objective (NaN for a failed evaluation). */
  value: number;
  /** How far the point breaks its constraints (0: feasible; Infinity for a failed evaluation). */
  violation: number;
}

/** An objective value with the amount by which the point breaks its constraints (0 or absent: it keeps them). */
export interface Scored {
  value: number;
  /** Σ of the constraints' excesses, e.g. max(0, KPI − bound) summed, in any fixed unit; ≥ 0. */
  violation?: number;
}

/** One generation's summary: the convergence history. */
export interface GenerationSummary {
  generation: number;
  /** Evaluations done by the end of this generation. */
  evaluations: number;
  /** Best value in this generation. */
  best: number;
  /** Median value in this generation. */
  median: number;
  /** Best value so far (of a feasible point once there is one). */
  bestSoFar: number;
  /** Share of this generation's points that kept their constraints. */
  feasibleShare: number;
  /** Step size σ after the update, in unit-cube coordinates (share of each range). */
  sigma: number;
}

/** The best point found. */
export interface BestPoint {
  /** Parameter values by path. */
  params: Record<string, number>;
  /** The same, as a vector in `paths` order. */
  x: number[];
  value: number;
  /** 0 when the point keeps its constraints; else the smallest violation seen (no point was feasible). */
  violation: number;
  generation: number;
  index: number;
}

/** What `minimise` needs to continue a search: JSON-safe, written by the caller after each generation. */
export interface MinimiseCheckpoint {
  paths: string[];
  budget: number;
  evaluations: number;
  cma: CmaEsState;
  best: BestPoint | null;
  history: GenerationSummary[];
  stopReason: StopReason | null;
}

/** Why a search stopped. */
export type StopReason = 'budget' | 'tolX' | 'condition';

/** A minimisation problem over a box of parameter ranges. */
export interface MinimiseOptions {
  /** The box: parameter ranges by path, linear or log scale (see `ParamRange`). */
  ranges: ParamRanges;
  /**
   * Returns the objective at each point of a generation's batch (vectors in
   * `paths` order, parameter units), in order: call runs in parallel here.
   * Lower is better; return NaN for a failed point (it ranks last). With
   * constraints, return `{ value, violation }`: see `minimise` for the order.
   */
  evaluate: (batch: Float64Array[]) => Promise<readonly (number | Scored)[]> | readonly (number | Scored)[];
  /** Most evaluations to spend; a generation that would exceed it is not started. */
  budget: number;
  /** Seed of the search's random draws. */
  seed: number;
  /** Start point by path (default: the middle of each range on its scale). */
  start?: Record<string, number>;
  /** Initial step size as a share of each range (unit-cube σ0); default 0.3. */
  sigma?: number;
  /** Population size λ; default 4 + ⌊3 ln n⌋. */
  populationSize?: number;
  /** Stop when σ · max √C_ii falls below this share of the ranges; default 1e-9. */
  tolX?: number;
  /** A checkpoint from an earlier call with the same problem: the search continues from it. */
  resume?: MinimiseCheckpoint;
  /** Called after every generation with its evaluations and a checkpoint to persist. */
  onGeneration?: (checkpoint: MinimiseCheckpoint, evaluations: Evaluation[]) => void | Promise<void>;
}

/** The outcome of a search. */
export interface MinimiseResult {
  paths: string[];
  best: BestPoint;
  /**
   * The search distribution's final mean, by path (parameter units): on a
   * noisy objective a better estimate of the optimum than `best`, whose
   * value is biased down by the luck that made it best.
   */
  centre: Record<string, number>;
  evaluations: number;
  generations: number;
  stopReason: StopReason;
  history: GenerationSummary[];
  checkpoint: MinimiseCheckpoint;
}

/**
 * `minimise(options)` → the best point of a box-bounded, possibly noisy
 * objective found by CMA-ES (see `CmaEs`) within a budget of evaluations.
 * The search runs in the unit cube (log-scale ranges in ln x) from σ0 = 0.3
 * of each range; a candidate is folded into the box by reflection
 * (`mirror`) and CMA-ES is told the folded point (Lamarckian repair), so
 * every evaluated point is feasible and the mean stays in the box. A generation's λ points
 * go to `evaluate` in one batch. For a noisy objective the caller evaluates
 * every candidate on the same seeds (common random numbers), which turns
 * the noise into a fixed function of the point and keeps rankings paired.
 * Deterministic for (options, seed); resuming from any checkpoint passed to
 * `onGeneration` ends with the same result as an uninterrupted search.
 * Stops at the budget, when the search distribution has shrunk below `tolX`,
 * or when C's axis ratio passes 1e7. Maximise by negating the objective.
 * Constraints: points are ranked by Deb's feasibility rules (Deb, Comput.
 * Methods Appl. Mech. Eng. 186, 2000) — a feasible point (violation 0)
 * before any infeasible one, feasible points by value, infeasible ones by
 * violation — and CMA-ES, which uses only ranks, is told those ranks; so
 * the reported best keeps the constraints whenever any evaluated point did.
 */
export async function minimise(options: MinimiseOptions): Promise<MinimiseResult> {
  const box = searchBox(options.ranges, 'optimiser');
  if (!Number.isInteger(options.budget) || options.budget < 1) {
    throw new InputError(`optimiser: budget must be a positive whole number of evaluations, got ${options.budget}`);
  }
  const sigma0 = options.sigma ?? 0.3;
  if (!(sigma0 > 0 && sigma0 < Infinity)) throw new InputError(`optimiser: sigma must be a positive share of the ranges, got ${sigma0}`);
  const tolX = options.tolX ?? 1e-9;
  let cp = options.resume ? resumeFrom(options.resume, box.paths) : undefined;
  const cma = cp
    ? new CmaEs(cp.cma)
    : new CmaEs({ mean: toUnit(box, options.start ?? {}, 'optimiser'), sigma: sigma0, seed: options.seed, lambda: options.populationSize });
  if (cma.lambda > options.budget) throw new InputError(`optimiser: budget ${options.budget} is below one generation of ${cma.lambda} evaluations`);
  cp ??= { paths: box.paths, budget: options.budget, evaluations: 0, cma: cma.state, best: null, history: [], stopReason: null };
  // A larger budget on resume lets a finished search go on.
  cp.budget = options.budget;
  cp.stopReason = null;

  for (;;) {
    const stop = stopReason(cma, cp, tolX);
    if (stop) {
      cp.stopReason = stop;
      break;
    }
    const generation = cp.cma.generation;
    // Lamarckian repair: each candidate is folded into the box and CMA-ES is
    // told the point evaluated, not the one drawn. Told the drawn points, a
    // mean that wanders past a bound sees the objective's mirror images, its
    // selected steps stop agreeing, and σ grows without limit (a 2-D sphere
    // diverged to σ ≈ 7 boxes from some seeds).
    const genotypes = cma.ask().map((u) => Float64Array.from(u, mirror));
    const batch = genotypes.map((u) => toParams(box, u));
    const scores = Array.from(await options.evaluate(batch));
    if (scores.length !== batch.length) throw new RangeError(`optimiser: evaluate returned ${scores.length} values for ${batch.length} points`);
    const evaluations = batch.map((x, index) => ({ generation, index, x, ...scoreOf(scores[index]) }));
    cma.tell(genotypes, ranks(evaluations));
    cp = advance(cp, cma, box.paths, evaluations);
    await options.onGeneration?.(structuredClone(cp), evaluations);
  }
  if (!cp.best) throw new RangeError('optimiser: every evaluation failed (NaN); no best point');
  const centre = paramRecord(box.paths, toParams(box, cma.mean));
  return { paths: box.paths, best: cp.best, centre, evaluations: cp.evaluations, generations: cp.cma.generation, stopReason: cp.stopReason!, history: cp.history, checkpoint: cp };
}

function stopReason(cma: CmaEs, cp: MinimiseCheckpoint, tolX: number): StopReason | null {
  if (cp.evaluations + cma.lambda > cp.budget) return 'budget';
  if (cma.largestStdDev < tolX) return 'tolX';
  if (cma.axisRatio > 1e7) return 'condition';
  return null;
}

/** A returned score as value and violation: a failed point (NaN value or violation) is infeasible without bound. */
function scoreOf(score: number | Scored): { value: number; violation: number } {
  const value = typeof score === 'number' ? score : score.value;
  const v = typeof score === 'number' ? 0 : (score.violation ?? 0);
  if (Number.isNaN(value) || Number.isNaN(v)) return { value: NaN, violation: Infinity };
  return { value, violation: Math.max(0, v) };
}

/** Negative when a ranks before b by the feasibility rules. */
function compare(a: { value: number; violation: number }, b: { value: number; violation: number }): number {
  if (a.violation > 0 || b.violation > 0) return a.violation - b.violation || 0;
  return a.value - b.value;
}

/** The rank of each evaluation in its generation (0 = best), ties by position: what CMA-ES is told. */
function ranks(evaluations: readonly Evaluation[]): number[] {
  const order = evaluations.map((_, i) => i).sort((i, j) => compare(evaluations[i], evaluations[j]) || i - j);
  const out = new Array<number>(evaluations.length);
  order.forEach((i, r) => (out[i] = r));
  return out;
}

function advance(cp: MinimiseCheckpoint, cma: CmaEs, paths: string[], evaluations: Evaluation[]): MinimiseCheckpoint {
  let best = cp.best;
  for (const e of evaluations) {
    if (e.violation < Infinity && (best === null || compare(e, best) < 0)) {
      best = { params: paramRecord(paths, e.x), x: Array.from(e.x), value: e.value, violation: e.violation, generation: e.generation, index: e.index };
    }
  }
  const values = evaluations.map((e) => (Number.isNaN(e.value) ? Infinity : e.value)).sort((a, b) => a - b);
  const ordered = [...evaluations].sort(compare);
  const summary: GenerationSummary = {
    generation: evaluations[0].generation,
    evaluations: cp.evaluations + evaluations.length,
    best: ordered[0].value,
    median: values.length % 2 ? values[(values.length - 1) / 2] : (values[values.length / 2 - 1] + values[values.length / 2]) / 2,
    bestSoFar: best?.value ?? NaN,
    feasibleShare: evaluations.filter((e) => e.violation === 0).length / evaluations.length,
    sigma: cma.sigma,
  };
  return { ...cp, evaluations: summary.evaluations, cma: cma.state, best, history: [...cp.history, summary] };
}

function resumeFrom(cp: MinimiseCheckpoint, paths: string[]): MinimiseCheckpoint {
  if (cp.paths.join('\n') !== paths.join('\n')) {
    throw new InputError(`optimiser: the checkpoint searches ${cp.paths.join(', ')}, this problem ${paths.join(', ')}`);
  }
  return structuredClone(cp);
}

import type { MomentSet } from './moments';

/** Returns one simulated series (a price per tick) at parameter vector θ and seed. */
export type Simulate = (theta: Float64Array, seed: number) => Float64Array | Promise<Float64Array>;

/** The pieces of a method-of-simulated-moments objective. */
export interface MsmProblem {
  /** Target moments m*, from the data, in the order of `moments.names`. */
  target: ArrayLike<number>;
  /** The model: one series per (θ, seed). */
  simulate: Simulate;
  moments: MomentSet;
  /** Weighting matrix W, row-major k × k (k moments). */
  weighting: ArrayLike<number>;
  /** The common seeds: every θ is simulated on exactly these. */
  seeds: readonly number[];
}

/** The simulated moments at one θ and the objective they give. */
export interface MsmEvaluation {
  /** J(θ) = (m̄ − m*)ᵀ W (m̄ − m*); NaN when a simulation failed or gave a non-finite moment. */
  objective: number;
  /** m̄(θ): the moments averaged over the seeds. */
  mean: Float64Array;
  /** Standard deviation of each moment over the seeds (n − 1 denominator). */
  sd: Float64Array;
  /** Moments per seed, in the order of `seeds`. */
  perSeed: Float64Array[];
  /** The message of a simulation that threw, if one did. */
  error?: string;
}

/**
 * `msmEvaluate(problem, theta)` → the method-of-simulated-moments objective
 * at θ (dimensionless when W is an inverse covariance) with the simulated
 * moments behind it (see `MsmEvaluation`):
 *
 *   m̄(θ) = (1/S) Σ_s m(simulate(θ, s)),   J(θ) = (m̄ − m*)ᵀ W (m̄ − m*),
 *
 * over the S common seeds (McFadden, Econometrica 57, 1989; Franke &
 * Westerhoff, JEDC 36, 2012). The same seeds for every θ (common random
 * numbers) make J a fixed function of θ, so that two candidates differ by
 * their parameters and not by their luck. The S simulations start together,
 * so an async `simulate` can run them on workers. A simulation that throws
 * gives J = NaN with its message (an optimiser ranks it last).
 */
export async function msmEvaluate(problem: MsmProblem, theta: Float64Array): Promise<MsmEvaluation> {
  const k = problem.moments.names.length;
  if (problem.target.length !== k) throw new RangeError(`target has ${problem.target.length} moments, the moment set ${k}`);
  if (problem.weighting.length !== k * k) throw new RangeError(`weighting must be ${k} × ${k}, got ${problem.weighting.length} entries`);
  if (problem.seeds.length === 0) throw new RangeError('the simulated moments need at least one seed');
  const mean = new Float64Array(k);
  const sd = new Float64Array(k);
  let perSeed: Float64Array[];
  try {
    const series = await Promise.all(problem.seeds.map((s) => problem.simulate(theta, s)));
    perSeed = series.map((x) => problem.moments.compute(x));
  } catch (e) {
    return { objective: NaN, mean: mean.fill(NaN), sd: sd.fill(NaN), perSeed: [], error: (e as Error).message };
  }
  const S = perSeed.length;
  for (const m of perSeed) for (let i = 0; i < k; i++) mean[i] += m[i] / S;
  for (const m of perSeed) for (let i = 0; i < k; i++) sd[i] += (m[i] - mean[i]) ** 2 / Math.max(1, S - 1);
  for (let i = 0; i < k; i++) sd[i] = S > 1 ? Math.sqrt(sd[i]) : NaN;
  const d = Float64Array.from(mean, (m, i) => m - problem.target[i]);
  let j = 0;
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) j += d[a] * problem.weighting[a * k + b] * d[b];
  return { objective: Number.isFinite(j) ? j : NaN, mean, sd, perSeed };
}

/**
 * `msmObjective(problem)` → a batch objective for `minimise`: the MSM
 * objective J(θ) of `msmEvaluate` at every θ of a batch, all of the batch's
 * simulations started at once.
 */
export function msmObjective(problem: MsmProblem): (batch: Float64Array[]) => Promise<number[]> {
  return async (batch) => (await Promise.all(batch.map((theta) => msmEvaluate(problem, theta)))).map((e) => e.objective);
}

import { InputError } from '../../core/errors';
import type { ParamRanges } from '../ranges';
import { minimise, type Evaluation, type MinimiseCheckpoint, type MinimiseResult } from '../optimise/minimise';
import { priceMoments, type MomentSet } from './moments';
import { msmEvaluate, msmObjective, type MsmEvaluation, type Simulate } from './objective';
import { blockBootstrapMoments, identityWeighting, inverseCovarianceWeighting, type BlockBootstrapOptions } from './weighting';

/**
 * How the moments are weighted: `bootstrap` (the default) inverts the
 * covariance of the data's moments over a block bootstrap of the data;
 * `identity` weighs each moment 1 in its own unit; a matrix is used as given.
 */
export type WeightingChoice = 'bootstrap' | 'identity' | ArrayLike<number>;

/** A calibration by the method of simulated moments. */
export interface CalibrationOptions {
  /** The observed series (a price per tick), or a panel of several laid end to end for a joint moment set (see `jointMoments`): its moments are the target. */
  data: Float64Array;
  simulate: Simulate;
  /** Parameter ranges by path; θ vectors passed to `simulate` follow their sorted order. */
  ranges: ParamRanges;
  /** Common seeds for every θ; their count S trades noise in J for time. */
  seeds: readonly number[];
  /** Moments to match; default `priceMoments()`, all of them. */
  moments?: MomentSet;
  weighting?: WeightingChoice;
  bootstrap?: BlockBootstrapOptions;
  /** Evaluations of J the search may spend (each costs S simulations). */
  budget: number;
  /** Seed of the search. */
  seed: number;
  start?: Record<string, number>;
  sigma?: number;
  resume?: MinimiseCheckpoint;
  onGeneration?: (checkpoint: MinimiseCheckpoint, evaluations: Evaluation[]) => void | Promise<void>;
}

/** The outcome of a calibration. */
export interface Calibration {
  /** The calibrated parameters by path (the search's best point). */
  params: Record<string, number>;
  /** J at the calibrated point. */
  objective: number;
  /** Moment names, the order of the vectors below. */
  names: readonly string[];
  /** m*, the data's moments. */
  target: Float64Array;
  /** The simulated moments at the calibrated point: mean and spread over the seeds. */
  simulated: MsmEvaluation;
  /** The weighting matrix used, row-major. */
  weighting: Float64Array;
  search: MinimiseResult;
}

/**
 * `calibrate(options)` → the parameters within `ranges` whose simulated
 * moments best match the data's, by the method of simulated moments
 * (see `msmEvaluate`) with common random numbers, searched by CMA-ES
 * (`minimise`), with the table of target against simulated moments.
 * Default weighting: W = Σ̂⁻¹, Σ̂ the covariance of the data's moments over
 * a moving-block bootstrap of the data (`blockBootstrapMoments`, 500
 * replicates of 250-tick blocks), as in Franke & Westerhoff (JEDC 36,
 * 2012): it measures how precisely the data pin down each moment before any
 * simulation, does not depend on θ or on the model being right, and gives
 * the efficient weighting when the simulated moments average over S ≫ 1
 * seeds. Identity weighting lets moments with large units (the price level)
 * dominate. Throws an `InputError` when the data's moments are not finite.
 */
export async function calibrate(options: CalibrationOptions): Promise<Calibration> {
  const moments = options.moments ?? priceMoments();
  const target = moments.compute(options.data);
  target.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new InputError(`calibration target: moment ${moments.names[i]} of the data is ${v}; the series is too short or constant`);
  });
  const weighting = chooseWeighting(options, moments);
  const problem = { target, simulate: options.simulate, moments, weighting, seeds: options.seeds };
  const search = await minimise({
    ranges: options.ranges,
    evaluate: msmObjective(problem),
    budget: options.budget,
    seed: options.seed,
    start: options.start,
    sigma: options.sigma,
    resume: options.resume,
    onGeneration: options.onGeneration,
  });
  const simulated = await msmEvaluate(problem, Float64Array.from(search.best.x));
  return { params: search.best.params, objective: search.best.value, names: moments.names, target, simulated, weighting, search };
}

function chooseWeighting(options: CalibrationOptions, moments: MomentSet): Float64Array {
  const k = moments.names.length;
  const choice = options.weighting ?? 'bootstrap';
  if (choice === 'identity') return identityWeighting(k);
  if (choice === 'bootstrap') {
    try {
      return inverseCovarianceWeighting(blockBootstrapMoments(options.data, moments, { ...options.bootstrap, series: moments.series ?? 1, levels: moments.levels }), moments.names);
    } catch (e) {
      throw new InputError(`calibration weighting: ${(e as Error).message}`);
    }
  }
  if (choice.length !== k * k) throw new InputError(`calibration weighting: expected a ${k} × ${k} matrix, got ${choice.length} entries`);
  return Float64Array.from(choice);
}

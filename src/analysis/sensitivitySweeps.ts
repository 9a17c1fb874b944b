/**
 * Sobol (Saltelli) and Morris designs as sweep kinds, so a sensitivity study
 * is an ordinary experiment: `sweep: { kind: 'morris', params, trajectories }`
 * runs every design point through the runner (workers, shards, resume), and
 * `tokensim sensitivity DIR` rebuilds the design from the manifest's sweep
 * and seed. `src/experiment/sweep.ts` registers the two kinds beside the
 * built-in ones, so they exist wherever an experiment can be defined
 * (in-process and in worker threads) whatever the experiment file imports.
 */
import { InputError } from '../core/errors';
import { getPath } from '../core/paths';
import type { NumericPath } from '../experiment/paramPaths';
import type { SweepDesign, SweepPoints } from '../experiment/sweep';
import { morrisDesign, type MorrisDesign } from './morris';
import type { ParamRange, ParamRanges } from './ranges';
import { sobolDesign, type SobolDesign } from './sobol';

/**
 * Sobol indices' sampling design: the Saltelli layout of n·(k + 2) points
 * (blocks A_j, B_j, AB_j^(1..k) per base row j; see `sobolDesign`) over the
 * ranges of `params`, each uniform (or log-uniform) on [min, max].
 */
export interface SobolSweep<P> {
  kind: 'sobol';
  params: { [S in NumericPath<P>]?: ParamRange };
  /** Base sample size n ≥ 2; the sweep has n·(k + 2) points. */
  n: number;
  /** Seed of the design; default deriveSeed(baseSeed, "sweep"). */
  seed?: number;
}

/**
 * Morris screening design: `trajectories` one-at-a-time trajectories of
 * k + 1 points each on a `levels`-level grid of the ranges (see `morrisDesign`).
 */
export interface MorrisSweep<P> {
  kind: 'morris';
  params: { [S in NumericPath<P>]?: ParamRange };
  /** Number of trajectories r ≥ 2; the sweep has r·(k + 1) points. */
  trajectories: number;
  /** Grid levels p (even); default 4. */
  levels?: number;
  /** Seed of the design; default deriveSeed(baseSeed, "sweep"). */
  seed?: number;
}

declare module '../experiment/sweep' {
  interface SweepKinds<P> {
    sobol: SobolSweep<P>;
    morris: MorrisSweep<P>;
  }
}

/** A sampling design for sensitivity analysis. */
export type SensitivityDesign = SobolDesign | MorrisDesign;

/** The sweep kinds that carry a sensitivity design. */
export const SENSITIVITY_KINDS = ['sobol', 'morris'] as const;

/**
 * Returns the design matrix a `sobol` or `morris` sweep spec describes,
 * drawn from `seed` (the manifest's `sweepSeed`): the same points every
 * time. Throws an `InputError` naming the field when the spec is not one of
 * these kinds or its size is missing or wrong.
 */
export function sensitivityDesign(spec: { kind: string; params?: unknown } & Record<string, unknown>, seed: number): SensitivityDesign {
  const ranges = spec.params as ParamRanges;
  for (const [path, r] of Object.entries(ranges ?? {})) {
    if (r && typeof r === 'object' && 'integer' in r) throw new InputError(`sweep (${spec.kind}) ${path}: integer ranges are not supported by sensitivity designs (their steps would be rounded away); sample it continuously`);
  }
  if (spec.kind === 'sobol') return sobolDesign(ranges, spec.n as number, seed);
  if (spec.kind === 'morris') return morrisDesign(ranges, spec.trajectories as number, seed, (spec.levels as number | undefined) ?? 4);
  throw new InputError(`sweep kind "${spec.kind}" is not a sensitivity design; expected ${SENSITIVITY_KINDS.join(' or ')}`);
}

/** Returns design point r as dotted path → value, in the parameters' units. */
export function designPoint(design: SensitivityDesign, r: number): Record<string, number> {
  const k = design.paths.length;
  const out: Record<string, number> = {};
  for (let c = 0; c < k; c++) out[design.paths[c]] = design.matrix[r * k + c];
  return out;
}

/**
 * The sweep expansion of both kinds: checks every path is a numeric
 * parameter of `defaults`, then returns the design's points in design order
 * (point index = row of the design matrix, which the estimators rely on).
 */
export const sensitivitySweep: SweepDesign = (spec, defaults, seed): SweepPoints => {
  for (const p of Object.keys(spec.params)) {
    const cur = getPath(defaults, p);
    if (typeof cur !== 'number' && cur !== null) throw new InputError(`sweep (${spec.kind}) ${p}: the parameter is a ${typeof cur}; only numeric parameters can be sampled`);
  }
  const design = sensitivityDesign(spec, seed);
  return { paths: design.paths, points: Array.from({ length: design.rows }, (_, r) => designPoint(design, r)) };
};

import { InputError } from '../core/errors';
import { MAX_RUNS } from './bounds';
import { Rng } from '../core/rng';
import { deriveSeed } from '../core/seeds';
import { assertKnownPath, getPath } from '../core/paths';
import type { NumericPath, ParamPath, PathValue } from './paramPaths';
import { sensitivitySweep } from '../analysis/sensitivitySweeps';

/** A sampled dimension: a range of one numeric parameter. */
export interface Range {
  min: number;
  max: number;
  /** `linear` (uniform in [min, max), the default) or `log` (uniform in log space; min > 0). */
  scale?: 'linear' | 'log';
  /** Draw integers in [min, max] (each integer equally likely on the linear scale). */
  integer?: boolean;
}

/** Grid (Cartesian product): every combination of the listed values, the last path varying fastest. */
export interface GridSweep<P> {
  kind: 'grid';
  params: { [S in ParamPath<P>]?: readonly PathValue<P, S>[] };
}

/** Zip (positional): point i takes the i-th value of every list; the lists have equal length. */
export interface ZipSweep<P> {
  kind: 'zip';
  params: { [S in ParamPath<P>]?: readonly PathValue<P, S>[] };
}

/** Random: `samples` points, each dimension drawn independently, uniform or log-uniform. */
export interface RandomSweep<P> {
  kind: 'random';
  samples: number;
  params: { [S in NumericPath<P>]?: Range };
  /** Seed of the design; default deriveSeed(baseSeed, "sweep"). */
  seed?: number;
}

/**
 * Latin hypercube: `samples` points such that, in every dimension, each of
 * the `samples` equal-probability strata of the range holds exactly one point.
 */
export interface LatinHypercubeSweep<P> {
  kind: 'lhs';
  samples: number;
  params: { [S in NumericPath<P>]?: Range };
  /** Seed of the design; default deriveSeed(baseSeed, "sweep"). */
  seed?: number;
}

/**
 * The typed design kinds, by name. A module adding a kind registers its
 * expansion with `registerSweepDesign` and its spec type by declaration
 * merging, so experiment files type-check it like the built-in ones:
 * `declare module '.../experiment/sweep' { interface SweepKinds<P> { halton: HaltonSweep<P> } }`.
 * `sobol` and `morris` are declared so in src/analysis/sensitivitySweeps.ts.
 */
export interface SweepKinds<P> {
  grid: GridSweep<P>;
  zip: ZipSweep<P>;
  random: RandomSweep<P>;
  lhs: LatinHypercubeSweep<P>;
}

/** A sweep design over dotted parameter paths of parameter type `P`: one of the `SweepKinds`. */
export type SweepSpec<P> = SweepKinds<P>[keyof SweepKinds<P>];

/** An expanded design: the swept paths, and each point as path → value. */
export interface SweepPoints {
  paths: string[];
  points: Record<string, unknown>[];
}

/**
 * A design kind: returns the points of `spec` over `defaults`, or throws an
 * `InputError` naming what is wrong (before any run starts). `seed` is the
 * design's seed for designs that sample.
 */
export type SweepDesign = (spec: { kind: string; params: Record<string, unknown> } & Record<string, unknown>, defaults: object, seed: number) => SweepPoints;

/**
 * Returns the seed a sampled design draws its points from: its own `seed`
 * when given, else deriveSeed(baseSeed, "sweep") — so points change with
 * the base seed unless the design pins them.
 */
export function sweepSeed(spec: object | null | undefined, baseSeed: number): number {
  const own = spec && 'seed' in spec ? (spec as { seed?: number }).seed : undefined;
  return own !== undefined ? own >>> 0 : deriveSeed(baseSeed, 'sweep');
}

const designs = new Map<string, SweepDesign>();

/** Adds (or replaces) a sweep design kind, e.g. a sensitivity design; returns nothing. */
export function registerSweepDesign(kind: string, design: SweepDesign): void {
  designs.set(kind, design);
}

/** Returns the registered design kinds, in registration order. */
export function sweepKinds(): string[] {
  return [...designs.keys()];
}

/**
 * Returns the points of `spec` (a single point with no parameters when
 * there is no sweep). Throws an `InputError` naming the sweep, the path and
 * what was expected on an unknown kind or path, an empty list, lists of
 * unequal length, a value of the wrong type, or an inverted range.
 */
export function expandSweep(spec: { kind: string } | null | undefined, defaults: object, seed: number): SweepPoints {
  if (!spec) return { paths: [], points: [{}] };
  const design = designs.get(spec.kind);
  if (!design) throw new InputError(`sweep kind "${spec.kind}" is unknown; expected one of ${sweepKinds().join(', ')}`);
  const s = spec as Parameters<SweepDesign>[0];
  if (!s.params || typeof s.params !== 'object' || Object.keys(s.params).length === 0) {
    throw new InputError(`sweep (${spec.kind}): params is empty; expected at least one parameter path`);
  }
  for (const path of Object.keys(s.params)) assertKnownPath(defaults, path, `sweep (${spec.kind})`);
  return design(s, defaults, seed);
}

/** Checks a value list of a grid or zip sweep: non-empty, each value of the parameter's type. */
function checkList(kind: string, path: string, values: unknown, defaults: object): unknown[] {
  if (!Array.isArray(values) || values.length === 0) throw new InputError(`sweep (${kind}) ${path}: expected a non-empty list of values, got ${JSON.stringify(values)}`);
  const current = getPath(defaults, path);
  for (const v of values) {
    const ok = current === null || v === null || typeof v === typeof current;
    if (!ok) throw new InputError(`sweep (${kind}) ${path}: value ${JSON.stringify(v)} is a ${typeof v}, the parameter is a ${typeof current}`);
  }
  return values;
}

registerSweepDesign('grid', (spec, defaults) => {
  const paths = Object.keys(spec.params);
  const lists = paths.map((p) => checkList('grid', p, spec.params[p], defaults));
  const size = lists.reduce((n, l) => n * l.length, 1);
  if (size > MAX_RUNS) throw new InputError(`sweep (grid): ${lists.map((l) => l.length).join(' × ')} = ${size} points is more than the ${MAX_RUNS} runs one experiment may plan`);
  let points: Record<string, unknown>[] = [{}];
  for (let d = 0; d < paths.length; d++) {
    const next: Record<string, unknown>[] = [];
    for (const pt of points) for (const v of lists[d]) next.push({ ...pt, [paths[d]]: v });
    points = next;
  }
  return { paths, points };
});

registerSweepDesign('zip', (spec, defaults) => {
  const paths = Object.keys(spec.params);
  const lists = paths.map((p) => checkList('zip', p, spec.params[p], defaults));
  const n = lists[0].length;
  lists.forEach((l, d) => {
    if (l.length !== n) throw new InputError(`sweep (zip) ${paths[d]}: has ${l.length} values but ${paths[0]} has ${n}; zip lists must have equal length`);
  });
  return { paths, points: Array.from({ length: n }, (_, i) => Object.fromEntries(paths.map((p, d) => [p, lists[d][i]]))) };
});

/** Checks a sampled design's sample count and ranges; returns the ranges in declared order. */
function checkRanges(kind: string, spec: Parameters<SweepDesign>[0], defaults: object): { samples: number; paths: string[]; ranges: Range[] } {
  const samples = spec.samples as number;
  if (!Number.isInteger(samples) || samples < 1) throw new InputError(`sweep (${kind}): samples must be a positive integer, got ${samples}`);
  if (samples > MAX_RUNS) throw new InputError(`sweep (${kind}): samples ${samples} is more than the ${MAX_RUNS} runs one experiment may plan`);
  const paths = Object.keys(spec.params);
  const ranges = paths.map((p) => {
    const r = spec.params[p] as Range;
    const cur = getPath(defaults, p);
    if (typeof cur !== 'number' && cur !== null) throw new InputError(`sweep (${kind}) ${p}: the parameter is a ${typeof cur}; only numeric parameters can be sampled`);
    if (!r || typeof r !== 'object' || !Number.isFinite(r.min) || !Number.isFinite(r.max)) throw new InputError(`sweep (${kind}) ${p}: expected a range { min, max } of finite numbers, got ${JSON.stringify(r)}`);
    if (!(r.min < r.max)) throw new InputError(`sweep (${kind}) ${p}: range min ${r.min} must be below max ${r.max}`);
    if (r.scale !== undefined && r.scale !== 'linear' && r.scale !== 'log') throw new InputError(`sweep (${kind}) ${p}: scale must be "linear" or "log", got ${JSON.stringify(r.scale)}`);
    if (r.scale === 'log' && r.min <= 0) throw new InputError(`sweep (${kind}) ${p}: a log scale needs min > 0, got ${r.min}`);
    return r;
  });
  return { samples, paths, ranges };
}

/**
 * Returns the value of range `r` at quantile `u` in [0, 1): linear
 * min + u(max − min), log exp(ln min + u(ln max − ln min)); integer ranges
 * map u onto the max − min + 1 integers (log: rounded).
 */
export function rangeValue(r: Range, u: number): number {
  if (r.scale === 'log') {
    const v = Math.exp(Math.log(r.min) + u * (Math.log(r.max) - Math.log(r.min)));
    return r.integer ? Math.min(r.max, Math.max(r.min, Math.round(v))) : v;
  }
  if (r.integer) return Math.min(r.max, r.min + Math.floor(u * (r.max - r.min + 1)));
  return r.min + u * (r.max - r.min);
}

registerSweepDesign('random', (spec, defaults, seed) => {
  const { samples, paths, ranges } = checkRanges('random', spec, defaults);
  const rng = new Rng(seed);
  const points = Array.from({ length: samples }, () => Object.fromEntries(paths.map((p, d) => [p, rangeValue(ranges[d], rng.next())])));
  return { paths, points };
});

/**
 * Returns `n` Latin-hypercube quantiles per dimension: column d holds
 * (π_d(i) + U_i,d) / n for a seeded random permutation π_d of 0..n−1, so
 * each stratum [k/n, (k+1)/n) holds exactly one sample in every dimension.
 */
export function latinHypercube(n: number, dims: number, rng: Rng): Float64Array[] {
  const out: Float64Array[] = [];
  const perm = new Int32Array(n);
  for (let d = 0; d < dims; d++) {
    for (let i = 0; i < n; i++) perm[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = (perm[i] + rng.next()) / n;
    out.push(col);
  }
  return out;
}

registerSweepDesign('lhs', (spec, defaults, seed) => {
  const { samples, paths, ranges } = checkRanges('lhs', spec, defaults);
  const u = latinHypercube(samples, paths.length, new Rng(seed));
  const points = Array.from({ length: samples }, (_, i) => Object.fromEntries(paths.map((p, d) => [p, rangeValue(ranges[d], u[d][i])])));
  return { paths, points };
});

// Sensitivity designs (Saltelli for Sobol indices, Morris screening) are
// registered here, not by their own module, so an experiment file that
// imports only `defineExperiment` (and a worker thread loading it) has them.
registerSweepDesign('sobol', sensitivitySweep);
registerSweepDesign('morris', sensitivitySweep);

import { InputError } from '../../core/errors';
import { scale, type ParamRanges } from '../ranges';

/**
 * The box a search runs in: parameter ranges (linear or log scale, see
 * `ParamRange`) in a fixed order, and the map between parameter values and
 * the unit cube the optimiser works in.
 */
export interface SearchBox {
  /** Parameter paths in sorted order: the order of every vector. */
  readonly paths: string[];
  readonly ranges: ParamRanges;
}

/**
 * `searchBox(ranges, context)` → the `SearchBox` of `ranges`, after checking
 * every range is finite with min < max (min > 0 on a log scale); throws an
 * `InputError` naming `context` and the first bad path.
 */
export function searchBox(ranges: ParamRanges, context = 'search'): SearchBox {
  const paths = Object.keys(ranges).sort();
  if (paths.length === 0) throw new InputError(`${context}: expected at least one parameter range path=min:max`);
  for (const p of paths) {
    const r = ranges[p];
    if (!r || !Number.isFinite(r.min) || !Number.isFinite(r.max) || !(r.min < r.max)) {
      throw new InputError(`${context}: range ${p} must be finite with min < max, got ${JSON.stringify(r)}`);
    }
    if (r.scale !== undefined && r.scale !== 'linear' && r.scale !== 'log') {
      throw new InputError(`${context}: range ${p} scale must be "linear" or "log", got ${JSON.stringify(r.scale)}`);
    }
    if (r.scale === 'log' && r.min <= 0) throw new InputError(`${context}: range ${p} on a log scale needs min > 0, got ${r.min}`);
  }
  return { paths, ranges };
}

/**
 * `mirror(u)` → u folded into [0, 1] by reflection at both ends, period 2:
 * t = u mod 2, then t or 2 − t. Continuous, and the identity on [0, 1], so
 * an unbounded search sees f(mirror(u)): every sample is feasible with no
 * penalty to tune, and an optimum on a bound stays reachable.
 */
export function mirror(u: number): number {
  const t = ((u % 2) + 2) % 2;
  return t <= 1 ? t : 2 - t;
}

/** `toParams(box, u)` → the parameter values (their units, `box.paths` order) at unit-cube point `mirror(u)`. */
export function toParams(box: SearchBox, u: ArrayLike<number>): Float64Array {
  const out = new Float64Array(box.paths.length);
  for (let i = 0; i < out.length; i++) out[i] = scale(box.ranges[box.paths[i]], mirror(u[i]));
  return out;
}

/**
 * `toUnit(box, values)` → the unit-cube coordinates of parameter values
 * given by path, inverting `scale` (linear or log); a path not given sits at
 * 0.5, the middle of its range on its scale. Throws an `InputError` for an
 * unknown path or a value outside its range.
 */
export function toUnit(box: SearchBox, values: Record<string, number>, context = 'search'): Float64Array {
  for (const p of Object.keys(values)) if (!box.ranges[p]) throw new InputError(`${context}: start value for ${p}, which has no range`);
  return Float64Array.from(box.paths, (p) => {
    const r = box.ranges[p];
    const v = values[p];
    if (v === undefined) return 0.5;
    if (!(v >= r.min && v <= r.max)) throw new InputError(`${context}: start value ${p}=${v} is outside its range [${r.min}, ${r.max}]`);
    return r.scale === 'log' ? Math.log(v / r.min) / Math.log(r.max / r.min) : (v - r.min) / (r.max - r.min);
  });
}

/** `paramRecord(paths, x)` → the vector x (parameter units, in `paths` order) keyed by path. */
export function paramRecord(paths: readonly string[], x: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = {};
  paths.forEach((p, i) => (out[p] = x[i]));
  return out;
}

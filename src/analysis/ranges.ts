import { InputError } from '../core/errors';

/** A parameter's sampling range, in the parameter's own unit: values are drawn from [min, max]. */
export interface ParamRange {
  min: number;
  max: number;
  /** `linear` (the default): uniform on [min, max]; `log`: uniform in ln x (min > 0), for rates spanning decades. */
  scale?: 'linear' | 'log';
}

/** Parameter ranges keyed by dotted parameter path (`emission.ratePerYear`). */
export type ParamRanges = Record<string, ParamRange>;

/**
 * Returns the paths of `ranges` in a fixed (sorted) order, after checking
 * each range is finite with min < max (and min > 0 on a log scale); throws
 * an `InputError` naming the first bad one. The order is the column order of
 * every design matrix.
 */
export function checkRanges(ranges: ParamRanges): string[] {
  const paths = Object.keys(ranges).sort();
  if (paths.length === 0) throw new InputError('sensitivity design: expected at least one parameter range { path: { min, max } }');
  for (const p of paths) {
    const r = ranges[p];
    if (!r || !Number.isFinite(r.min) || !Number.isFinite(r.max) || !(r.min < r.max)) {
      throw new InputError(`sensitivity range ${p}: expected finite { min, max } with min < max, got ${JSON.stringify(r)}`);
    }
    if (r.scale !== undefined && r.scale !== 'linear' && r.scale !== 'log') throw new InputError(`sensitivity range ${p}: scale must be "linear" or "log", got ${JSON.stringify(r.scale)}`);
    if (r.scale === 'log' && r.min <= 0) throw new InputError(`sensitivity range ${p}: a log scale needs min > 0, got ${r.min}`);
  }
  return paths;
}

/**
 * Returns x in [0, 1] mapped onto `r`, in the parameter's unit: linear
 * min + x(max − min); log exp(ln min + x(ln max − ln min)). Sensitivity
 * measures are then per unit of x, i.e. per whole range on that scale.
 */
export function scale(r: ParamRange, x: number): number {
  if (r.scale === 'log') return Math.exp(Math.log(r.min) + x * (Math.log(r.max) - Math.log(r.min)));
  return r.min + x * (r.max - r.min);
}

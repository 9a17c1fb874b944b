import { InputError } from '../core/errors';

/** A parameter's sampling range, in the parameter's own unit: values are drawn from [min, max]. */
export interface ParamRange {
  min: number;
  max: number;
}

/** Parameter ranges keyed by dotted parameter path (`emission.ratePerYear`). */
export type ParamRanges = Record<string, ParamRange>;

/**
 * Returns the paths of `ranges` in a fixed (sorted) order, after checking
 * each range is finite with min < max; throws an `InputError` naming the
 * first bad one. The order is the column order of every design matrix.
 */
export function checkRanges(ranges: ParamRanges): string[] {
  const paths = Object.keys(ranges).sort();
  if (paths.length === 0) throw new InputError('sensitivity design: expected at least one parameter range { path: { min, max } }');
  for (const p of paths) {
    const r = ranges[p];
    if (!r || !Number.isFinite(r.min) || !Number.isFinite(r.max) || !(r.min < r.max)) {
      throw new InputError(`sensitivity range ${p}: expected finite { min, max } with min < max, got ${JSON.stringify(r)}`);
    }
  }
  return paths;
}

/** Returns x in [0, 1] mapped onto `r`: min + x · (max − min), in the parameter's unit. */
export function scale(r: ParamRange, x: number): number {
  return r.min + x * (r.max - r.min);
}

/** Returns a nested override object (`{ emission: { ratePerYear: v } }`) from dotted path → value. */
export function overridesFromPoint(point: Record<string, number>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, v] of Object.entries(point)) {
    const keys = path.split('.');
    let o = out;
    for (let i = 0; i < keys.length - 1; i++) o = (o[keys[i]] ??= {}) as Record<string, unknown>;
    o[keys[keys.length - 1]] = v;
  }
  return out;
}

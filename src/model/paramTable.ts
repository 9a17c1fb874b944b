import { getPath } from '../core/paths';
import { overridePaths } from '../experiment/define';

/** Returns the rows [dotted path under `key`, default as JSON] of a block's defaults (a distribution or an array is one value). */
export function defaultsTable(key: string, defaults: unknown): [string, string][] {
  if (defaults === null || typeof defaults !== 'object' || Array.isArray(defaults)) return [[key, JSON.stringify(defaults)]];
  return overridePaths(defaults).map((p) => [`${key}.${p}`, JSON.stringify(getPath(defaults, p))]);
}

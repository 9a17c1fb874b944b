import { InputError } from '../core/errors';
import { assertKnownPath, getPath } from '../core/paths';

/**
 * Parameters whose values are themselves parameter paths: in each element
 * of the list at `list`, the string at `key` names a numeric parameter
 * (governance proposals change `governance.targets[i].path` by
 * new = old · (1 ± stepShare)).
 */
const PATH_REFERENCES = [{ list: 'governance.targets', key: 'path' }] as const;

/**
 * Throws an `InputError` when a parameter that names another parameter
 * (see `PATH_REFERENCES`) names none, or one that is not a number:
 * `governance.targets.0.path "no.such.path"` would otherwise run and log
 * every proposal on it as invalid. `where` prefixes the message (the
 * variant and sweep point); returns nothing.
 */
export function assertPathReferences(params: object, where: string): void {
  for (const { list, key } of PATH_REFERENCES) {
    const items = getPath(params, list);
    if (!Array.isArray(items)) continue;
    items.forEach((item, i) => {
      const path = (item as Record<string, unknown> | null)?.[key];
      if (typeof path !== 'string') return;
      const at = `${where}${list}.${i}.${key}`;
      try {
        assertKnownPath(params, path);
      } catch (e) {
        const hint = (e as Error).message.split('; ').slice(1).join('; ');
        throw new InputError(`${at} "${path}" is not a parameter${hint ? `; ${hint}` : ''}`);
      }
      const value = getPath(params, path);
      if (typeof value !== 'number') throw new InputError(`${at} "${path}" is a ${value === null ? 'null' : typeof value} parameter; expected a numeric one`);
    });
  }
}

import { produce } from 'immer';
import { InputError } from '../core/errors';
import { describeIssue } from '../core/params';
import { setPath } from '../core/paths';
import type { Experiment } from './define';
import { parseAssignment } from './plan';
import { assertNumericPaths } from './pointRunner';

/** What a search (`tokensim calibrate`, `tokensim optimize`) found: the assignments it ran under and the values. */
export interface ExperimentValues {
  /** Name of the new experiment (letters, digits, '-', '_', '.'). */
  name: string;
  /** `path=value` assignments the search ran with (its `--set`). */
  set?: string[];
  /** The values found, by path. */
  values: Record<string, number>;
}

/**
 * `experimentAt(base, found)` → `base` with the assignments and then the
 * found values set in its defaults, under a new name: every variant, the
 * seeds, ticks and recording stay as `base` has them, so the experiment's
 * policy comparison runs at the calibrated (or optimised) point. The files
 * `tokensim calibrate` and `tokensim optimize` write (`calibrated.ts`,
 * `optimized.ts`) call it. Throws an
 * `InputError` for a bad name, an unknown or non-numeric path, or defaults
 * the model's schema refuses.
 */
export function experimentAt<P extends object>(base: Experiment<P>, found: ExperimentValues): Experiment<P> {
  if (!/^[\w.-]+$/.test(found.name)) throw new InputError(`experiment name must be letters, digits, '-', '_' or '.', got "${found.name}"`);
  assertNumericPaths(base.defaults, Object.keys(found.values), 'value');
  const defaults = produce(base.defaults, (d) => {
    for (const text of found.set ?? []) {
      const [path, value] = parseAssignment(base.defaults, text);
      setPath(d as Record<string, unknown>, path, value);
    }
    for (const [path, value] of Object.entries(found.values)) setPath(d as Record<string, unknown>, path, value);
  });
  const check = base.model.schema.safeParse(defaults);
  if (!check.success) throw new InputError(`${found.name}: the new defaults are refused: ${describeIssue(check.error)}`);
  return { ...base, name: found.name, description: `${base.description} (at a searched point)`.trim(), defaults };
}

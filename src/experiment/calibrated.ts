import { produce } from 'immer';
import { InputError } from '../core/errors';
import { describeIssue } from '../core/params';
import { setPath } from '../core/paths';
import type { Experiment } from './define';
import { parseAssignment } from './plan';
import { assertNumericPaths } from './pointRunner';

/** What `tokensim calibrate` found: the assignments it ran under and the calibrated values. */
export interface CalibratedValues {
  /** Name of the calibrated experiment (letters, digits, '-', '_', '.'). */
  name: string;
  /** `path=value` assignments the calibration ran with (its `--set`). */
  set?: string[];
  /** Calibrated parameter values by path. */
  values: Record<string, number>;
}

/**
 * `calibratedExperiment(base, calibrated)` → `base` with the assignments and
 * then the calibrated values set in its defaults, under a new name: every
 * variant, the seeds, ticks and recording stay as `base` has them, so the
 * experiment's policy comparison runs on the calibrated market. The files
 * `tokensim calibrate` writes (`calibrated.ts`) call it. Throws an
 * `InputError` for a bad name, an unknown or non-numeric path, or defaults
 * the model's schema refuses.
 */
export function calibratedExperiment<P extends object>(base: Experiment<P>, calibrated: CalibratedValues): Experiment<P> {
  if (!/^[\w.-]+$/.test(calibrated.name)) throw new InputError(`experiment name must be letters, digits, '-', '_' or '.', got "${calibrated.name}"`);
  assertNumericPaths(base.defaults, Object.keys(calibrated.values), 'calibrated value');
  const defaults = produce(base.defaults, (d) => {
    for (const text of calibrated.set ?? []) {
      const [path, value] = parseAssignment(base.defaults, text);
      setPath(d as Record<string, unknown>, path, value);
    }
    for (const [path, value] of Object.entries(calibrated.values)) setPath(d as Record<string, unknown>, path, value);
  });
  const check = base.model.schema.safeParse(defaults);
  if (!check.success) throw new InputError(`${calibrated.name}: the calibrated defaults are refused: ${describeIssue(check.error)}`);
  return { ...base, name: calibrated.name, description: `${base.description} (calibrated)`.trim(), defaults };
}

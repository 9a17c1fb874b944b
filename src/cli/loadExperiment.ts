import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../core/errors';
import type { Experiment } from '../experiment/define';

/** Returns true when `x` looks like what `defineExperiment` returns. */
export function isExperiment(x: unknown): x is Experiment<object> {
  const e = x as Experiment<object> | null;
  return !!e && typeof e === 'object' && typeof e.name === 'string' && !!e.model && typeof e.model.build === 'function' && !!e.variants;
}

/** Lets `require` load TypeScript files (ts-node, transpile only), unless something already does. */
function ensureTypeScript(): void {
  if (require.extensions['.ts']) return;
  require('ts-node').register({ transpileOnly: true, project: join(__dirname, '..', '..', 'tsconfig.json') });
}

const files = new WeakMap<object, string>();

/** Returns the file `loadExperiment` loaded `experiment` from, or undefined. */
export function experimentFile(experiment: object): string | undefined {
  return files.get(experiment);
}

/**
 * Returns the experiment exported (as default, or as `experiment`) by the
 * TypeScript file at `file`; throws an `InputError` when the file is missing
 * or exports no experiment.
 */
export function loadExperiment(file: string): Experiment<object> {
  const path = resolve(file);
  if (!existsSync(path)) throw new InputError(`no such experiment file: ${file}`);
  ensureTypeScript();
  const mod = require(path);
  const exp = mod?.default ?? mod?.experiment;
  if (!isExperiment(exp)) throw new InputError(`${file} exports no experiment: expected \`export default defineExperiment({...})\``);
  files.set(exp, path);
  return exp;
}

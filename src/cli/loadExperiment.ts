import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../core/errors';
import type { Experiment } from '../experiment/define';
import { checkExperimentSource, describeLoadError } from './sourceChecks';

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

/** Throws an `InputError` unless `file` names an existing TypeScript or JavaScript file. */
function assertExperimentFile(file: string, path: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new InputError(`no such experiment file: ${file}`);
  }
  if (isDir) {
    const inside = readdirSync(path).filter((f) => f.endsWith('.ts'));
    // The baseline is the one to start from, where there is one; else the first by name.
    const example = inside.includes('baseline.ts') ? 'baseline.ts' : inside[0];
    throw new InputError(`${file} is a directory; expected an experiment file${example ? `, e.g. ${join(file, example)}` : ' (.ts)'}`);
  }
  if (!/\.(ts|js)$/.test(path)) throw new InputError(`${file}: expected an experiment file ending in .ts`);
}

/**
 * Returns the experiment exported (as default, or as `experiment`) by the
 * TypeScript file at `file`. Throws an `InputError` in one line naming the
 * file when it is missing or a directory, has a syntax error or a key given
 * twice in one object (file, line and column), throws while it loads (where,
 * and the error), or exports no experiment. `checkSource` false skips the
 * source checks (for worker threads, once the main thread has made them).
 */
export function loadExperiment(file: string, checkSource = true): Experiment<object> {
  if (file.trim() === '') throw new InputError('expected an experiment file, e.g. experiments/baseline.ts; got an empty name');
  const path = resolve(file);
  assertExperimentFile(file, path);
  if (checkSource && path.endsWith('.ts')) checkExperimentSource(path, file);
  ensureTypeScript();
  let mod: Record<string, unknown>;
  // Deep enough that the experiment file's own frame is on the stack, to say where it threw.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  try {
    mod = require(path);
  } catch (e) {
    throw new InputError(describeLoadError(path, e, file), { cause: e });
  } finally {
    Error.stackTraceLimit = limit;
  }
  const exp = mod?.default ?? mod?.experiment;
  if (!isExperiment(exp)) throw new InputError(`${file} exports no experiment: expected \`export default defineExperiment({...})\``);
  files.set(exp, path);
  return exp;
}

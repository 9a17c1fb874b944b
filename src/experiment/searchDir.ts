import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { GenerationSummary } from '../analysis/optimise/minimise';
import type { ParamRanges } from '../analysis/ranges';
import { InputError } from '../core/errors';
import { getPath } from '../core/paths';
import { writeArrowTable } from '../io/arrowWriter';
import { acquireLock, describeHolder, DirLock } from './lock';
import { prepareOutDir } from './outDir';

/**
 * The directory of a search (a calibration, an optimisation): one JSON state
 * file that names it, holds its inputs and the search's checkpoint after
 * every generation (what `--resume` continues from), and the tables written
 * once it is done. What `tokensim calibrate` and `tokensim optimize` share.
 */

/** Writes `state` as DIR/NAME through a temporary file, so a crash leaves the last whole state. */
export function saveSearchState(dir: string, name: string, state: object): void {
  const path = join(dir, name);
  writeFileSync(`${path}.tmp`, JSON.stringify(state) + '\n');
  renameSync(`${path}.tmp`, path);
}

/**
 * Returns the state DIR/NAME of a search directory, or throws an
 * `InputError` naming `flag` and saying why `dir` is not one (no such file,
 * not JSON, another format).
 */
export function readSearchState<S extends { format: string }>(dir: string, name: string, format: string, flag: string, writer: string): S {
  const path = join(dir, name);
  if (!existsSync(path)) throw new InputError(`${flag} ${dir}: no ${name}; expected the directory of a ${writer} run`);
  let state: S;
  try {
    state = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError(`${flag} ${dir}: ${name} is not valid JSON (${(e as Error).message}); the directory was changed by something other than tokensim`);
  }
  if (state?.format !== format) throw new InputError(`${flag} ${dir}: ${name} is not a ${format} file`);
  return state;
}

/**
 * Makes `dir` ready for a new search (resume: false) or checks it holds the
 * search to continue, then takes its lock. Throws an `InputError` when a new
 * search would write over one (`name` exists), when the directory cannot be
 * written or holds files tokensim did not write, and when another live
 * process holds it.
 */
export function openSearchDir(dir: string, name: string, resume: boolean, hash: string): DirLock {
  if (!resume) {
    if (existsSync(join(dir, name))) throw new InputError(`--out ${dir} already holds a ${name.replace(/\.json$/, '')}; finish it with --resume ${dir}, or choose another --out`);
    prepareOutDir(dir);
  }
  const lock = acquireLock(dir, { planHash: hash, shard: null });
  if (!(lock instanceof DirLock)) throw new InputError(`${dir} is being written by ${describeHolder(lock)}; wait for it to finish or stop it`);
  return lock;
}

/**
 * Runs `body` with SIGINT and SIGTERM caught: the first sets what
 * `interrupted()` returns (the search then stops after the generation in
 * hand, which it saves), a second exits at once (130 or 143).
 */
export async function withInterrupts<T>(log: ((line: string) => void) | null, body: (interrupted: () => 'SIGINT' | 'SIGTERM' | null) => Promise<T>): Promise<T> {
  let signal: 'SIGINT' | 'SIGTERM' | null = null;
  const onSignal = (s: 'SIGINT' | 'SIGTERM') => {
    if (signal) process.exit(s === 'SIGTERM' ? 143 : 130);
    signal = s;
    log?.(`${s}: finishing the generation in hand, then saving (again to stop at once)`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await body(() => signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Thrown from a search's generation callback to end it there (the checkpoint is saved). */
export class SearchInterrupted extends Error {}

/** Returns a TypeScript module specifier for `to`, relative to directory `from` (no extension, always ./ or ../). */
function specifier(from: string, to: string): string {
  const rel = relative(from, to).replace(/\\/g, '/').replace(/\.ts$/, '');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** What a search's experiment file holds: the base experiment's file, the new name, the `--set` values and the values found. */
export interface DerivedExperiment {
  /** Its file name in the directory, e.g. `calibrated.ts`. */
  fileName: string;
  /** Lines of the file's doc comment (what produced it and how well it fits). */
  comment: string[];
  base: string;
  name: string;
  set: string[];
  values: Record<string, number>;
}

/**
 * Writes DIR/fileName: an experiment file `tokensim run` takes — the base
 * experiment with the `--set` values and the found values as its defaults
 * (`experimentAt`), its variants unchanged — and returns its path. Values
 * are written to 6 significant digits.
 */
export function writeDerivedExperiment(dir: string, d: DerivedExperiment): string {
  const path = join(dir, d.fileName);
  const values: Record<string, number> = {};
  for (const [p, v] of Object.entries(d.values)) values[p] = Number(v.toPrecision(6));
  const text = `/**
${[...d.comment, '', `  npx tokensim run ${specifier(process.cwd(), path)}.ts`].map((l) => (l ? ` * ${l}` : ' *')).join('\n')}
 */
import { experimentAt } from '${specifier(dir, resolve(__dirname, '..', 'index'))}';
import base from '${specifier(dir, d.base)}';

export default experimentAt(base, {
  name: ${JSON.stringify(d.name)},
  set: ${JSON.stringify(d.set)},
  values: ${JSON.stringify(values, null, 2).replace(/\n/g, '\n  ')},
});
`;
  writeFileSync(path, text);
  return path;
}

/** Returns the sha-256 of `x`'s JSON: a search's inputs hash, which a resume must match. */
export function inputsHash(x: unknown): string {
  return createHash('sha256').update(JSON.stringify(x)).digest('hex');
}

/**
 * Throws an `InputError` when a resumed search's inputs are not those it was
 * started with, naming the inputs that differ (`ignored` are not compared:
 * the files, which may be given by another path).
 */
export function assertSameInputs<I extends object>(what: string, resume: string, inputs: I, previous: I, ignored: readonly string[]): void {
  const differs = (Object.keys(inputs) as (keyof I & string)[]).filter((k) => !ignored.includes(k) && JSON.stringify(inputs[k]) !== JSON.stringify(previous[k]));
  throw new InputError(`--resume ${resume}: that ${what} had other inputs (${differs.join(', ') || 'the inputs'} differ); give the same experiment and options, or a new --out`);
}

/**
 * Returns the candidates a budget of `runs` runs pays for, ⌊runs / seeds⌋
 * (each candidate runs once per seed); throws an `InputError` unless `runs`
 * is a positive whole number paying for at least one.
 */
export function candidateBudget(runs: number, seeds: number): number {
  if (!Number.isInteger(runs) || runs < 1) throw new InputError(`--budget ${runs}: expected a positive whole number of runs`);
  const candidates = Math.floor(runs / seeds);
  if (candidates < 1) throw new InputError(`--budget ${runs}: below one candidate of ${seeds} runs (one per seed)`);
  return candidates;
}

/**
 * Returns the start of a search: the experiment's own value of each
 * parameter when it lies in its range, so a search begins from the model as
 * it is; else the middle of the range on its scale.
 */
export function searchStart(base: object, ranges: ParamRanges): Record<string, number> {
  const start: Record<string, number> = {};
  for (const [p, r] of Object.entries(ranges)) {
    const v = getPath(base, p) as number;
    start[p] = v >= r.min && v <= r.max ? v : r.scale === 'log' ? Math.sqrt(r.min * r.max) : (r.min + r.max) / 2;
  }
  return start;
}

/**
 * Writes DIR/generations.arrow, a search's convergence: per generation the
 * evaluations so far, best and median objective, best so far, share of
 * candidates keeping the constraints and step size σ. `sign` −1 turns the
 * minimised values of a maximisation back into the KPI's own.
 */
export async function writeGenerations(dir: string, history: readonly GenerationSummary[], sign: 1 | -1 = 1): Promise<void> {
  const h = history;
  await writeArrowTable(
    join(dir, 'generations.arrow'),
    [
      { name: 'generation', kind: 'int32' },
      { name: 'evaluations', kind: 'int32' },
      { name: 'best', kind: 'float64' },
      { name: 'median', kind: 'float64' },
      { name: 'best_so_far', kind: 'float64' },
      { name: 'feasible_share', kind: 'float64' },
      { name: 'sigma', kind: 'float64' },
    ],
    {
      generation: Int32Array.from(h, (g) => g.generation),
      evaluations: Int32Array.from(h, (g) => g.evaluations),
      best: Float64Array.from(h, (g) => sign * g.best),
      median: Float64Array.from(h, (g) => sign * g.median),
      best_so_far: Float64Array.from(h, (g) => sign * g.bestSoFar),
      feasible_share: Float64Array.from(h, (g) => g.feasibleShare),
      sigma: Float64Array.from(h, (g) => g.sigma),
    },
    h.length,
  );
}

import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../core/errors';
import { readCsvColumns } from './replayCsv';

/** A per-tick series read from a CSV file, with the file it came from. */
export interface ExogenousSeries {
  /** One value per tick, tick 1 first. */
  values: Float64Array;
  /** The file as given. */
  file: string;
  /** The column read. */
  column: string;
}

const cache = new Map<string, { stamp: string; series: unknown }>();

/**
 * Returns `read(file)`, read once per file version: the result is kept by
 * absolute path, modification time and size, so the runs of an experiment
 * (and the parameter check before them) read a replayed file once, and an
 * edited file is read again. `read` must be a pure function of the file.
 */
export function readCached<T>(file: string, kind: string, read: (file: string) => T): T {
  let stamp: string;
  try {
    const st = statSync(file);
    stamp = `${st.mtimeMs}:${st.size}`;
  } catch (e) {
    throw new InputError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const key = `${kind}\u0000${resolve(file)}`;
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp) return hit.series as T;
  const series = read(file);
  cache.set(key, { stamp, series });
  return series;
}

/**
 * `readExogenousSeries(file, column, opts)` → column `column` of a CSV file
 * (header row, one row per tick, tick 1 first; other columns ignored), as a
 * series to replay instead of a drawn one: the market factor, a service's
 * demand, an unlock calendar. Values must be finite (and ≥ 0 with
 * `nonNegative`); a missing file or column, or a bad value, is one
 * `InputError` line naming the file, the line and what was expected.
 * Cached per file version (see `readCached`).
 */
export function readExogenousSeries(file: string, column: string, opts: { nonNegative?: boolean } = {}): ExogenousSeries {
  return readCached(file, `column:${column}:${!!opts.nonNegative}`, (f) => {
    const csv = readCsvColumns(f, { required: [column] });
    const values = csv.columns[column];
    if (values.length === 0) throw new InputError(`${f}: no data rows under the header; expected one "${column}" per tick`);
    if (opts.nonNegative) {
      for (let r = 0; r < values.length; r++) {
        if (values[r] < 0) throw new InputError(`${f} line ${csv.lines[r]}: ${column} ${values[r]} is negative; expected a value ≥ 0`);
      }
    }
    return { values, file: f, column };
  });
}

/**
 * Returns the problems with a replayed file for a block's `check`: none when
 * `read()` succeeds, else the `InputError`'s line at `path`. Other errors
 * are not the user's input and are thrown on.
 */
export function fileProblems(path: string, read: () => unknown): { path: string; message: string }[] {
  try {
    read();
    return [];
  } catch (e) {
    if (e instanceof InputError) return [{ path, message: e.message }];
    throw e;
  }
}

/**
 * Returns value t (1-based) of a replayed series, or throws a RangeError
 * naming the file when the run has outlived it: a replayed run cannot invent
 * the ticks its file does not have.
 */
export function valueAt(series: ExogenousSeries, tick: number): number {
  if (tick < 1 || tick > series.values.length) {
    throw new RangeError(`${series.file}: the replayed "${series.column}" series has ${series.values.length} ticks, the run needs tick ${tick}`);
  }
  return series.values[tick - 1];
}

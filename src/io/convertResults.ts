import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors';
import { readManifest, writeManifest } from '../experiment/output';
import { writeParquetFromArrow } from './parquet';

/** The table formats of a results directory: Arrow IPC files (the default), Parquet files, or both side by side. */
export type TableFormat = 'arrow' | 'parquet' | 'both';

/** The values `--format` takes. */
export const TABLE_FORMATS: readonly TableFormat[] = ['arrow', 'parquet', 'both'];

/** Returns `text` as a table format, or throws an `InputError` naming `flag`. */
export function tableFormat(flag: string, text: string): TableFormat {
  if (!(TABLE_FORMATS as readonly string[]).includes(text)) throw new InputError(`${flag} ${text}: expected one of ${TABLE_FORMATS.join(', ')}`);
  return text as TableFormat;
}

/** One table converted: its name, the rows and bytes of its Parquet file, and the bytes of the Arrow file it came from. */
export interface ConvertedTable {
  name: string;
  rows: number;
  bytes: number;
  arrowBytes: number;
}

/** Returns the files `dir`'s manifest lists (those tokensim wrote there); empty without one. */
function filesOf(manifest: Record<string, unknown> | null): string[] {
  return Array.isArray(manifest?.files) ? (manifest.files as string[]) : [];
}

/**
 * Throws an `InputError`, before anything is written, when giving the
 * tables `names` of `dir` the `format` would overwrite a `<name>.parquet`
 * that tokensim did not write there (one the directory's manifest does not
 * list). Arrow alone writes no Parquet and passes.
 */
export function checkFormatTargets(dir: string, names: readonly string[], format: TableFormat = 'arrow'): void {
  if (format === 'arrow') return;
  const ours = new Set(filesOf(readManifest(dir)));
  const foreign = names.map((n) => `${n}.parquet`).filter((f) => existsSync(join(dir, f)) && !ours.has(f));
  if (foreign.length) throw new InputError(`${join(dir, foreign[0])} exists and was not written by tokensim; move it away or choose another directory (tokensim never overwrites files it did not write)`);
}

/**
 * Writes a Parquet file beside each Arrow table of the results directory
 * `dir` (the tables its manifest lists) and returns what it wrote, in
 * table order. Each file is written whole under a temporary name and
 * renamed; then the manifest's `files` lists the `.parquet` files, and,
 * unless `keepArrow`, the `.arrow` tables are removed (after the manifest
 * no longer lists them). A table whose `.parquet` the manifest already
 * lists is not written again (and not returned). Throws an `InputError`, before
 * writing anything, when `dir` has no manifest, is still being written
 * or was interrupted (finish it with `--resume` first), lacks a table, or
 * holds a `.parquet` of a table's name that tokensim did not write.
 */
export async function convertResults(dir: string, opts: { keepArrow: boolean }): Promise<ConvertedTable[]> {
  const manifest = readManifest(dir);
  if (!manifest) throw new InputError(`${dir} is not a results directory: it has no manifest.json`);
  if (manifest.status === 'running' || manifest.status === 'interrupted') {
    throw new InputError(`${dir} holds an unfinished run (status ${manifest.status}); finish it with tokensim run <experiment> --resume ${dir} first`);
  }
  const names: string[] = (manifest.tables ?? []).map((t: { name: string }) => t.name);
  let files = filesOf(manifest);
  const todo = names.filter((n) => existsSync(join(dir, `${n}.arrow`)));
  for (const n of names) {
    if (!todo.includes(n) && !files.includes(`${n}.parquet`)) throw new InputError(`${join(dir, `${n}.arrow`)} is missing; expected every table the manifest lists`);
  }
  checkFormatTargets(dir, todo, 'parquet');

  // A table tokensim already wrote as Parquet (listed, present) is not written again: the finished Arrow tables do not change.
  const done = (n: string) => files.includes(`${n}.parquet`) && existsSync(join(dir, `${n}.parquet`));
  const written: ConvertedTable[] = [];
  for (const name of todo.filter((n) => !done(n))) {
    const arrow = join(dir, `${name}.arrow`);
    written.push({ name, ...(await writeParquetFromArrow(arrow, join(dir, `${name}.parquet`))), arrowBytes: statSync(arrow).size });
  }
  for (const name of todo) {
    const [arrow, parquet] = [`${name}.arrow`, `${name}.parquet`];
    const listed = files.includes(arrow);
    files = files.flatMap((f) => (f === arrow ? (opts.keepArrow ? [arrow, parquet] : [parquet]) : f === parquet ? [] : [f]));
    if (!listed) files.push(parquet);
  }
  writeManifest(dir, { ...manifest, files });
  if (!opts.keepArrow) for (const name of todo) rmSync(join(dir, `${name}.arrow`));
  return written;
}

/**
 * Gives a finished results directory the table `format` (`parquet`:
 * Parquet only; `both`: Parquet beside Arrow; `arrow`: nothing to do) and
 * returns the tables converted. A directory whose runs are not all written
 * (`interrupted`) keeps its Arrow tables, which `--resume` continues from;
 * the Parquet files follow when it completes.
 */
export async function applyTableFormat(dir: string, status: string, format: TableFormat = 'arrow'): Promise<ConvertedTable[]> {
  if (format === 'arrow' || status === 'interrupted' || status === 'running') return [];
  return convertResults(dir, { keepArrow: format === 'both' });
}

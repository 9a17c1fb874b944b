import { mkdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { Field, RecordBatch, Schema, Struct, Table, makeData, tableFromIPC, tableToIPC } from 'apache-arrow';
import { InputError } from '../core/errors';
import { arrowType, columnToData } from '../io/columnData';
import { vectorValues } from '../io/compactArrow';
import type { ColumnData, ColumnSpec } from '../io/arrowWriter';
import type { OutputLayout, Rows, TableLayout } from './layout';
import { readdirIfExists } from './exclusiveFile';
import { DamagedPart, PART_RECORD, partProblem, partRecord, readVerifiedPart } from './partIntegrity';
import { liveness, thisProcess } from './processId';
import type { RunResult } from './runOne';

/**
 * Per-run part files. Each finished run is written as its own directory
 * `parts/<run_id, 6 digits>/` holding one small, complete Arrow IPC file per
 * table and a `part.json` recording the run id, the plan hash and each
 * file's size and SHA-256 (partIntegrity.ts), which resume and merge check
 * before trusting a part. The directory is written under a name unique to
 * its writer and renamed into place, so a part either exists whole or not
 * at all, whatever kills the process. The final tables are assembled from
 * the parts in run_id order.
 */
export const PARTS = 'parts';

/** Returns the directory of run `runId`'s part under output directory `dir`. */
export function partDir(dir: string, runId: number): string {
  return join(dir, PARTS, String(runId).padStart(6, '0'));
}

/** Returns `columns` as an Arrow schema. */
export function schemaOf(columns: ColumnSpec[]): Schema {
  return new Schema(columns.map((c) => new Field(c.name, arrowType(c.kind), c.nullable ?? false)));
}

function encode(columns: ColumnSpec[], rows: Rows): Uint8Array {
  const schema = schemaOf(columns);
  const children = columns.map((c) => columnToData(c, rows.data[c.name], rows.length));
  const batch = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children }));
  return tableToIPC(new Table(schema, [batch]), 'file');
}

/** Returns the file names of a part of `tables`, `part.json` last. */
function partFileNames(tables: { name: string }[]): string[] {
  return [...tables.map((t) => `${t.name}.arrow`), PART_RECORD];
}

/** Writes `data` to file `path`; an error says which file (a failed write alone does not). */
function writeNamed(path: string, data: Uint8Array | string): void {
  try {
    writeFileSync(path, data);
  } catch (e) {
    (e as NodeJS.ErrnoException).path ??= path;
    throw e;
  }
}

/** A temporary part directory's name: `.tmp-<run>-<pid>-<thread>-<host>`, unique to its writer. */
const TEMP = /^\.tmp-(\d+)-(\d+)-(\d+)-(.+)$/;

/**
 * Removes the files tokensim writes in a part directory (the tables named,
 * `part.json` and what it lists) and then the directory; returns the names
 * of anything else found there, which is left in place with the directory.
 */
export function removePart(path: string, tableNames: string[]): string[] {
  const known = new Set(partFileNames(tableNames.map((name) => ({ name }))));
  const names = readdirIfExists(path);
  const foreign = names.filter((n) => !known.has(n));
  for (const n of names) if (known.has(n)) rmSync(join(path, n), { force: true });
  if (foreign.length === 0) rmdirSync(path);
  return foreign;
}

/** Removes the part at `path` to make way for another; throws an `InputError` when it holds files tokensim did not write. */
export function clearPart(path: string, tableNames: string[]): void {
  const foreign = removePart(path, tableNames);
  if (foreign.length) throw new InputError(`${path} holds files tokensim did not write (${foreign.slice(0, 3).join(', ')}); move them out of ${path} and try again`);
}

/**
 * Writes run `runId`'s part under `dir` from each table's Arrow IPC file
 * bytes (by table name), atomically: into a directory unique to this writer,
 * then renamed into place. When another writer has meanwhile written a sound
 * part for the same run (the same bytes, as runs are deterministic), this
 * one is dropped; a damaged one is replaced. Throws ENOENT when `dir/parts`
 * no longer exists (its writer has finished); returns nothing.
 */
export function writePartFiles(dir: string, runId: number, planHash: string, files: Record<string, Uint8Array>): void {
  const me = thisProcess();
  const tables = Object.keys(files);
  const tmp = join(dir, PARTS, `.tmp-${runId}-${me.pid}-${threadId}-${me.host}`);
  try {
    mkdirSync(tmp);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    clearPart(tmp, tables);
    mkdirSync(tmp);
  }
  const named: Record<string, Uint8Array> = {};
  for (const [table, bytes] of Object.entries(files)) named[`${table}.arrow`] = bytes;
  let placed = false;
  try {
    for (const [name, bytes] of Object.entries(named)) writeNamed(join(tmp, name), bytes);
    writeNamed(join(tmp, PART_RECORD), JSON.stringify(partRecord(runId, planHash, named)) + '\n');
    const final = partDir(dir, runId);
    try {
      renameSync(tmp, final);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw e;
      if (partProblem(final, runId, planHash, Object.keys(named)) === null) return;
      clearPart(final, tables);
      renameSync(tmp, final);
    }
    placed = true;
  } finally {
    if (!placed) removePart(tmp, tables);
  }
}

/** Writes run `result`'s part under `dir` (see `writePartFiles`); returns nothing. */
export function writePart(dir: string, layout: OutputLayout, result: RunResult, planHash: string): void {
  const rows = layout.rows(result);
  writePartFiles(dir, result.runId, planHash, Object.fromEntries(layout.tables.map((t) => [t.name, encode(t.columns, rows[t.name])])));
}

/** Returns the run ids whose part directories exist under `dir`, ascending (sound or not: see `damagedParts`). */
export function listParts(dir: string): number[] {
  const names = readdirIfExists(join(dir, PARTS));
  return names.filter((n) => /^\d{6,}$/.test(n)).map(Number).sort((a, b) => a - b);
}

/** Returns the parts among `ids` under `dir` that are not sound parts of plan `planHash` with `tables`. */
export function damagedParts(dir: string, ids: number[], planHash: string, tables: { name: string }[]): DamagedPart[] {
  const names = tables.map((t) => `${t.name}.arrow`);
  return ids.flatMap((id) => partProblem(partDir(dir, id), id, planHash, names) ?? []);
}

/** Removes the temporary part directories under `dir` whose writers (on this host) no longer run; returns nothing. */
export function removeDeadTemps(dir: string, tableNames: string[]): void {
  const names = readdirIfExists(join(dir, PARTS));
  for (const name of names) {
    const m = TEMP.exec(name);
    if (m && liveness({ pid: Number(m[2]), host: m[4], startTicks: null }) === 'dead') removePart(join(dir, PARTS, name), tableNames);
  }
}

/**
 * Returns every table of run `runId`'s part, in the order of `tables`, as
 * column data for the writer (numeric columns without nulls as typed
 * arrays, others as plain arrays with nulls, which the writer encodes to the
 * same bytes as the original), after checking the part against its record.
 * Throws a `DamagedPart` when it does not match.
 */
export function readPart(dir: string, runId: number, planHash: string, tables: TableLayout[]): Rows[] {
  const path = partDir(dir, runId);
  const bytes = readVerifiedPart(path, runId, planHash, tables.map((t) => `${t.name}.arrow`));
  return tables.map((t) => {
    const table = tableFromIPC(bytes[`${t.name}.arrow`]);
    const data: Record<string, ColumnData> = {};
    for (const c of t.columns) {
      const v = table.getChild(c.name);
      if (!v) throw new DamagedPart(path, runId, `${t.name}.arrow has no column ${c.name}`);
      data[c.name] = vectorValues(v, c.kind);
    }
    return { data, length: table.numRows };
  });
}

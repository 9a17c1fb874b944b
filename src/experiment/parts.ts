import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { Field, RecordBatch, Schema, Struct, Table, makeData, tableFromIPC, tableToIPC } from 'apache-arrow';
import { arrowType, columnToData } from '../io/columnData';
import type { ColumnData, ColumnSpec } from '../io/arrowWriter';
import type { OutputLayout, Rows } from './layout';
import type { RunResult } from './runOne';

/**
 * Per-run part files. Each finished run is written as its own directory
 * `parts/<run_id, 6 digits>/` holding one small, complete Arrow IPC file per
 * table. The directory is written under a temporary name and renamed into
 * place, so a part either exists whole or not at all — whatever kills the
 * process. The final tables are assembled from the parts in run_id order;
 * resume and merge read which parts exist.
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

/** Writes run `result`'s part under `dir` atomically (temporary directory, then rename); returns nothing. */
export function writePart(dir: string, layout: OutputLayout, result: RunResult): void {
  const rows = layout.rows(result);
  writePartFiles(dir, result.runId, Object.fromEntries(layout.tables.map((t) => [t.name, encode(t.columns, rows[t.name])])));
}

/**
 * Writes run `runId`'s part under `dir` from each table's Arrow IPC file
 * bytes (by table name), atomically (temporary directory, then rename);
 * returns nothing.
 */
export function writePartFiles(dir: string, runId: number, files: Record<string, Uint8Array>): void {
  const tmp = join(dir, PARTS, `.tmp-${runId}-${process.pid}-${threadId}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (const [table, bytes] of Object.entries(files)) writeFileSync(join(tmp, `${table}.arrow`), bytes);
  const final = partDir(dir, runId);
  rmSync(final, { recursive: true, force: true });
  renameSync(tmp, final);
}

/** Returns the run ids whose parts exist under `dir`, ascending; removes half-written temporary parts. */
export function listParts(dir: string): number[] {
  const root = join(dir, PARTS);
  if (!existsSync(root)) return [];
  const ids: number[] = [];
  for (const name of readdirSync(root)) {
    if (name.startsWith('.tmp-')) rmSync(join(root, name), { recursive: true, force: true });
    else if (/^\d{6,}$/.test(name)) ids.push(Number(name));
  }
  return ids.sort((a, b) => a - b);
}

/**
 * Returns one table of run `runId`'s part as column data for the writer:
 * numeric columns without nulls as typed arrays, others as plain arrays
 * with nulls, which the writer encodes to the same bytes as the original.
 */
export function readPart(dir: string, runId: number, table: string, columns: ColumnSpec[]): Rows {
  const t = tableFromIPC(readFileSync(join(partDir(dir, runId), `${table}.arrow`)));
  const data: Record<string, ColumnData> = {};
  for (const c of columns) {
    const v = t.getChild(c.name);
    if (!v) throw new Error(`part ${partDir(dir, runId)}/${table}.arrow has no column ${c.name}: the layout changed`);
    if (c.kind !== 'utf8' && c.kind !== 'bool' && v.nullCount === 0) data[c.name] = v.toArray() as ColumnData;
    else data[c.name] = Array.from({ length: v.length }, (_, i) => v.get(i)) as ColumnData;
  }
  return { data, length: t.numRows };
}

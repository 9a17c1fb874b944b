import * as fs from 'node:fs';
import { RecordBatchReader, Table } from 'apache-arrow';
import { InputError } from '../core/errors';

/** One column of a file's schema: its name, Arrow type as text (`Int32`, `Float64`, `Utf8`…), and nullability. */
export interface ColumnInfo {
  name: string;
  type: string;
  nullable: boolean;
}

/** What `readArrowFile` returns: the schema, the row and record batch counts, and the whole table. */
export interface ArrowFileContents {
  columns: ColumnInfo[];
  numRows: number;
  /** Record batches in the file's footer (0 for a file written with none). */
  numBatches: number;
  table: Table;
}

const MAGIC = Buffer.from('ARROW1');

/**
 * Reads a whole Arrow IPC file into memory. Returns its columns (name, Arrow
 * type, nullable), its row and record batch counts, and the apache-arrow
 * Table. Throws an InputError `no such file: <path>` when the file does not
 * exist and `not an Arrow IPC file: <path>` when it is not a complete Arrow
 * IPC file (a stream-format file, or one cut short before its footer).
 */
export function readArrowFile(path: string): ArrowFileContents {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`no such file: ${path}`);
    if (code === 'EISDIR') throw new InputError(`not an Arrow IPC file: ${path}`);
    throw e;
  }
  const framed =
    bytes.length >= 2 * MAGIC.length &&
    bytes.subarray(0, MAGIC.length).equals(MAGIC) &&
    bytes.subarray(bytes.length - MAGIC.length).equals(MAGIC);
  if (!framed) throw new InputError(`not an Arrow IPC file: ${path}`);

  let table: Table;
  let numBatches: number;
  try {
    const reader = RecordBatchReader.from(bytes).open();
    if (!reader.isFile()) throw new Error('no footer');
    numBatches = reader.numRecordBatches;
    table = new Table(reader.readAll());
  } catch (cause) {
    throw new InputError(`not an Arrow IPC file: ${path}`, { cause });
  }
  const columns = table.schema.fields.map((f) => ({ name: f.name, type: String(f.type), nullable: f.nullable }));
  return { columns, numRows: table.numRows, numBatches, table };
}

/**
 * Reads an Arrow IPC file and returns each column as an array of plain JS
 * values, keyed by column name: numbers, strings, booleans, and `null` for
 * nulls. 64-bit integers become numbers (exact up to 2^53). Throws as
 * `readArrowFile` does.
 */
export function readColumns(path: string): Record<string, unknown[]> {
  const { table } = readArrowFile(path);
  const out: Record<string, unknown[]> = {};
  table.schema.fields.forEach((field, c) => {
    const vector = table.getChildAt(c)!;
    const values = new Array<unknown>(vector.length);
    for (let i = 0; i < vector.length; i++) {
      const v: unknown = vector.get(i);
      values[i] = typeof v === 'bigint' ? Number(v) : v;
    }
    out[field.name] = values;
  });
  return out;
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import type * as ParquetWasm from 'parquet-wasm';
import { InputError } from '../core/errors';
import { readArrowFile, type ArrowFileContents } from './arrowReader';

/** What `readTableFile` returns: what `readArrowFile` does, and which format the file was. */
export interface TableFileContents extends ArrowFileContents {
  format: 'arrow' | 'parquet';
}

/**
 * Returns the path of table `name` in results directory `dir`:
 * `<name>.arrow` when it exists, else `<name>.parquet` when that exists,
 * else `<name>.arrow` (so that a missing table is named by its default
 * file).
 */
export function tableFilePath(dir: string, name: string): string {
  const arrow = join(dir, `${name}.arrow`);
  const parquet = join(dir, `${name}.parquet`);
  return !existsSync(arrow) && existsSync(parquet) ? parquet : arrow;
}

/**
 * Reads a whole table file into memory, an Arrow IPC file or (by its
 * `.parquet` name) a Parquet file, and returns what `readArrowFile` does:
 * columns (name, Arrow type, nullable), row count, record batch count (for
 * Parquet, the batches parquet-rs decoded it into) and the apache-arrow
 * Table, with the file's format. A
 * Parquet file tokensim wrote reads back with the Arrow file's types (its
 * `ARROW:schema` metadata). Throws an InputError `no such file: <path>`, or
 * `not an Arrow IPC file` / `not a Parquet file` naming the path.
 */
export function readTableFile(path: string): TableFileContents {
  if (!path.endsWith('.parquet')) return { ...readArrowFile(path), format: 'arrow' };
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError(`no such file: ${path}`);
    throw e;
  }
  let ipc: Uint8Array;
  try {
    ipc = (require('parquet-wasm') as typeof ParquetWasm).readParquet(bytes).intoIPCStream();
  } catch (cause) {
    throw new InputError(`not a Parquet file: ${path}`, { cause });
  }
  const table = tableFromIPC(ipc);
  const columns = table.schema.fields.map((f) => ({ name: f.name, type: String(f.type), nullable: f.nullable }));
  return { columns, numRows: table.numRows, numBatches: table.batches.length, table, format: 'parquet' };
}

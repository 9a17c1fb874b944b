import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { RecordBatchReader, Table, tableToIPC, type Schema } from 'apache-arrow';
import type * as ParquetWasm from 'parquet-wasm';
import { InputError } from '../core/errors';

/**
 * Rows per Parquet row group: DuckDB's own row-group size. Within the
 * 100k–1M rows DuckDB recommends for reading: readers parallelise over row
 * groups (a million-row timeseries splits into 9 for 2+ cores), and each
 * group's min/max statistics let a query on a few `run_id`s skip the rest,
 * while per-group overhead stays negligible. Tables of one row per run (runs,
 * summary) are one group up to 122,880 runs.
 */
export const PARQUET_ROW_GROUP_ROWS = 122_880;

/** Arrow IPC bytes handed to the Parquet writer at a time: bounds the memory a conversion holds. */
const CHUNK_BYTES = 8 * 1024 * 1024;

/** The end-of-stream marker of the Arrow IPC stream format: continuation, then a zero length. */
const END_OF_STREAM = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0);

/** What one conversion wrote. */
export interface ParquetWritten {
  /** Rows in the Parquet file (those of the Arrow file). */
  rows: number;
  /** Size of the Parquet file, bytes. */
  bytes: number;
}

/** parquet-wasm, loaded on first use: compiling its 5 MB of WebAssembly would slow every command's start. */
let wasm: typeof ParquetWasm | undefined;
function parquetWasm(): typeof ParquetWasm {
  return (wasm ??= require('parquet-wasm') as typeof ParquetWasm);
}

/**
 * Returns the writer settings of every Parquet file tokensim writes for
 * `schema`: zstd-compressed pages (level 1), dictionary encoding for
 * integer and text columns but not for float64 ones, page statistics, row
 * groups of `PARQUET_ROW_GROUP_ROWS` rows, data pages v1 (what every reader
 * reads). Measured on a baseline timeseries (20 runs, 55 columns): zstd
 * makes files 0.30 of the Arrow size against snappy's 0.36, at about half
 * snappy's speed, a cost that is small beside the runs' own; a dictionary
 * on float metrics, which rarely repeat, made the file 22% larger and the
 * write 3 times slower.
 */
function writerProperties(pw: typeof ParquetWasm, schema: Schema): ParquetWasm.WriterProperties {
  let builder = new pw.WriterPropertiesBuilder()
    .setCompression(pw.Compression.ZSTD)
    .setMaxRowGroupSize(PARQUET_ROW_GROUP_ROWS)
    .setWriterVersion(pw.WriterVersion.V1);
  for (const f of schema.fields) if (String(f.type) === 'Float64') builder = builder.setColumnDictionaryEnabled(f.name, false);
  return builder.build();
}

/** Returns `schema` as the opening message of an Arrow IPC stream (without end-of-stream). */
function schemaMessage(schema: Schema): Uint8Array {
  const stream = tableToIPC(new Table(schema), 'stream');
  return stream.subarray(0, stream.length - END_OF_STREAM.length);
}

/** Opens `path` as an Arrow IPC file; throws an `InputError` when it is missing or not one. */
async function openArrowFile(path: string): Promise<{ file: FileHandle; reader: Awaited<ReturnType<typeof RecordBatchReader.from>> }> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError(`no such file: ${path}`);
    throw e;
  }
  try {
    const reader = await RecordBatchReader.from(file);
    await reader.open();
    if (!reader.isFile() || !reader.footer) throw new Error('no footer');
    return { file, reader };
  } catch (cause) {
    await file.close();
    throw new InputError(`not an Arrow IPC file: ${path}`, { cause });
  }
}

/**
 * Writes the Arrow IPC file at `arrowPath` as a Parquet file at
 * `parquetPath` and returns its row count and size (bytes). Columns, types,
 * nullability and values are the Arrow file's: the Arrow schema travels in
 * the file's `ARROW:schema` metadata and each column gets its Parquet
 * logical type (a `uint32` seed is INT32 annotated unsigned, which DuckDB
 * reads as UINTEGER and polars as UInt32). Streams: record batches go to
 * parquet-rs (through parquet-wasm) in chunks of about 8 MB of IPC bytes, read
 * straight from the file, and row groups
 * leave as they fill, so memory stays near one row group whatever the file
 * size. The file is written as `<parquetPath>.partial` and renamed into
 * place, so a `.parquet` file is always complete. The same Arrow file gives
 * the same bytes, whatever `opts.chunkBytes` (IPC bytes handed over at a
 * time, default 8 MB; smaller only costs speed). Throws an `InputError` when `arrowPath` is missing, not
 * an Arrow IPC file, or dictionary-encoded; nothing is left behind then.
 */
export async function writeParquetFromArrow(arrowPath: string, parquetPath: string, opts: { chunkBytes?: number } = {}): Promise<ParquetWritten> {
  const pw = parquetWasm();
  const { file, reader } = await openArrowFile(arrowPath);
  const partial = `${parquetPath}.partial`;
  const out = await open(partial, 'w');
  let rows = 0;
  let bytes = 0;
  try {
    // tokensim's Arrow writer never dictionary-encodes; a file that does would need its dictionary messages replayed.
    if (reader.footer!.numDictionaries > 0) throw new InputError(`${arrowPath} has dictionary-encoded columns, which the Parquet conversion does not take`);
    const head = schemaMessage(reader.schema);
    const blocks = [...reader.footer!.recordBatches()];
    if (blocks.length === 0) {
      const empty = pw.Table.fromIPCStream(concat([head, END_OF_STREAM]));
      const parquet = pw.writeParquet(empty, writerProperties(pw, reader.schema));
      await out.write(parquet);
      bytes = parquet.length;
    } else {
      const batches = recordBatches(pw, file, arrowPath, head, blocks, opts.chunkBytes ?? CHUNK_BYTES, (n) => (rows += n));
      const parquet: ReadableStream<Uint8Array> = await pw.transformParquetStream(batches, writerProperties(pw, reader.schema));
      const chunks = parquet.getReader();
      for (let next = await chunks.read(); !next.done; next = await chunks.read()) {
        await out.write(next.value);
        bytes += next.value.length;
      }
    }
    await out.close();
    await rename(partial, parquetPath);
  } catch (e) {
    await out.close().catch(() => {});
    await rm(partial, { force: true });
    throw e;
  } finally {
    await file.close();
  }
  return { rows, bytes };
}

/** Where one record batch's message lies in an Arrow IPC file (its footer's block). */
interface Block {
  offset: number | bigint;
  metaDataLength: number;
  bodyLength: number | bigint;
}

/**
 * Returns a pull stream of parquet-wasm record batches: the file's batches
 * in order, read about `chunkBytes` at a time. A file's record batches are
 * consecutive encapsulated messages, so a run of them read as one byte
 * range, after the schema message, is an IPC stream: nothing is decoded in
 * JavaScript. `counted` is told each batch's rows.
 */
function recordBatches(pw: typeof ParquetWasm, file: FileHandle, path: string, head: Uint8Array, blocks: Block[], chunkBytes: number, counted: (rows: number) => void): ReadableStream<ParquetWasm.RecordBatch> {
  let next = 0;
  return new ReadableStream<ParquetWasm.RecordBatch>(
    {
      async pull(controller) {
        if (next >= blocks.length) return controller.close();
        const start = Number(blocks[next].offset);
        let end = start;
        while (next < blocks.length && Number(blocks[next].offset) === end && (end === start || end - start < chunkBytes)) {
          const b = blocks[next++];
          end = Number(b.offset) + b.metaDataLength + Number(b.bodyLength);
        }
        const ipc = new Uint8Array(head.length + (end - start) + END_OF_STREAM.length);
        ipc.set(head, 0);
        const { bytesRead } = await file.read(ipc, head.length, end - start, start);
        if (bytesRead !== end - start) throw new InputError(`not an Arrow IPC file: ${path} (cut short)`);
        ipc.set(END_OF_STREAM, head.length + end - start);
        const table = pw.Table.fromIPCStream(ipc);
        for (const batch of table.recordBatches()) {
          counted(batch.numRows);
          controller.enqueue(batch);
        }
        table.free();
      },
    },
    { highWaterMark: 0 },
  );
}

function concat(parts: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

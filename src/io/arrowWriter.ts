import { createHash, type Hash } from 'node:crypto';
import * as fs from 'node:fs';
import { Data, Field, RecordBatch, RecordBatchFileWriter, Schema, Struct, makeData } from 'apache-arrow';
import { arrowType, columnToData, type ColumnData, type ColumnSpec } from './columnData';

export type { ColumnData, ColumnKind, ColumnSpec } from './columnData';
/** Chunks under this many bytes are gathered into one file write. */
const SMALL_CHUNK = 64 * 1024;

/** RecordBatchFileWriter that tells how many bytes it has queued so far. */
class CountingFileWriter extends RecordBatchFileWriter {
  /** Returns the bytes written to the queue since the file started. */
  get position(): number {
    return this._position;
  }
}

/**
 * Streams record batches into one Arrow IPC file (the format
 * `pyarrow.ipc.open_file`, `polars.read_ipc` and `pandas.read_feather` read).
 *
 * Each `writeBatch` resolves once that batch's bytes are in the file, so at
 * most one batch is held in memory whatever the number of batches, and the
 * caller may reuse its typed arrays after the await. The same columns and
 * batches give byte-identical files.
 */
export class ArrowFileWriter {
  private closed = false;
  private busy = false;
  private failure: Error | null = null;
  /** Bytes handed to the file so far (all of them written, not just queued). */
  private flushedBytes = 0;
  /** SHA-256 of the bytes written so far, when asked for at `open`. */
  private readonly hash: Hash | null;

  private constructor(
    private readonly path: string,
    private readonly columns: readonly ColumnSpec[],
    private readonly schema: Schema,
    private readonly writer: CountingFileWriter,
    private readonly chunks: AsyncIterator<Uint8Array>,
    private readonly out: fs.WriteStream,
    digest: boolean,
  ) {
    out.on('error', (e) => (this.failure ??= e));
    this.hash = digest ? createHash('sha256') : null;
  }

  /** Returns the bytes in the file so far (every awaited batch is in them). */
  get bytes(): number {
    return this.flushedBytes;
  }

  /** Returns the SHA-256 (hex) of the file's bytes so far; throws unless opened with `digest`. */
  digest(): string {
    if (!this.hash) throw new Error(`the Arrow writer for ${this.path} keeps no digest`);
    return this.hash.copy().digest('hex');
  }

  /**
   * Creates (or truncates) the file at `path` and starts it with the schema
   * made from `columns` and the optional schema-level `metadata`. With
   * `exclusive`, refuses (EEXIST) to open a file that already exists rather
   * than truncate it. With `digest`, keeps the SHA-256 of the bytes written
   * (see `digest`). Resolves once the file is open; rejects if it cannot
   * be created or a column is declared twice.
   */
  static async open(
    path: string,
    columns: ColumnSpec[],
    metadata?: Map<string, string>,
    options: { exclusive?: boolean; digest?: boolean } = {},
  ): Promise<ArrowFileWriter> {
    const seen = new Set<string>();
    for (const c of columns) {
      if (seen.has(c.name)) throw new Error(`column '${c.name}' is declared twice in ${path}`);
      seen.add(c.name);
    }
    const fields = columns.map((c) => new Field(c.name, arrowType(c.kind), c.nullable ?? false));
    const schema = new Schema(fields, metadata ?? new Map());

    const out = fs.createWriteStream(path, { flags: options.exclusive ? 'wx' : 'w' });
    await new Promise<void>((resolve, reject) => {
      out.once('ready', resolve);
      out.once('error', reject);
    });

    // Starting the writer with the schema up front makes close() write a
    // valid file even when no batch ever arrives.
    const writer = new CountingFileWriter();
    writer.reset(undefined, schema);
    const chunks = writer[Symbol.asyncIterator]();
    return new ArrowFileWriter(path, [...columns], schema, writer, chunks, out, !!options.digest);
  }

  /**
   * Writes one record batch of `length` rows and resolves once its bytes are
   * in the file. Rejects, naming the column, when a column is missing, not
   * declared, of another length, of the wrong kind, or null where it may not
   * be; nothing is written then and the writer stays usable. Each call must
   * be awaited before the next (that is what keeps memory flat).
   */
  async writeBatch(data: Record<string, ColumnData>, length: number): Promise<void> {
    this.assertOpen();
    this.busy = true;
    try {
      await this.writeBatchNow(data, length);
    } finally {
      this.busy = false;
    }
  }

  private async writeBatchNow(data: Record<string, ColumnData>, length: number): Promise<void> {
    if (!Number.isInteger(length) || length < 0) {
      throw new Error(`batch length must be a non-negative integer, got ${length}`);
    }
    for (const name of Object.keys(data)) {
      if (!this.columns.some((c) => c.name === name)) {
        throw new Error(`column '${name}' is not in the schema of ${this.path}`);
      }
    }
    const children = this.columns.map((c) => columnToData(c, data[c.name], length));
    const struct = makeData({ type: new Struct(this.schema.fields), length, nullCount: 0, children });
    const batch = new RecordBatch(this.schema, struct);

    const before = this.writer.position;
    this.writer.write(batch);
    // The Arrow writer closes itself silently on a batch whose schema differs.
    if (this.writer.position <= before) {
      this.failure = new Error(`the Arrow writer rejected a batch for ${this.path} (schema mismatch)`);
      throw this.failure;
    }
    await this.flushTo(this.writer.position);
  }

  /**
   * Writes the footer and closes the file; resolves once every byte is in the
   * file and the file is closed. Calling it again is an error.
   */
  async close(): Promise<void> {
    this.assertOpen();
    this.closed = true;
    this.writer.close(); // queues the footer, then ends the queue
    for (let r = await this.chunks.next(); !r.done; r = await this.chunks.next()) {
      await this.writeChunk(r.value);
    }
    await new Promise<void>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.out.once('error', reject);
      this.out.once('close', resolve);
      this.out.end();
    });
  }

  /**
   * Stops writing without a footer and closes the file (after a failure:
   * the file is left incomplete, for the caller to remove); resolves once it
   * is closed. Never rejects; calling it after `close` does nothing.
   */
  async abort(): Promise<void> {
    this.closed = true;
    if (this.out.closed) return;
    await new Promise<void>((resolve) => {
      this.out.once('close', () => resolve());
      this.out.destroy();
    });
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`the Arrow writer for ${this.path} is closed`);
    if (this.busy) throw new Error(`the previous batch for ${this.path} is still being written: await it first`);
    if (this.failure) throw this.failure;
  }

  /**
   * Moves queued chunks into the file until `target` bytes are written.
   * Arrow emits a batch as many small chunks (message headers, padding, one
   * buffer per column); small ones are gathered into one write, since a
   * file-system write per chunk dominated the cost of small batches.
   */
  private async flushTo(target: number): Promise<void> {
    let small: Uint8Array[] = [];
    let smallBytes = 0;
    const flushSmall = async () => {
      if (small.length === 0) return;
      const joined = small.length === 1 ? small[0] : Buffer.concat(small, smallBytes);
      small = [];
      smallBytes = 0;
      await this.writeChunk(joined);
    };
    let queued = this.flushedBytes;
    while (queued < target) {
      const r = await this.chunks.next();
      if (r.done) break;
      queued += r.value.byteLength;
      if (r.value.byteLength >= SMALL_CHUNK) {
        await flushSmall();
        await this.writeChunk(r.value);
      } else {
        small.push(r.value);
        smallBytes += r.value.byteLength;
        if (smallBytes >= SMALL_CHUNK) await flushSmall();
      }
    }
    await flushSmall();
  }

  private writeChunk(chunk: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.out.write(chunk, (err) => {
        if (err) return reject(err);
        this.flushedBytes += chunk.byteLength;
        this.hash?.update(chunk);
        resolve();
      });
    });
  }
}

/** Writes a whole small table (one record batch of `length` rows) to `path` and closes it. */
export async function writeArrowTable(path: string, columns: ColumnSpec[], data: Record<string, ColumnData>, length: number): Promise<void> {
  const w = await ArrowFileWriter.open(path, columns);
  await w.writeBatch(data, length);
  await w.close();
}

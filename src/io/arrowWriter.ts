import * as fs from 'node:fs';
import {
  Bool,
  Data,
  DataType,
  Field,
  Float64,
  Int32,
  RecordBatch,
  RecordBatchFileWriter,
  Schema,
  Struct,
  Uint32,
  Utf8,
  makeData,
} from 'apache-arrow';

/** The Arrow types a tokensim table column can have. */
export type ColumnKind = 'int32' | 'uint32' | 'float64' | 'utf8' | 'bool';

/** One column of a table: its name, kind, and whether it may hold nulls (default false). */
export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  nullable?: boolean;
}

/**
 * The values of one column for one batch. Numeric columns without nulls are
 * best given as the matching typed array (Int32Array, Uint32Array,
 * Float64Array): it is written without a copy. Plain arrays, with `null`
 * allowed in nullable columns, are copied.
 */
export type ColumnData =
  | Int32Array
  | Uint32Array
  | Float64Array
  | (string | null)[]
  | (number | null)[]
  | (boolean | null)[];

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

  private constructor(
    private readonly path: string,
    private readonly columns: readonly ColumnSpec[],
    private readonly schema: Schema,
    private readonly writer: CountingFileWriter,
    private readonly chunks: AsyncIterator<Uint8Array>,
    private readonly out: fs.WriteStream,
  ) {
    out.on('error', (e) => (this.failure ??= e));
  }

  /**
   * Creates (or truncates) the file at `path` and starts it with the schema
   * made from `columns` and the optional schema-level `metadata`. Resolves
   * once the file is open; rejects if it cannot be created or a column is
   * declared twice.
   */
  static async open(
    path: string,
    columns: ColumnSpec[],
    metadata?: Map<string, string>,
  ): Promise<ArrowFileWriter> {
    const seen = new Set<string>();
    for (const c of columns) {
      if (seen.has(c.name)) throw new Error(`column '${c.name}' is declared twice in ${path}`);
      seen.add(c.name);
    }
    const fields = columns.map((c) => new Field(c.name, arrowType(c.kind), c.nullable ?? false));
    const schema = new Schema(fields, metadata ?? new Map());

    const out = fs.createWriteStream(path);
    await new Promise<void>((resolve, reject) => {
      out.once('ready', resolve);
      out.once('error', reject);
    });

    // Starting the writer with the schema up front makes close() write a
    // valid file even when no batch ever arrives.
    const writer = new CountingFileWriter();
    writer.reset(undefined, schema);
    const chunks = writer[Symbol.asyncIterator]();
    return new ArrowFileWriter(path, [...columns], schema, writer, chunks, out);
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

  private assertOpen(): void {
    if (this.closed) throw new Error(`the Arrow writer for ${this.path} is closed`);
    if (this.busy) throw new Error(`the previous batch for ${this.path} is still being written: await it first`);
    if (this.failure) throw this.failure;
  }

  /** Moves queued chunks into the file until `target` bytes are written. */
  private async flushTo(target: number): Promise<void> {
    while (this.flushedBytes < target) {
      const r = await this.chunks.next();
      if (r.done) break;
      await this.writeChunk(r.value);
    }
  }

  private writeChunk(chunk: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.out.write(chunk, (err) => {
        if (err) return reject(err);
        this.flushedBytes += chunk.byteLength;
        resolve();
      });
    });
  }
}

function arrowType(kind: ColumnKind): DataType {
  switch (kind) {
    case 'int32':
      return new Int32();
    case 'uint32':
      return new Uint32();
    case 'float64':
      return new Float64();
    case 'utf8':
      return new Utf8();
    case 'bool':
      return new Bool();
  }
}

type NumericArray = Int32Array | Uint32Array | Float64Array;
type NumericProps = { length: number; nullCount: number; nullBitmap?: Uint8Array; data: NumericArray };

/** How each numeric kind is held, checked and turned into Arrow data. */
const NUMERIC: Record<
  'int32' | 'uint32' | 'float64',
  { ctor: new (length: number) => NumericArray; ok: (v: number) => boolean; make: (p: NumericProps) => Data }
> = {
  int32: {
    ctor: Int32Array,
    ok: (v) => Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff,
    make: (p) => makeData({ type: new Int32(), ...p }),
  },
  uint32: {
    ctor: Uint32Array,
    ok: (v) => Number.isInteger(v) && v >= 0 && v <= 0xffffffff,
    make: (p) => makeData({ type: new Uint32(), ...p }),
  },
  float64: {
    ctor: Float64Array,
    ok: () => true,
    make: (p) => makeData({ type: new Float64(), ...p }),
  },
};

/** Returns the Arrow Data of one column, after checking it against its spec. */
function columnToData(spec: ColumnSpec, values: ColumnData | undefined, length: number): Data {
  const where = `column '${spec.name}'`;
  if (values === undefined) throw new Error(`${where} is missing from the batch`);
  if (!Array.isArray(values) && !ArrayBuffer.isView(values)) {
    throw new Error(`${where} is ${spec.kind}: expected an array or typed array, got ${show(values)}`);
  }
  if (values.length !== length) {
    throw new Error(`${where} has ${values.length} values, expected ${length}`);
  }
  if (spec.kind === 'utf8' || spec.kind === 'bool') {
    if (!Array.isArray(values)) {
      throw new Error(`${where} is ${spec.kind}: expected an array, got ${values.constructor.name}`);
    }
    return spec.kind === 'utf8' ? utf8Data(spec, values, where) : boolData(spec, values, where);
  }
  const { ctor, ok, make } = NUMERIC[spec.kind];
  if (values instanceof ctor) return make({ length, nullCount: 0, data: values }); // zero copy
  if (!Array.isArray(values)) {
    throw new Error(`${where} is ${spec.kind}: expected ${ctor.name} or an array, got ${values.constructor.name}`);
  }
  const data = new ctor(length);
  const validity = new Validity(spec, where, length);
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (validity.check(i, v)) continue;
    if (typeof v !== 'number' || !ok(v)) throw new Error(`${where} is ${spec.kind}: row ${i} holds ${show(v)}`);
    data[i] = v;
  }
  return make({ length, data, ...validity.props() });
}

/** Utf8 data: int32 byte offsets into one UTF-8 buffer. */
function utf8Data(spec: ColumnSpec, values: unknown[], where: string): Data {
  const length = values.length;
  const validity = new Validity(spec, where, length);
  const valueOffsets = new Int32Array(length + 1);
  for (let i = 0; i < length; i++) {
    const v = values[i];
    let bytes = 0;
    if (!validity.check(i, v)) {
      if (typeof v !== 'string') throw new Error(`${where} is utf8: row ${i} holds ${show(v)}`);
      bytes = Buffer.byteLength(v, 'utf8');
    }
    valueOffsets[i + 1] = valueOffsets[i] + bytes;
  }
  const data = new Uint8Array(valueOffsets[length]);
  const encoder = new TextEncoder();
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (typeof v === 'string') encoder.encodeInto(v, data.subarray(valueOffsets[i]));
  }
  return makeData({ type: new Utf8(), length, valueOffsets, data, ...validity.props() });
}

/** Bool data: one bit per row, least significant bit first. */
function boolData(spec: ColumnSpec, values: unknown[], where: string): Data {
  const length = values.length;
  const validity = new Validity(spec, where, length);
  const data = new Uint8Array((length + 7) >> 3);
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (validity.check(i, v)) continue;
    if (typeof v !== 'boolean') throw new Error(`${where} is bool: row ${i} holds ${show(v)}`);
    if (v) data[i >> 3] |= 1 << (i & 7);
  }
  return makeData({ type: new Bool(), length, data, ...validity.props() });
}

/** Builds a column's validity bitmap while its values are read. */
class Validity {
  private readonly bitmap: Uint8Array;
  private nulls = 0;

  constructor(
    private readonly spec: ColumnSpec,
    private readonly where: string,
    length: number,
  ) {
    this.bitmap = new Uint8Array((length + 7) >> 3);
  }

  /** Returns true when row `i` is null (allowed only if the column is nullable). */
  check(i: number, v: unknown): boolean {
    if (v === null || v === undefined) {
      if (!this.spec.nullable) throw new Error(`${this.where} is not nullable but row ${i} is ${v}`);
      this.nulls++;
      return true;
    }
    this.bitmap[i >> 3] |= 1 << (i & 7);
    return false;
  }

  /** Returns the null count and bitmap for makeData (no bitmap when there are no nulls). */
  props(): { nullCount: number; nullBitmap?: Uint8Array } {
    return this.nulls === 0 ? { nullCount: 0 } : { nullCount: this.nulls, nullBitmap: this.bitmap };
  }
}

function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

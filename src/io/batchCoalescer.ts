import type { ArrowFileWriter } from './arrowWriter';
import type { ColumnData, ColumnSpec } from './columnData';

/**
 * Rows a record batch gathers before it is written. Each batch costs about
 * 60 bytes of metadata per column whatever its length (field node, buffer
 * offsets, padding, footer block), which for one-row batches of a wide
 * table was 3.5 KB a row; at 1,024 rows it is a few bytes a row, and the
 * rows held waiting stay a few hundred KB.
 */
export const MIN_BATCH_ROWS = 1024;

type NumericKind = 'int32' | 'uint32' | 'float64';
const TYPED: Record<NumericKind, new (n: number) => Int32Array | Uint32Array | Float64Array> = { int32: Int32Array, uint32: Uint32Array, float64: Float64Array };

/** One column's pending rows: numbers in a typed array with a null mask, or other values in a plain array. */
class ColumnBuffer {
  private typed: Int32Array | Uint32Array | Float64Array | null;
  private nulls: Uint8Array | null;
  private plain: (string | number | boolean | null)[] = [];
  private nullCount = 0;

  constructor(
    private readonly spec: ColumnSpec,
    capacity: number,
  ) {
    const ctor = spec.kind in TYPED ? TYPED[spec.kind as NumericKind] : null;
    this.typed = ctor ? new ctor(capacity) : null;
    this.nulls = ctor && spec.nullable ? new Uint8Array(capacity) : null;
  }

  /** Appends `length` values of `values` at row `at`; returns nothing. */
  append(values: ColumnData, at: number, length: number): void {
    if (!this.typed) {
      for (let i = 0; i < length; i++) this.plain.push(values[i] as string | boolean | null);
      return;
    }
    if (at + length > this.typed.length) this.grow(at + length);
    if (ArrayBuffer.isView(values)) {
      this.typed.set(values as ArrayLike<number>, at);
      return;
    }
    for (let i = 0; i < length; i++) {
      const v = values[i] as number | null;
      if (v === null || v === undefined) {
        if (!this.nulls) throw new Error(`column '${this.spec.name}' is not nullable but row ${i} is ${v}`);
        this.nulls[at + i] = 1;
        this.nullCount++;
      } else if (typeof v !== 'number' || (this.spec.kind !== 'float64' && !Number.isInteger(v))) {
        throw new Error(`column '${this.spec.name}' is ${this.spec.kind}: row ${i} holds ${String(v)}`);
      } else this.typed[at + i] = v;
    }
  }

  private grow(rows: number): void {
    const size = Math.max(rows, this.typed!.length * 2);
    const next = new (this.typed!.constructor as new (n: number) => typeof this.typed)(size)!;
    next.set(this.typed!);
    this.typed = next;
    if (this.nulls) {
      const mask = new Uint8Array(size);
      mask.set(this.nulls);
      this.nulls = mask;
    }
  }

  /** Returns the first `length` pending values as column data. */
  take(length: number): ColumnData {
    if (!this.typed) return this.plain as ColumnData;
    const view = this.typed.subarray(0, length);
    if (this.nullCount === 0) return view;
    return Array.from(view, (v, i) => (this.nulls![i] ? null : v));
  }

  /** Empties the buffer for the next batch (after the batch is written: the writer does not copy typed arrays). */
  reset(): void {
    this.plain = [];
    if (this.nullCount > 0) this.nulls!.fill(0);
    this.nullCount = 0;
  }
}

/**
 * Gathers small batches of rows into record batches of at least
 * `MIN_BATCH_ROWS` rows (the last one excepted) before handing them to an
 * `ArrowFileWriter`, so a table of one row per run is not one batch per run.
 * Where batches end depends only on how many rows each `add` brings, in
 * order, so the same runs give the same file bytes whichever process ran
 * them and in whatever order they finished.
 */
export class BatchCoalescer {
  private readonly buffers: ColumnBuffer[];
  private pending = 0;

  constructor(
    private readonly writer: ArrowFileWriter,
    private readonly columns: readonly ColumnSpec[],
    private readonly minRows = MIN_BATCH_ROWS,
  ) {
    this.buffers = columns.map((c) => new ColumnBuffer(c, minRows));
  }

  /** Adds `length` rows, column-wise; resolves once any batch they complete is in the file. */
  async add(data: Record<string, ColumnData>, length: number): Promise<void> {
    if (length === 0) return;
    // A batch big enough on its own goes straight through, without a copy.
    if (this.pending === 0 && length >= this.minRows) return this.writer.writeBatch(data, length);
    this.columns.forEach((c, k) => {
      const values = data[c.name];
      if (values === undefined || values.length !== length) throw new Error(`column '${c.name}' has ${values?.length ?? 'no'} values, expected ${length}`);
      this.buffers[k].append(values, this.pending, length);
    });
    this.pending += length;
    if (this.pending >= this.minRows) await this.flush();
  }

  /** Writes the pending rows as one batch, if there are any; resolves once they are in the file. */
  async flush(): Promise<void> {
    if (this.pending === 0) return;
    const data: Record<string, ColumnData> = {};
    this.columns.forEach((c, k) => (data[c.name] = this.buffers[k].take(this.pending)));
    await this.writer.writeBatch(data, this.pending);
    for (const b of this.buffers) b.reset();
    this.pending = 0;
  }
}

import { Bool, Data, DataType, Float64, Int32, Uint32, Utf8, makeData } from 'apache-arrow';

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


/** Returns the Arrow data type of a column kind. */
export function arrowType(kind: ColumnKind): DataType {
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
export function columnToData(spec: ColumnSpec, values: ColumnData | undefined, length: number): Data {
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

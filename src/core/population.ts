import { InputError } from './errors';

/** The element type of a population column. */
export type ColumnType = 'f64' | 'i32' | 'u8';

/** A population's column declaration: name → element type. */
export type Schema = Record<string, ColumnType>;

type ArrayOf<T extends ColumnType> = T extends 'f64' ? Float64Array : T extends 'i32' ? Int32Array : Uint8Array;

/** The typed arrays of a schema, one per column. */
export type Columns<S extends Schema> = { [K in keyof S]: ArrayOf<S[K]> };

/** Columns every population has: token and USD balances, and an active flag. */
export const baseSchema = { tokens: 'f64', usd: 'f64', active: 'u8' } as const satisfies Schema;

/** The schema of a population: its own columns plus the base columns. */
export type WithBase<S extends Schema> = S & typeof baseSchema;

function allocate(type: ColumnType, capacity: number): Float64Array | Int32Array | Uint8Array {
  if (type === 'f64') return new Float64Array(capacity);
  if (type === 'i32') return new Int32Array(capacity);
  return new Uint8Array(capacity);
}

/**
 * A population of agents of one class, held column-wise (struct of arrays):
 * each column is one typed array indexed by agent. `tokens` (whole tokens),
 * `usd` (USD) and `active` (1 = taking part) are always present.
 *
 * Capacity grows by doubling when `add` needs more room; growing replaces the
 * column arrays, so code must re-read `cols.x` after an `add`, never keep an
 * array across ticks. Agents are never removed: a leaving agent is marked
 * inactive, so indices stay stable for the ledger and the staking pool.
 */
export class Population<S extends Schema = Schema> {
  /** Number of agents created so far (active or not). */
  size = 0;
  /** Number of agents the columns have room for. */
  capacity: number;
  readonly cols: Columns<WithBase<S>>;
  private readonly types: Record<string, ColumnType>;

  constructor(readonly name: string, schema: S, capacity = 16) {
    this.capacity = Math.max(1, capacity);
    this.types = { ...baseSchema, ...schema };
    const cols: Record<string, Float64Array | Int32Array | Uint8Array> = {};
    for (const [k, t] of Object.entries(this.types)) cols[k] = allocate(t, this.capacity);
    this.cols = cols as Columns<WithBase<S>>;
  }

  /** Adds `n` agents (zeroed, active) and returns the index of the first. */
  add(n: number): number {
    const first = this.size;
    if (first + n > this.capacity) this.grow(first + n);
    this.size += n;
    this.cols.active.fill(1, first, first + n);
    return first;
  }

  /** Returns the number of active agents (O(N)). */
  activeCount(): number {
    const a = this.cols.active;
    let n = 0;
    for (let i = 0; i < this.size; i++) n += a[i];
    return n;
  }

  /** Adds a column after creation (used by mechanisms that keep per-agent state). */
  addColumn(name: string, type: ColumnType): void {
    if (name in this.types) {
      if (this.types[name] !== type) throw new InputError(`population ${this.name}: column ${name} exists with type ${this.types[name]}, not ${type}`);
      return;
    }
    this.types[name] = type;
    (this.cols as Record<string, unknown>)[name] = allocate(type, this.capacity);
  }

  /** Returns the float64 column `name`; throws if it is missing or of another type. */
  f64(name: string): Float64Array {
    const c = (this.cols as Record<string, unknown>)[name];
    if (!(c instanceof Float64Array)) throw new InputError(`population ${this.name}: no f64 column ${name}`);
    return c;
  }

  /** Returns the names of all columns with their types. */
  schema(): Readonly<Record<string, ColumnType>> {
    return this.types;
  }

  private grow(needed: number): void {
    let cap = this.capacity;
    while (cap < needed) cap *= 2;
    const cols = this.cols as Record<string, Float64Array | Int32Array | Uint8Array>;
    for (const [k, t] of Object.entries(this.types)) {
      const next = allocate(t, cap);
      next.set(cols[k]);
      cols[k] = next;
    }
    this.capacity = cap;
  }
}

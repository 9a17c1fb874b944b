import type { Account } from './account';
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

/** Bytes per agent of a column type. */
export const COLUMN_BYTES: Readonly<Record<ColumnType, number>> = { f64: 8, i32: 4, u8: 1 };

/** Returns the bytes one agent takes in a population of `schema` (base columns included). */
export function bytesPerAgent(schema: Schema): number {
  let b = 0;
  for (const t of Object.values({ ...baseSchema, ...schema })) b += COLUMN_BYTES[t];
  return b;
}

type AnyColumn = Float64Array | Int32Array | Uint8Array;

function allocate(type: ColumnType, capacity: number): AnyColumn {
  if (type === 'f64') return new Float64Array(capacity);
  if (type === 'i32') return new Int32Array(capacity);
  return new Uint8Array(capacity);
}

/**
 * A population of agents of one class, held column-wise (struct of arrays):
 * each column is one typed array indexed by agent, declared once in the
 * schema (the class's own columns with those of the blocks it takes part
 * in spread in, like ECS components). `tokens` (whole tokens), `usd` (USD)
 * and `active` (1 = taking part) are always present.
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
  /** The ledger account of the agents' own `tokens` and `usd` (set when the ledger opens it). */
  account: Account | null = null;
  readonly cols: Columns<WithBase<S>>;
  /** The float64 columns by name (the same arrays as `cols`), for code that reaches a column by a name fixed at build time. */
  readonly f64Columns: Record<string, Float64Array> = {};
  /** How many times the columns were reallocated (growth): code that caches a column refreshes it when this changes. */
  generation = 0;
  private readonly all: Record<string, AnyColumn>;
  private readonly types: Record<string, ColumnType>;

  constructor(readonly name: string, schema: S, capacity = 16) {
    this.capacity = Math.max(1, capacity);
    this.types = { ...baseSchema, ...schema };
    const cols: Record<string, AnyColumn> = {};
    this.all = cols;
    for (const [k, t] of Object.entries(this.types)) this.set(k, allocate(t, this.capacity));
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

  /** Returns whether the population has float64 column `name`. */
  hasF64(name: string): boolean {
    return this.types[name] === 'f64';
  }

  /** Throws an `InputError` unless the population has float64 column `name` (a block that needs it was given the wrong class). */
  requireF64(name: string, by: string): void {
    if (!this.hasF64(name)) throw new InputError(`${by} needs population ${this.name} to have the f64 column ${name}; spread its columns into the class's schema`);
  }

  /** Returns column `name` (of whatever type), or undefined when the class has none. */
  column(name: string): AnyColumn | undefined {
    return this.all[name];
  }

  /** Returns the names of all columns with their types. */
  schema(): Readonly<Record<string, ColumnType>> {
    return this.types;
  }

  private set(name: string, col: AnyColumn): void {
    this.all[name] = col;
    if (col instanceof Float64Array) this.f64Columns[name] = col;
  }

  private grow(needed: number): void {
    let cap = this.capacity;
    while (cap < needed) cap *= 2;
    for (const [k, t] of Object.entries(this.types)) {
      const next = allocate(t, cap);
      next.set(this.all[k]);
      this.set(k, next);
    }
    this.capacity = cap;
    this.generation++;
  }
}

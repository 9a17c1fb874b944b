import type { z } from 'zod';
import type { ColumnData, ColumnSpec } from '../io/columnData';
import type { Account } from './account';
import type { Ledger } from './ledger';
import type { Population, Schema } from './population';
import type { Rng } from './rng';
import type { AgentClass, AnyWorld, HookPhase } from './world';

/** What a block is, for the model's listing: a market, a protocol mechanism, an agent class, a policy, a scenario or a metric set. */
export type BlockKind = 'market' | 'mechanism' | 'agents' | 'policy' | 'scenario' | 'metrics';

/**
 * A named interface a block can need: another block (every block is the
 * port of its own key) or a role several blocks can fill (`port<Market>('market')`).
 * `api` is never set: it carries the type of what the port gives.
 */
export interface Port<A> {
  readonly key: string;
  readonly api?: A;
}

/** Returns a port named `key` whose blocks give an `A`. */
export function port<A>(key: string): Port<A> {
  return { key };
}

/** A per-tick metric a block declares: its unit, a one-line description, and whether it is a level or a flow. */
export interface MetricSpec {
  readonly unit: string;
  readonly description: string;
  /** `level` (default) is read at the row's tick; `flow` is summed over the ticks since the previous row (0 at tick 0). */
  readonly kind?: 'level' | 'flow';
  /** An O(N log N) level read every `record.sampleEvery` ticks, held between samples. */
  readonly sampled?: boolean;
}

/** A per-run KPI a block declares (one float64 column of `summary.arrow`). */
export interface KpiSpec {
  readonly unit: string;
  readonly description: string;
}

/** An account a block opens: whether its tokens circulate, what it holds, and the chain it is on (the main chain when omitted). */
export interface HolderSpec {
  readonly circulating: boolean;
  readonly description: string;
  readonly chain?: string;
}

/** An extra per-run table a block writes (`<name>.arrow`, with `run_id` first). */
export interface TableSpec {
  readonly description: string;
  readonly columns: ColumnSpec[];
}

/** A run's rows of one extra table, column-wise. */
export interface TableRows {
  data: Record<string, ColumnData>;
  length: number;
}

/** What a block's KPIs are computed from when a run ends. */
export interface RunRecord {
  readonly world: AnyWorld;
  /** Every metric of the model, recorded (a view of the recorded rows). */
  readonly series: Record<string, Float64Array>;
  readonly ticks: Int32Array;
}

type ApiOf<T> = T extends Port<infer A> ? A : never;

/** The APIs of a block's required (`needs`) and optional (`uses`, null when absent) dependencies. */
export type Deps<N, O> = { readonly [K in keyof N]: ApiOf<N[K]> } & { readonly [K in keyof O]: ApiOf<O[K]> | null };

/** What a block's `build` receives. */
export interface BlockContext<P, N, O, H extends string> {
  /** The block's key: its parameter key, the name of its random stream and of its account(s). */
  readonly key: string;
  readonly world: AnyWorld;
  readonly ledger: Ledger;
  /** Returns the block's parameters in force now (they may change during a run through governance). */
  params(): P;
  /** The block's own random stream, `rng.fork(key)` of the run's root: adding a block never shifts another's draws. */
  readonly rng: Rng;
  readonly deps: Deps<N, O>;
  /**
   * Opens (on first call) and returns a declared holder's account; named
   * `key` for holder `''`, else `key.name`; on `chain` when given (a chain
   * the block's parameters name), else on its spec's chain.
   */
  account(name: H, chain?: string): Account;
  /**
   * Creates the block's population (named by the key), registers it and
   * opens its account (circulating unless `circulating: false`, on `chain`,
   * the main chain when omitted).
   */
  population<S extends Schema>(schema: S, opts?: { circulating?: boolean; chain?: string }): { pop: Population<S>; account: Account };
}

/** What a block's `build` returns: its API for the blocks that need it, its hooks, and how to observe it. */
export interface BlockParts<A, M extends string, K extends string, T extends string> {
  readonly api: A;
  /** Hooks by phase (exogenous, pre, post, observe), run every tick in the model's list order. */
  readonly hooks?: { readonly [Ph in HookPhase]?: (world: AnyWorld) => void };
  /** Runs once after every block is built, in list order: genesis balances, initial positions. */
  readonly genesis?: (world: AnyWorld) => void;
  /** The agent class, for an agent block. */
  readonly agents?: AgentClass;
  readonly metrics?: { readonly [m in M]: () => number };
  readonly summary?: (run: RunRecord) => { [k in K]: number };
  readonly tables?: { readonly [t in T]: () => TableRows };
}

/** A block as written in its file: every declaration in one place. */
export interface BlockSpec<Key extends string, P, A, N, O, H extends string, M extends string, K extends string, T extends string> {
  /** Parameter key, random-stream name and name in the model's phase table; camelCase. */
  readonly key: Key;
  readonly kind: BlockKind;
  /** One line on what it models. */
  readonly description: string;
  /** Where its rules come from (paper, specification, contract), one entry each. */
  readonly sources?: readonly string[];
  /** Its parameters (`params[key]`), with defaults for every field; none when omitted. */
  readonly params?: { readonly schema: z.ZodType<P>; readonly defaults: NoInfer<P> };
  /** Blocks (or ports) it cannot run without; `deps.x` in `build`. */
  readonly needs?: N;
  /** Blocks (or ports) it works with when the model has them; `deps.x` is null otherwise. */
  readonly uses?: O;
  /** Ports it fills besides its own key. */
  readonly provides?: readonly Port<A>[];
  /** Columns it keeps on the populations it serves; their classes spread them into their schemas. */
  readonly columns?: Schema;
  /** An agent block's population: its columns and its size from the parameters (for listings and memory estimates). */
  readonly population?: { readonly schema: Schema; count(p: NoInfer<P>, all: Readonly<Record<string, unknown>>): number };
  readonly holders?: { readonly [h in H]: HolderSpec };
  readonly metrics?: { readonly [m in M]: MetricSpec };
  readonly kpis?: { readonly [k in K]: KpiSpec };
  readonly tables?: { readonly [t in T]: TableSpec };
  /**
   * Checks the block's parameters against the whole model's (a governance
   * target must name a numeric parameter of the model): returns the problems
   * found, each with the dotted path under the block's key and one line.
   * `blocks` holds the keys of the model's blocks. Run with the model's
   * schema, so before any run starts.
   */
  check?(params: NoInfer<P>, all: Readonly<Record<string, unknown>>, blocks: ReadonlySet<string>): { path: string; message: string }[];
  build(ctx: BlockContext<P, N, O, H>): BlockParts<A, M, K, T>;
}

/** A block: a spec that is also the port of its own key. */
export interface Block<Key extends string = string, P = unknown, A = unknown> extends Port<A> {
  readonly key: Key;
  /** The spec, with types erased past the parameters and API. */
  readonly spec: BlockSpec<Key, P, A, any, any, string, string, string, string>;
  /** Phantom: the parameter type. */
  readonly paramsType?: P;
}

/** Any block. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyBlock = Block<string, any, any>;

/**
 * Returns a block from its spec. The spec names, in one place, its
 * parameters and defaults, what it needs, the columns, holders, metrics,
 * KPIs and tables it adds, and `build`, which turns the run's world into its
 * hooks and observers. Every mechanism, agent class, market, policy and
 * metric set is a block; a model is a list of them (`defineModel`).
 */
export function defineBlock<
  const Key extends string,
  P = undefined,
  A = void,
  const N extends Record<string, Port<unknown>> = {},
  const O extends Record<string, Port<unknown>> = {},
  H extends string = never,
  M extends string = never,
  K extends string = never,
  T extends string = never,
>(spec: BlockSpec<Key, P, A, N, O, H, M, K, T>): Block<Key, P, A> {
  return { key: spec.key, spec: spec as Block<Key, P, A>['spec'] };
}

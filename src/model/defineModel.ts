import { z } from '../core/zod';
import type { AnyBlock, Block } from '../core/block';
import { InputError } from '../core/errors';
import { bytesPerAgent } from '../core/population';
import type { Activation } from '../core/world';
import type { BuildOptions, ColumnInfo, MetricInfo, Model, TableInfo } from '../experiment/model';
import { FLOWS_TABLE } from '../metrics/flows';
import { assemble, type Assembled, type WorldParams } from './assemble';
import { checkBlocks } from './checkBlocks';
import { applyOverrides, type DeepPartial } from '../experiment/define';

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ParamEntry<B> = B extends Block<infer K, infer P, any> ? ([P] extends [undefined] ? {} : { [k in K]: P }) : never;

/** The parameters of a model made of blocks `B`: the world's and one entry per block that has parameters, by its key. */
export type ModelParams<B extends AnyBlock> = WorldParams & UnionToIntersection<ParamEntry<B>>;

/** A model as written: a name, one line on it, the world's defaults, and the list of blocks. */
export interface ModelSpec<B extends AnyBlock> {
  readonly name: string;
  readonly description?: string;
  /** Default ticks per year (365: daily ticks). */
  readonly ticksPerYear?: number;
  /** Default activation order (`shuffle`). */
  readonly activation?: Activation;
  readonly blocks: readonly B[];
  /** Whether runs write `flows.arrow` (default true). */
  readonly flows?: boolean;
  /** The model's own defaults over its blocks' (any subset, at any depth). */
  readonly defaults?: NoInfer<DeepPartial<ModelParams<B>>>;
}

/** Where `.with` puts new blocks: at the end (default), or before or after the block with a key. */
export type Placement = { before: string } | { after: string };

/** Bytes a run needs beside its agents' columns: the recorder's rows per metric and the kernel (a measured allowance). */
const RUN_OVERHEAD_BYTES = 8 * 1024 * 1024;

/**
 * A model made of a list of blocks. Its parameter schema, defaults, metric
 * and KPI columns, tables and memory estimate are derived from the list;
 * `build` assembles one run (see `assemble`). Within a phase, hooks run in
 * list order. `.with(...)` adds or replaces blocks, `.without(...)` drops
 * them; both return a new model.
 */
export class BlockModel<B extends AnyBlock> implements Model<ModelParams<B>> {
  readonly name: string;
  readonly description: string;
  readonly blocks: readonly B[];
  readonly metrics: readonly MetricInfo[];
  readonly kpis: readonly ColumnInfo[];
  readonly tables: readonly TableInfo[];
  /** The blocks in the order they are built (each after what it needs). */
  readonly buildOrder: readonly AnyBlock[];
  private readonly spec: ModelSpec<B>;
  private readonly merged: Record<string, unknown>;
  private resolved: { schema: z.ZodType<ModelParams<B>>; defaults: ModelParams<B> } | null = null;

  /**
   * Makes the model of `spec`. `parent` is the model it was derived from
   * (by `.with`, `.without`, `.withDefaults` or `.named`): what does not
   * change with the derivation is taken from it rather than derived and
   * checked again — the build order for the same list of blocks, the merged
   * defaults for the same list and defaults, and the check of each block's
   * defaults that has the same block and the same own defaults.
   */
  constructor(spec: ModelSpec<B>, parent?: BlockModel<AnyBlock>) {
    if (!/^[\w.-]+$/.test(spec.name)) throw new InputError(`model name must be letters, digits, '-', '_' or '.', got "${spec.name}"`);
    this.spec = spec;
    this.name = spec.name;
    this.description = spec.description ?? '';
    this.blocks = spec.blocks;
    const sameBlocks = parent?.blocks === spec.blocks;
    this.buildOrder = sameBlocks ? parent!.buildOrder : checkBlocks(spec.name, spec.blocks);
    const sameDefaults =
      sameBlocks && parent!.spec.defaults === spec.defaults && parent!.spec.ticksPerYear === spec.ticksPerYear && parent!.spec.activation === spec.activation;
    if (sameDefaults) this.merged = parent!.merged;
    else {
      const defaults: Record<string, unknown> = { ticksPerYear: spec.ticksPerYear ?? 365, activation: spec.activation ?? 'shuffle' };
      for (const b of spec.blocks) if (b.spec.params) defaults[b.key] = b.spec.params.defaults;
      this.merged = applyOverrides(defaults, spec.defaults as DeepPartial<Record<string, unknown>>, `model ${spec.name}`);
    }
    // The model's own defaults are checked here, each against its block's schema; the whole (with the
    // blocks' cross-checks) when the schema is first needed: compiling a schema of every block for each
    // model and each step of a .with() chain was most of an experiment file's load time. A block's
    // defaults the parent checked (same block, same own defaults, so the same merged value) are not
    // checked again.
    const parentDefaults = (parent?.spec.defaults ?? {}) as Record<string, unknown>;
    const ownDefaults = (spec.defaults ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(ownDefaults)) {
      const block = spec.blocks.find((b) => b.key === key);
      if (parent && block && parentDefaults[key] === ownDefaults[key] && parent.blocks.find((b) => b.key === key) === block) continue;
      const check = block?.spec.params?.schema.safeParse(this.merged[key]);
      if (check && !check.success) this.refuse([key, ...check.error.issues[0].path], check.error.issues[0].message);
    }
    this.metrics = spec.blocks.flatMap((b) =>
      Object.entries(b.spec.metrics ?? {}).map(([name, m]) => ({ name, unit: m.unit, description: m.description, block: b.key, kind: m.kind ?? 'level', sampled: !!m.sampled })),
    );
    this.kpis = spec.blocks.flatMap((b) => Object.entries(b.spec.kpis ?? {}).map(([name, k]) => ({ name, unit: k.unit, description: k.description, block: b.key })));
    const tables: TableInfo[] = spec.blocks.flatMap((b) => Object.entries(b.spec.tables ?? {}).map(([name, t]) => ({ name, description: t.description, columns: t.columns, block: b.key })));
    if (spec.flows ?? true) tables.push(FLOWS_TABLE);
    this.tables = tables;
  }

  /** The parameter schema: every block's schema under its key, strict, with the blocks' cross-checks. */
  get schema(): z.ZodType<ModelParams<B>> {
    return this.resolve().schema;
  }

  /** The defaults: the blocks' own, with the model's over them; checked against the schema on first use. */
  get defaults(): ModelParams<B> {
    return this.resolve().defaults;
  }

  private resolve(): { schema: z.ZodType<ModelParams<B>>; defaults: ModelParams<B> } {
    if (this.resolved) return this.resolved;
    const spec = this.spec;
    const shape: Record<string, z.ZodTypeAny> = {
      ticksPerYear: z.number().int().min(1).max(1_000_000),
      activation: z.enum(['index', 'shuffle']),
    };
    for (const b of spec.blocks) if (b.spec.params) shape[b.key] = b.spec.params.schema as z.ZodTypeAny;
    const checked = spec.blocks.filter((b) => b.spec.check);
    const keys = new Set(spec.blocks.map((b) => b.key));
    const whole: z.ZodType<unknown> = z
      .object(shape)
      .strict()
      .superRefine((all, ctx) => {
        for (const b of checked) {
          for (const issue of b.spec.check!(all[b.key], all, keys)) ctx.addIssue({ code: 'custom', path: [b.key, ...issue.path.split('.').filter(Boolean)], message: issue.message });
        }
      });
    const check = whole.safeParse(this.merged);
    if (!check.success) this.refuse(check.error.issues[0].path, check.error.issues[0].message);
    this.resolved = { schema: whole as z.ZodType<ModelParams<B>>, defaults: this.merged as ModelParams<B> };
    return this.resolved;
  }

  private refuse(path: readonly PropertyKey[], message: string): never {
    throw new InputError(`model ${this.spec.name}: the defaults fail the schema at ${path.map(String).join('.')}: ${message}`);
  }

  /** Returns whether runs write `flows.arrow`. */
  get writesFlows(): boolean {
    return this.spec.flows ?? true;
  }

  /** Returns one run's simulation: the blocks built for `params` and `opts.seed`. */
  build(params: ModelParams<B>, opts: BuildOptions): Assembled {
    return assemble(this.blocks, this.buildOrder, this.schema, params, opts);
  }

  /**
   * Returns the model with `blocks` added: a block whose key is already in
   * the list replaces it in place; others go at the end, or before/after
   * the block `placement` names.
   */
  with<N extends AnyBlock[]>(...blocks: N): BlockModel<B | N[number]>;
  with<N extends AnyBlock[]>(placement: Placement, ...blocks: N): BlockModel<B | N[number]>;
  with(...args: unknown[]): BlockModel<AnyBlock> {
    const placement = args.length && !('spec' in (args[0] as object)) ? (args.shift() as Placement) : null;
    const added = args as AnyBlock[];
    const list: AnyBlock[] = [...this.blocks];
    const fresh: AnyBlock[] = [];
    for (const b of added) {
      const at = list.findIndex((x) => x.key === b.key);
      if (at >= 0) list[at] = b;
      else fresh.push(b);
    }
    if (placement) {
      const anchor = 'before' in placement ? placement.before : placement.after;
      const at = list.findIndex((x) => x.key === anchor);
      if (at < 0) throw new InputError(`model ${this.name}: cannot place blocks next to ${anchor}, which it does not have`);
      list.splice('before' in placement ? at : at + 1, 0, ...fresh);
    } else list.push(...fresh);
    return new BlockModel({ ...this.spec, blocks: list }, this);
  }

  /** Returns the model without the blocks with `keys`; throws an `InputError` naming a key it does not have. */
  without<K extends B['key']>(...keys: K[]): BlockModel<Exclude<B, { key: K }>> {
    for (const k of keys) if (!this.blocks.some((b) => b.key === k)) throw new InputError(`model ${this.name} has no block ${k} to remove`);
    const drop = (k: string) => (keys as string[]).includes(k);
    const own = Object.fromEntries(Object.entries(this.spec.defaults ?? {}).filter(([k]) => !drop(k)));
    return new BlockModel({
      ...this.spec,
      blocks: this.blocks.filter((b) => !drop(b.key)) as Exclude<B, { key: K }>[],
      defaults: own as DeepPartial<ModelParams<Exclude<B, { key: K }>>>,
    }, this);
  }

  /** Returns the model with its own defaults changed by `overrides` (any subset, at any depth), on top of those it had. */
  withDefaults(overrides: DeepPartial<ModelParams<B>>): BlockModel<B> {
    // Only the blocks the overrides touch become the new model's own defaults, so its constructor checks
    // just those; the whole schema is not compiled until the new model's is needed.
    const merged = applyOverrides(this.merged, overrides as DeepPartial<Record<string, unknown>>, `model ${this.name}`);
    const own: Record<string, unknown> = { ...this.spec.defaults };
    for (const key of Object.keys(overrides)) own[key] = merged[key];
    return new BlockModel({ ...this.spec, defaults: own as DeepPartial<ModelParams<B>> }, this);
  }

  /** Returns the model under another name (what `.with` and `.without` produce keeps the old one). */
  named(name: string, description?: string): BlockModel<B> {
    return new BlockModel({ ...this.spec, name, description: description ?? this.spec.description }, this);
  }

  /**
   * Returns an estimate of one run's memory, in bytes: each agent block's
   * population (its declared columns × its count, doubled for the growth
   * rule's slack) plus the recorder's rows (8 bytes per metric per tick)
   * and a fixed allowance.
   */
  memoryEstimate(params: ModelParams<B>, ticks: number): number {
    let bytes = RUN_OVERHEAD_BYTES + 8 * (this.metrics.length + 1) * (ticks + 2);
    for (const b of this.blocks) {
      const pop = b.spec.population;
      if (!pop) continue;
      const all = params as Record<string, unknown>;
      const n = pop.count(all[b.key], all);
      bytes += 2 * n * bytesPerAgent(pop.schema);
    }
    return bytes;
  }
}

/**
 * Returns a model from a list of blocks (see `BlockModel`). Throws an
 * `InputError` when the list is not a model: a duplicate key, a need no
 * block fills, a cycle of needs, two blocks declaring one column name.
 */
export function defineModel<B extends AnyBlock>(spec: ModelSpec<B>): BlockModel<B> {
  return new BlockModel(spec);
}

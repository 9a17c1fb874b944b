import type { Account } from '../core/account';
import type { AnyBlock, BlockContext, BlockParts, Port, RunRecord } from '../core/block';
import { RunError } from '../core/errors';
import { Population, type Schema } from '../core/population';
import { World, type Activation, type HookPhase } from '../core/world';
import type { BuildOptions, Metric, RunTable, Simulation } from '../experiment/model';
import type { z } from 'zod';
import { portMap } from './checkBlocks';

/** The parameters every model has: the clock's ticks per year and the activation order. */
export interface WorldParams {
  /** Ticks per year (365: a tick is a day). */
  ticksPerYear: number;
  activation: Activation;
}

/** A built model: the simulation the runner observes, and each block's API (for tests and analyses). */
export interface Assembled extends Simulation {
  /** Each block's API, by key. */
  readonly apis: ReadonlyMap<string, unknown>;
  /** Returns the API of `block` in this run; throws when the model does not have it. */
  api<A>(block: Port<A>): A;
}

const HOOK_PHASES: HookPhase[] = ['exogenous', 'pre', 'post', 'observe'];

/**
 * Returns the simulation of one run of a block list: a world with the
 * parameters and seed; every block built in `order` (dependencies first)
 * with its own context; hooks and agent classes registered in list order;
 * genesis run in list order; the initial price recorded; and the metrics,
 * KPIs and tables the blocks declared, in list order.
 */
export function assemble<P extends WorldParams>(
  blocks: readonly AnyBlock[],
  order: readonly AnyBlock[],
  schema: z.ZodType<P>,
  params: P,
  opts: BuildOptions,
): Assembled {
  const world = new World<P>({ params, schema, seed: opts.seed, ticksPerYear: params.ticksPerYear, activation: params.activation, check: opts.check });
  const ports = portMap(blocks);
  const apis = new Map<string, unknown>();
  const parts = new Map<AnyBlock, BlockParts<unknown, string, string, string>>();
  for (const b of order) {
    const p = b.spec.build(context(b, world, ports, apis));
    parts.set(b, p);
    apis.set(b.key, p.api);
    for (const port of b.spec.provides ?? []) if (ports.get(port.key) === b) apis.set(port.key, p.api);
  }
  for (const b of blocks) {
    const p = parts.get(b)!;
    for (const ph of HOOK_PHASES) {
      const h = p.hooks?.[ph];
      if (h) world.addHook(ph, b.key, h);
    }
    if (p.agents) world.addAgents(p.agents);
  }
  for (const b of blocks) parts.get(b)!.genesis?.(world);
  if (world.priceSource) world.recordPrice(world.priceSource());

  const metrics: Metric[] = [];
  const tables: RunTable[] = [];
  for (const b of blocks) {
    const p = parts.get(b)!;
    for (const [name, spec] of Object.entries(b.spec.metrics ?? {})) {
      const read = p.metrics?.[name];
      if (!read) throw new Error(`block ${b.key} declares metric ${name} but its build gives no reader for it`);
      metrics.push({ name, kind: spec.kind ?? 'level', sampled: spec.sampled, read });
    }
    for (const [name, spec] of Object.entries(b.spec.tables ?? {})) {
      const collect = p.tables?.[name];
      if (!collect) throw new Error(`block ${b.key} declares table ${name} but its build gives no collector for it`);
      tables.push({ name, columns: spec.columns, collect });
    }
  }
  const summary = (series: Record<string, Float64Array>, ticks: Int32Array): Record<string, number> => {
    const run: RunRecord = { world, series, ticks };
    const out: Record<string, number> = {};
    for (const b of blocks) {
      const declared = Object.keys(b.spec.kpis ?? {});
      if (!declared.length) continue;
      const got: Record<string, number> = parts.get(b)!.summary?.(run) ?? {};
      for (const k of declared) {
        const v = got[k];
        if (typeof v !== 'number') throw new Error(`block ${b.key} declares KPI ${k} but its summary gives ${v}`);
        out[k] = v;
      }
    }
    return out;
  };
  const api = <A>(block: Port<A>): A => {
    if (!apis.has(block.key)) throw new Error(`the model has no block ${block.key}`);
    return apis.get(block.key) as A;
  };
  return { world, metrics, summary, tables, routes: world.ledger.routes, apis, api };
}

function context(b: AnyBlock, world: World, ports: Map<string, AnyBlock>, apis: Map<string, unknown>): BlockContext<unknown, unknown, unknown, string> {
  const key = b.key;
  const deps: Record<string, unknown> = {};
  // Dependencies are built first (see checkBlocks), so their APIs are here by port key.
  for (const [name, p] of Object.entries(b.spec.needs ?? {})) deps[name] = apis.get((p as AnyBlock).key);
  for (const [name, p] of Object.entries(b.spec.uses ?? {})) deps[name] = ports.has((p as AnyBlock).key) ? apis.get((p as AnyBlock).key) ?? null : null;
  const opened = new Map<string, Account>();
  const holders = b.spec.holders ?? {};
  let madePopulation = false;
  return {
    key,
    world,
    ledger: world.ledger,
    params: () => (world.params as Record<string, unknown>)[key],
    rng: world.rng.fork(key),
    deps,
    account(name: string, chain?: string): Account {
      let a = opened.get(name);
      if (a) return a;
      const spec = (holders as Record<string, { circulating: boolean; description: string; chain?: string }>)[name];
      if (!spec) throw new RunError(`block ${key} opens account "${name}", which it does not declare in holders`, world.tick);
      a = world.ledger.open(name === '' ? key : `${key}.${name}`, { owner: key, circulating: spec.circulating, description: spec.description, chain: chain ?? spec.chain });
      opened.set(name, a);
      return a;
    },
    population<S extends Schema>(schema: S, opts?: { circulating?: boolean; chain?: string }) {
      if (madePopulation) throw new RunError(`block ${key} creates a second population; one agent block has one population`, world.tick);
      madePopulation = true;
      const pop = new Population(key, schema, 0);
      world.addPopulation(pop);
      const account = world.ledger.openPopulation(pop, { owner: key, circulating: opts?.circulating ?? true, chain: opts?.chain, description: `balances of the ${key} class` });
      return { pop, account };
    },
  } as BlockContext<unknown, unknown, unknown, string>;
}

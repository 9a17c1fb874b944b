import type { Account } from '../core/account';
import { RunError } from '../core/errors';
import type { AnyWorld } from '../core/world';
import type { ConstantProductPool } from '../market/constantProductPool';

/** What a chain block gives the blocks that act on its chain: its name, venue, gas cost and block time. */
export interface ChainApi {
  /** The chain's name: the `chain` of every account on it. */
  readonly name: string;
  /** Its AMM pool of the token against USD. */
  readonly pool: ConstantProductPool;
  /** The local holders' account (tokens and USD on this chain). */
  readonly holders: Account;
  /** Returns the cost of one transaction, in USD (gas in native units × native price). */
  gasUsd(): number;
  /** Returns the cost of one transaction, in the chain's native unit. */
  gasNative(): number;
  /** Returns the block time, in seconds. */
  blockSeconds(): number;
  /**
   * What the local holders know the token on this chain is worth, USD per
   * token, or null (they trade noise only). A bridge sets it when an exploit
   * leaves its wrapped token partly unbacked.
   */
  valuation: (() => number) | null;
}

const byWorld = new WeakMap<AnyWorld, Map<string, ChainApi>>();

/** Returns the chains registered in `world`, by name (empty when it has none). */
export function chainsOf(world: AnyWorld): ReadonlyMap<string, ChainApi> {
  return byWorld.get(world) ?? new Map();
}

/** Registers chain `api` in `world`; a `RunError` when a chain of that name is already there. */
export function registerChain(world: AnyWorld, api: ChainApi): void {
  let m = byWorld.get(world);
  if (!m) byWorld.set(world, (m = new Map()));
  if (m.has(api.name)) throw new RunError(`chain ${api.name} is declared twice`, world.tick);
  m.set(api.name, api);
}

/** Returns chain `name` of `world`; a `RunError` naming the chains it has when there is none (the model's check catches this before a run). */
export function chainOf(world: AnyWorld, name: string): ChainApi {
  const c = byWorld.get(world)?.get(name);
  if (!c) throw new RunError(`no chain ${name}; the model has ${[...chainsOf(world).keys()].join(', ') || 'none'}`, world.tick);
  return c;
}

/** Returns the key of the block of chain `name`: `<name>Chain`. */
export function chainKey(name: string): string {
  return `${name}Chain`;
}

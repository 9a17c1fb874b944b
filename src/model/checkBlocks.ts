import type { AnyBlock } from '../core/block';
import { InputError } from '../core/errors';

/** Parameter keys every model has besides its blocks'. */
export const WORLD_KEYS = ['ticksPerYear', 'activation'] as const;

/** Returns the key of the block (or port) each port key resolves to in `blocks`. */
export function portMap(blocks: readonly AnyBlock[]): Map<string, AnyBlock> {
  const m = new Map<string, AnyBlock>();
  for (const b of blocks) {
    m.set(b.key, b);
    for (const p of b.spec.provides ?? []) if (!m.has(p.key)) m.set(p.key, b);
  }
  return m;
}

/**
 * Returns the blocks in build order: each after every block it needs or
 * uses, otherwise in list order. Throws an `InputError` (one line naming the
 * model and the blocks) on a duplicate key, a key that clashes with a world
 * parameter, a need no block fills, a cycle, or two blocks declaring the same
 * metric, KPI, table or account.
 */
export function checkBlocks(model: string, blocks: readonly AnyBlock[]): AnyBlock[] {
  const seen = new Set<string>();
  for (const b of blocks) {
    if (!/^[a-z][A-Za-z0-9]*$/.test(b.key)) throw new InputError(`model ${model}: block key "${b.key}" must be camelCase letters and digits`);
    if (seen.has(b.key)) throw new InputError(`model ${model}: two blocks have the key ${b.key}; use .with() to replace one`);
    if ((WORLD_KEYS as readonly string[]).includes(b.key)) throw new InputError(`model ${model}: block key ${b.key} is a world parameter`);
    seen.add(b.key);
  }
  const ports = portMap(blocks);
  for (const b of blocks) {
    for (const [name, p] of Object.entries(b.spec.needs ?? {})) {
      if (!ports.has((p as AnyBlock).key)) {
        throw new InputError(`model ${model}: block ${b.key} needs ${(p as AnyBlock).key} (as ${name}), which no block of the model provides; add it to the list`);
      }
    }
  }
  unique(model, 'metric', blocks.flatMap((b) => Object.keys(b.spec.metrics ?? {}).map((n) => [n, b.key] as const)));
  unique(model, 'KPI', blocks.flatMap((b) => Object.keys(b.spec.kpis ?? {}).map((n) => [n, b.key] as const)));
  unique(model, 'table', blocks.flatMap((b) => Object.keys(b.spec.tables ?? {}).map((n) => [n, b.key] as const)));
  unique(model, 'account', blocks.flatMap((b) => accountNames(b).map((n) => [n, b.key] as const)));
  return buildOrder(model, blocks, ports);
}

/** Returns the account names a block opens: its population's (by key) and each holder's (`key` or `key.name`). */
export function accountNames(b: AnyBlock): string[] {
  const names = Object.keys(b.spec.holders ?? {}).map((h) => (h === '' ? b.key : `${b.key}.${h}`));
  if (b.spec.population) names.unshift(b.key);
  return names;
}

function unique(model: string, what: string, entries: (readonly [string, string])[]): void {
  const owner = new Map<string, string>();
  for (const [name, key] of entries) {
    const prior = owner.get(name);
    if (prior !== undefined) throw new InputError(`model ${model}: ${what} ${name} is declared by both ${prior} and ${key}; names must mean one thing`);
    owner.set(name, key);
  }
}

function dependencies(b: AnyBlock, ports: Map<string, AnyBlock>): AnyBlock[] {
  const out: AnyBlock[] = [];
  for (const p of [...Object.values(b.spec.needs ?? {}), ...Object.values(b.spec.uses ?? {})]) {
    const dep = ports.get((p as AnyBlock).key);
    if (dep && dep !== b) out.push(dep);
  }
  return out;
}

function buildOrder(model: string, blocks: readonly AnyBlock[], ports: Map<string, AnyBlock>): AnyBlock[] {
  const done = new Set<AnyBlock>();
  const order: AnyBlock[] = [];
  while (order.length < blocks.length) {
    const next = blocks.find((b) => !done.has(b) && dependencies(b, ports).every((d) => done.has(d)));
    if (!next) {
      const stuck = blocks.filter((b) => !done.has(b)).map((b) => b.key);
      throw new InputError(`model ${model}: blocks ${stuck.join(', ')} need each other in a cycle; one of them must use a port or a later phase instead`);
    }
    done.add(next);
    order.push(next);
  }
  return order;
}

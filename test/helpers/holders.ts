import { defineBlock } from '../../src/core/block';
import type { Population, Schema } from '../../src/core/population';
import type { AnyWorld } from '../../src/core/world';

/**
 * Returns an agent block `key` whose population has the columns `schema`
 * and whose agent i starts (at genesis) with `tokens[i]` tokens, minted,
 * and `usd[i]` USD from outside (0 where `usd` is shorter). Without `act`
 * its agents never act: tests drive them through the mechanisms they hold
 * stake, locks or nodes in. With `act`, the class calls `act(pop, world)`
 * once a tick in the agents phase (a scripted class, to test mechanisms
 * around what agents do between phases `pre` and `post`). The block's API
 * is the population.
 */
export function holdersBlock<const K extends string, const S extends Schema>(
  key: K,
  schema: S,
  tokens: readonly number[],
  usd: readonly number[] = [],
  act?: (pop: Population<S>, world: AnyWorld) => void,
) {
  return defineBlock({
    key,
    kind: 'agents',
    description: 'test agents with set starting balances and a scripted action (or none)',
    build(ctx) {
      const { pop, account } = ctx.population(schema);
      return {
        api: pop,
        agents: act ? { name: key, population: pop, act: (w: AnyWorld) => act(pop, w) } : undefined,
        genesis: () => {
          const first = pop.add(tokens.length);
          const { ledger } = ctx;
          ledger.route('mint', ledger.pocket(account, pop, 'tokens'), 'genesis').payRange(first, Float64Array.from(tokens));
          const cash = Float64Array.from(tokens, (_, i) => usd[i] ?? 0);
          ledger.route('outside', ledger.pocket(account, pop, 'usd', 'usd'), 'genesis', 'usd').payRange(first, cash);
        },
      };
    },
  });
}

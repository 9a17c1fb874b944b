import { defineBlock } from '../../src/core/block';
import type { Schema } from '../../src/core/population';

/**
 * Returns an agent block `key` whose population has the columns `schema`
 * and whose agent i starts (at genesis) with `tokens[i]` tokens, minted,
 * and `usd[i]` USD from outside (0 where `usd` is shorter). Its agents
 * never act: tests drive them through the mechanisms they hold stake,
 * locks or nodes in. The block's API is the population.
 */
export function holdersBlock<const K extends string, const S extends Schema>(key: K, schema: S, tokens: readonly number[], usd: readonly number[] = []) {
  return defineBlock({
    key,
    kind: 'agents',
    description: 'test agents with set starting balances that never act',
    build(ctx) {
      const { pop, account } = ctx.population(schema);
      return {
        api: pop,
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

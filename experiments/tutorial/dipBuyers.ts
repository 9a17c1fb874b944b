// An agent class as a block: dip buyers buy a fixed USD budget of tokens whenever the price falls below their trigger.
import { z } from 'zod';
import { defineBlock, distributionSchema, drawTrait, addEndowed, buyTokens, type Distribution } from '../../src/blocks';
import { marketPort } from '../../src';

/** The dip buyers' parameters: how many, their cash, and the price below which each buys. */
const dipBuyersParams = z.object({ count: z.number().int().min(0), usd: distributionSchema, trigger: distributionSchema, budgetUsd: z.number().positive() }).strict();

/** Their columns, besides the balances every population has. */
const schema = { trigger: 'f64' } as const;

export const dipBuyers = defineBlock({
  key: 'dipBuyers',
  kind: 'agents',
  description: 'dip buyers: buy a fixed USD budget of tokens whenever the price is below their trigger',
  params: {
    schema: dipBuyersParams,
    defaults: { count: 200, usd: { dist: 'uniform', min: 1_000, max: 10_000 } as Distribution, trigger: { dist: 'uniform', min: 0.6, max: 0.95 } as Distribution, budgetUsd: 100 },
  },
  needs: { market: marketPort },
  population: { schema, count: (p) => p.count },
  build(ctx) {
    const { pop } = ctx.population(schema);
    const pool = ctx.deps.market;
    return {
      api: pop,
      genesis(world) {
        const p = ctx.params();
        const rng = ctx.rng.fork('genesis');
        const [first, end] = addEndowed(world.ledger, pop, p.count, { dist: 'constant', value: 0 }, p.usd, rng);
        drawTrait(pop.cols.trigger, first, end, p.trigger, rng);
      },
      agents: {
        name: 'dipBuyers',
        population: pop,
        act(_world, order, count) {
          const budget = ctx.params().budgetUsd;
          const { trigger, active } = pop.cols;
          for (let k = 0; k < count; k++) {
            const i = order === null ? k : order[k];
            if (active[i] && pool.price < trigger[i]) buyTokens(pool, pop, i, budget);
          }
        },
      },
    };
  },
});

import { z } from '../src/core/zod';
import { defineBlock } from '../src/core/block';
import { distributionSchema } from '../src/core/distributions';
import { addEndowed, drawTrait } from '../src/core/genesis';
import type { Population } from '../src/core/population';

/** Parameters of the stake-pool operators. */
export const stakePoolsParamsSchema = z
  .object({
    count: z.number().int().min(0).max(100_000),
    /** Each operator's pledge at genesis, in tokens (it pledges all it holds, rewards included). */
    pledge: distributionSchema,
    /** Fixed cost per epoch, in tokens, per pool. */
    costPerEpoch: distributionSchema,
    /** Margin: the operator's cut of the pool's reward after cost, in [0, 1]. */
    margin: distributionSchema,
  })
  .strict();
export type StakePoolsParams = z.infer<typeof stakePoolsParamsSchema>;

/** The operators' columns: cost per epoch (tokens), margin (share) and `delegating` (1: the pledge is delegated to the own pool, as Cardano's owners do); their `tokens` are the pool's pledge. */
export const stakePoolsSchema = { costPerEpoch: 'f64', margin: 'f64', delegating: 'u8' } as const;
export type StakePoolsPopulation = Population<typeof stakePoolsSchema>;

/**
 * Stake-pool operators (Cardano): pool j's operator holds its pledge as its
 * liquid tokens and keeps all of it, rewards included, pledged; its cost per
 * epoch and margin are drawn at genesis (margins clipped to [0, 1], costs
 * at 0 from below). The operators do not trade. The pool's stake is the
 * pledge plus what delegators delegate to it (see `cardano`).
 */
export const stakePools = defineBlock({
  key: 'stakePools',
  kind: 'agents',
  description: 'stake-pool operators: pledge (all they hold), fixed cost per epoch and margin, drawn at genesis',
  sources: ['Cardano Shelley genesis protocol parameter minPoolCost = 340 ADA (2020-07)'],
  params: {
    schema: stakePoolsParamsSchema,
    defaults: {
      count: 600,
      pledge: { dist: 'lognormal', mu: Math.log(500_000), sigma: 1.5 },
      costPerEpoch: { dist: 'constant', value: 340 },
      margin: { dist: 'uniform', min: 0, max: 0.05 },
    },
  },
  population: { schema: stakePoolsSchema, count: (p) => p.count },
  build(ctx) {
    const { pop } = ctx.population(stakePoolsSchema);
    return {
      api: pop,
      genesis: () => {
        const p = ctx.params();
        const rng = ctx.rng.fork('genesis');
        const [first, end] = addEndowed(ctx.ledger, pop, p.count, p.pledge, { dist: 'constant', value: 0 }, rng);
        drawTrait(pop.cols.costPerEpoch, first, end, p.costPerEpoch, rng);
        drawTrait(pop.cols.margin, first, end, p.margin, rng);
        for (let j = first; j < end; j++) {
          pop.cols.delegating[j] = 1;
          pop.cols.costPerEpoch[j] = Math.max(0, pop.cols.costPerEpoch[j]);
          pop.cols.margin[j] = Math.min(1, Math.max(0, pop.cols.margin[j]));
        }
      },
    };
  },
});

import { z } from '../core/zod';
import { scenarioKind } from './scenario';

/** Parameters of an LST depeg. */
export const lstDepegParamsSchema = z
  .object({
    /** Tick of the dump. */
    at: z.number().int().min(1),
    /** Share of its liquid-staking tokens every LST staker sells into the LST pool at once, in (0, 1]. */
    share: z.number().gt(0).max(1),
  })
  .strict();
export type LstDepegParams = z.infer<typeof lstDepegParamsSchema>;

/**
 * A liquid-staking-token depeg: at tick `at` (phase `pre`, before any
 * agent acts) every agent of the LST stakers class sells the share `share`
 * of its LST into the LST/token pool (a panic dump, the stETH discount of
 * June 2022), each sale a constant-product swap, so the pool price falls
 * below the provider's exchange rate: selling a share s of the pool's LST
 * reserve moves its price to p / (1 + s(1 − f))². From then on the
 * stakers' own rule (redeem through the queue, or buy the discount) acts
 * on the depeg. Unlike the class's own `panic` (a run in which each
 * leaving holder splits its exit between the pool and the redemption queue
 * by its impatience), the dump sells on the pool whatever the discount.
 */
export const lstDepeg = scenarioKind({
  kind: 'lstDepeg',
  description: 'LST stakers sell a share of their liquid-staking tokens into the LST pool at tick at',
  schema: lstDepegParamsSchema,
  needs: ['liquidStaking', 'lstStakers'],
  perturb(run, p) {
    const pool = run.target('liquidStaking').pool;
    const pop = run.target('lstStakers').population;
    return {
      pre: (w) => {
        if (w.tick !== p.at) return;
        const lst = pop.cols.lst;
        for (let i = 0; i < pop.size; i++) if (lst[i] > 0) pool.sellBase(pop, i, p.share === 1 ? lst[i] : lst[i] * p.share);
      },
    };
  },
});

import { z } from '../core/zod';
import { scenarioKind } from './scenario';

/** Parameters of a liquidity withdrawal. */
export const liquidityWithdrawalParamsSchema = z
  .object({
    /** Tick of the withdrawal. */
    at: z.number().int().min(1),
    /** Share of its LP shares every liquidity provider burns, in (0, 1]. */
    share: z.number().gt(0).max(1),
  })
  .strict();
export type LiquidityWithdrawalParams = z.infer<typeof liquidityWithdrawalParamsSchema>;

/**
 * A liquidity withdrawal: at tick `at` (phase `pre`, before any agent
 * acts) every liquidity provider burns the share `share` of its LP shares
 * (Uniswap v2 burn: tokens and USD pro rata back to its balances), so the
 * reserves the LPs held fall by that share; the genesis (protocol-owned)
 * liquidity stays. From then on the LPs follow their own rule again, and
 * may return when the thinner pool's fee APR beats their hurdle.
 */
export const liquidityWithdrawal = scenarioKind({
  kind: 'liquidityWithdrawal',
  description: "liquidity providers burn a share of their AMM LP shares at tick at",
  schema: liquidityWithdrawalParamsSchema,
  needs: ['market', 'liquidityProviders'],
  perturb(run, p) {
    const pool = run.target('market');
    const pop = run.target('liquidityProviders').population;
    return {
      pre: (w) => {
        if (w.tick !== p.at) return;
        const shares = pop.cols.lpShares;
        for (let i = 0; i < pop.size; i++) if (shares[i] > 0) pool.removeLiquidityFor(pop, i, p.share === 1 ? shares[i] : shares[i] * p.share);
      },
    };
  },
});

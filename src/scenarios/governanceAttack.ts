import { z } from '../core/zod';
import { scenarioKind } from './scenario';

/** Parameters of a governance attack. */
export const governanceAttackParamsSchema = z
  .object({
    /** Tick the attacker is funded. */
    at: z.number().int().min(1),
    /** USD brought in from outside the model, split equally among the vote buyers. */
    usd: z.number().gt(0).max(1e15),
    /** Share of it each buyer spends on tokens on the AMM at once (voting power of its own), in [0, 1]; the rest funds its bribes. */
    buyShare: z.number().min(0).max(1),
  })
  .strict();
export type GovernanceAttackParams = z.infer<typeof governanceAttackParamsSchema>;

/**
 * A governance attack: at tick `at` (phase `pre`, before any agent acts)
 * the vote buyers receive `usd` USD from outside the model (a war chest,
 * usd / n each, a declared USD inflow) and each spends the share
 * `buyShare` of its part on tokens on the AMM in one swap; from then on
 * their own rule votes that power and bribes voters with the rest on every
 * proposal their position has a view on (see `VoteBuyer`), and the
 * governance block's capture KPIs measure what passes against the holders.
 * Give the vote buyers a count (and, for a clean counterfactual, no USD of
 * their own) in the experiment.
 */
export const governanceAttack = scenarioKind({
  kind: 'governanceAttack',
  description: 'vote buyers get a war chest from outside at tick at and buy voting power with part of it',
  schema: governanceAttackParamsSchema,
  needs: ['market', 'voteBuyer'],
  perturb(run, p) {
    const pool = run.target('market');
    const pop = run.target('voteBuyer').population;
    const fund = run.ledger.route('outside', run.ledger.pocket(pop.account!, pop, 'usd', 'usd'), 'attack funds', 'usd');
    return {
      pre: (w) => {
        if (w.tick !== p.at || pop.size === 0) return;
        const each = p.usd / pop.size;
        for (let i = 0; i < pop.size; i++) {
          fund.pay(i, each);
          if (p.buyShare > 0) pool.buyFor(pop, i, each * p.buyShare);
        }
      },
    };
  },
});

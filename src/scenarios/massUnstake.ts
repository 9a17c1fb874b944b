import { z } from '../core/zod';
import { scenarioKind } from './scenario';

/** Parameters of a mass unstake. */
export const massUnstakeParamsSchema = z
  .object({
    /** Tick of the exit. */
    at: z.number().int().min(1),
    /** Share of the stakers with a stake who unstake all of it, in (0, 1]. */
    share: z.number().gt(0).max(1),
  })
  .strict();
export type MassUnstakeParams = z.infer<typeof massUnstakeParamsSchema>;

/**
 * A mass unstake: at tick `at` (phase `pre`, before any agent acts)
 * round(share · n) of the n agents of the stakers class with a stake,
 * drawn uniformly (a partial Fisher–Yates shuffle from the scenario's own
 * stream), unstake all of it (`Stakers.exitStake`). The tokens wait out
 * the pool's unbonding period; when released, each agent's exit rule sells
 * part of them (with no unbonding period they are liquid at once and kept).
 */
export const massUnstake = scenarioKind({
  kind: 'massUnstake',
  description: 'a share of the stakers unstake all they have staked at tick at',
  schema: massUnstakeParamsSchema,
  needs: ['stakers'],
  perturb(run, p) {
    const stakers = run.target('stakers');
    return {
      pre: (w) => {
        if (w.tick !== p.at) return;
        const staked = stakers.population.cols.staked;
        const holders: number[] = [];
        for (let i = 0; i < stakers.population.size; i++) if (staked[i] > 0) holders.push(i);
        const exits = Math.round(p.share * holders.length);
        for (let k = 0; k < exits; k++) {
          const j = k + run.rng.int(holders.length - k);
          const i = holders[j];
          holders[j] = holders[k];
          holders[k] = i;
          stakers.exitStake(i, w.tick);
        }
      },
    };
  },
});

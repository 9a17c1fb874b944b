import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import { total } from '../metrics/series';
import { treasury } from './treasury';
/** Parameters of the scheduled burn. */
export const scheduledBurnParamsSchema = z
  .object({
    /** Ticks between burns. */
    everyTicks: z.number().int().min(1),
    /** Fixed tokens burned each period. */
    tokens: z.number().min(0),
    /** Share of supply burned each period, in [0, 1]. */
    supplyShare: z.number().min(0).max(1),
  })
  .strict();
export type ScheduledBurnParams = z.infer<typeof scheduledBurnParamsSchema>;

/**
 * Returns the tokens a scheduled burn takes at tick t (1-based), given the
 * supply S and the treasury's tokens T: on ticks t ≡ 0 (mod K),
 *
 *   min(T, tokens + supplyShare · S),
 *
 * and 0 on other ticks (K = everyTicks).
 */
export function scheduledBurnAmount(p: ScheduledBurnParams, tick: number, supply: number, treasuryTokens: number): number {
  if (tick % p.everyTicks !== 0) return 0;
  const want = p.tokens + p.supplyShare * supply;
  return want < treasuryTokens ? want : treasuryTokens;
}

/**
 * The scheduled burn (phase `post`): every K ticks the treasury burns a fixed
 * amount plus a share of supply, as far as its tokens allow.
 */
export const scheduledBurn = defineBlock({
  key: 'scheduledBurn',
  kind: 'mechanism',
  description: 'scheduled burn: every K ticks the treasury burns a fixed amount plus a share of supply',
  sources: ['BNB Auto-Burn (bnbburn.info; BEP-95): periodic burns of a set size'],
  params: { schema: scheduledBurnParamsSchema, defaults: { everyTicks: 90, tokens: 0, supplyShare: 0 } },
  needs: { treasury },
  metrics: { scheduled_burn: { unit: 'tokens', kind: 'flow', description: 'treasury tokens burned on schedule since the previous row' } },
  kpis: { total_scheduled_burn: { unit: 'tokens', description: 'tokens burned on schedule over the run' } },
  build(ctx) {
    const t = ctx.deps.treasury;
    const burn = t.spendTo('burn', 'scheduled burn');
    const done = { burned: 0 };
    return {
      api: done,
      hooks: {
        post: (w) => {
          const a = scheduledBurnAmount(ctx.params(), w.tick, w.ledger.supply, t.tokens);
          done.burned = a > 0 ? a : 0;
          if (a > 0) burn.move(a);
        },
      },
      metrics: { scheduled_burn: () => done.burned },
      summary: ({ series }) => ({ total_scheduled_burn: total(series, 'scheduled_burn') }),
    };
  },
});

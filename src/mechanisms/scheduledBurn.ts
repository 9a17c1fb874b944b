import { z } from 'zod';
import type { Account } from '../core/ledger';

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
export class ScheduledBurn {
  readonly name = 'scheduledBurn';
  /** Tokens burned this tick. */
  burnedThisTick = 0;

  constructor(
    private readonly params: () => ScheduledBurnParams,
    private readonly treasury: Account,
  ) {}

  post(world: { tick: number; ledger: { supply: number; burn(a: number): void } }): void {
    const a = scheduledBurnAmount(this.params(), world.tick, world.ledger.supply, this.treasury.tokens);
    this.burnedThisTick = a > 0 ? a : 0;
    if (!(a > 0)) return;
    this.treasury.tokens -= a;
    world.ledger.burn(a);
  }
}

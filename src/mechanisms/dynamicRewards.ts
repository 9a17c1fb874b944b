import { z } from 'zod';
import type { Account } from '../core/ledger';

/** Parameters of activity-driven staking rewards. */
export const dynamicRewardsParamsSchema = z
  .object({
    /** Base reward, in tokens per year. */
    basePerYear: z.number().min(0),
    /** Share of last tick's AMM fees (USD) paid out as rewards, converted at the price. */
    feeShare: z.number().min(0),
    /** Share of last tick's service payments (USD) paid out as rewards, converted at the price. */
    usageShare: z.number().min(0),
    /** Staking ratio at which the multiplier is 1. */
    targetRatio: z.number().gt(0).max(1),
    /** Largest multiplier (reached when the ratio is far below target). */
    maxMultiplier: z.number().min(1),
    /** Where rewards come from: newly minted, or the treasury's tokens. */
    source: z.enum(['mint', 'treasury']),
    /** Whether the mechanism runs at all. */
    enabled: z.boolean(),
  })
  .strict();
export type DynamicRewardsParams = z.infer<typeof dynamicRewardsParamsSchema>;

/**
 * Returns the staking reward of a tick, in tokens:
 *
 *   R = (B / TPY + (φ_f · F + φ_u · U) / p) · m(r),   m(r) = min(m_max, r* / r)
 *
 * with B the base per year, F and U last tick's fees and service payments
 * (USD), p the price (USD per token), r the staking ratio and r* its target
 * (m = m_max when r = 0): rewards follow network activity and rise when too
 * little is staked, fall when more than the target is.
 */
export function dynamicReward(p: DynamicRewardsParams, ticksPerYear: number, feesUsd: number, usageUsd: number, price: number, stakingRatio: number): number {
  const activity = price > 0 ? (p.feeShare * feesUsd + p.usageShare * usageUsd) / price : 0;
  const m = stakingRatio > 0 ? Math.min(p.maxMultiplier, p.targetRatio / stakingRatio) : p.maxMultiplier;
  return (p.basePerYear / ticksPerYear + activity) * m;
}

/**
 * Dynamic staking rewards (phase `pre`): pays `dynamicReward` of last tick's
 * activity to stakers through the staking reward index, minted or taken
 * from the treasury (capped by its tokens). Nothing is paid or minted when
 * nothing is staked. `observe` (phase `post`) records this tick's activity
 * for the next tick.
 */
export class DynamicRewards {
  readonly name = 'dynamicRewards';
  /** Tokens paid this tick. */
  paidThisTick = 0;
  private lastFeesUsd = 0;
  private lastUsageUsd = 0;

  constructor(
    private readonly params: () => DynamicRewardsParams,
    private readonly read: { feesUsd(): number; usageUsd(): number; price(): number; stakingRatio(): number },
    private readonly treasury: Account,
    private readonly payStakers: (tokens: number) => boolean,
  ) {}

  pre(world: { ticksPerYear: number; ledger: { mint(a: number): void } }): void {
    const p = this.params();
    this.paidThisTick = 0;
    if (!p.enabled) return;
    let r = dynamicReward(p, world.ticksPerYear, this.lastFeesUsd, this.lastUsageUsd, this.read.price(), this.read.stakingRatio());
    if (p.source === 'treasury' && r > this.treasury.tokens) r = this.treasury.tokens;
    if (!(r > 0) || !this.payStakers(r)) return;
    if (p.source === 'mint') world.ledger.mint(r);
    else this.treasury.tokens -= r;
    this.paidThisTick = r;
  }

  post(): void {
    this.lastFeesUsd = this.read.feesUsd();
    this.lastUsageUsd = this.read.usageUsd();
  }
}

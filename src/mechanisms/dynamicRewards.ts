import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import { marketPort } from '../market/amm';
import { total } from '../metrics/series';
import { staking } from './staking';
import { treasury } from './treasury';
import { usageBurn } from './burnOnUse';

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
 * nothing is staked. Phase `post` records this tick's activity for the
 * next tick.
 */
export const dynamicRewards = defineBlock({
  key: 'dynamicRewards',
  kind: 'mechanism',
  description: 'dynamic staking rewards: a base plus a share of last tick\'s fees and usage, scaled up when the staking ratio is below target',
  sources: ['fee-funded staking rewards: Osmosis and Cosmos SDK x/distribution fee share; target-ratio multiplier as Polkadot NPoS (research.web3.foundation, "Token Economics")'],
  params: {
    schema: dynamicRewardsParamsSchema,
    defaults: { enabled: false, basePerYear: 1_000_000, feeShare: 0.5, usageShare: 0.2, targetRatio: 0.5, maxMultiplier: 3, source: 'mint' },
  },
  needs: { market: marketPort, staking, treasury },
  uses: { usageBurn },
  metrics: { dynamic_rewards: { unit: 'tokens', kind: 'flow', description: 'dynamic rewards paid to stakers since the previous row' } },
  kpis: { total_dynamic_rewards: { unit: 'tokens', description: 'dynamic rewards paid over the run' } },
  build(ctx) {
    const { market: pool, staking: stake, treasury: t, usageBurn: usage } = ctx.deps;
    const tpy = ctx.world.ticksPerYear;
    const done = { paidThisTick: 0 };
    const fromMint = stake.rewardsFrom('mint', 'dynamic rewards', () => done.paidThisTick * tpy);
    const fromTreasury = stake.rewardsFrom((escrow) => t.spendTo(escrow, 'dynamic rewards'), 'dynamic rewards');
    let lastFeesUsd = 0;
    let lastUsageUsd = 0;
    return {
      api: done,
      hooks: {
        pre: (w) => {
          const p = ctx.params();
          done.paidThisTick = 0;
          if (!p.enabled) return;
          let r = dynamicReward(p, w.ticksPerYear, lastFeesUsd, lastUsageUsd, pool.price, stake.totalStaked / w.ledger.supply);
          if (p.source === 'treasury' && r > t.tokens) r = t.tokens;
          if (!(r > 0) || !(p.source === 'mint' ? fromMint : fromTreasury).pay(r)) return;
          done.paidThisTick = r;
        },
        post: () => {
          lastFeesUsd = pool.feesUsd + pool.feesTokens * pool.price;
          lastUsageUsd = usage ? usage.usd : 0;
        },
      },
      metrics: { dynamic_rewards: () => done.paidThisTick },
      summary: ({ series }) => ({ total_dynamic_rewards: total(series, 'dynamic_rewards') }),
    };
  },
});

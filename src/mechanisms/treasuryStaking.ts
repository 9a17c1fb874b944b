import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import type { Route } from '../core/route';
import { last, total } from '../metrics/series';
import { staking, stakingColumns, type StakeAccount } from './staking';
import { treasury, type Treasury } from './treasury';

/** Parameters of the treasury's own stake. */
export const treasuryStakingParamsSchema = z
  .object({
    /** First tick the treasury stakes; null: never (the block is inert). */
    startTick: z.number().int().min(0).nullable(),
    /** Share of the treasury's tokens (held plus staked plus unbonding) it keeps staked, in [0, 1]. */
    targetShare: z.number().min(0).max(1),
    /** Ticks between rebalances towards the target (rewards come home every tick). */
    rebalanceEveryTicks: z.number().int().min(1).max(100_000),
    /**
     * The desk's yield rule (see `yieldTargetShare`): the staking APR below
     * which it stakes nothing, per year; null: it keeps the fixed
     * `targetShare` whatever the pool pays.
     */
    yieldHurdle: z.number().min(0).max(10).nullable(),
    /** Under the yield rule, the APR above the hurdle per unit of target share, per year: τ = (apr − hurdle) / span. */
    yieldSpan: z.number().gt(0).max(10),
    /** Under the yield rule, the largest share of its tokens the desk stakes, in [0, 1]. */
    yieldMaxShare: z.number().min(0).max(1),
  })
  .strict();
export type TreasuryStakingParams = z.infer<typeof treasuryStakingParamsSchema>;

/** Inert: the treasury stakes nothing. */
export const treasuryStakingDefaults: TreasuryStakingParams = { startTick: null, targetShare: 0.5, rebalanceEveryTicks: 30, yieldHurdle: null, yieldSpan: 0.2, yieldMaxShare: 1 };

/** The staking desk's columns: one agent holding the treasury's stake. */
export const treasuryDeskSchema = { ...stakingColumns } as const;

/**
 * Returns the tokens to stake (> 0) or unstake (< 0) to bring the stake s
 * (staked plus unbonding u) to the target share τ of all the treasury's
 * tokens, T held + s + u:  Δ = τ · (T + s + u) − (s + u), never more than T
 * when positive (it stakes only what it holds).
 */
export function rebalanceTokens(targetShare: number, held: number, staked: number, unbonding: number): number {
  const d = targetShare * (held + staked + unbonding) - (staked + unbonding);
  return d > held ? held : d;
}

/**
 * Returns the share τ of its tokens the desk targets under the yield rule,
 * in [0, maxShare]:
 *
 *   τ = clamp((apr(τ) − h) / span, 0, τ_max),   apr(τ) = R / (S_o + τ W),
 *
 * R the pool's rewards at the current rates (tokens per year), S_o the
 * other holders' stake, W the treasury's tokens (held plus staked plus
 * unbonding), h the hurdle and span the APR above it per unit of share
 * (both per year). The APR is the one the desk would earn at its target,
 * its own stake included, so the rule does not overshoot and swing back at
 * the next rebalance. Between the bounds τ is the positive root of
 * span W τ² + (span S_o + h W) τ + h S_o − R = 0 (the rule's ramp meeting
 * the APR curve, which falls as τ rises: one crossing); with R ≤ h S_o the
 * APR at τ = 0 is already at or below the hurdle and τ = 0.
 *
 * The rule is an assumption in the form treasury-management mandates take:
 * a hurdle return below which a strategy gets no allocation, an allocation
 * growing with the excess return, and a cap on any one strategy's share of
 * the treasury. Its numbers are the experiment's to set.
 */
export function yieldTargetShare(rewardsPerYear: number, othersStaked: number, treasuryTokens: number, hurdle: number, span: number, maxShare: number): number {
  const W = treasuryTokens;
  if (!(W > 0) || !(rewardsPerYear > 0)) return 0;
  const a = span * W;
  const b = span * othersStaked + hurdle * W;
  const c = hurdle * othersStaked - rewardsPerYear;
  if (c >= 0) return 0;
  // b ≥ 0 (every term is): the cancellation-free form of the positive root.
  const tau = (-2 * c) / (b + Math.sqrt(b * b - 4 * a * c));
  return tau < maxShare ? tau : maxShare;
}

/**
 * The treasury's own stake. A treasury policy that stakes part of its
 * tokens (as DAO treasuries stake idle native tokens with a validator or a
 * liquid-staking protocol) is one more holder in the staking pool, so the
 * staking ratio is no longer bounded by what the stakers class holds.
 *
 * From `startTick`, every `rebalanceEveryTicks` ticks, the desk moves
 * Δ = `rebalanceTokens(τ, T, s, u)` tokens: Δ > 0 from the treasury into
 * stake (reason `treasury stake`), Δ < 0 out of stake through the pool's
 * unbonding period. Every tick (phase `post`) its reward is settled and,
 * with any stake released from unbonding, returned to the treasury: the
 * reward under source `staking reward`, the principal under `unstaked`, so
 * the treasury's books by source show what staking earned it. The desk is
 * one agent of its own population (`treasuryStaking`), holding no liquid
 * tokens between ticks; it never trades. It takes the pool's yield as it
 * comes, unless `yieldHurdle` is set: then each rebalance targets the share
 * `yieldTargetShare` gives at the pool's current rewards and the other
 * holders' stake, in place of the fixed `targetShare`.
 */
export class TreasuryDesk {
  /** Staking rewards returned to the treasury this tick, in tokens. */
  rewardsThisTick = 0;
  /** Tokens moved into stake this tick. */
  stakedThisTick = 0;

  constructor(
    private readonly params: () => TreasuryStakingParams,
    private readonly desk: StakeAccount,
    private readonly treasury: Treasury,
    private readonly fund: Route,
    private readonly reward: Route,
    private readonly principal: Route,
    /** The pool's rewards at the current rates, in tokens per year. */
    private readonly rewardsPerYear: () => number,
    /** Total stake in the pool, every holder, in tokens. */
    private readonly totalStaked: () => number,
  ) {}

  /** Returns the share of its tokens the desk targets now: `targetShare`, or the yield rule's share. */
  targetShare(p: TreasuryStakingParams): number {
    if (p.yieldHurdle === null) return p.targetShare;
    const c = this.desk.pop.cols;
    const others = this.totalStaked() - c.staked[0];
    return yieldTargetShare(this.rewardsPerYear(), others > 0 ? others : 0, this.treasury.tokens + c.staked[0] + c.unbonding[0], p.yieldHurdle, p.yieldSpan, p.yieldMaxShare);
  }

  /** The desk's stake, in tokens. */
  get staked(): number {
    return this.desk.pop.cols.staked[0];
  }

  /** The desk's stake waiting out unbonding, in tokens. */
  get unbonding(): number {
    return this.desk.pop.cols.unbonding[0];
  }

  /** Phase `post`: rebalance when due, then return the reward and any released stake to the treasury. */
  post(tick: number): void {
    this.rewardsThisTick = 0;
    this.stakedThisTick = 0;
    const p = this.params();
    if (p.startTick === null || tick < p.startTick) return;
    const c = this.desk.pop.cols;
    const reward = this.desk.settle(0);
    if ((tick - p.startTick) % p.rebalanceEveryTicks === 0) {
      const d = rebalanceTokens(this.targetShare(p), this.treasury.tokens, c.staked[0], c.unbonding[0]);
      if (d > 0) {
        this.fund.pay(0, d);
        this.stakedThisTick = this.desk.stake(0, d);
      } else if (d < 0) this.desk.unstake(0, -d, tick);
    }
    // What is left liquid is this tick's reward and any stake released from unbonding.
    const back = reward < c.tokens[0] ? reward : c.tokens[0];
    if (back > 0) this.reward.take(0, back);
    this.rewardsThisTick = back;
    if (c.tokens[0] > 0) this.principal.take(0, c.tokens[0]);
  }
}

/** The treasury's own stake in the staking pool (`TreasuryDesk`). */
export const treasuryStaking = defineBlock({
  key: 'treasuryStaking',
  kind: 'mechanism',
  description: "the treasury stakes a target share of its tokens in the staking pool (fixed, or rising with the staking APR above a hurdle) and books the rewards as income",
  sources: [
    'DAO treasury staking of idle native tokens, e.g. the Lido DAO treasury and the ENS and Arbitrum DAOs\' treasury-management proposals (2024), which stake part of the treasury; the rebalancing rule and the yield rule (hurdle, ramp, cap) are assumptions',
  ],
  params: { schema: treasuryStakingParamsSchema, defaults: treasuryStakingDefaults },
  needs: { treasury, staking },
  population: { schema: treasuryDeskSchema, count: () => 1 },
  metrics: {
    treasury_staked: { unit: 'tokens', description: "the treasury's stake (staked plus unbonding)" },
    treasury_staking_rewards: { unit: 'tokens', kind: 'flow', description: 'staking rewards returned to the treasury since the previous row' },
  },
  kpis: {
    final_treasury_staked: { unit: 'tokens', description: "the treasury's stake at the last tick (staked plus unbonding)" },
    total_treasury_staking_rewards: { unit: 'tokens', description: 'staking rewards the treasury earned over the run' },
  },
  build(ctx) {
    const { pop } = ctx.population(treasuryDeskSchema);
    const t: Treasury = ctx.deps.treasury;
    const pool = ctx.deps.staking;
    const cls = new TreasuryDesk(ctx.params, pool.attach(pop), t, t.spendToAgents(pop, 'treasury stake'), t.incomeFromAgents(pop, 'staking reward'), t.incomeFromAgents(pop, 'unstaked'), () => pool.expectedRewardsPerYear(), () => pool.totalStaked);
    // The stake is still the treasury's: its value counts it.
    t.ownsElsewhere(() => cls.staked + cls.unbonding);
    return {
      api: cls,
      genesis: () => {
        pop.add(1);
      },
      hooks: { post: (w) => cls.post(w.tick) },
      metrics: {
        treasury_staked: () => cls.staked + cls.unbonding,
        treasury_staking_rewards: () => cls.rewardsThisTick,
      },
      summary: ({ series }) => ({
        final_treasury_staked: last(series, 'treasury_staked'),
        total_treasury_staking_rewards: total(series, 'treasury_staking_rewards'),
      }),
    };
  },
});

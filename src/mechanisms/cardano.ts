import { z } from '../core/zod';
import { stakePools, type StakePoolsPopulation } from '../../agents/stakePools';
import { defineBlock } from '../core/block';
import { RunError } from '../core/errors';
import type { Ledger } from '../core/ledger';
import type { Population } from '../core/population';
import type { Route } from '../core/route';
import type { AnyWorld } from '../core/world';
import { nakamoto } from '../metrics/inequality';
import { last, total } from '../metrics/series';
import { mean } from '../metrics/stats';
import { maxPoolReward, memberRewardPerToken, operatorReward, reserveDraw } from './cardanoRewards';
import { treasury, type Treasury } from './treasury';

/** Parameters of Cardano's reward rules. */
export const cardanoParamsSchema = z
  .object({
    /** The supply cap, in tokens: the reserve is the cap less the supply. */
    maxSupply: z.number().positive().max(1e15),
    /** Monetary expansion ρ: the share of the reserve paid out per epoch, in [0, 1). */
    rho: z.number().min(0).lt(1),
    /** Treasury cut τ of each epoch's rewards, in [0, 1]. */
    tau: z.number().min(0).max(1),
    /** Target number of pools k: a pool saturates at 1/k of the supply in circulation; an integer ≥ 1. */
    k: z.number().int().min(1).max(1_000_000),
    /** Pledge influence a0 ≥ 0. */
    a0: z.number().min(0).max(1000),
    /** Epochs per year (5-day epochs: 73.05). */
    epochsPerYear: z.number().positive().max(1e6),
  })
  .strict();
export type CardanoParams = z.infer<typeof cardanoParamsSchema>;

/** Columns a delegating population keeps: the pool it delegates to (−1 none) and whether it delegates (1) or not (0). */
export const delegationColumns = { pool: 'i32', delegating: 'u8' } as const;
export type DelegatingPopulation = Population<typeof delegationColumns>;

/**
 * Cardano's stake pools and their rewards. Each tick (phase `pre`), with e
 * = epochsPerYear / ticksPerYear epochs per tick and the reserve
 * R = maxSupply − supply:
 *
 *   pot      = R · (1 − (1 − ρ)^e)          (fees: none in this model; η = 1)
 *   treasury = τ · pot                       minted to the treasury
 *   pools    = (1 − τ) · pot
 *   f̂_j      = maxPool(pools, σ_j, s_j)      σ_j, s_j: the pool's stake and pledge over the supply
 *   operator = r_operator(f̂_j, c_j · e, m_j, s_j / σ_j)
 *   member   = r_member per token · its tokens
 *
 * (see `cardanoRewards.ts`). Only what is paid is minted: what the rules
 * leave unpaid (unsaturated pools, low pledge, undelegated supply) stays in
 * the reserve, as the ledger does. Delegation leaves tokens liquid: a
 * delegator's stake is its token balance, and its rewards are paid into it.
 */
export class CardanoPools {
  /** Each pool's stake (pledge plus delegated tokens) at the last reward step, in tokens. */
  poolStake: Float64Array;
  /** Tokens for pools at the last step, per tick. */
  poolRewardsPerTick = 0;
  /** Supply in circulation at the last step, in tokens. */
  supply = 0;
  /** This tick's flows, in tokens. */
  paidThisTick = 0;
  toTreasuryThisTick = 0;
  private readonly members: { pop: DelegatingPopulation; reward: Route }[] = [];
  private readonly operatorReward: Route;
  private readonly treasuryCut: Route;

  constructor(
    private readonly ledger: Ledger,
    private readonly params: () => CardanoParams,
    readonly pools: StakePoolsPopulation,
    t: Treasury,
  ) {
    this.poolStake = new Float64Array(0);
    this.operatorReward = ledger.route('mint', ledger.pocket(pools.account!, pools, 'tokens'), 'staking reward');
    this.treasuryCut = t.incomeFrom('mint', 'emission');
  }

  /** Returns the reserve, maxSupply − supply, in tokens (0 once the supply reaches the cap). */
  get reserve(): number {
    const r = this.params().maxSupply - this.ledger.supply;
    return r > 0 ? r : 0;
  }

  /** Attaches a delegating population: its agents' tokens count towards the pools they delegate to. */
  attach(pop: DelegatingPopulation): void {
    if (!pop.account) throw new Error(`population ${pop.name} has no ledger account`);
    this.members.push({ pop, reward: this.ledger.route('mint', this.ledger.pocket(pop.account, pop, 'tokens'), 'staking reward') });
  }

  /** Returns the total stake delegated and pledged, in tokens. */
  get totalStake(): number {
    let s = 0;
    for (let j = 0; j < this.poolStake.length; j++) s += this.poolStake[j];
    return s;
  }

  /** Returns the reward per tick per token a member of pool j would earn were the pool's stake `poolStake[j] + extra` tokens. */
  memberRate(j: number, extra: number): number {
    const p = this.params();
    const e = this.epochsPerTick;
    const stake = this.poolStake[j] + extra;
    if (!(this.supply > 0) || !(stake > 0)) return 0;
    const f = maxPoolReward(this.poolRewardsPerTick, stake / this.supply, this.pools.cols.tokens[j] / this.supply, p.k, p.a0);
    return memberRewardPerToken(f, this.pools.cols.costPerEpoch[j] * e, this.pools.cols.margin[j], stake);
  }

  /** Moves `tokens` of delegated stake from pool `from` to pool `to` (−1: none), keeping `poolStake` current between steps. */
  redelegate(from: number, to: number, tokens: number): void {
    if (from >= 0) this.poolStake[from] -= tokens;
    if (to >= 0) this.poolStake[to] += tokens;
  }

  private epochsPerTick = 1;

  /** Recounts every pool's stake from the pledges and the delegators' balances. */
  recount(): void {
    const n = this.pools.size;
    if (this.poolStake.length !== n) this.poolStake = new Float64Array(n);
    const stake = this.poolStake;
    stake.set(this.pools.cols.tokens.subarray(0, n));
    for (const { pop } of this.members) {
      const c = pop.cols;
      for (let i = 0; i < pop.size; i++) if (c.delegating[i] === 1 && c.pool[i] >= 0) stake[c.pool[i]] += c.tokens[i];
    }
  }

  /** One tick's rewards (phase `pre`). */
  step(world: AnyWorld): void {
    const p = this.params();
    const e = (this.epochsPerTick = p.epochsPerYear / world.ticksPerYear);
    if (this.ledger.supply > p.maxSupply * (1 + 1e-12)) {
      throw new RunError(`cardano.maxSupply ${p.maxSupply} is below the supply ${this.ledger.supply}: the cap must exceed what genesis allocates`, world.tick);
    }
    this.recount();
    this.supply = this.ledger.supply;
    const pot = reserveDraw(this.reserve, p.rho, e);
    const cut = p.tau * pot;
    this.poolRewardsPerTick = pot - cut;
    this.paidThisTick = 0;
    this.toTreasuryThisTick = cut;
    if (cut > 0) this.treasuryCut.move(cut);
    const n = this.pools.size;
    const pc = this.pools.cols;
    const perToken = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const stake = this.poolStake[j];
      if (!(stake > 0)) continue;
      const f = maxPoolReward(this.poolRewardsPerTick, stake / this.supply, pc.tokens[j] / this.supply, p.k, p.a0);
      const cost = pc.costPerEpoch[j] * e;
      perToken[j] = memberRewardPerToken(f, cost, pc.margin[j], stake);
      const op = operatorReward(f, cost, pc.margin[j], pc.tokens[j] / stake);
      if (op > 0) {
        this.operatorReward.pay(j, op);
        this.paidThisTick += op;
      }
    }
    for (const { pop, reward } of this.members) {
      const c = pop.cols;
      for (let i = 0; i < pop.size; i++) {
        if (c.delegating[i] !== 1 || c.pool[i] < 0) continue;
        const r = perToken[c.pool[i]] * c.tokens[i];
        if (r > 0) {
          reward.pay(i, r);
          this.paidThisTick += r;
        }
      }
    }
    this.recount();
  }

  /** Returns the number of pools whose stake reaches saturation, 1/k of the supply. */
  saturatedPools(): number {
    const bar = this.ledger.supply / this.params().k;
    let n = 0;
    for (let j = 0; j < this.poolStake.length; j++) if (this.poolStake[j] >= bar) n++;
    return n;
  }
}

/** The Cardano reward block: reserve, monetary expansion, treasury cut and the maxPool rule over stake pools and delegators. */
export const cardano = defineBlock({
  key: 'cardano',
  kind: 'mechanism',
  description: 'Cardano rewards: a 45B cap whose reserve pays ρ per epoch, τ to the treasury, the rest to pools by maxPool (saturation k, pledge influence a0), split operator/members',
  sources: [
    'IOHK (Kant, Brünjes, Coutts), "Design Specification for Delegation and Incentives in Cardano" (shelley-delegation.pdf, 2020), §5.5.3 the pool reward maxPool, §5.5 the operator and member split',
    'IOHK, "A Formal Specification of the Cardano Ledger" (Shelley, 2020), §11.8 Rewards Distribution Calculation: maxPool, r_operator, r_member; R = (ρ · reserve + fees)(1 − τ)',
    'Shelley mainnet genesis (2020-07-29): maxLovelaceSupply 45·10^15, rho 0.003, tau 0.2, nOpt (k) 150 → 500 from epoch 234 (2020-12-06), a0 0.3',
  ],
  params: { schema: cardanoParamsSchema, defaults: { maxSupply: 45e9, rho: 0.003, tau: 0.2, k: 500, a0: 0.3, epochsPerYear: 73.05 } },
  needs: { stakePools, treasury },
  metrics: {
    delegated_stake: { unit: 'tokens', description: 'tokens delegated to pools and pledged' },
    delegation_ratio: { unit: 'share', description: 'delegated_stake / supply' },
    delegation_apr: { unit: '1/year', description: 'pool rewards paid this tick × ticks per year / delegated_stake' },
    reserve: { unit: 'tokens', description: 'the reserve: maxSupply − supply' },
    reserve_to_treasury: { unit: 'tokens', kind: 'flow', description: "the treasury's cut of the reserve's rewards since the previous row" },
    saturated_pools: { unit: 'pools', description: 'pools at or past saturation (1/k of the supply)' },
  },
  kpis: {
    mean_delegation_ratio: { unit: 'share', description: 'mean delegation ratio over the recorded rows' },
    final_delegation_ratio: { unit: 'share', description: 'delegation ratio at the last tick' },
    final_reserve: { unit: 'tokens', description: 'reserve at the last tick' },
    total_to_treasury: { unit: 'tokens', description: "the treasury's cut over the run" },
    nakamoto_pools: { unit: 'pools', description: 'fewest pools holding more than half of all stake at the end' },
  },
  build(ctx) {
    const c = new CardanoPools(ctx.ledger, ctx.params, ctx.deps.stakePools, ctx.deps.treasury);
    // The delegators' genesis runs after this block's: tick 0 counts the stake when first read.
    const staked = () => {
      if (ctx.world.tick === 0) c.recount();
      return c.totalStake;
    };
    return {
      api: c,
      hooks: { pre: (w) => c.step(w) },
      metrics: {
        delegated_stake: staked,
        delegation_ratio: () => (ctx.ledger.supply > 0 ? staked() / ctx.ledger.supply : 0),
        delegation_apr: () => (staked() > 0 ? (c.paidThisTick * ctx.world.ticksPerYear) / staked() : 0),
        reserve: () => c.reserve,
        reserve_to_treasury: () => c.toTreasuryThisTick,
        saturated_pools: () => c.saturatedPools(),
      },
      summary: ({ series }) => ({
        mean_delegation_ratio: mean(series.delegation_ratio),
        final_delegation_ratio: last(series, 'delegation_ratio'),
        final_reserve: c.reserve,
        total_to_treasury: total(series, 'reserve_to_treasury'),
        nakamoto_pools: nakamoto(c.poolStake, 0.5),
      }),
    };
  },
});

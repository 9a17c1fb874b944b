import { z } from 'zod';
import { defineBlock } from '../src/core/block';
import { distributionSchema } from '../src/core/distributions';
import { addEndowed, drawTrait } from '../src/core/genesis';
import type { Population } from '../src/core/population';
import type { Rng } from '../src/core/rng';
import type { AgentClass, World } from '../src/core/world';
import { marketPort } from '../src/market/amm';
import type { ConstantProductPool } from '../src/market/constantProductPool';
import { sellTokens } from '../src/market/trade';
import { staking, stakingColumns, type StakeAccount } from '../src/mechanisms/staking';

/** Parameters of the stakers class. */
export const stakersParamsSchema = z
  .object({
    count: z.number().int().min(0),
    /** Starting liquid tokens, per agent. */
    initialTokens: distributionSchema,
    /** Starting USD, per agent. */
    initialUsd: distributionSchema,
    /** Annual yield an agent requires to stake (0.08 = 8%/year). */
    hurdle: distributionSchema,
    /** Weight on the USD yield (token yield plus price trend) against the plain token yield, in [0, 1]. */
    priceWeight: distributionSchema,
    /** Share of agents that compound rewards (the rest sell part of each reward). */
    compoundShare: z.number().min(0).max(1),
    /** Share of each reward a non-compounding agent sells, in [0, 1]. */
    sellRewardsShare: distributionSchema,
    /** Share of the gap to the target position closed each tick, in (0, 1]. */
    adjustShare: z.number().gt(0).max(1),
    /** Ticks over which the price trend is measured. */
    trendLookback: z.number().int().min(1),
  })
  .strict();
export type StakersParams = z.infer<typeof stakersParamsSchema>;

/** The stakers' columns: the staking pool's and their own traits. */
export const stakersSchema = { ...stakingColumns, hurdle: 'f64', priceWeight: 'f64', compound: 'u8', sellShare: 'f64', strategy: 'u8' } as const;
type StakersPopulation = Population<typeof stakersSchema>;

/**
 * Strategies a staker can be switched to (the `strategy` column: index into
 * this list), for incentive-compatibility checks (`tokensim deviate`):
 * 0 `follow` is the class's own rule below; `never-stake` unstakes
 * everything and never stakes; `always-stake` stakes all its liquid tokens,
 * rewards included, every tick and never unstakes.
 */
export const STAKER_STRATEGIES = ['follow', 'never-stake', 'always-stake'] as const;

/**
 * Returns the annualised price trend over `lookback` ticks ending at the
 * previous tick: (p[t−1] / p[t−1−L])^(ticksPerYear / L) − 1, clipped to
 * [−0.9, 2] so that a short spike does not read as a 1000% yield.
 */
export function priceTrend(world: World, lookback: number): number {
  const t = world.tick - 1;
  const then = world.priceAt(t - lookback);
  const now = world.priceAt(t);
  if (!(then > 0) || !(now > 0)) return 0;
  const g = Math.pow(now / then, world.ticksPerYear / lookback) - 1;
  return g < -0.9 ? -0.9 : g > 2 ? 2 : g;
}

/**
 * Stakers: each tick an agent settles its staking reward, sells the share
 * `sellShare` of it unless it compounds, then compares its expected yield
 *
 *   y = (1 − w) · apr + w · ((1 + apr)(1 + trend) − 1),
 *
 * (apr = R / max(S, s_i + b_i): annual staking rewards R over the total
 * stake S, or over its own stake and balance when that is larger — the
 * yield it would get were it alone; trend: annualised price trend; w: its
 * `priceWeight`) with its `hurdle`. When y > hurdle it stakes
 * `adjustShare` of its liquid tokens, else unstakes `adjustShare` of its
 * stake. Unstaked tokens go through the pool's unbonding period.
 */
export class Stakers implements AgentClass {
  readonly name: string;
  readonly strategies = STAKER_STRATEGIES;

  constructor(
    readonly population: StakersPopulation,
    private readonly params: () => StakersParams,
    private readonly pool: ConstantProductPool,
    private readonly staking: StakeAccount,
    /** Total stake, all agents, in tokens. */
    private readonly totalStaked: () => number,
    /** Staking rewards at this tick's rate, in tokens per year. */
    private readonly rewardsPerYear: () => number,
  ) {
    this.name = population.name;
  }

  /** Creates the agents with their traits and balances. */
  init(world: World, rng: Rng): void {
    const p = this.params();
    const pop = this.population;
    const [first, end] = addEndowed(world.ledger, pop, p.count, p.initialTokens, p.initialUsd, rng);
    drawTrait(pop.cols.hurdle, first, end, p.hurdle, rng);
    drawTrait(pop.cols.priceWeight, first, end, p.priceWeight, rng);
    drawTrait(pop.cols.sellShare, first, end, p.sellRewardsShare, rng);
    for (let i = first; i < end; i++) pop.cols.compound[i] = rng.chance(p.compoundShare) ? 1 : 0;
  }

  act(world: World, order: Int32Array | null, count: number): void {
    const p = this.params();
    const pop = this.population;
    const { hurdle, priceWeight, compound, sellShare, strategy, active, tokens, staked } = pop.cols;
    const rewards = this.rewardsPerYear();
    const totalStaked = this.totalStaked();
    const growth = 1 + priceTrend(world, p.trendLookback);
    const adjust = p.adjustShare;
    const tick = world.tick;
    for (let k = 0; k < count; k++) {
      const i = order === null ? k : order[k];
      if (active[i] === 0) continue;
      const reward = this.staking.settle(i);
      if (strategy[i] !== 0) {
        this.deviate(i, strategy[i], tick);
        continue;
      }
      if (reward > 0 && compound[i] === 0) sellTokens(this.pool, pop, i, reward * sellShare[i]);
      // The yield this agent would earn: with nothing staked yet, its own stake is the whole pool.
      const pool = totalStaked > staked[i] + tokens[i] ? totalStaked : staked[i] + tokens[i];
      const apr = pool > 0 ? rewards / pool : 0;
      const w = priceWeight[i];
      const y = (1 - w) * apr + w * ((1 + apr) * growth - 1);
      if (y > hurdle[i]) {
        if (tokens[i] > 0) this.staking.stake(i, tokens[i] * adjust);
      } else if (staked[i] > 0) {
        this.staking.unstake(i, staked[i] * adjust, tick);
      }
    }
  }

  /** Acts for an agent switched to alternative strategy `s` (see `STAKER_STRATEGIES`). */
  private deviate(i: number, s: number, tick: number): void {
    const { staked, tokens } = this.population.cols;
    if (s === 1) {
      if (staked[i] > 0) this.staking.unstake(i, staked[i], tick);
    } else if (tokens[i] > 0) {
      this.staking.stake(i, tokens[i]);
    }
  }
}

/** Default stakers: 2,000 agents with lognormal balances around 4,000 tokens and $2,000, hurdles of 2–30% a year. */
export const stakersDefaults: StakersParams = {
  count: 2000,
  initialTokens: { dist: 'lognormal', mu: Math.log(4000), sigma: 1 },
  initialUsd: { dist: 'lognormal', mu: Math.log(2000), sigma: 1 },
  hurdle: { dist: 'uniform', min: 0.02, max: 0.3 },
  priceWeight: { dist: 'uniform', min: 0, max: 0.5 },
  compoundShare: 0.5,
  sellRewardsShare: { dist: 'uniform', min: 0.2, max: 1 },
  adjustShare: 0.1,
  trendLookback: 30,
};

/** The stakers agent block: stake when the expected yield beats a hurdle, unstake otherwise. */
export const stakers = defineBlock({
  key: 'stakers',
  kind: 'agents',
  description: 'stakers: stake when staking yield and price trend beat a personal hurdle; sell part of rewards',
  sources: ['yield-seeking with heterogeneous hurdles: the staking contest of Chitra (2020), "Competitive equilibria between staking and on-chain lending", Cryptoeconomic Systems'],
  params: { schema: stakersParamsSchema, defaults: stakersDefaults },
  needs: { market: marketPort, staking },
  population: { schema: stakersSchema, count: (p) => p.count },
  build(ctx) {
    const { pop } = ctx.population(stakersSchema);
    const pool = ctx.deps.staking;
    const cls = new Stakers(pop, ctx.params, ctx.deps.market, pool.attach(pop), () => pool.totalStaked, () => pool.expectedRewardsPerYear());
    return { api: cls, agents: cls, genesis: (w) => cls.init(w, ctx.rng.fork('genesis')) };
  },
});

import { z } from '../src/core/zod';
import { defineBlock } from '../src/core/block';
import { distributionSchema } from '../src/core/distributions';
import { addEndowed, drawTrait } from '../src/core/genesis';
import type { Population } from '../src/core/population';
import type { Rng } from '../src/core/rng';
import type { AgentClass, World } from '../src/core/world';
import { marketPort } from '../src/market/amm';
import { exchange } from '../src/market/exchange';
import { OrderRouter } from '../src/market/orderRouter';
import { staking, stakingColumns, type StakeAccount } from '../src/mechanisms/staking';
import { last, total } from '../src/metrics/series';
import { taxRules, type TaxPayer } from '../src/policy/taxRules';

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
    /** Width of the no-action band around the hurdle, in yield per year: stake above h + band/2, unstake below h − band/2. */
    band: z.number().min(0).max(10),
    /** Share of its USD an agent spends on tokens to stake each tick while its yield beats h + buyMargin, in [0, 1]. */
    buyShare: z.number().min(0).max(1),
    /** Yield above the hurdle at which an agent buys tokens to stake, per year. */
    buyMargin: z.number().min(0).max(10),
    /**
     * Exit intent: the share of its unbonded tokens an agent sells when they
     * are released, x = clamp(base + sensitivity · max(0, −g)), g the price
     * change over `trendLookback` ticks at release.
     */
    exitIntent: z.object({ base: distributionSchema, sensitivity: z.number().min(0).max(100) }).strict(),
  })
  .strict();
export type StakersParams = z.infer<typeof stakersParamsSchema>;

/** The stakers' columns: the staking pool's and their own traits. */
export const stakersSchema = {
  ...stakingColumns,
  hurdle: 'f64',
  priceWeight: 'f64',
  compound: 'u8',
  sellShare: 'f64',
  strategy: 'u8',
  exitBase: 'f64',
  /** Unbonding balance the agent last saw: what left it since was released. */
  unbondingSeen: 'f64',
} as const;
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
 * `sellShare` of it unless it compounds, sells the exit intent x of what
 * the pool released to it since last tick (see below), then compares its
 * expected yield
 *
 *   y = (1 − w) · apr + w · ((1 + apr)(1 + trend) − 1),
 *
 * (apr = R / max(S, s_i + b_i): annual staking rewards R over the total
 * stake S, or over its own stake and balance when that is larger — the
 * yield it would get were it alone; trend: annualised price trend; w: its
 * `priceWeight`; under tax rules apr is after the tax on rewards,
 * (1 − t_s) · apr, and the agent pays the tax on each reward and on its
 * sales' gains, see `taxRules`) with its hurdle h. When y > h + band/2 it stakes
 * `adjustShare` of its liquid tokens, and when y > h + buyMargin it also
 * buys tokens with `buyShare` of its USD to stake them; when
 * y < h − band/2 it unstakes `adjustShare` of its stake. The band keeps the
 * yield's feedback (more stake, lower apr) from swinging the whole class in
 * and out. Unstaked tokens wait out the pool's unbonding period; when they
 * are released the agent sells the share
 *
 *   x = clamp(exitBase_i + sensitivity · max(0, −g), 0, 1)
 *
 * of them (g: the price change over `trendLookback` ticks at release), so
 * exits after a fall sell more, and a longer unbonding period moves that
 * selling later, to prices that may have recovered (the unstaking queue's
 * effect studied by e.g. the Ethereum exit queue after the Shanghai
 * upgrade, 2023).
 */
export class Stakers implements AgentClass {
  readonly name: string;
  readonly strategies = STAKER_STRATEGIES;
  /** Tokens sold this tick out of released unbonding (exit selling), and out of rewards. */
  exitSoldThisTick = 0;
  rewardsSoldThisTick = 0;
  /** USD spent this tick on tokens to stake. */
  boughtUsdThisTick = 0;

  constructor(
    readonly population: StakersPopulation,
    private readonly params: () => StakersParams,
    private readonly router: OrderRouter,
    private readonly staking: StakeAccount,
    /** Total stake, all agents, in tokens. */
    private readonly totalStaked: () => number,
    /** Staking rewards at this tick's rate, in tokens per year. */
    private readonly rewardsPerYear: () => number,
    /** The stakers' taxpayers under tax rules; null without them. */
    private readonly tax: TaxPayer | null = null,
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
    // Exit intents come from their own stream, so the other traits' draws do not depend on them.
    drawTrait(pop.cols.exitBase, first, end, p.exitIntent.base, rng.fork('exit'));
  }

  act(world: World, order: Int32Array | null, count: number): void {
    const p = this.params();
    const pop = this.population;
    const router = this.router;
    const rewards = this.rewardsPerYear();
    const totalStaked = this.totalStaked();
    const growth = 1 + priceTrend(world, p.trendLookback);
    const adjust = p.adjustShare;
    const half = p.band / 2;
    const tick = world.tick;
    const fall = world.priceAt(tick - 1) / world.priceAt(tick - 1 - p.trendLookback) - 1;
    const exitExtra = fall < 0 ? -fall * p.exitIntent.sensitivity : 0;
    this.exitSoldThisTick = 0;
    this.rewardsSoldThisTick = 0;
    this.boughtUsdThisTick = 0;
    const tax = this.tax;
    for (let k = 0; k < count; k++) {
      const i = order === null ? k : order[k];
      const { hurdle, priceWeight, compound, sellShare, strategy, active, tokens, staked, usd, unbonding, unbondingSeen, exitBase } = pop.cols;
      if (active[i] === 0) continue;
      const reward = this.staking.settle(i);
      if (tax !== null && reward > 0) tax.onStakingReward(i, reward, tick);
      const released = unbondingSeen[i] - unbonding[i];
      if (strategy[i] !== 0) {
        this.deviate(i, strategy[i], tick);
        unbondingSeen[i] = unbonding[i];
        continue;
      }
      if (released > 0) this.exit(i, released, exitBase[i] + exitExtra, tick);
      if (reward > 0 && compound[i] === 0) {
        const before = tokens[i];
        const got = router.sell(pop, i, reward * sellShare[i]);
        this.rewardsSoldThisTick += before - tokens[i];
        if (tax !== null) tax.onSale(i, before - tokens[i], got, tick);
      }
      // The yield this agent would earn: with nothing staked yet, its own stake is the whole pool.
      const pool = totalStaked > staked[i] + tokens[i] ? totalStaked : staked[i] + tokens[i];
      const apr = pool > 0 ? (tax === null ? rewards / pool : (rewards / pool) * tax.rewardKeep(i)) : 0;
      const w = priceWeight[i];
      const y = (1 - w) * apr + w * ((1 + apr) * growth - 1);
      if (y > hurdle[i] + half) {
        if (y > hurdle[i] + p.buyMargin && usd[i] > 0 && p.buyShare > 0) {
          const spend = usd[i] * p.buyShare;
          const got = router.buy(pop, i, spend);
          this.boughtUsdThisTick += spend;
          if (tax !== null) tax.onBuy(i, got, spend, tick);
        }
        if (tokens[i] > 0) this.staking.stake(i, tokens[i] * adjust);
      } else if (y < hurdle[i] - half && staked[i] > 0) {
        const waiting = unbonding[i];
        const a = this.staking.unstake(i, staked[i] * adjust, tick);
        // With no unbonding period the tokens are liquid at once: the exit intent applies now.
        if (a > 0 && unbonding[i] === waiting) this.exit(i, a, exitBase[i] + exitExtra, tick);
      }
      unbondingSeen[i] = unbonding[i];
    }
  }

  /**
   * Unstakes all of agent i's stake at `tick` (a forced exit: a scenario's
   * mass unstake) and returns it, in tokens; it waits out the unbonding
   * period, and the agent's exit rule sells part of it when it is released.
   */
  exitStake(i: number, tick: number): number {
    const staked = this.population.cols.staked[i];
    return staked > 0 ? this.staking.unstake(i, staked, tick) : 0;
  }

  /** Agent i sells the share x (clamped to [0, 1]) of `released` tokens just back from staking (paying any gains tax). */
  private exit(i: number, released: number, x: number, tick: number): void {
    const sell = released * (x < 0 ? 0 : x > 1 ? 1 : x);
    if (!(sell > 0)) return;
    const tokens = this.population.cols.tokens;
    const before = tokens[i];
    const got = this.router.sell(this.population, i, sell);
    this.exitSoldThisTick += before - tokens[i];
    if (this.tax !== null) this.tax.onSale(i, before - tokens[i], got, tick);
  }

  /** Acts for an agent switched to alternative strategy `s` (see `STAKER_STRATEGIES`); it keeps what unbonds. */
  private deviate(i: number, s: number, tick: number): void {
    const { staked, tokens } = this.population.cols;
    if (s === 1) {
      if (staked[i] > 0) this.staking.unstake(i, staked[i], tick);
    } else if (tokens[i] > 0) {
      this.staking.stake(i, tokens[i]);
    }
  }
}

/**
 * Returns the exit selling (tokens) on the rows t whose price p_t is at
 * least `drop` below the highest price of the `window` rows before it,
 * p_t ≤ (1 − drop) · max(p_{t−window}, …, p_{t−1}): what stakers sold out
 * of released unbonding while the market was down. 0 when no row is.
 */
export function exitSoldAfterDrop(price: ArrayLike<number>, exitSold: ArrayLike<number>, window = 30, drop = 0.1): number {
  let sum = 0;
  for (let t = 1; t < price.length; t++) {
    let high = 0;
    for (let s = t - window < 0 ? 0 : t - window; s < t; s++) if (price[s] > high) high = price[s];
    if (price[t] <= (1 - drop) * high) sum += exitSold[t];
  }
  return sum;
}

/** Default stakers: 2,000 agents with lognormal balances around 4,000 tokens and $2,000, hurdles of 2–30% a year, and no weight on the price trend (a trend-chasing weight makes staking and exit selling a momentum rule). */
export const stakersDefaults: StakersParams = {
  count: 2000,
  initialTokens: { dist: 'lognormal', mu: Math.log(4000), sigma: 1 },
  initialUsd: { dist: 'lognormal', mu: Math.log(2000), sigma: 1 },
  hurdle: { dist: 'uniform', min: 0.02, max: 0.3 },
  priceWeight: { dist: 'constant', value: 0 },
  compoundShare: 0.1,
  sellRewardsShare: { dist: 'uniform', min: 0.2, max: 1 },
  adjustShare: 0.05,
  trendLookback: 30,
  band: 0.06,
  buyShare: 0.0003,
  buyMargin: 0.05,
  exitIntent: { base: { dist: 'uniform', min: 0, max: 0.3 }, sensitivity: 0.5 },
};

/** The stakers agent block: stake when the expected yield beats a hurdle, unstake below it, buy to stake when it beats it well; sell part of what unbonds. */
export const stakers = defineBlock({
  key: 'stakers',
  kind: 'agents',
  description: 'stakers: stake, buy to stake or unstake by expected yield against a hurdle with a band; sell part of rewards and an exit share of what unbonds',
  sources: ['yield-seeking with heterogeneous hurdles: the staking contest of Chitra (2020), "Competitive equilibria between staking and on-chain lending", Cryptoeconomic Systems'],
  params: { schema: stakersParamsSchema, defaults: stakersDefaults },
  needs: { market: marketPort, staking },
  uses: { exchange, taxRules },
  population: { schema: stakersSchema, count: (p) => p.count },
  metrics: {
    exit_sold: { unit: 'tokens', kind: 'flow', description: 'tokens stakers sold out of released unbonding (exit selling) since the previous row' },
    staker_rewards_sold: { unit: 'tokens', kind: 'flow', description: 'staking rewards stakers sold since the previous row' },
    staker_buys_usd: { unit: 'USD', kind: 'flow', description: 'USD stakers spent on tokens to stake since the previous row' },
  },
  kpis: {
    total_exit_sold: { unit: 'tokens', description: 'exit selling over the run' },
    total_staker_buys_usd: { unit: 'USD', description: 'USD stakers spent on tokens to stake over the run' },
    final_staker_stake: { unit: 'tokens', description: "the stakers class's stake at the last tick (other classes may stake too)" },
    exit_sold_after_drop: { unit: 'tokens', description: 'exit selling on rows whose price is 10% or more below its high of the previous 30 rows (see exitSoldAfterDrop; 0 when there is no such row)' },
  },
  build(ctx) {
    const { pop } = ctx.population(stakersSchema);
    const pool = ctx.deps.staking;
    const router = new OrderRouter(ctx.deps.market, ctx.deps.exchange);
    const tax = ctx.deps.taxRules?.attach(pop, (i, t) => router.sell(pop, i, t), () => router.price, (i) => pop.cols.tokens[i] + pop.cols.staked[i] + pop.cols.unbonding[i]) ?? null;
    const cls = new Stakers(pop, ctx.params, router, pool.attach(pop), () => pool.totalStaked, () => pool.expectedRewardsPerYear(), tax);
    let stake = 0;
    return {
      api: cls,
      agents: cls,
      genesis: (w) => cls.init(w, ctx.rng.fork('genesis')),
      metrics: {
        exit_sold: () => cls.exitSoldThisTick,
        staker_rewards_sold: () => cls.rewardsSoldThisTick,
        staker_buys_usd: () => cls.boughtUsdThisTick,
      },
      summary: ({ series }) => {
        stake = 0;
        for (let i = 0; i < pop.size; i++) stake += pop.cols.staked[i];
        return {
          total_exit_sold: total(series, 'exit_sold'),
          total_staker_buys_usd: total(series, 'staker_buys_usd'),
          final_staker_stake: stake,
          exit_sold_after_drop: exitSoldAfterDrop(series.price, series.exit_sold),
        };
      },
    };
  },
});

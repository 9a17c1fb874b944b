import { z } from '../src/core/zod';
import { defineBlock } from '../src/core/block';
import { distributionSchema } from '../src/core/distributions';
import { addEndowed, drawTrait } from '../src/core/genesis';
import type { Population } from '../src/core/population';
import type { Rng } from '../src/core/rng';
import type { AgentClass, World } from '../src/core/world';
import { marketPort } from '../src/market/amm';
import { lpColumns, type ConstantProductPool } from '../src/market/constantProductPool';
import { staking, stakingColumns, type StakeAccount } from '../src/mechanisms/staking';
import { mean } from '../src/metrics/stats';
import { total } from '../src/metrics/series';

/** Parameters of the liquidity providers. */
export const liquidityProvidersParamsSchema = z
  .object({
    count: z.number().int().min(0).max(10_000_000),
    initialTokens: distributionSchema,
    initialUsd: distributionSchema,
    /** Net yield (fee APR − expected impermanent loss) an LP requires, per year. */
    hurdle: distributionSchema,
    /** Width of the no-action band around the hurdle, per year: deposit above h + band/2, withdraw below h − band/2. */
    band: z.number().min(0).max(10),
    /** Probability an LP reviews its position in a tick. */
    activity: z.number().min(0).max(1),
    /** Share of its free balances an LP deposits, or of its LP shares it withdraws, per review, in (0, 1]. */
    adjustShare: z.number().gt(0).max(1),
    /** Half-life of the fee-income and volatility estimates (EWMAs), in ticks. */
    halfLifeTicks: z.number().positive().max(10_000),
    /** Share of its genesis balances each LP deposits at genesis (at the pool's ratio), in [0, 1]. */
    genesisDepositShare: z.number().min(0).max(1),
    /**
     * Switching between the pool and the staking pool (see
     * `LiquidityProviders`): an LP moves towards staking when the staking
     * APR beats the pool's net yield by this margin (per year), and back
     * when the net yield beats the APR by as much; null: LPs never stake.
     */
    stakeMargin: z.number().min(0).max(10).nullable(),
  })
  .strict();
export type LiquidityProvidersParams = z.infer<typeof liquidityProvidersParamsSchema>;

/** The liquidity providers' columns: their LP shares and their hurdle. */
export const liquidityProvidersSchema = { ...lpColumns, ...stakingColumns, hurdle: 'f64' } as const;

/**
 * Returns the expected net yield of constant-product liquidity, per year:
 * fee APR − σ²/8, the fees LPs keep over the pool's value less the
 * loss-versus-rebalancing of a constant-product pool, σ²/8 of its value a
 * year for a price of annual log variance σ² (Milionis, Moallemi, Roughgarden
 * & Zhang, "Automated market making and loss-versus-rebalancing", 2022,
 * arXiv:2208.06046, Corollary 1): the impermanent loss LPs bear on average.
 */
export function lpNetYield(feeAprPerYear: number, annualVariance: number): number {
  return feeAprPerYear - annualVariance / 8;
}

/**
 * Liquidity providers: agents who hold the AMM's LP shares. Each tick the
 * class estimates the fee APR (an EWMA of the swap fees left in the pool,
 * i.e. net of the protocol's cut, × ticksPerYear over the pool's value 2y)
 * and the price's annual variance σ² (an EWMA of squared log returns ×
 * ticksPerYear); an LP reviewing its position (probability `activity`)
 * deposits `adjustShare` of its free tokens and USD at the pool's ratio when
 * `lpNetYield` beats its hurdle h by band/2, and burns `adjustShare` of its
 * shares when the yield falls band/2 below h (a band, so that the fee APR's
 * own response to liquidity does not swing them in and out). A hurdle may be
 * negative: LPs who accept some expected loss for the position (a project's
 * own market makers, holders who want exposure anyway). At genesis each LP
 * deposits `genesisDepositShare` of its balances. Deposits and withdrawals
 * follow Uniswap v2's mint and burn (see `ConstantProductPool`).
 *
 * With `stakeMargin` (and a staking pool in the model) a reviewing LP first
 * compares the staking APR it would earn, apr = R / max(S, s_i + x_i + l_i)
 * (R the pool's rewards at the current rates per year, S the total stake,
 * s_i, x_i and l_i its own stake, liquid tokens and the tokens its LP
 * shares hold: the yield it would earn were it alone, as the stakers
 * reckon it), with
 * the net yield y. When apr > y + margin it burns `adjustShare` of its LP
 * shares and stakes the tokens they return with `adjustShare` of its other
 * liquid tokens, and makes no deposit; the USD leg stays with it as cash
 * (selling it for tokens would add a directional bet to a choice between
 * two yields on the same tokens), ready for the tokens' return. When
 * y > apr + margin it unstakes `adjustShare` of its stake, which waits out
 * the pool's unbonding period and then goes back into liquidity by the
 * hurdle rule above, with the cash it kept. The stake's rewards are
 * settled into its liquid tokens at each review.
 */
export class LiquidityProviders implements AgentClass {
  readonly name: string;
  /** Fee APR and annual variance as estimated this tick. */
  feeApr = 0;
  variance = 0;
  /** USD value of deposits and withdrawals this tick. */
  depositedUsd = 0;
  withdrawnUsd = 0;
  /** Tokens LPs moved into stake this tick. */
  stakedThisTick = 0;
  private feeEwma = NaN;
  private varEwma = NaN;

  constructor(
    readonly population: Population<typeof liquidityProvidersSchema>,
    private readonly params: () => LiquidityProvidersParams,
    private readonly pool: ConstantProductPool,
    private readonly rng: Rng,
    /** The LPs' place in the staking pool; null when they do not stake (no `stakeMargin`, or no staking pool). */
    private readonly stake: StakeAccount | null = null,
    /** The staking pool's rewards at the current rates (tokens per year) and its total stake (tokens). */
    private readonly rewardsPerYear: () => number = () => 0,
    private readonly totalStaked: () => number = () => 0,
  ) {
    this.name = population.name;
  }

  /** Creates the LPs with their balances and hurdles, each depositing `genesisDepositShare` of them (after the pool is funded). */
  init(world: World, rng: Rng): void {
    const p = this.params();
    const pop = this.population;
    const [first, end] = addEndowed(world.ledger, pop, p.count, p.initialTokens, p.initialUsd, rng);
    drawTrait(pop.cols.hurdle, first, end, p.hurdle, rng);
    if (p.genesisDepositShare <= 0) return;
    const c = pop.cols;
    for (let i = first; i < end; i++) this.pool.addLiquidityFor(pop, i, c.usd[i] * p.genesisDepositShare, c.tokens[i] * p.genesisDepositShare);
  }

  /** Returns the net yield of liquidity as the class estimates it now, per year. */
  get netYield(): number {
    return lpNetYield(this.feeApr, this.variance);
  }

  /** Returns the LPs' share of the pool's liquidity (their shares over all shares). */
  get poolShare(): number {
    const s = this.pool.totalShares;
    return s > 0 ? (s - this.pool.seedShares) / s : 0;
  }

  /** Phase `pre`: updates the fee and volatility estimates with the last tick's fees and return. */
  pre(world: World): void {
    const p = this.params();
    const w = 1 - Math.pow(2, -1 / p.halfLifeTicks);
    const pool = this.pool;
    const kept = pool.previousFeesUsd * (1 - pool.protocolFeeShare);
    const value = 2 * pool.usdReserve;
    const apr = value > 0 ? (kept * world.ticksPerYear) / value : 0;
    const t = world.tick;
    const r = t >= 2 ? Math.log(world.priceAt(t - 1) / world.priceAt(t - 2)) : 0;
    if (t < 2) return;
    this.feeEwma = this.feeEwma === this.feeEwma ? (1 - w) * this.feeEwma + w * apr : apr;
    this.varEwma = this.varEwma === this.varEwma ? (1 - w) * this.varEwma + w * r * r : r * r;
    this.feeApr = this.feeEwma;
    this.variance = this.varEwma * world.ticksPerYear;
  }

  act(world: World, order: Int32Array | null, count: number): void {
    const p = this.params();
    this.depositedUsd = 0;
    this.withdrawnUsd = 0;
    this.stakedThisTick = 0;
    if (world.tick < 2) return;
    const pool = this.pool;
    const pop = this.population;
    const y = this.netYield;
    const half = p.band / 2;
    const switching = p.stakeMargin !== null && this.stake !== null;
    const rewards = switching ? this.rewardsPerYear() : 0;
    const totalStaked = switching ? this.totalStaked() : 0;
    for (let k = 0; k < count; k++) {
      const i = order === null ? k : order[k];
      const c = pop.cols;
      if (c.active[i] === 0 || this.rng.next() >= p.activity) continue;
      if (switching && this.switchStake(i, y, p.stakeMargin!, p.adjustShare, rewards, totalStaked, world.tick)) continue;
      if (y > c.hurdle[i] + half) {
        const price = pool.price;
        const usd = Math.min(c.usd[i], c.tokens[i] * price) * p.adjustShare;
        if (usd > 0 && pool.addLiquidityFor(pop, i, usd, usd / price) > 0) this.depositedUsd += 2 * usd;
      } else if (y < c.hurdle[i] - half && c.lpShares[i] > 0) {
        const shares = c.lpShares[i] * p.adjustShare;
        const value = pool.shareValueUsd(shares);
        if (pool.removeLiquidityFor(pop, i, shares) > 0) this.withdrawnUsd += value;
      }
    }
  }

  /**
   * LP i weighs the staking APR against the pool's net yield y (see the
   * class): moves `adjust` of its liquidity into stake and returns true when
   * staking wins by `margin`; unstakes `adjust` of its stake (and returns
   * false, leaving the hurdle rule to act) when the pool wins by as much.
   */
  private switchStake(i: number, y: number, margin: number, adjust: number, rewards: number, totalStaked: number, tick: number): boolean {
    const st = this.stake!;
    const c = this.population.cols;
    st.settle(i);
    // What it could stake: its stake, its liquid tokens and the tokens its LP shares hold.
    const price = this.pool.price;
    const own = c.staked[i] + c.tokens[i] + (c.lpShares[i] > 0 ? this.pool.shareValueUsd(c.lpShares[i]) / (2 * price) : 0);
    const base = totalStaked > own ? totalStaked : own;
    const apr = base > 0 ? rewards / base : 0;
    if (apr > y + margin) {
      let tokens = c.tokens[i] * adjust;
      if (c.lpShares[i] > 0) {
        const before = c.tokens[i];
        const shares = c.lpShares[i] * adjust;
        const value = this.pool.shareValueUsd(shares);
        if (this.pool.removeLiquidityFor(this.population, i, shares) > 0) this.withdrawnUsd += value;
        tokens += c.tokens[i] - before;
      }
      if (tokens > 0) this.stakedThisTick += st.stake(i, tokens);
      return true;
    }
    if (apr < y - margin && c.staked[i] > 0) st.unstake(i, c.staked[i] * adjust, tick);
    return false;
  }
}

/** The liquidity-provider agent block: provide AMM liquidity while fees beat the expected impermanent loss by a hurdle. */
export const liquidityProviders = defineBlock({
  key: 'liquidityProviders',
  kind: 'agents',
  description: 'liquidity providers: add and remove AMM liquidity (LP shares) by fee APR net of the expected impermanent loss σ²/8 against a hurdle; optionally move liquidity into stake when the staking APR beats it',
  sources: [
    'Milionis, Moallemi, Roughgarden & Zhang (2022), "Automated market making and loss-versus-rebalancing", arXiv:2208.06046',
    'Uniswap v2 mint and burn (github.com/Uniswap/v2-core, contracts/UniswapV2Pair.sol)',
  ],
  params: {
    schema: liquidityProvidersParamsSchema,
    defaults: {
      count: 100,
      initialTokens: { dist: 'lognormal', mu: Math.log(20_000), sigma: 0.8 },
      initialUsd: { dist: 'lognormal', mu: Math.log(20_000), sigma: 0.8 },
      hurdle: { dist: 'uniform', min: -0.05, max: 0.1 },
      band: 0.04,
      activity: 0.1,
      adjustShare: 0.2,
      halfLifeTicks: 14,
      genesisDepositShare: 0.8,
      stakeMargin: null,
    },
  },
  needs: { market: marketPort },
  uses: { staking },
  check(p, _all, blocks) {
    return p.stakeMargin !== null && !blocks.has('staking') ? [{ path: 'stakeMargin', message: 'switches liquidity into stake, but the model has no staking block to stake in; expected null' }] : [];
  },
  population: { schema: liquidityProvidersSchema, count: (p) => p.count },
  metrics: {
    lp_pool_share: { unit: 'share', description: "liquidity providers' share of the AMM's LP shares (the rest is the genesis deposit)" },
    lp_fee_apr: { unit: '1/year', description: 'fee APR of AMM liquidity as LPs estimate it (EWMA)' },
    lp_net_yield: { unit: '1/year', description: 'fee APR − expected impermanent loss σ²/8, as LPs estimate it' },
    lp_deposits_usd: { unit: 'USD', kind: 'flow', description: 'value LPs deposited since the previous row' },
    lp_withdrawals_usd: { unit: 'USD', kind: 'flow', description: 'value LPs withdrew since the previous row' },
  },
  kpis: {
    mean_lp_pool_share: { unit: 'share', description: "mean of the LPs' share of the pool's liquidity over the recorded rows" },
    mean_lp_fee_apr: { unit: '1/year', description: 'mean estimated fee APR over the recorded rows' },
    total_lp_deposits_usd: { unit: 'USD', description: 'value deposited by LPs over the run' },
  },
  build(ctx) {
    const { pop } = ctx.population(liquidityProvidersSchema);
    // The LPs join the staking pool only when they may stake, so a model whose LPs never do keeps its pool as it was.
    const pool = ctx.params().stakeMargin !== null ? ctx.deps.staking : null;
    const cls = new LiquidityProviders(pop, ctx.params, ctx.deps.market, ctx.rng, pool?.attach(pop) ?? null, () => pool?.expectedRewardsPerYear() ?? 0, () => pool?.totalStaked ?? 0);
    return {
      api: cls,
      agents: cls,
      hooks: { pre: (w) => cls.pre(w) },
      genesis: (w) => cls.init(w, ctx.rng.fork('genesis')),
      metrics: {
        lp_pool_share: () => cls.poolShare,
        lp_fee_apr: () => cls.feeApr,
        lp_net_yield: () => cls.netYield,
        lp_deposits_usd: () => cls.depositedUsd,
        lp_withdrawals_usd: () => cls.withdrawnUsd,
      },
      summary: ({ series }) => ({
        mean_lp_pool_share: mean(series.lp_pool_share),
        mean_lp_fee_apr: mean(series.lp_fee_apr),
        total_lp_deposits_usd: total(series, 'lp_deposits_usd'),
      }),
    };
  },
});

import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import type { Ledger } from '../core/ledger';
import { staking, type StakingPool } from '../mechanisms/staking';
import { service, type ServiceMarket } from '../mechanisms/serviceMarket';
import { mean } from '../metrics/stats';
import { marketPort } from './amm';
import type { ConstantProductPool } from './constantProductPool';
import { factor, type FactorState } from './factor';

/** Parameters of the fundamental value. */
export const fundamentalsParamsSchema = z
  .object({
    /** Elasticity of value to the usage index (protocol revenue), ε_U ≥ 0. */
    usageWeight: z.number().min(0).max(5),
    /** Half-life of the usage index's EWMA of revenue, in ticks; its reference is the index at this tick. */
    usageHalfLifeTicks: z.number().int().min(1).max(10_000),
    /** Elasticity of value to the market factor's level, β_F ≥ 0 (0: value ignores the broad market). */
    factorWeight: z.number().min(0).max(5),
    /** Semi-elasticity of value to the real staking yield (APR − issuance rate), ε_y, per unit of yield. */
    yieldWeight: z.number().min(-10).max(10),
  })
  .strict();
export type FundamentalsParams = z.infer<typeof fundamentalsParamsSchema>;

/**
 * The fundamental value of one token, in USD, as fundamentalists see it:
 *
 *   V_t = V₀ · F_t^β · (U_t / U_ref)^ε_U · (S₀ / S_t) · exp(ε_y (y_t − y₀)),
 *
 * V₀ the initial price; F_t the market factor's level (1 without a factor
 * block); U_t the usage index, a bias-corrected EWMA of protocol revenue per
 * tick (AMM swap fees, plus customers' spend on the service when the model
 * has one), U_ref its value at tick H (the half-life; the usage term is 1
 * before); S_t the supply (minted − burned) at the start of the tick, S₀ at
 * genesis, so emission dilutes and burns concentrate the value per token;
 * y_t the real staking yield at the end of the previous tick, the stakers'
 * expected APR less the tick's issuance annualised (0 without staking), y₀
 * its value at tick H (the yield term is 1 before). A network's value scales with its use (Metcalfe-type valuation
 * uses activity; fee multiples use revenue) and is shared by every token
 * that exists.
 *
 * Sources: Pagnotta & Buraschi (2018), "An equilibrium valuation of bitcoin
 * and decentralized network assets" (value rises with adoption and falls
 * with supply); Cong, Li & Wang (2021), "Tokenomics: dynamic adoption and
 * valuation", Review of Financial Studies 34 (token value driven by usage).
 */
export class FundamentalValue {
  /** V_t, in USD per token. */
  value = NaN;
  /** U_t / U_ref (1 until the reference is set). */
  usage = 1;
  /** The real staking yield at the end of the last tick, per year. */
  yieldNow = 0;
  private v0 = NaN;
  private s0 = NaN;
  private y0 = NaN;
  private ewma = 0;
  private decay = 1;
  private ref = NaN;
  private ticks = 0;

  constructor(
    private readonly params: () => FundamentalsParams,
    private readonly ledger: Ledger,
    private readonly pool: ConstantProductPool,
    private readonly factor: FactorState | null,
    private readonly stake: StakingPool | null,
    private readonly service: ServiceMarket | null,
    private readonly ticksPerYear: number,
  ) {}

  /** Genesis (after the pool's): V₀ is the price the pool opens at. */
  genesis(): void {
    this.v0 = this.pool.price;
    this.value = this.v0;
  }

  /** Phase `exogenous` (after the factor): V_t from the state at the start of the tick; tick 1 fixes S₀ (every block's genesis done). */
  exogenous(): void {
    const p = this.params();
    if (!(this.s0 > 0)) this.s0 = this.ledger.supply;
    const f = this.factor ? Math.pow(this.factor.level, p.factorWeight) : 1;
    const u = p.usageWeight > 0 ? Math.pow(this.usage, p.usageWeight) : 1;
    const dilution = this.s0 / this.ledger.supply;
    const y = p.yieldWeight !== 0 && this.y0 === this.y0 ? Math.exp(p.yieldWeight * (this.yieldNow - this.y0)) : 1;
    this.value = this.v0 * f * u * dilution * y;
  }

  /** Phase `observe`: adds this tick's revenue to the usage index. */
  observe(): void {
    const p = this.params();
    const w = 1 - Math.pow(2, -1 / p.usageHalfLifeTicks);
    const revenue = this.pool.feesUsd + this.pool.feesTokens * this.pool.price + (this.service ? this.service.revenueUsd : 0);
    this.ewma = (1 - w) * this.ewma + w * revenue;
    this.decay *= 1 - w;
    this.ticks++;
    const corrected = this.ewma / (1 - this.decay);
    this.yieldNow = this.realYield();
    if (this.ticks === p.usageHalfLifeTicks) {
      this.ref = corrected;
      this.y0 = this.yieldNow;
    }
    if (this.ref > 0) this.usage = Math.max(1e-6, corrected / this.ref);
  }

  /** Returns the real staking yield now: expected staking APR − this tick's issuance annualised (tokens per year / supply), per year. */
  realYield(): number {
    if (!this.stake) return 0;
    const s = this.stake.totalStaked;
    const apr = s > 0 ? this.stake.expectedRewardsPerYear() / s : 0;
    return apr - (this.ledger.mintedThisTick * this.ticksPerYear) / this.ledger.supply;
  }
}

/**
 * The fundamental-value block (`FundamentalValue`): what fundamentalist
 * traders and the arrival of new participants read. Moves no money.
 */
export const fundamentals = defineBlock({
  key: 'fundamentals',
  kind: 'metrics',
  description: 'fundamental value per token from usage (protocol revenue), supply dilution, the market factor and the real staking yield',
  sources: [
    'Pagnotta & Buraschi (2018), "An equilibrium valuation of bitcoin and decentralized network assets", SSRN 3142022',
    'Cong, Li & Wang (2021), "Tokenomics: dynamic adoption and valuation", Review of Financial Studies 34(3)',
  ],
  params: { schema: fundamentalsParamsSchema, defaults: { usageWeight: 0.3, usageHalfLifeTicks: 30, factorWeight: 0.5, yieldWeight: 0 } },
  needs: { market: marketPort },
  uses: { factor, staking, service },
  metrics: {
    fundamental_value: { unit: 'USD/token', description: 'fundamental value per token V_t' },
    usage_index: { unit: 'ratio', description: 'usage index: EWMA of protocol revenue over its value at the half-life tick (1 before)' },
  },
  kpis: {
    mean_price_to_value: { unit: 'ratio', description: 'mean of price / fundamental value over the recorded rows' },
  },
  build(ctx) {
    const d = ctx.deps;
    const v = new FundamentalValue(ctx.params, ctx.ledger, d.market, d.factor, d.staking, d.service, ctx.world.ticksPerYear);
    return {
      api: v,
      hooks: { exogenous: () => v.exogenous(), observe: () => v.observe() },
      genesis: () => v.genesis(),
      metrics: { fundamental_value: () => v.value, usage_index: () => v.usage },
      summary: ({ series }) => {
        const ratio = series.price.map((p, k) => p / series.fundamental_value[k]);
        return { mean_price_to_value: mean(ratio) };
      },
    };
  },
});

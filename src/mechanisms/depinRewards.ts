import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import type { Ledger } from '../core/ledger';
import type { Route } from '../core/route';
import type { World } from '../core/world';
import { marketPort } from '../market/amm';
import type { ConstantProductPool, PoolTrader } from '../market/constantProductPool';
import { spanYears, total } from '../metrics/series';
import { cappedEmission, emissionParamsSchema, scheduledEmission } from './emission';
import { nodeRewards, type NodeRewards } from './nodeRewards';
import { ServedWork } from './servedWork';
import { service, type ServiceMarket, type ServiceMarketParams } from './serviceMarket';
import type { RewardSink } from './staking';
import { treasury, type Treasury } from './treasury';

/** Parameters of the DePIN reward model. */
export const depinRewardsParamsSchema = z
  .object({
    /**
     * - `fixedEmission`: the mint is split by contributed capacity; customers pay operators in USD.
     * - `utilisation`: the mint times utilisation is split by served work; customers pay operators in USD.
     * - `burnAndMint`: customers buy tokens on the AMM and burn them for usage credits priced in USD; the mint is split by served work.
     * - `hybrid`: burn and mint, with `capacityShare` of the mint split by capacity and the rest by served work.
     */
    model: z.enum(['fixedEmission', 'utilisation', 'burnAndMint', 'hybrid']),
    /** The operators' mint schedule (tokens per year; cap on supply). */
    emission: emissionParamsSchema,
    /** Share of the mint paid by capacity in the hybrid, in [0, 1]. */
    capacityShare: z.number().min(0).max(1),
    /** Cap on net emission (mint − burn of this mechanism), in tokens per year; null for none. */
    netEmissionCapPerYear: z.number().min(0).nullable(),
    /** Share of customers' USD the treasury keeps in the USD-paying models, in [0, 1]. */
    protocolFeeShare: z.number().min(0).max(1),
  })
  .strict();
export type DepinRewardsParams = z.infer<typeof depinRewardsParamsSchema>;

/** Returns whether customers burn tokens for usage (burn-and-mint and hybrid) rather than pay operators in USD. */
export function burnsForUsage(p: DepinRewardsParams): boolean {
  return p.model === 'burnAndMint' || p.model === 'hybrid';
}

/** Returns the share of the mint paid by capacity: 1 fixed, 0 utilisation and burn-and-mint, `capacityShare` hybrid. */
export function capacityMintShare(p: DepinRewardsParams): number {
  return p.model === 'fixedEmission' ? 1 : p.model === 'hybrid' ? p.capacityShare : 0;
}

/**
 * Returns the tick's mint to operators, in tokens: the capped schedule E(t),
 * times utilisation u in the utilisation model, then capped so that net
 * emission stays within the cap: min(E, burned + cap / ticksPerYear).
 */
export function operatorMint(p: DepinRewardsParams, scheduled: number, utilisation: number, burned: number, ticksPerYear: number): number {
  let e = p.model === 'utilisation' ? scheduled * utilisation : scheduled;
  if (p.netEmissionCapPerYear !== null) {
    const allowed = burned + p.netEmissionCapPerYear / ticksPerYear;
    if (e > allowed) e = allowed;
  }
  return e > 0 ? e : 0;
}

/**
 * The DePIN reward mechanism (phase `pre`, after the market has served).
 * Customers' spend S = served × price (USD) enters the model; in the
 * USD-paying models the treasury keeps S · protocolFeeShare and operators
 * get the rest by served work; in burn-and-mint models customers buy tokens
 * with S on the AMM and burn them (B = tokens bought). Then the mint
 * `operatorMint` is split by capacity (NodeRewards) and by served work.
 *
 * Burn-and-mint equilibrium: with constant spend D (USD/tick), a fixed mint
 * M (tokens/tick) that operators sell, and no other flows, the pool is at
 * rest when the tokens bought equal the tokens sold, B = M; since B ≈ D / P,
 * P* ≈ D / M and net emission M − B → 0.
 */
export class DepinRewards {
  /** Tokens minted to operators this tick (by capacity + by served work). */
  mintedThisTick = 0;
  /** Tokens burned for usage this tick. */
  burnedThisTick = 0;
  /** Customers' spend this tick, in USD. */
  spendUsd = 0;
  /** Tokens paid by capacity this tick. */
  lastCapacityMint = 0;
  private readonly usageBurn: PoolTrader;
  private readonly payOperators: Route;
  private readonly toTreasury: Route | null;
  private readonly mintServed: Route;
  private readonly byCapacitySink: RewardSink;

  constructor(
    ledger: Ledger,
    private readonly params: () => DepinRewardsParams,
    private readonly market: ServiceMarket,
    private readonly marketParams: () => ServiceMarketParams,
    pool: ConstantProductPool,
    private readonly byCapacity: NodeRewards,
    readonly byServed: ServedWork,
    treasury: Treasury | null,
  ) {
    // Customers are outside the model: their USD enters the pool, the tokens they get are burned at once.
    this.usageBurn = pool.trader('outside', 'burn', 'usage burn', false);
    this.payOperators = ledger.route('outside', byServed.escrow, 'service payment', 'usd');
    // Without a treasury the protocol's share is simply not collected.
    this.toTreasury = treasury ? treasury.incomeFrom('outside', 'usage', 'usd') : null;
    this.mintServed = ledger.route('mint', byServed.escrow, 'operator reward');
    this.byCapacitySink = byCapacity.rewardsFrom('mint', 'operator reward');
  }

  /** Phase `pre`, after the market has served: customers pay, then operators are minted their reward. */
  pre(world: World): void {
    const p = this.params();
    const spend = this.market.revenueUsd;
    this.spendUsd = spend;
    this.burnedThisTick = 0;
    this.byServed.beginTick();
    if (spend > 0) {
      if (burnsForUsage(p)) {
        this.burnedThisTick = this.usageBurn.buy(spend);
      } else {
        const fee = spend * p.protocolFeeShare;
        // With no node up nothing was served, so spend is 0; any remainder goes to the treasury.
        const paid = this.byServed.acceptUsd(spend - fee) ? spend - fee : 0;
        if (paid > 0) this.payOperators.move(paid);
        if (spend - paid > 0) this.toTreasury?.move(spend - paid);
      }
    }
    const scheduled = cappedEmission(p.emission, world.tick, world.ticksPerYear, world.ledger);
    const mint = operatorMint(p, scheduled, this.market.utilisation, this.burnedThisTick, world.ticksPerYear);
    const capShare = capacityMintShare(p);
    let minted = 0;
    const a = mint * capShare;
    if (a > 0 && this.byCapacitySink.pay(a)) minted += a;
    const b = mint - a;
    if (b > 0 && this.byServed.acceptTokens(b)) {
      this.mintServed.move(b);
      minted += b;
    }
    this.lastCapacityMint = a;
    this.mintedThisTick = minted;
  }

  /**
   * Returns what a new node of capacity `c` and reward weight `w` can expect
   * to earn per tick at the current state, in USD: its diluted share of the
   * capacity mint R_c · w / (W_c + w) and of the served-work mint
   * R_s · w / (W_s + w), at `price`, plus (USD-paying models) its share of
   * customers' spend had it been online: π · min(D, C + c) · c / (C + c) · (1 − fee).
   */
  expectedIncomeUsd(c: number, w: number, price: number, ticksPerYear: number, tick: number): number {
    const p = this.params();
    const scheduled = scheduledEmission(p.emission, tick + 1, ticksPerYear);
    const capShare = capacityMintShare(p);
    const rc = scheduled * capShare;
    const rs = p.model === 'utilisation' ? scheduled * (1 - capShare) * this.market.utilisation : scheduled * (1 - capShare);
    const wc = this.byCapacity.totalCapacity;
    const ws = this.byServed.upWeight;
    let usd = (rc * w) / (wc + w) * price + (rs * w) / (ws + w) * price;
    if (!burnsForUsage(p)) {
      const cap = this.byServed.upCapacity + c;
      const served = this.market.demand < cap ? this.market.demand : cap;
      usd += this.marketParams().priceUsdPerUnit * served * (c / cap) * (1 - p.protocolFeeShare);
    }
    return usd;
  }
}

/** The DePIN reward-model block (phase `pre`, after the service market serves). */
export const depinRewards = defineBlock({
  key: 'depinRewards',
  kind: 'mechanism',
  description: 'DePIN reward model: fixed emission by capacity, utilisation-scaled, burn-and-mint or hybrid',
  sources: ['burn-and-mint equilibrium: Helium HIP-20 (github.com/helium/HIP, 0020-hnt-max-supply.md); Multicoin Capital, "Burn-and-Mint Equilibrium" (2018)'],
  params: {
    schema: depinRewardsParamsSchema,
    defaults: {
      model: 'fixedEmission',
      emission: { schedule: 'constant', ratePerYear: 500_000, decayPerYear: 0.3, halvingTicks: 365, maxSupply: null },
      capacityShare: 0.5,
      netEmissionCapPerYear: null,
      protocolFeeShare: 0.05,
    },
  },
  needs: { service, nodeRewards, market: marketPort },
  uses: { treasury },
  holders: { '': { circulating: false, description: 'served-work pay (tokens and USD) distributed and not yet claimed' } },
  metrics: {
    operator_mint: { unit: 'tokens', kind: 'flow', description: 'tokens minted to operators since the previous row' },
    usage_burn: { unit: 'tokens', kind: 'flow', description: "tokens bought with customers' USD and burned since the previous row" },
  },
  kpis: {
    total_usage_burn: { unit: 'tokens', description: 'usage burn over the run' },
    total_operator_mint: { unit: 'tokens', description: 'operator mint over the run' },
    operator_net_emission_per_year: { unit: 'tokens/year', description: "(operators' mint − usage burn) per year" },
  },
  build(ctx) {
    const served = new ServedWork(ctx.ledger, ctx.account(''), ctx.deps.nodeRewards);
    const r = new DepinRewards(ctx.ledger, ctx.params, ctx.deps.service, () => ctx.world.params.service, ctx.deps.market, ctx.deps.nodeRewards, served, ctx.deps.treasury);
    return {
      api: r,
      hooks: { pre: (w) => r.pre(w) },
      metrics: { operator_mint: () => r.mintedThisTick, usage_burn: () => r.burnedThisTick },
      summary: ({ series, ticks, world }) => {
        const years = spanYears(ticks, world.ticksPerYear);
        const mint = total(series, 'operator_mint');
        const burn = total(series, 'usage_burn');
        return { total_usage_burn: burn, total_operator_mint: mint, operator_net_emission_per_year: years > 0 ? (mint - burn) / years : 0 };
      },
    };
  },
});

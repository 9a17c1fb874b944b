import { z } from 'zod';
import type { Holder } from '../core/ledger';
import type { Population } from '../core/population';
import type { World } from '../core/world';
import type { ConstantProductPool } from '../market/amm';
import { cappedEmission, emissionParamsSchema, scheduledEmission } from './emission';
import type { NodeRewards } from './nodeRewards';
import type { ServiceMarket, ServiceMarketParams } from './serviceMarket';

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
 * Pays for served work this tick: tokens by reward weight and USD by
 * capacity, among the nodes that are up (set by the operators' uptime draw).
 * Rates are per unit of up weight / up capacity; each up node claims
 * w_i · tokensPerWeight tokens and c_i · usdPerCapacity USD once in the
 * tick, so Σ claims = what was distributed. Unclaimed amounts stay in escrow,
 * which the ledger sees.
 *
 * The population needs `capacity`, `rewardWeight` (f64) and `up` (u8) columns.
 */
export class ServedWorkRewards implements Holder {
  readonly name = 'servedWorkRewards';
  tokenEscrow = 0;
  usdEscrow = 0;
  /** Capacity of the nodes up this tick, in service units. */
  upCapacity = 0;
  /** Reward weight of the nodes up this tick. */
  upWeight = 0;
  /** This tick's token rate, tokens per unit of reward weight. */
  tokensPerWeight = 0;
  /** This tick's USD rate, USD per service unit of capacity. */
  usdPerCapacity = 0;
  /** Tokens / USD distributed this tick. */
  distributedTokens = 0;
  distributedUsd = 0;
  /** USD paid by the last `claim`. */
  lastClaimUsd = 0;

  /** Resets this tick's rates; the operators then set `upCapacity` and `upWeight`. */
  beginTick(): void {
    this.tokensPerWeight = 0;
    this.usdPerCapacity = 0;
    this.distributedTokens = 0;
    this.distributedUsd = 0;
  }

  /** Pays `amount` tokens to up nodes by reward weight; returns false (nothing taken) when none is up. */
  distributeTokens(amount: number): boolean {
    if (!(this.upWeight > 0) || !(amount > 0)) return false;
    this.tokensPerWeight += amount / this.upWeight;
    this.tokenEscrow += amount;
    this.distributedTokens += amount;
    return true;
  }

  /** Pays `amount` USD to up nodes by capacity; returns false (nothing taken) when none is up. */
  distributeUsd(amount: number): boolean {
    if (!(this.upCapacity > 0) || !(amount > 0)) return false;
    this.usdPerCapacity += amount / this.upCapacity;
    this.usdEscrow += amount;
    this.distributedUsd += amount;
    return true;
  }

  /** Pays node `pop[i]` its share of this tick (once, if up) into its balances; returns the tokens (USD in `lastClaimUsd`). */
  claim(pop: Population, i: number): number {
    const c = pop.cols as unknown as Record<string, Float64Array & Uint8Array>;
    this.lastClaimUsd = 0;
    if (c.up[i] === 0) return 0;
    const tokens = c.rewardWeight[i] * this.tokensPerWeight;
    const usd = c.capacity[i] * this.usdPerCapacity;
    // Floating error may make the last claim exceed the escrow by an ulp; never pay out what is not there.
    const t = tokens < this.tokenEscrow ? tokens : this.tokenEscrow > 0 ? this.tokenEscrow : 0;
    const u = usd < this.usdEscrow ? usd : this.usdEscrow > 0 ? this.usdEscrow : 0;
    this.tokenEscrow -= t;
    this.usdEscrow -= u;
    pop.cols.tokens[i] += t;
    pop.cols.usd[i] += u;
    this.lastClaimUsd = u;
    return t;
  }

  tokenHoldings(): number {
    return this.tokenEscrow;
  }

  usdHoldings(): number {
    return this.usdEscrow;
  }
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
  readonly name = 'depinRewards';
  /** Tokens minted to operators this tick (by capacity + by served work). */
  mintedThisTick = 0;
  /** Tokens burned for usage this tick. */
  burnedThisTick = 0;
  /** Customers' spend this tick, in USD. */
  spendUsd = 0;
  /** Tokens paid by capacity last tick (what an entrant expects next). */
  lastCapacityMint = 0;

  constructor(
    private readonly params: () => DepinRewardsParams,
    private readonly market: ServiceMarket,
    private readonly marketParams: () => ServiceMarketParams,
    private readonly pool: ConstantProductPool,
    private readonly byCapacity: NodeRewards,
    private readonly byServed: ServedWorkRewards,
  ) {}

  pre(world: World): void {
    const p = this.params();
    const spend = this.market.revenueUsd;
    this.spendUsd = spend;
    this.burnedThisTick = 0;
    this.byCapacity.beginTick();
    if (spend > 0) {
      world.ledger.usdIn(spend);
      if (burnsForUsage(p)) {
        // Customers are outside the model: their USD enters the pool, the tokens they get are burned at once.
        const share = this.pool.protocolFeeShare;
        this.pool.protocolFeeShare = 0;
        const bought = this.pool.buy(spend);
        this.pool.protocolFeeShare = share;
        world.ledger.burn(bought);
        this.burnedThisTick = bought;
      } else {
        const fee = spend * p.protocolFeeShare;
        // With no node up nothing was served, so spend is 0; any remainder goes to the treasury.
        const paid = this.byServed.distributeUsd(spend - fee) ? spend - fee : 0;
        world.treasury.usd += spend - paid;
      }
    }
    const scheduled = cappedEmission(p.emission, world.tick, world.ticksPerYear, world.ledger.supply);
    const mint = operatorMint(p, scheduled, this.market.utilisation, this.burnedThisTick, world.ticksPerYear);
    const capShare = capacityMintShare(p);
    let minted = 0;
    const a = mint * capShare;
    if (a > 0 && this.byCapacity.distribute(a)) minted += a;
    const b = mint - a;
    if (b > 0 && this.byServed.distributeTokens(b)) minted += b;
    if (minted > 0) world.ledger.mint(minted);
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

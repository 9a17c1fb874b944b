import { z } from 'zod';
import type { World } from '../core/world';
import type { ConstantProductPool } from '../market/amm';
import type { Treasury } from './treasury';

/** Parameters of treasury buybacks. */
export const buybackParamsSchema = z
  .object({
    /**
     * `off`; `fixed`: `amountUsd` every `everyTicks` ticks; `revenueShare`:
     * `revenueShare` of the treasury's USD revenue since the last buyback,
     * every `everyTicks` ticks; `priceFloor`: up to `amountUsd` a tick while
     * the price is below `floorRatio` × its moving average.
     */
    policy: z.enum(['off', 'fixed', 'revenueShare', 'priceFloor']),
    everyTicks: z.number().int().min(1),
    /** USD per buyback (fixed) or per tick (priceFloor). */
    amountUsd: z.number().min(0),
    /** Share of revenue spent (revenueShare), in [0, 1]. */
    revenueShare: z.number().min(0).max(1),
    /** Ticks in the moving average of the price (priceFloor). */
    maTicks: z.number().int().min(1),
    /** Buy while price < floorRatio · moving average (priceFloor). */
    floorRatio: z.number().gt(0),
    /** What happens to the tokens bought: burned, paid to stakers' rewards, or held by the treasury. */
    destination: z.enum(['burn', 'stakers', 'treasury']),
  })
  .strict();
export type BuybackParams = z.infer<typeof buybackParamsSchema>;

/** Returns the mean of the end-of-tick prices of ticks t−n .. t−1 (USD per token). */
export function movingAveragePrice(world: Pick<World, 'tick' | 'priceAt'>, n: number): number {
  let s = 0;
  for (let k = 1; k <= n; k++) s += world.priceAt(world.tick - k);
  return s / n;
}

/**
 * Returns the USD a buyback policy wants to spend at tick t, before the
 * treasury's USD caps it: fixed → A on ticks t ≡ 0 (mod K); revenueShare →
 * s · (revenue since the last buyback) on those ticks; priceFloor → A while
 * price < floorRatio · MA(maTicks).
 */
export function buybackWantUsd(p: BuybackParams, tick: number, revenueSinceLast: number, price: number, ma: number): number {
  switch (p.policy) {
    case 'off':
      return 0;
    case 'fixed':
      return tick % p.everyTicks === 0 ? p.amountUsd : 0;
    case 'revenueShare':
      return tick % p.everyTicks === 0 ? p.revenueShare * revenueSinceLast : 0;
    case 'priceFloor':
      return price < p.floorRatio * ma ? p.amountUsd : 0;
  }
}

/**
 * Treasury buybacks (phase `post`, after the fee burn): the treasury pays
 * u = min(want, treasury USD) into the AMM, which charges its fee and price
 * impact and returns q = quoteBuy(u) tokens; the treasury's USD falls by
 * exactly u and the pool's USD (reserve plus protocol fees) rises by exactly
 * u. The q tokens are burned, paid to stakers through the staking reward
 * index (held by the treasury when nothing is staked), or held.
 */
export class Buyback {
  readonly name = 'buyback';
  /** USD spent and tokens bought this tick, and all time. */
  spentUsdThisTick = 0;
  boughtThisTick = 0;
  spentUsd = 0;
  bought = 0;
  /** Tokens of this tick's buyback that were burned. */
  burnedThisTick = 0;
  private revenueAtLast = 0;

  constructor(
    private readonly params: () => BuybackParams,
    private readonly pool: ConstantProductPool,
    private readonly treasury: Treasury,
    private readonly payStakers: (tokens: number) => boolean,
  ) {}

  post(world: World): void {
    const p = this.params();
    this.spentUsdThisTick = this.boughtThisTick = this.burnedThisTick = 0;
    if (p.policy === 'off') return;
    const revenue = this.treasury.revenueUsd.value;
    const ma = p.policy === 'priceFloor' ? movingAveragePrice(world, p.maTicks) : 0;
    const want = buybackWantUsd(p, world.tick, revenue - this.revenueAtLast, this.pool.price, ma);
    if (p.policy === 'revenueShare' && world.tick % p.everyTicks === 0) this.revenueAtLast = revenue;
    const acct = this.treasury.account;
    const usd = want < acct.usd ? want : acct.usd;
    if (!(usd > 0)) return;
    acct.usd -= usd;
    const tokens = this.pool.buy(usd);
    this.spentUsdThisTick = usd;
    this.boughtThisTick = tokens;
    this.spentUsd += usd;
    this.bought += tokens;
    if (p.destination === 'burn') {
      world.ledger.burn(tokens);
      this.burnedThisTick = tokens;
    } else if (p.destination === 'treasury' || !this.payStakers(tokens)) {
      this.treasury.receiveTokens(tokens, 'buyback');
    }
  }
}

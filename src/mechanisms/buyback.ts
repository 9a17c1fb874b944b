import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import type { World } from '../core/world';
import { marketPort } from '../market/amm';
import { total } from '../metrics/series';
import { staking } from './staking';
import { treasury } from './treasury';

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

/** What the buyback did this tick and over the run. */
export interface BuybackApi {
  spentUsdThisTick: number;
  boughtThisTick: number;
  burnedThisTick: number;
  spentUsd: number;
  bought: number;
}

/**
 * Treasury buybacks (phase `post`, after the fee burn): the treasury pays
 * u = min(want, treasury USD) into the AMM, which charges its fee and price
 * impact and returns q = quoteBuy(u) tokens; the treasury's USD falls by
 * exactly u and the pool's USD (reserve plus protocol fees) rises by exactly
 * u. The q tokens are burned, bought straight into stakers' rewards (held
 * by the treasury when nothing is staked), or held.
 */
export const buyback = defineBlock({
  key: 'buyback',
  kind: 'policy',
  description: 'treasury buybacks: fixed, revenue-share or price-floor policy; tokens burned, paid to stakers or held',
  sources: ['revenue-share buybacks: Maker Smart Burn Engine (github.com/makerdao/dss-flappers), dYdX, GMX buy-and-distribute'],
  params: {
    schema: buybackParamsSchema,
    defaults: { policy: 'off', everyTicks: 30, amountUsd: 50_000, revenueShare: 0.5, maTicks: 30, floorRatio: 0.9, destination: 'burn' },
  },
  needs: { market: marketPort, treasury },
  uses: { staking },
  metrics: {
    buyback_usd: { unit: 'USD', kind: 'flow', description: 'treasury USD spent on buybacks since the previous row' },
    buyback_tokens: { unit: 'tokens', kind: 'flow', description: 'tokens bought back since the previous row' },
    buyback_burn: { unit: 'tokens', kind: 'flow', description: 'of which burned' },
  },
  kpis: {
    total_buyback_usd: { unit: 'USD', description: 'USD spent on buybacks over the run' },
    total_buyback_tokens: { unit: 'tokens', description: 'tokens bought back over the run' },
    total_buyback_burn: { unit: 'tokens', description: 'tokens bought back and burned over the run' },
  },
  build(ctx) {
    const { market: pool, treasury: t, staking: stake } = ctx.deps;
    const toBurn = t.poolTrader(pool, 'buyback', 'burn');
    const toTreasury = t.poolTrader(pool, 'buyback', 'treasury');
    const toStakers = stake ? pool.trader(t.account, stake.rewards.escrow, 'buyback') : null;
    const api: BuybackApi = { spentUsdThisTick: 0, boughtThisTick: 0, burnedThisTick: 0, spentUsd: 0, bought: 0 };
    let revenueAtLast = 0;
    const post = (world: World) => {
      const p = ctx.params();
      api.spentUsdThisTick = api.boughtThisTick = api.burnedThisTick = 0;
      if (p.policy === 'off') return;
      const revenue = t.revenueUsd.value;
      const ma = p.policy === 'priceFloor' ? movingAveragePrice(world, p.maTicks) : 0;
      const want = buybackWantUsd(p, world.tick, revenue - revenueAtLast, pool.price, ma);
      if (p.policy === 'revenueShare' && world.tick % p.everyTicks === 0) revenueAtLast = revenue;
      const usd = want < t.usd ? want : t.usd;
      if (!(usd > 0)) return;
      let tokens: number;
      if (p.destination === 'burn') {
        tokens = toBurn.buy(usd);
        api.burnedThisTick = tokens;
      } else if (p.destination === 'stakers' && stake && toStakers && stake.rewards.open) {
        tokens = toStakers.buy(usd);
        stake.creditArrived(tokens);
      } else {
        tokens = toTreasury.buy(usd);
      }
      api.spentUsdThisTick = usd;
      api.boughtThisTick = tokens;
      api.spentUsd += usd;
      api.bought += tokens;
    };
    return {
      api,
      hooks: { post },
      metrics: { buyback_usd: () => api.spentUsdThisTick, buyback_tokens: () => api.boughtThisTick, buyback_burn: () => api.burnedThisTick },
      summary: ({ series }) => ({
        total_buyback_usd: total(series, 'buyback_usd'),
        total_buyback_tokens: total(series, 'buyback_tokens'),
        total_buyback_burn: total(series, 'buyback_burn'),
      }),
    };
  },
});

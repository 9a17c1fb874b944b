import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import { marketPort } from '../market/amm';
import { total } from '../metrics/series';
import { treasury } from './treasury';
/** Parameters of the token-priced service whose use burns tokens. */
export const serviceParamsSchema = z
  .object({
    /** Service demand at the start, in USD per tick (0: no service). */
    demandUsdPerTick: z.number().min(0),
    /** Growth of demand, a share per year (0.5 = +50%/year, compounding). */
    growthPerYear: z.number().min(-1),
    /** Day-to-day noise: demand is multiplied by a mean-one lognormal with this σ. */
    noise: z.number().min(0).max(3),
    /** Share of each payment kept by the protocol as USD revenue for the treasury, in [0, 1]. */
    revenueShare: z.number().min(0).max(1),
  })
  .strict();
export type ServiceParams = z.infer<typeof serviceParamsSchema>;

/**
 * Returns the expected service demand at tick t, in USD:
 * D(t) = D0 · (1 + g)^(t / ticksPerYear).
 */
export function serviceDemandUsd(p: ServiceParams, tick: number, ticksPerYear: number): number {
  return p.demandUsdPerTick * Math.pow(1 + p.growthPerYear, tick / ticksPerYear);
}

/**
 * Burn-on-use (phase `pre`): users outside the model pay for a service
 * priced in tokens. Each tick they bring D(t) · exp(σZ − σ²/2) USD (from the
 * block's own stream); the share r goes to the treasury as `service`
 * revenue, and the rest buys tokens on the AMM (paying its fee and price
 * impact), which are spent on the service and burned.
 */
export const usageBurn = defineBlock({
  key: 'usageBurn',
  kind: 'mechanism',
  description: 'burn on use: outside users buy tokens with USD for a token-priced service and burn them; a revenue share to the treasury',
  sources: ['burn-and-mint: Helium Data Credits (docs.helium.com, "Data Credits")', 'Multicoin Capital, "New Models for Utility Tokens" (2018)'],
  params: { schema: serviceParamsSchema, defaults: { demandUsdPerTick: 0, growthPerYear: 0.5, noise: 0.3, revenueShare: 0.2 } },
  needs: { market: marketPort, treasury },
  metrics: {
    service_usd: { unit: 'USD', kind: 'flow', description: "service users' payments since the previous row" },
    service_burn: { unit: 'tokens', kind: 'flow', description: 'tokens bought with them and burned since the previous row' },
  },
  kpis: {
    total_service_usd: { unit: 'USD', description: "service users' payments over the run" },
    total_service_burn: { unit: 'tokens', description: 'tokens burned for use over the run' },
  },
  build(ctx) {
    const t = ctx.deps.treasury;
    const buyAndBurn = ctx.deps.market.trader('outside', 'burn', 'usage burn');
    const done = { usd: 0, burned: 0, revenue: 0 };
    return {
      api: done,
      hooks: {
        pre: (w) => {
          const p = ctx.params();
          done.usd = done.burned = done.revenue = 0;
          if (!(p.demandUsdPerTick > 0)) return;
          let usd = serviceDemandUsd(p, w.tick, w.ticksPerYear);
          if (p.noise > 0) usd *= Math.exp(ctx.rng.normal(-(p.noise * p.noise) / 2, p.noise));
          if (!(usd > 0)) return;
          const revenue = usd * p.revenueShare;
          t.receive('outside', revenue, 'service', 'usd');
          done.burned = buyAndBurn.buy(usd - revenue);
          done.usd = usd;
          done.revenue = revenue;
        },
      },
      metrics: { service_usd: () => done.usd, service_burn: () => done.burned },
      summary: ({ series }) => ({ total_service_usd: total(series, 'service_usd'), total_service_burn: total(series, 'service_burn') }),
    };
  },
});

import { z } from 'zod';
import type { Rng } from '../core/rng';
import type { ConstantProductPool } from '../market/amm';
import type { Treasury } from './treasury';

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
 * priced in tokens. Each tick they bring D(t) · exp(σZ − σ²/2) USD
 * (`ledger.usdIn`); the share r goes to the treasury as revenue, and the rest
 * buys tokens on the AMM (paying its fee and price impact), which are spent
 * on the service and burned.
 */
export class BurnOnUse {
  readonly name = 'burnOnUse';
  /** USD paid by service users this tick, tokens burned, and USD to the treasury. */
  usdThisTick = 0;
  burnedThisTick = 0;
  revenueThisTick = 0;

  constructor(
    private readonly params: () => ServiceParams,
    private readonly pool: ConstantProductPool,
    private readonly treasury: Treasury,
    private readonly rng: Rng,
  ) {}

  pre(world: { tick: number; ticksPerYear: number; ledger: { usdIn(a: number): void; burn(a: number): void } }): void {
    const p = this.params();
    this.usdThisTick = this.burnedThisTick = this.revenueThisTick = 0;
    if (!(p.demandUsdPerTick > 0)) return;
    let usd = serviceDemandUsd(p, world.tick, world.ticksPerYear);
    if (p.noise > 0) usd *= Math.exp(this.rng.normal(-(p.noise * p.noise) / 2, p.noise));
    if (!(usd > 0)) return;
    world.ledger.usdIn(usd);
    const revenue = usd * p.revenueShare;
    this.treasury.receiveUsd(revenue, 'service');
    const tokens = this.pool.buy(usd - revenue);
    if (tokens > 0) world.ledger.burn(tokens);
    this.usdThisTick = usd;
    this.revenueThisTick = revenue;
    this.burnedThisTick = tokens;
  }
}

import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import { last, meanAfterGenesis, total } from '../metrics/series';
import { nodeRewards } from './nodeRewards';
import type { Rng } from '../core/rng';

/** Parameters of a DePIN service market: demand in service units per tick, price in USD per unit. */
export const serviceMarketParamsSchema = z
  .object({
    /** `logistic` (S-curve with growth rate r) or `bass` (innovation p, imitation q). */
    adoption: z.enum(['logistic', 'bass']),
    /** Demand at tick 0, in service units per tick. */
    initialDemand: z.number().min(0),
    /** Demand at saturation M, in service units per tick (≥ initialDemand). */
    marketSize: z.number().min(0),
    /** Logistic growth rate r, per year. */
    growthPerYear: z.number().min(0),
    /** Bass coefficient of innovation p, per year. */
    bassP: z.number().min(0),
    /** Bass coefficient of imitation q, per year. */
    bassQ: z.number().min(0),
    /** Standard deviation of the log demand shock, per tick (0: no shocks). */
    shockSd: z.number().min(0),
    /** AR(1) persistence φ of the log demand shock, in [0, 1). */
    shockPersistence: z.number().min(0).lt(1),
    /** Price customers pay per service unit served, in USD. */
    priceUsdPerUnit: z.number().min(0),
  })
  .strict()
  .refine((p) => p.marketSize >= p.initialDemand, { message: 'marketSize must be at least initialDemand', path: ['marketSize'] })
  .refine((p) => p.adoption !== 'bass' || p.bassP > 0 || p.initialDemand === p.marketSize, { message: 'bass adoption needs bassP > 0', path: ['bassP'] });
export type ServiceMarketParams = z.infer<typeof serviceMarketParamsSchema>;

/**
 * Returns the adoption-curve demand at time `years`, in service units per
 * tick, before shocks. With D0 = initialDemand and M = marketSize:
 * - logistic: D(t) = M / (1 + ((M − D0) / D0) · e^(−r t))  (D0 = 0 stays 0)
 * - bass:     D(t) = D0 + (M − D0) · F(t),
 *             F(t) = (1 − e^(−(p+q) t)) / (1 + (q/p) · e^(−(p+q) t)),
 *   the Bass (1969) cumulative adoption share of the not-yet-adopted market.
 */
export function adoptionDemand(p: ServiceMarketParams, years: number): number {
  const d0 = p.initialDemand;
  const m = p.marketSize;
  if (m === d0) return m;
  if (p.adoption === 'logistic') {
    if (d0 === 0) return 0;
    return m / (1 + ((m - d0) / d0) * Math.exp(-p.growthPerYear * years));
  }
  const s = p.bassP + p.bassQ;
  const e = Math.exp(-s * years);
  const f = (1 - e) / (1 + (p.bassQ / p.bassP) * e);
  return d0 + (m - d0) * f;
}

/** Returns served work = min(demand, capacity), in service units (never negative). */
export function servedUnits(demand: number, capacity: number): number {
  const s = demand < capacity ? demand : capacity;
  return s > 0 ? s : 0;
}

/**
 * A DePIN service market (phase `exogenous` sets demand; the model calls
 * `serve` once capacity is known). Demand each tick is the adoption curve
 * times a mean-one lognormal shock: D_t = D(t) · exp(x_t − σ²/(2(1−φ²))),
 * x_t = φ x_{t−1} + σ ε_t, ε_t ~ N(0, 1), from the market's own random stream.
 * Served = min(demand, capacity), utilisation = served / capacity (0 with no
 * capacity), revenue = served × price (USD).
 */
export class ServiceMarket {
  readonly name = 'serviceMarket';
  /** Demand this tick, in service units. */
  demand = 0;
  /** Capacity online this tick, in service units. */
  capacity = 0;
  /** Work served this tick, in service units. */
  served = 0;
  /** What customers pay this tick, in USD. */
  revenueUsd = 0;
  private shock = 0;
  private readonly scales: ((tick: number) => number)[] = [];

  constructor(
    private readonly params: () => ServiceMarketParams,
    private readonly rng: Rng,
  ) {
    this.demand = adoptionDemand(params(), 0);
  }

  /** Returns served / capacity this tick, in [0, 1]. */
  get utilisation(): number {
    return this.capacity > 0 ? this.served / this.capacity : 0;
  }

  /** Multiplies every later tick's demand by `scale(tick)` (dimensionless, ≥ 0); returns nothing. */
  addDemandScale(scale: (tick: number) => number): void {
    this.scales.push(scale);
  }

  /** Draws this tick's demand from the adoption curve and the shock, then applies the demand scales. */
  exogenous(world: { tick: number; ticksPerYear: number }): void {
    const p = this.params();
    const base = adoptionDemand(p, world.tick / world.ticksPerYear);
    if (p.shockSd > 0) {
      const phi = p.shockPersistence;
      this.shock = phi * this.shock + p.shockSd * this.rng.normal();
      // Stationary variance σ²/(1−φ²): subtracting half of it keeps the shock's mean at one.
      this.demand = base * Math.exp(this.shock - (p.shockSd * p.shockSd) / (2 * (1 - phi * phi)));
    } else {
      this.demand = base;
    }
    for (let k = 0; k < this.scales.length; k++) this.demand *= this.scales[k](world.tick);
  }

  /** Serves this tick's demand with `capacity` units; returns the served units. */
  serve(capacity: number): number {
    this.capacity = capacity > 0 ? capacity : 0;
    this.served = servedUnits(this.demand, this.capacity);
    this.revenueUsd = this.served * this.params().priceUsdPerUnit;
    return this.served;
  }
}

/** The hardware of one node unit of a service: what an operator buys, runs and powers. */
export interface NodeProfile {
  /** Capacity of one hardware unit, in service units per tick. */
  capacityPerUnit: number;
  /** Price of one hardware unit, in USD. */
  hardwareUsd: number;
  /** Non-energy operating cost (bandwidth, hosting, upkeep), in USD per tick per unit. */
  opexUsdPerTick: number;
  /** Electricity of one unit at full load, in kWh per tick. */
  energyKwhPerTick: number;
  /** Power drawn when idle, as a share of full-load power. */
  idleShare: number;
}

/** A service preset: its market and the node hardware that serves it (daily ticks). */
export interface ServicePreset {
  readonly unit: string;
  readonly market: ServiceMarketParams;
  readonly node: NodeProfile;
}

/**
 * Presets for three DePIN services, for daily ticks. Figures are public
 * list prices and datasheet values rounded to two significant figures; they
 * set orders of magnitude for a study, not a forecast.
 */
export const servicePresets: Record<'gpuInference' | 'storage' | 'wireless', ServicePreset> = {
  /**
   * LLM inference on community GPUs; unit = one GPU-hour.
   * - Price $0.40/GPU-hour: consumer RTX 4090 rentals on decentralised GPU
   *   marketplaces list about $0.3–0.5/hour (Vast.ai and io.net public price
   *   pages, 2024).
   * - Node: one RTX 4090 (450 W board power, NVIDIA RTX 4090 specifications)
   *   plus a ~150 W host: 0.6 kW × 24 h = 14.4 kWh/day at full load; idle
   *   about 20% of that. Hardware $2,500 (GPU launch price $1,599 plus host).
   *   Capacity 24 GPU-hours/day.
   * - Adoption: logistic, r = 1.0/year (an assumption: fast AI adoption, no
   *   public DePIN series long enough to fit).
   */
  gpuInference: {
    unit: 'GPU-hour',
    market: {
      adoption: 'logistic',
      initialDemand: 1_500,
      marketSize: 20_000,
      growthPerYear: 1.0,
      bassP: 0.03,
      bassQ: 0.38,
      shockSd: 0.05,
      shockPersistence: 0.8,
      priceUsdPerUnit: 0.4,
    },
    node: { capacityPerUnit: 24, hardwareUsd: 2_500, opexUsdPerTick: 1.0, energyKwhPerTick: 14.4, idleShare: 0.2 },
  },
  /**
   * Decentralised object storage; unit = one TB stored for one day.
   * - Price $4/TB-month (Storj public pricing, 2024) = $0.133/TB-day.
   * - Node: a 10 TB disk box drawing about 40 W (3.5" HDDs draw 5–9 W each
   *   operating, Seagate Exos datasheets; plus a low-power host) = 0.96
   *   kWh/day; disks spin whether full or not, so idle is 70%. Hardware $600.
   * - Adoption: Bass, p = 0.03, q = 0.38 per year, the mean coefficients of
   *   the meta-analysis of Sultan, Farley & Lehmann (1990, J. Marketing Research).
   */
  storage: {
    unit: 'TB-day',
    market: {
      adoption: 'bass',
      initialDemand: 2_000,
      marketSize: 50_000,
      growthPerYear: 0.5,
      bassP: 0.03,
      bassQ: 0.38,
      shockSd: 0.02,
      shockPersistence: 0.9,
      priceUsdPerUnit: 4 / 30,
    },
    node: { capacityPerUnit: 10, hardwareUsd: 600, opexUsdPerTick: 0.1, energyKwhPerTick: 0.96, idleShare: 0.7 },
  },
  /**
   * Community wireless (5G/Wi-Fi offload); unit = one GB carried.
   * - Price $0.50/GB: the order of wholesale mobile data prices paid for
   *   carrier offload (an assumption; adjust to the network studied).
   *   Helium's Data Credits are pegged at $0.00001 each (Helium docs), so the
   *   burn is priced in USD as here.
   * - Node: an indoor small cell / hotspot drawing about 20 W = 0.48
   *   kWh/day, idle 80% (radios stay on). Hardware $500. Capacity 50 GB/day.
   * - Adoption: Bass, p = 0.03, q = 0.38 per year (Sultan, Farley & Lehmann 1990).
   */
  wireless: {
    unit: 'GB',
    market: {
      adoption: 'bass',
      initialDemand: 1_000,
      marketSize: 40_000,
      growthPerYear: 0.5,
      bassP: 0.03,
      bassQ: 0.38,
      shockSd: 0.08,
      shockPersistence: 0.5,
      priceUsdPerUnit: 0.5,
    },
    node: { capacityPerUnit: 50, hardwareUsd: 500, opexUsdPerTick: 0.15, energyKwhPerTick: 0.48, idleShare: 0.8 },
  },
};

/**
 * The DePIN service-market block (`ServiceMarket`): demand drawn in phase
 * `exogenous` from the block's own stream, served in `pre` with the
 * capacity of the nodes up this tick.
 */
export const service = defineBlock({
  key: 'service',
  kind: 'market',
  description: 'DePIN service market: logistic or Bass adoption with AR(1) lognormal shocks; served = min(demand, up capacity)',
  sources: ['Bass (1969), Management Science 15(5); Sultan, Farley & Lehmann (1990), J. Marketing Research'],
  params: { schema: serviceMarketParamsSchema, defaults: servicePresets.gpuInference.market },
  needs: { nodeRewards },
  metrics: {
    demand: { unit: 'service units/tick', description: 'demand for the service this tick' },
    served: { unit: 'service units/tick', description: 'work served this tick, min(demand, up capacity)' },
    utilisation: { unit: 'share', description: 'served / up capacity' },
    revenue_usd: { unit: 'USD', kind: 'flow', description: "customers' spend since the previous row (served × price)" },
  },
  kpis: {
    served_share: { unit: 'share', description: 'Σ served / Σ demand over the recorded rows after genesis' },
    mean_utilisation: { unit: 'share', description: 'mean utilisation after genesis' },
    final_capacity_to_demand: { unit: 'ratio', description: 'capacity online / demand at the last tick' },
    total_revenue_usd: { unit: 'USD', description: "customers' spend over the run" },
    final_demand: { unit: 'service units/tick', description: 'demand at the last tick' },
  },
  build(ctx) {
    const m = new ServiceMarket(ctx.params, ctx.rng);
    const nodes = ctx.deps.nodeRewards;
    return {
      api: m,
      hooks: { exogenous: (w) => m.exogenous(w), pre: () => m.serve(nodes.upCapacity) },
      metrics: { demand: () => m.demand, served: () => m.served, utilisation: () => m.utilisation, revenue_usd: () => m.revenueUsd },
      summary: ({ series }) => {
        const served = total(series, 'served');
        const demand = total(series, 'demand');
        const cap = series.capacity ? last(series, 'capacity') : m.capacity;
        const finalDemand = last(series, 'demand');
        return {
          served_share: demand > 0 ? served / demand : 0,
          mean_utilisation: meanAfterGenesis(series, 'utilisation'),
          final_capacity_to_demand: finalDemand > 0 ? cap / finalDemand : 0,
          total_revenue_usd: total(series, 'revenue_usd'),
          final_demand: last(series, 'demand'),
        };
      },
    };
  },
});

import { z } from '../src/core/zod';
import { defineBlock } from '../src/core/block';
import { distributionSchema } from '../src/core/distributions';
import { addEndowed, drawTrait } from '../src/core/genesis';
import type { Ledger } from '../src/core/ledger';
import type { Population } from '../src/core/population';
import type { Rng } from '../src/core/rng';
import type { Route } from '../src/core/route';
import type { AgentClass, AnyWorld } from '../src/core/world';
import { marketPort } from '../src/market/amm';
import type { ConstantProductPool } from '../src/market/constantProductPool';
import { buyTokens, sellForUsd, sellTokens } from '../src/market/trade';
import { last, meanAfterGenesis, total } from '../src/metrics/series';
import { storage, storageColumns, type StorageNetwork } from '../src/mechanisms/storageNetwork';
import { maxPaybackYears, paybackYears } from './nodeOperators';

/** Parameters of the storage providers class. */
export const storageProvidersParamsSchema = z
  .object({
    /** Potential providers (storing or not). */
    candidates: z.number().int().min(0),
    /** Providers storing at the start (the first ones). */
    initialProviders: z.number().int().min(0),
    /** Storage of each initial provider, in TiB (its pledge minted with it at genesis). */
    initialTiB: distributionSchema,
    /** TiB added or removed in one decision. */
    stepTiB: distributionSchema,
    /** Most TiB one provider stores. */
    maxTiB: distributionSchema,
    initialTokens: distributionSchema,
    initialUsd: distributionSchema,
    /** Hardware (disks, servers, sealing) per TiB, in USD, paid when storage is added. */
    hardwareUsdPerTiB: distributionSchema,
    /** Years over which hardware is depreciated in the books. */
    amortisationYears: z.number().positive().max(100),
    /** Cash cost of storing one TiB for a year (power, bandwidth, space, upkeep), in USD. */
    costUsdPerTiBYear: distributionSchema,
    /** Annual return on hardware and pledge, after depreciation, a provider requires to add storage. */
    hurdle: distributionSchema,
    /** Consecutive ticks of a negative expected cash margin after which a provider terminates a step. */
    patienceTicks: distributionSchema,
    /** Probability per tick that a provider considers adding a step, in [0, 1]. */
    considerProbability: z.number().min(0).max(1),
    /** Share of each tick's block reward sold once costs are paid, in [0, 1]. */
    sellRewardsShare: z.number().min(0).max(1),
  })
  .strict()
  .refine((p) => p.initialProviders <= p.candidates, { message: 'initialProviders must not exceed candidates', path: ['initialProviders'] });
export type StorageProvidersParams = z.infer<typeof storageProvidersParamsSchema>;

/** The storage providers' columns: the network's and their own. */
export const storageProvidersSchema = {
  ...storageColumns,
  stepTiB: 'f64',
  maxTiB: 'f64',
  hardwareUsdPerTiB: 'f64',
  costUsdPerTiBYear: 'f64',
  hurdle: 'f64',
  patience: 'f64',
  lossTicks: 'i32',
  /** Book value of the provider's hardware (cost less straight-line depreciation), in USD. */
  bookValueUsd: 'f64',
} as const;

/**
 * Storage providers. Provider i stores `storedTiB` with hardware bought at
 * `hardwareUsdPerTiB` (USD leaves the model at once; the books depreciate
 * it over `amortisationYears`) and a cash cost c_i = `costUsdPerTiBYear`
 * per TiB-year. Each tick a storing provider pays its cash cost (selling
 * tokens when short of USD; a provider that still cannot pay terminates
 * everything), sells `sellRewardsShare` of its block reward, and decides on
 * the forward margin per TiB
 *   m = r · P + d − c_i / ticksPerYear,
 * r and d the next tick's block reward (tokens) and deal pay (USD) per TiB
 * (`StorageNetwork.incomePerTiB`), P the token price. Entry and exit differ
 * (hysteresis, as `nodeOperators`): with probability `considerProbability`
 * it adds a step s when, at the power the step would bring, the capital
 * tied up — hardware s · h_i plus pledge · P — pays back within its hurdle,
 * capital / (m · s · ticksPerYear) < 1 / (hurdle + 1/amortisationYears),
 * and it can pay the hardware and buy the pledge it lacks; it terminates a
 * step after `patience` consecutive ticks with m < 0.
 */
export class StorageProviders implements AgentClass {
  readonly name: string;
  /** Providers storing anything. */
  storing = 0;
  /** Cash costs paid this tick, in USD; TiB added, terminated, and providers forced out this tick. */
  costsUsd = 0;
  onboardedTiB = 0;
  terminatedTiB = 0;
  forcedExits = 0;
  /** All-in cost (cash + depreciation) per TiB-year, and realised margin per TiB-year, at the end of the tick, in USD. */
  costUsdPerTiBYear = 0;
  marginUsdPerTiBYear = 0;
  private readonly costs: Route;
  private readonly hardware: Route;

  constructor(
    readonly population: Population<typeof storageProvidersSchema>,
    private readonly params: () => StorageProvidersParams,
    private readonly net: StorageNetwork,
    private readonly pool: ConstantProductPool,
    private readonly rng: Rng,
    ledger: Ledger,
  ) {
    this.name = population.name;
    const usd = ledger.pocket(population.account!, population, 'usd', 'usd');
    this.costs = ledger.route(usd, 'outside', 'operating costs', 'usd');
    this.hardware = ledger.route(usd, 'outside', 'hardware', 'usd');
    net.attach(population);
  }

  /** Creates the candidates with their traits and balances; the first `initialProviders` store `initialTiB`, its pledge minted. */
  init(world: AnyWorld, rng: Rng): void {
    const p = this.params();
    const pop = this.population;
    const [first, end] = addEndowed(world.ledger, pop, p.candidates, p.initialTokens, p.initialUsd, rng);
    const c = pop.cols;
    drawTrait(c.stepTiB, first, end, p.stepTiB, rng);
    drawTrait(c.maxTiB, first, end, p.maxTiB, rng);
    drawTrait(c.hardwareUsdPerTiB, first, end, p.hardwareUsdPerTiB, rng);
    drawTrait(c.costUsdPerTiBYear, first, end, p.costUsdPerTiBYear, rng);
    drawTrait(c.hurdle, first, end, p.hurdle, rng);
    drawTrait(c.patience, first, end, p.patienceTicks, rng);
    const initial = new Float64Array(end - first);
    drawTrait(initial, 0, initial.length, p.initialTiB, rng);
    for (let i = first; i < end; i++) {
      c.stepTiB[i] = Math.max(0, c.stepTiB[i]);
      c.maxTiB[i] = Math.max(0, c.maxTiB[i]);
      c.hardwareUsdPerTiB[i] = Math.max(0, c.hardwareUsdPerTiB[i]);
      c.costUsdPerTiBYear[i] = Math.max(0, c.costUsdPerTiBYear[i]);
      if (i - first >= p.initialProviders) continue;
      const tib = Math.min(c.maxTiB[i], Math.max(0, initial[i - first]));
      if (!(tib > 0)) continue;
      // The hardware was owned and the pledge posted before the model starts.
      this.net.onboard(i, tib, this.net.pledgeFor(tib), true);
      c.bookValueUsd[i] = tib * c.hardwareUsdPerTiB[i];
    }
    this.observe(world);
  }

  act(world: AnyWorld, order: Int32Array | null, count: number): void {
    const p = this.params();
    const pop = this.population;
    const tpy = world.ticksPerYear;
    const maxPayback = (h: number) => maxPaybackYears(h, p.amortisationYears);
    this.costsUsd = 0;
    this.onboardedTiB = 0;
    this.terminatedTiB = 0;
    this.forcedExits = 0;
    for (let k = 0; k < count; k++) {
      const i = order === null ? k : order[k];
      const c = pop.cols;
      if (c.active[i] === 0) continue;
      const stored = c.storedTiB[i];
      if (stored > 0) {
        const cost = (stored * c.costUsdPerTiBYear[i]) / tpy;
        if (c.usd[i] < cost) sellForUsd(this.pool, pop, i, cost - c.usd[i]);
        const paid = c.usd[i] < cost ? c.usd[i] : cost;
        if (paid > 0) this.costs.take(i, paid);
        this.costsUsd += paid;
        // Depreciation is booked, not paid: the hardware's cash left when it was bought.
        c.bookValueUsd[i] -= Math.min(c.bookValueUsd[i], (stored * c.hardwareUsdPerTiB[i]) / (p.amortisationYears * tpy));
        if (paid < cost * (1 - 1e-12)) {
          this.terminate(i, stored);
          c.lossTicks[i] = 0;
          this.forcedExits++;
          continue;
        }
        if (p.sellRewardsShare > 0 && c.blockReward[i] > 0) sellTokens(this.pool, pop, i, c.blockReward[i] * p.sellRewardsShare);
        if (this.marginPerTiB(i, 0, tpy) < 0) c.lossTicks[i]++;
        else c.lossTicks[i] = 0;
        if (c.lossTicks[i] >= c.patience[i]) {
          this.terminate(i, Math.min(stored, c.stepTiB[i] > 0 ? c.stepTiB[i] : stored));
          c.lossTicks[i] = 0;
          continue;
        }
      }
      if (this.rng.next() < p.considerProbability) this.consider(i, tpy, maxPayback);
    }
    this.observe(world);
  }

  /** Returns provider i's expected margin per TiB next tick with `extraTiB` more network power, in USD: r · P + d − c_i / ticksPerYear. */
  private marginPerTiB(i: number, extraTiB: number, tpy: number): number {
    const inc = this.net.incomePerTiB(extraTiB);
    return inc.tokens * this.pool.price + inc.usd - this.population.cols.costUsdPerTiBYear[i] / tpy;
  }

  /** Provider i adds a step when it pays back within its hurdle and it can pay the hardware and buy the pledge it lacks. */
  private consider(i: number, tpy: number, maxPayback: (h: number) => number): void {
    const pop = this.population;
    const c = pop.cols;
    const s = Math.min(c.stepTiB[i], c.maxTiB[i] - c.storedTiB[i]);
    if (!(s > 0)) return;
    const price = this.pool.price;
    const pledge = this.net.pledgeFor(s);
    const hardware = s * c.hardwareUsdPerTiB[i];
    const capital = hardware + pledge * price;
    if (!(paybackYears(capital, this.marginPerTiB(i, s, tpy) * s, tpy) < maxPayback(c.hurdle[i]))) return;
    const short = pledge - c.tokens[i];
    if (short > 0) {
      const budget = c.usd[i] - hardware;
      if (budget > 0) buyTokens(this.pool, pop, i, Math.min(budget, short * price * 1.05));
      if (c.tokens[i] < pledge * (1 - 1e-9)) return;
    }
    if (c.usd[i] < hardware) return;
    if (hardware > 0) this.hardware.take(i, hardware);
    this.net.onboard(i, s, pledge < c.tokens[i] ? pledge : c.tokens[i], false);
    c.bookValueUsd[i] += hardware;
    this.onboardedTiB += s;
  }

  /** Provider i terminates `tib` TiB; the hardware's book value goes with it (no resale). */
  private terminate(i: number, tib: number): void {
    const c = this.population.cols;
    const stored = c.storedTiB[i];
    if (!(stored > 0)) return;
    const cut = tib < stored ? tib : stored;
    c.bookValueUsd[i] = cut === stored ? 0 : c.bookValueUsd[i] * (1 - cut / stored);
    this.net.terminate(i, cut);
    this.terminatedTiB += cut;
  }

  /** Updates the providers' aggregates: storing count, all-in cost and realised margin per TiB-year. */
  private observe(world: AnyWorld): void {
    const p = this.params();
    const c = this.population.cols;
    const tpy = world.ticksPerYear;
    const price = this.pool.price;
    let storing = 0;
    let tib = 0;
    let cost = 0;
    let income = 0;
    for (let i = 0; i < this.population.size; i++) {
      const s = c.storedTiB[i];
      if (!(s > 0)) continue;
      storing++;
      tib += s;
      cost += s * (c.costUsdPerTiBYear[i] + c.hardwareUsdPerTiB[i] / p.amortisationYears);
      income += (c.blockReward[i] * price + c.dealUsd[i]) * tpy;
    }
    this.storing = storing;
    this.costUsdPerTiBYear = tib > 0 ? cost / tib : 0;
    this.marginUsdPerTiBYear = tib > 0 ? (income - cost) / tib : 0;
  }
}

/**
 * Default providers: 200 candidates (40 storing 50–500 TiB), hardware
 * $10–20 per TiB, cash cost $4–12 per TiB-year. These are assumptions of
 * the order of bulk hard-disk prices and their power and hosting, not a
 * calibration: sealing hardware and bandwidth can cost far more.
 */
export const storageProvidersDefaults: StorageProvidersParams = {
  candidates: 200,
  initialProviders: 40,
  initialTiB: { dist: 'uniform', min: 50, max: 500 },
  stepTiB: { dist: 'uniform', min: 20, max: 100 },
  maxTiB: { dist: 'uniform', min: 200, max: 2000 },
  initialTokens: { dist: 'constant', value: 0 },
  initialUsd: { dist: 'uniform', min: 2000, max: 20000 },
  hardwareUsdPerTiB: { dist: 'uniform', min: 10, max: 20 },
  amortisationYears: 4,
  costUsdPerTiBYear: { dist: 'uniform', min: 4, max: 12 },
  hurdle: { dist: 'uniform', min: 0.05, max: 0.4 },
  patienceTicks: { dist: 'uniform', min: 14, max: 60 },
  considerProbability: 0.05,
  sellRewardsShare: 0.5,
};

/** The storage-providers agent block: the providers the storage network pays, charges and locks. */
export const storageProviders = defineBlock({
  key: 'storageProviders',
  kind: 'agents',
  description: 'storage providers: add storage by payback of hardware and pledge against a hurdle, terminate on a negative forward margin (hysteresis)',
  sources: [
    'entry and exit with sunk costs: Dixit (1989), "Entry and exit decisions under uncertainty", J. Political Economy 97',
  ],
  params: { schema: storageProvidersParamsSchema, defaults: storageProvidersDefaults },
  needs: { storage, market: marketPort },
  population: { schema: storageProvidersSchema, count: (p) => p.candidates },
  metrics: {
    storage_providers: { unit: 'providers', description: 'providers storing anything' },
    provider_costs_usd: { unit: 'USD', kind: 'flow', description: "providers' cash costs paid since the previous row" },
    cost_per_tib_year_usd: { unit: 'USD/TiB-year', description: 'all-in cost of storage: cash cost + hardware depreciation, weighted by TiB' },
    provider_margin_usd_per_tib_year: { unit: 'USD/TiB-year', description: 'this tick\'s block reward at the price + deal pay − all-in cost, per TiB-year' },
    onboarded_tib: { unit: 'TiB', kind: 'flow', description: 'storage added since the previous row' },
    terminated_tib: { unit: 'TiB', kind: 'flow', description: 'storage terminated since the previous row' },
    provider_forced_exits: { unit: 'providers', kind: 'flow', description: 'providers that could not pay their costs and terminated everything' },
  },
  kpis: {
    final_storage_providers: { unit: 'providers', description: 'providers storing at the last tick' },
    mean_provider_margin_usd_per_tib_year: { unit: 'USD/TiB-year', description: 'mean realised margin per TiB-year after genesis' },
    final_cost_per_tib_year_usd: { unit: 'USD/TiB-year', description: 'all-in cost per TiB-year at the last tick' },
    total_onboarded_tib: { unit: 'TiB', description: 'storage added over the run' },
    total_terminated_tib: { unit: 'TiB', description: 'storage terminated over the run' },
    total_provider_forced_exits: { unit: 'providers', description: 'forced exits over the run' },
  },
  build(ctx) {
    const { pop } = ctx.population(storageProvidersSchema);
    const cls = new StorageProviders(pop, ctx.params, ctx.deps.storage, ctx.deps.market, ctx.rng, ctx.ledger);
    return {
      api: cls,
      agents: cls,
      genesis: (w) => cls.init(w, ctx.rng.fork('genesis')),
      metrics: {
        storage_providers: () => cls.storing,
        provider_costs_usd: () => cls.costsUsd,
        cost_per_tib_year_usd: () => cls.costUsdPerTiBYear,
        provider_margin_usd_per_tib_year: () => cls.marginUsdPerTiBYear,
        onboarded_tib: () => cls.onboardedTiB,
        terminated_tib: () => cls.terminatedTiB,
        provider_forced_exits: () => cls.forcedExits,
      },
      summary: ({ series }) => ({
        final_storage_providers: last(series, 'storage_providers'),
        mean_provider_margin_usd_per_tib_year: meanAfterGenesis(series, 'provider_margin_usd_per_tib_year'),
        final_cost_per_tib_year_usd: last(series, 'cost_per_tib_year_usd'),
        total_onboarded_tib: total(series, 'onboarded_tib'),
        total_terminated_tib: total(series, 'terminated_tib'),
        total_provider_forced_exits: total(series, 'provider_forced_exits'),
      }),
    };
  },
});

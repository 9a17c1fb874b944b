import { z } from '../core/zod';
import type { Account } from '../core/account';
import { defineBlock } from '../core/block';
import type { Ledger } from '../core/ledger';
import type { Population } from '../core/population';
import type { Rng } from '../core/rng';
import type { Route } from '../core/route';
import type { AnyWorld } from '../core/world';
import { EPOCHS_IN_YEAR } from '../exact/filecoinReward';
import { last, total } from '../metrics/series';
import { faultySectors } from './sectorFaults';
import { ServiceMarket, type ServiceMarketParams } from './serviceMarket';
import { FILECOIN_BASELINE_INITIAL_TIB, StorageMinting, type TickMint } from './storageMinting';
import { faultFee, filecoinPledge, initialPledge, storagePledgeParamsSchema, terminationFee, type PledgeState } from './storagePledge';

/** Epochs in a day (30-second epochs). */
export const EPOCHS_IN_DAY = 2880;

/** Clients' demand for storage deals: an adoption curve of TiB under deal, at a price per TiB-year. */
export const storageDealsSchema = z
  .object({
    /** `logistic` (S-curve with growth rate r) or `bass` (innovation p, imitation q). */
    adoption: z.enum(['logistic', 'bass']),
    /** Demand at tick 0, in TiB under deal. */
    initialTiB: z.number().min(0),
    /** Demand at saturation, in TiB under deal (≥ initialTiB). */
    marketSizeTiB: z.number().min(0),
    /** Logistic growth rate r, per year. */
    growthPerYear: z.number().min(0),
    /** Bass coefficients of innovation p and imitation q, per year. */
    bassP: z.number().min(0),
    bassQ: z.number().min(0),
    /** Standard deviation and AR(1) persistence of the log demand shock, per tick. */
    shockSd: z.number().min(0),
    shockPersistence: z.number().min(0).lt(1),
    /** What clients pay per TiB stored for a year, in USD. */
    priceUsdPerTiBYear: z.number().min(0),
  })
  .strict()
  .refine((p) => p.marketSizeTiB >= p.initialTiB, { message: 'marketSizeTiB must be at least initialTiB', path: ['marketSizeTiB'] })
  .refine((p) => p.adoption !== 'bass' || p.bassP > 0 || p.initialTiB === p.marketSizeTiB, { message: 'bass adoption needs bassP > 0', path: ['bassP'] });
export type StorageDeals = z.infer<typeof storageDealsSchema>;

/** Parameters of the storage network. */
export const storageNetworkParamsSchema = z
  .object({
    /** Epochs in one tick (2880: a day of 30-second epochs); × ticksPerYear must be 1,051,200. */
    epochsPerTick: z.number().int().min(1).max(EPOCHS_IN_YEAR),
    /** Simple minting total S, in tokens (Filecoin: 330M). */
    simpleTotal: z.number().min(0),
    /** Baseline minting total B, in tokens (Filecoin: 770M). */
    baselineTotal: z.number().min(0),
    /** Baseline power at epoch 0, in TiB (Filecoin ≈ 2.5 EiB); doubles each year. */
    baselineInitialTiB: z.number().positive(),
    /** Size of one sector, in TiB (32 GiB = 1/32). */
    sectorTiB: z.number().positive().max(1),
    /** Probability that a sector is faulty in a tick, in [0, 1]. */
    faultRatePerSectorPerTick: z.number().min(0).max(1),
    pledge: storagePledgeParamsSchema,
    deals: storageDealsSchema,
  })
  .strict();
export type StorageNetworkParams = z.infer<typeof storageNetworkParamsSchema>;

/** Columns a storage provider population keeps for the network; spread them into the class's schema. */
export const storageColumns = {
  /** Storage committed, in TiB. */
  storedTiB: 'f64',
  /** Tokens locked as initial pledge (a pocket of the network's pledge account). */
  pledged: 'f64',
  /** Storage faulty this tick, in TiB. */
  faultyTiB: 'f64',
  /** Block reward received this tick, in tokens. */
  blockReward: 'f64',
  /** Deal payments received this tick, in USD. */
  dealUsd: 'f64',
} as const;

/** A population of storage providers. */
export type StoragePopulation = Population<typeof storageColumns & { tokens: 'f64'; usd: 'f64'; active: 'u8' }>;

/** The routes a provider's tokens and USD move along. */
interface ProviderRoutes {
  reward: Route;
  deal: Route;
  pledge: Route;
  unpledge: Route;
  genesisPledge: Route;
  faultFromTokens: Route;
  faultFromPledge: Route;
  termination: Route;
}

/**
 * A storage network in the Filecoin manner (phase `pre`). Each tick of E
 * epochs, with n_i sectors of provider i (stored TiB / sector size):
 * 1. faults: k_i ~ Binomial(n_i, q) sectors are faulty; each
 *    faulty TiB earns nothing this tick and pays the fault fee
 *    BR(TiB, 3.51 days) per day, burned from the provider's tokens, then
 *    from its pledge when short;
 * 2. minting: `StorageMinting` mints simple + baseline reward for the
 *    active power N − F, paid to providers pro rata to active TiB;
 * 3. deals: clients' demand D (TiB, an adoption curve with shocks) fills
 *    min(D, N − F) TiB; clients pay served · price · E / 1,051,200 USD,
 *    split pro rata to active TiB.
 * Onboarding s TiB locks its initial pledge (`initialPledge` at this
 * tick's state) out of the provider's tokens; terminating returns the
 * sectors' share of pledge less the termination fee, which is burned.
 * Block rewards are paid at once (Filecoin vests 75% over 180 days), and
 * every TiB is quality 1 (no verified-deal multiplier).
 */
export class StorageNetwork {
  readonly minting: StorageMinting;
  readonly deals: ServiceMarket;
  /** Network power (committed storage), in TiB. */
  networkTiB = 0;
  /** Faulty this tick, in TiB. */
  faultyTiB = 0;
  /** Minted this tick, in tokens. */
  lastMint: TickMint = { simple: 0, baseline: 0 };
  /** Fault and termination fees burned this tick, in tokens. */
  faultFees = 0;
  terminationFees = 0;
  /** Storage under deal this tick, in TiB, and what clients paid, in USD. */
  dealServedTiB = 0;
  dealRevenueUsd = 0;
  private pop: StoragePopulation | null = null;
  private routes: ProviderRoutes | null = null;
  private dealParams: ServiceMarketParams | null = null;
  private dealSource: StorageDeals | null = null;

  constructor(
    private readonly params: () => StorageNetworkParams,
    private readonly ledger: Ledger,
    private readonly pledgeAccount: Account,
    private readonly rng: Rng,
  ) {
    this.minting = new StorageMinting(params);
    this.deals = new ServiceMarket(() => this.dealMarket(), rng.fork('deals'));
  }

  /** Returns the deal demand as a service market's parameters (one service unit = one TiB under deal for a tick). */
  private dealMarket(): ServiceMarketParams {
    const p = this.params();
    if (this.dealSource !== p.deals || this.dealParams === null) {
      const d = p.deals;
      this.dealSource = d;
      this.dealParams = {
        adoption: d.adoption,
        initialDemand: d.initialTiB,
        marketSize: d.marketSizeTiB,
        growthPerYear: d.growthPerYear,
        bassP: d.bassP,
        bassQ: d.bassQ,
        shockSd: d.shockSd,
        shockPersistence: d.shockPersistence,
        priceUsdPerUnit: (d.priceUsdPerTiBYear * p.epochsPerTick) / EPOCHS_IN_YEAR,
      };
    }
    return this.dealParams;
  }

  /** Returns a tick's length, in days. */
  get tickDays(): number {
    return this.params().epochsPerTick / EPOCHS_IN_DAY;
  }

  /** Returns the tokens locked as pledge by all providers. */
  get pledgeLocked(): number {
    return this.pledgeAccount.tokens;
  }

  /** Registers the provider population whose `storageColumns` the network pays, charges and locks. */
  attach(pop: StoragePopulation): void {
    if (this.pop) throw new Error(`storage network already serves population ${this.pop.name}`);
    if (!pop.account) throw new Error(`population ${pop.name} has no ledger account`);
    const l = this.ledger;
    const tokens = l.pocket(pop.account, pop, 'tokens');
    const usd = l.pocket(pop.account, pop, 'usd', 'usd');
    const pledged = l.pocket(this.pledgeAccount, pop, 'pledged');
    this.pop = pop;
    this.routes = {
      reward: l.route('mint', tokens, 'block reward'),
      deal: l.route('outside', usd, 'storage deal', 'usd'),
      pledge: l.route(tokens, pledged, 'pledge'),
      unpledge: l.route(pledged, tokens, 'pledge returned'),
      genesisPledge: l.route('mint', pledged, 'genesis'),
      faultFromTokens: l.route(tokens, 'burn', 'fault fee'),
      faultFromPledge: l.route(pledged, 'burn', 'fault fee'),
      termination: l.route(pledged, 'burn', 'termination fee'),
    };
  }

  /** Returns the state pledges are priced at now, with `extraTiB` more power (a provider pricing its own onboarding). */
  pledgeState(extraTiB = 0): PledgeState {
    const p = this.params();
    const n = this.networkTiB + extraTiB;
    const mint = this.minting.project(p.epochsPerTick, n - this.faultyTiB);
    return {
      networkTiB: n,
      baselineTiB: this.minting.baselineTiB,
      rewardPerDay: (mint.simple + mint.baseline) / this.tickDays,
      circulating: this.ledger.circulating(),
    };
  }

  /** Returns the initial pledge for `tib` of new sectors now, in tokens. */
  pledgeFor(tib: number): number {
    return initialPledge(tib, this.pledgeState(), this.params().pledge);
  }

  /**
   * Returns what one more TiB would earn next tick if the network had
   * `extraTiB` more power: block reward in tokens and deal pay in USD, each per TiB.
   */
  incomePerTiB(extraTiB: number): { tokens: number; usd: number } {
    const p = this.params();
    const n = this.networkTiB - this.faultyTiB + extraTiB;
    if (!(n > 0)) return { tokens: 0, usd: 0 };
    const mint = this.minting.project(p.epochsPerTick, n);
    const served = this.deals.demand < n ? this.deals.demand : n;
    return { tokens: (mint.simple + mint.baseline) / n, usd: (served * this.dealMarket().priceUsdPerUnit) / n };
  }

  /** Provider i commits `tib` TiB, locking `pledge` tokens out of its balance (minted with it at genesis). */
  onboard(i: number, tib: number, pledge: number, genesis: boolean): void {
    const c = this.pop!.cols;
    const r = this.routes!;
    if (pledge > 0) {
      if (genesis) r.genesisPledge.pay(i, pledge);
      else r.pledge.within(i, pledge);
    }
    c.storedTiB[i] += tib;
    this.networkTiB += tib;
  }

  /** Provider i terminates `tib` TiB: their share of its pledge comes back less the termination fee (burned); returns the fee, in tokens. */
  terminate(i: number, tib: number): number {
    const c = this.pop!.cols;
    const r = this.routes!;
    const stored = c.storedTiB[i];
    const cut = tib < stored ? tib : stored;
    if (!(cut > 0)) return 0;
    const released = cut === stored ? c.pledged[i] : (c.pledged[i] * cut) / stored;
    const fee = terminationFee(released, this.params().pledge);
    if (fee > 0) r.termination.take(i, fee);
    if (released - fee > 0) r.unpledge.within(i, released - fee);
    c.storedTiB[i] = cut === stored ? 0 : stored - cut;
    this.networkTiB -= cut;
    if (this.networkTiB < 1e-9) this.networkTiB = 0;
    this.terminationFees += fee;
    return fee;
  }

  /** Phase `exogenous`: clients' demand for the tick, and the tick's counters reset. */
  exogenous(world: AnyWorld): void {
    this.deals.exogenous(world);
    this.terminationFees = 0;
  }

  /** Phase `pre`: faults and their fees, the tick's minting to active power, and deal payments. */
  pre(): void {
    const p = this.params();
    const pop = this.pop;
    const r = this.routes;
    this.faultFees = 0;
    this.faultyTiB = 0;
    this.dealServedTiB = 0;
    this.dealRevenueUsd = 0;
    if (!pop || !r) {
      this.minting.step(p.epochsPerTick, 0);
      this.lastMint = { simple: 0, baseline: 0 };
      return;
    }
    const c = pop.cols;
    const n = pop.size;
    // Fees are priced at the state before the faults, as the actor prices them from its smoothed estimates.
    const state = this.pledgeState();
    const tickDays = this.tickDays;
    let faulty = 0;
    for (let i = 0; i < n; i++) {
      c.blockReward[i] = 0;
      c.dealUsd[i] = 0;
      c.faultyTiB[i] = 0;
      const stored = c.storedTiB[i];
      if (!(stored > 0) || p.faultRatePerSectorPerTick === 0) continue;
      const sectors = Math.floor(stored / p.sectorTiB + 1e-9);
      const k = faultySectors(this.rng, sectors, p.faultRatePerSectorPerTick);
      if (k === 0) continue;
      const f = Math.min(stored, k * p.sectorTiB);
      c.faultyTiB[i] = f;
      faulty += f;
      const fee = faultFee(f, tickDays, state, p.pledge);
      const fromTokens = fee < c.tokens[i] ? fee : c.tokens[i];
      if (fromTokens > 0) r.faultFromTokens.take(i, fromTokens);
      const rest = Math.min(fee - fromTokens, c.pledged[i]);
      if (rest > 0) r.faultFromPledge.take(i, rest);
      this.faultFees += fromTokens + rest;
    }
    this.faultyTiB = faulty;
    const active = this.networkTiB - faulty;
    const mint = this.minting.step(p.epochsPerTick, active > 0 ? active : 0);
    // With no active power no block is won: the tick's simple reward is forgone, never minted.
    this.lastMint = active > 0 ? mint : { simple: 0, baseline: 0 };
    if (!(active > 0)) return;
    const reward = mint.simple + mint.baseline;
    const served = this.deals.demand < active ? this.deals.demand : active;
    this.deals.serve(active);
    const revenue = served * this.dealMarket().priceUsdPerUnit;
    this.dealServedTiB = served;
    this.dealRevenueUsd = revenue;
    for (let i = 0; i < n; i++) {
      const a = c.storedTiB[i] - c.faultyTiB[i];
      if (!(a > 0)) continue;
      const share = a / active;
      const tokens = reward * share;
      if (tokens > 0) r.reward.pay(i, tokens);
      c.blockReward[i] = tokens;
      const usd = revenue * share;
      if (usd > 0) r.deal.pay(i, usd);
      c.dealUsd[i] = usd;
    }
  }
}

/** Filecoin's minting and collateral, a day a tick; deals for 1 PiB growing to 100 PiB at $2.50/TiB-year. */
export const storageNetworkDefaults: StorageNetworkParams = {
  epochsPerTick: EPOCHS_IN_DAY,
  simpleTotal: 330e6,
  baselineTotal: 770e6,
  baselineInitialTiB: FILECOIN_BASELINE_INITIAL_TIB,
  sectorTiB: 1 / 32,
  faultRatePerSectorPerTick: 0.001,
  pledge: filecoinPledge,
  deals: {
    adoption: 'logistic',
    initialTiB: 1024,
    marketSizeTiB: 102_400,
    growthPerYear: 1,
    bassP: 0.03,
    bassQ: 0.38,
    shockSd: 0,
    shockPersistence: 0,
    priceUsdPerTiBYear: 2.5,
  },
};

/** The storage-network block: Filecoin-style minting, pledge, faults and deals, paid to the providers that attach. */
export const storage = defineBlock({
  key: 'storage',
  kind: 'mechanism',
  description: 'decentralised storage in the Filecoin manner: simple + baseline minting by power, initial pledge, fault and termination fees, client deals',
  sources: [
    'minting: filecoin-project/specs-actors actors/builtin/reward/reward_logic.go (computeReward, ComputeRTheta); builtin-actors actors/reward/src/logic.rs',
    'pledge: filecoin-project/builtin-actors actors/miner/src/monies.rs (initial_pledge_for_power, pledge_penalty_for_continued_fault); FIP-0081 (pledge floor), FIP-0098 (termination fee 8.5% of pledge)',
  ],
  params: { schema: storageNetworkParamsSchema, defaults: storageNetworkDefaults },
  columns: storageColumns,
  holders: { pledge: { circulating: false, description: "providers' initial pledge, locked" } },
  metrics: {
    network_power_tib: { unit: 'TiB', description: 'storage committed (network power)' },
    baseline_power_tib: { unit: 'TiB', description: 'baseline power, doubling each year' },
    power_to_baseline: { unit: 'ratio', description: 'network power / baseline power' },
    effective_network_time_days: { unit: 'days', description: 'effective network time θ the baseline minting has reached' },
    pledge_locked: { unit: 'tokens', description: 'initial pledge locked by providers (not circulating)' },
    pledge_per_tib: { unit: 'tokens/TiB', description: 'initial pledge of one new TiB at the end of the tick' },
    storage_minted: { unit: 'tokens', kind: 'flow', description: 'block reward minted (simple + baseline) since the previous row' },
    storage_minted_simple: { unit: 'tokens', kind: 'flow', description: 'of which simple minting' },
    storage_minted_baseline: { unit: 'tokens', kind: 'flow', description: 'of which baseline minting' },
    faulty_tib: { unit: 'TiB', description: 'storage faulty this tick' },
    fault_fees: { unit: 'tokens', kind: 'flow', description: 'fault fees burned since the previous row' },
    termination_fees: { unit: 'tokens', kind: 'flow', description: 'termination fees burned since the previous row' },
    deal_demand_tib: { unit: 'TiB', description: "clients' demand for storage deals" },
    deal_served_tib: { unit: 'TiB', description: 'storage under deal, min(demand, active power)' },
    deal_revenue_usd: { unit: 'USD', kind: 'flow', description: "clients' deal payments to providers since the previous row" },
  },
  kpis: {
    final_network_power_tib: { unit: 'TiB', description: 'network power at the last tick' },
    final_power_to_baseline: { unit: 'ratio', description: 'network power / baseline at the last tick' },
    final_pledge_locked: { unit: 'tokens', description: 'pledge locked at the last tick' },
    pledge_share_of_supply: { unit: 'share', description: 'pledge locked / token supply at the last tick' },
    total_storage_minted: { unit: 'tokens', description: 'block reward minted over the run' },
    baseline_minted_share: { unit: 'share', description: 'share of the block reward from baseline minting' },
    total_fault_fees: { unit: 'tokens', description: 'fault fees burned over the run' },
    total_termination_fees: { unit: 'tokens', description: 'termination fees burned over the run' },
    total_deal_revenue_usd: { unit: 'USD', description: 'deal payments over the run' },
    deal_served_share: { unit: 'share', description: 'Σ storage under deal / Σ demand after genesis' },
  },
  check(p, all) {
    const tpy = (all.ticksPerYear as number | undefined) ?? 365;
    if (p.epochsPerTick * tpy === EPOCHS_IN_YEAR) return [];
    return [{ path: 'epochsPerTick', message: `${p.epochsPerTick} epochs × ${tpy} ticks a year is not the 1,051,200 epochs of the minting year; expected ${EPOCHS_IN_YEAR / tpy}` }];
  },
  build(ctx) {
    const net = new StorageNetwork(ctx.params, ctx.ledger, ctx.account('pledge'), ctx.rng);
    const days = () => net.minting.theta / EPOCHS_IN_DAY;
    return {
      api: net,
      hooks: { exogenous: (w) => net.exogenous(w), pre: () => net.pre() },
      metrics: {
        network_power_tib: () => net.networkTiB,
        baseline_power_tib: () => net.minting.baselineTiB,
        power_to_baseline: () => net.networkTiB / net.minting.baselineTiB,
        effective_network_time_days: days,
        pledge_locked: () => net.pledgeLocked,
        pledge_per_tib: () => net.pledgeFor(1),
        storage_minted: () => net.lastMint.simple + net.lastMint.baseline,
        storage_minted_simple: () => net.lastMint.simple,
        storage_minted_baseline: () => net.lastMint.baseline,
        faulty_tib: () => net.faultyTiB,
        fault_fees: () => net.faultFees,
        termination_fees: () => net.terminationFees,
        deal_demand_tib: () => net.deals.demand,
        deal_served_tib: () => net.dealServedTiB,
        deal_revenue_usd: () => net.dealRevenueUsd,
      },
      summary: ({ series, world }) => {
        const minted = total(series, 'storage_minted');
        const demand = total(series, 'deal_demand_tib');
        const served = total(series, 'deal_served_tib');
        const supply = world.ledger.supply;
        return {
          final_network_power_tib: last(series, 'network_power_tib'),
          final_power_to_baseline: last(series, 'power_to_baseline'),
          final_pledge_locked: last(series, 'pledge_locked'),
          pledge_share_of_supply: supply > 0 ? net.pledgeLocked / supply : 0,
          total_storage_minted: minted,
          baseline_minted_share: minted > 0 ? total(series, 'storage_minted_baseline') / minted : 0,
          total_fault_fees: total(series, 'fault_fees'),
          total_termination_fees: total(series, 'termination_fees'),
          total_deal_revenue_usd: total(series, 'deal_revenue_usd'),
          deal_served_share: demand > 0 ? served / demand : 0,
        };
      },
    };
  },
});

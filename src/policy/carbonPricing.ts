import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import type { Account } from '../core/account';
import type { Ledger } from '../core/ledger';
import type { Route } from '../core/route';
import type { AnyWorld } from '../core/world';
import { spanYears, total } from '../metrics/series';
import { treasury, type Treasury } from '../mechanisms/treasury';
import { clearAllowances, complianceCostUsd, emitterDemand, type Clearing } from './allowanceMarket';
import { EmitterCharge, outsideCharge, revenueCharge, type PolicyEmitters, type RevenueTo, type UnitPolicyCost } from './emitters';
import { defaultGreenPremium, greenPremiumSchema, greenSwitchUsd } from './greenPower';

/** Parameters of carbon pricing on node operators' emissions. */
export const carbonPricingParamsSchema = z
  .object({
    /** `tax`: a fixed price per tonne; `capAndTrade`: a cap on emissions and a market for allowances. */
    mode: z.enum(['tax', 'capAndTrade']),
    /** First tick the policy is in force; null: never (the block is inert). */
    startTick: z.number().int().min(0).nullable(),
    /** Tax per tonne CO2 (mode `tax`), in USD. */
    taxUsdPerTonne: z.number().min(0),
    /** Cap in its first year (mode `capAndTrade`), in tonnes CO2 per year. */
    capTonnesPerYear: z.number().min(0),
    /** Linear reduction factor: share of the first year's cap removed each year, in [0, 1] (EU ETS: 0.022 for 2021–2023, 0.043 for 2024–2027). */
    capDeclinePerYear: z.number().min(0).max(1),
    /** `auction`: every allowance sold at the clearing price (uniform-price auction); `grandfathered`: allocated free and traded. */
    allocation: z.enum(['auction', 'grandfathered']),
    /** Free allocation by share of `emissions` at the start tick (historical, fixed) or of online `capacity` (updated each tick). */
    grandfatherBasis: z.enum(['emissions', 'capacity']),
    /** Penalty per tonne emitted without an allowance, in USD; it caps the allowance price (EU ETS: EUR 100, about USD 108). */
    penaltyUsdPerTonne: z.number().min(0),
    /** Where tax, auction revenue and penalties go: the treasury (source `carbon fee`) or out of the model. */
    revenueTo: z.enum(['treasury', 'outside']),
    /** The emitters' abatement option: green power at a premium rising with the share switched. */
    greenPremiumUsdPerKwh: greenPremiumSchema,
  })
  .strict();
export type CarbonPricingParams = z.infer<typeof carbonPricingParamsSchema>;

/** No carbon pricing: the block is inert (startTick null); the other values are what an experiment that turns it on starts from. */
export const carbonPricingDefaults: CarbonPricingParams = {
  mode: 'capAndTrade',
  startTick: null,
  taxUsdPerTonne: 0,
  capTonnesPerYear: 0,
  capDeclinePerYear: 0,
  allocation: 'auction',
  grandfatherBasis: 'emissions',
  // EUR 100/t (Directive 2003/87/EC, Art. 16(3)) at an assumed USD 1.08 per EUR.
  penaltyUsdPerTonne: 108,
  revenueTo: 'treasury',
  greenPremiumUsdPerKwh: defaultGreenPremium,
};

/** Returns the cap of tick `tick`, in tonnes: C_year · max(0, 1 − r · (tick − start) / ticksPerYear) / ticksPerYear. */
export function capTonnesAt(p: CarbonPricingParams, tick: number, ticksPerYear: number): number {
  const years = (tick - (p.startTick ?? 0)) / ticksPerYear;
  const left = 1 - p.capDeclinePerYear * years;
  return left > 0 ? (p.capTonnesPerYear * left) / ticksPerYear : 0;
}

/**
 * Carbon pricing on DePIN node operators' grid emissions, tick by tick from
 * `startTick`: a tax, or cap-and-trade. Phase `pre` (after the service has
 * set utilisation, before operators act):
 *
 * 1. Each online operator's emissions this tick are e_i = kWh_i · (1 − m_i) ·
 *    g_i / 10⁶ t (kWh_i its grid electricity, m_i any share a mandate already
 *    made green). Its abatement is green power along the premium curve, so
 *    its MAC runs from c0_i = premium_min · 10⁶ / g_i to c1_i = premium_max ·
 *    10⁶ / g_i USD/t (`macRange`).
 * 2. The price: the tax, or the clearing price of the allowance market
 *    (`clearAllowances`) against this tick's cap (`capTonnesAt`), capped at
 *    the penalty. Each operator abates e_i − d_i(P), buys that green power
 *    (USD out of the model, reason `green power premium`) and raises its
 *    green share.
 * 3. Tax: each pays P · d_i. Cap-and-trade: allowances are issued (C), held
 *    by the auctioneer (`auction`) or allocated free (`grandfathered`, q_i by
 *    basis share among online operators); each emitter ends holding h_i =
 *    d_i (rationed to d_i · C / D at the ceiling); buyers pay P · (h_i − q_i)
 *    to the auction's revenue or, under grandfathering, into the clearing
 *    account, from which sellers are paid P · (q_i − h_i). Each surrenders h_i
 *    and pays the penalty on d_i − h_i; allowances left over expire (no
 *    banking). So issued = surrendered + expired every tick, and
 *    e = abated + surrendered + short.
 *
 * Tax, auction revenue and penalties go to the treasury (source `carbon
 * fee`) or out of the model (`revenueTo`). An operator short of USD owes
 * the rest (`EmitterCharge`). Operators plan with this tick's price: one
 * more unit costs them `complianceCostUsd` (abatement where cheaper, the
 * price on the rest; under grandfathering too, since an allowance used is
 * one not sold), which enters their entry and exit rule.
 *
 * Sources: cap, auction and penalty after the EU ETS, Directive 2003/87/EC
 * (Art. 9 linear reduction; Art. 10 auctioning; Art. 16(3) excess-emissions
 * penalty of EUR 100/t, indexed to consumer prices since 2013, which does
 * not release the operator from surrendering the missing allowances — here
 * the shortfall is not carried over). Price equalising marginal abatement
 * costs: Montgomery (1972), J. Economic Theory 5. Compliance here is every
 * tick, without banking or borrowing; the EU ETS surrenders once a year and
 * allows banking. Validators' and miners' emissions (the consensus block)
 * are not covered.
 */
export class CarbonPricing implements UnitPolicyCost {
  /** Price in force this tick (tax or clearing price), in USD per tonne; 0 before the start. */
  priceUsdPerTonne = 0;
  capT = 0;
  emissionsT = 0;
  abatedT = 0;
  surrenderedT = 0;
  shortfallT = 0;
  expiredT = 0;
  issuedT = 0;
  /** Allowances that changed hands between operators this tick, in tonnes. */
  tradedT = 0;
  taxUsd = 0;
  auctionUsd = 0;
  penaltyUsd = 0;
  abatementUsd = 0;
  /** Allowances issued, surrendered and expired since the start, in tonnes. */
  readonly totals = { issuedT: 0, surrenderedT: 0, expiredT: 0, shortfallT: 0 };
  private emitters: PolicyEmitters | null = null;
  private e = new Float64Array(0);
  private c0 = new Float64Array(0);
  private c1 = new Float64Array(0);
  /** Each operator's grid electricity not yet bought green this tick, in kWh. */
  private kwh = new Float64Array(0);
  /** Each operator's allowance holding during this tick's clearing, in tonnes. */
  private held = new Float64Array(0);
  private basis = new Float64Array(0);
  private routes: { revenue: EmitterCharge; abatement: EmitterCharge; toClearing: EmitterCharge; fromClearing: Route } | null = null;

  constructor(
    private readonly params: () => CarbonPricingParams,
    private readonly ledger: Ledger,
    private readonly treasury: Treasury | null,
    /** The account through which operators trade allowances (nets to 0 every tick). */
    private readonly clearing: Account,
  ) {}

  /** Covers `emitters`' emissions (called by the agent class when it is built). */
  attach(emitters: PolicyEmitters): void {
    const pop = emitters.population;
    const p = this.params();
    this.emitters = emitters;
    const usd = this.ledger.pocket(pop.account!, pop, 'usd', 'usd');
    this.routes = {
      revenue: revenueCharge(this.ledger, pop, 'carbon policy', p.revenueTo as RevenueTo, this.treasury),
      abatement: outsideCharge(this.ledger, pop, 'green power premium'),
      toClearing: new EmitterCharge(pop, this.ledger.route(usd, this.clearing, 'allowance purchase', 'usd'), this.ledger.route('outside', this.clearing, 'allowance purchase on credit', 'usd')),
      fromClearing: this.ledger.route(this.clearing, usd, 'allowance sale', 'usd'),
    };
  }

  /** Returns whether the policy is in force at `tick`. */
  activeAt(tick: number): boolean {
    const s = this.params().startTick;
    return s !== null && tick >= s;
  }

  /** Returns what one unit drawing `gridKwh` this tick would cost operator i under this tick's price, in USD: `complianceCostUsd` of its emissions. */
  unitCostUsd(i: number, gridKwh: number): number {
    if (!(this.priceUsdPerTonne > 0) || this.emitters === null) return 0;
    const g = this.emitters.population.cols.gridIntensity[i];
    if (!(g > 0) || !(gridKwh > 0)) return 0;
    const premium = this.params().greenPremiumUsdPerKwh;
    return complianceCostUsd((gridKwh * g) / 1e6, (premium.min * 1e6) / g, (premium.max * 1e6) / g, this.priceUsdPerTonne);
  }

  /** Phase `pre`: measures emissions, sets the price, buys abatement, allocates, trades and surrenders allowances. */
  pre(world: AnyWorld): void {
    this.resetTick();
    if (!this.activeAt(world.tick) || this.emitters === null || this.routes === null) return;
    const p = this.params();
    const em = this.emitters;
    const cols = em.population.cols;
    const n = em.population.size;
    if (this.e.length < n) this.grow(n);
    const { e, c0, c1, kwh: grid } = this;
    const premium = p.greenPremiumUsdPerKwh;
    if (world.tick === p.startTick) this.fixBasis(n);
    let emitted = 0;
    for (let i = 0; i < n; i++) {
      e[i] = 0;
      grid[i] = 0;
      if (cols.online[i] === 0) continue;
      const g = cols.gridIntensity[i];
      const kwh = em.gridKwhThisTick(i) * (1 - cols.greenShare[i]);
      grid[i] = kwh;
      if (!(kwh > 0) || !(g > 0)) continue;
      e[i] = (kwh * g) / 1e6;
      c0[i] = (premium.min * 1e6) / g;
      c1[i] = (premium.max * 1e6) / g;
      emitted += e[i];
    }
    this.emissionsT = emitted;
    let clearing: Clearing;
    if (p.mode === 'tax') {
      clearing = { priceUsdPerTonne: p.taxUsdPerTonne, demandT: 0, shortfallT: 0, stepShare: 0 };
    } else {
      this.capT = capTonnesAt(p, world.tick, world.ticksPerYear);
      clearing = clearAllowances(e, c0, c1, n, this.capT, p.penaltyUsdPerTonne);
    }
    const price = clearing.priceUsdPerTonne;
    this.priceUsdPerTonne = price;
    // Abatement: green power for the share of each operator's emissions it abates.
    for (let i = 0; i < n; i++) {
      if (!(e[i] > 0)) continue;
      const d = emitterDemand(e[i], c0[i], c1[i], clearing);
      const share = 1 - d / e[i];
      if (share > 0) {
        const usd = greenSwitchUsd(grid[i], share, p.greenPremiumUsdPerKwh);
        this.routes.abatement.charge(i, usd);
        this.abatementUsd += usd;
        this.abatedT += e[i] - d;
        cols.greenShare[i] += (1 - cols.greenShare[i]) * share;
      }
      e[i] = d;
    }
    if (p.mode === 'tax') this.payTax(n, price);
    else this.trade(n, clearing, p.allocation === 'grandfathered' ? p.grandfatherBasis : null, p.penaltyUsdPerTonne);
  }

  /** Tax mode: each operator pays the price on what it still emits. */
  private payTax(n: number, price: number): void {
    for (let i = 0; i < n; i++) {
      if (!(this.e[i] > 0)) continue;
      const usd = price * this.e[i];
      this.routes!.revenue.charge(i, usd);
      this.taxUsd += usd;
    }
  }

  /**
   * Cap-and-trade: issues this tick's cap, allocates it (free by basis, or
   * to the auctioneer's pool when `basis` is null), trades it at the price so
   * that each operator holds its (rationed) demand, surrenders the holdings,
   * penalises the shortfall and expires what is left.
   */
  private trade(n: number, clearing: Clearing, basis: 'emissions' | 'capacity' | null, penalty: number): void {
    const r = this.routes!;
    const cols = this.emitters!.population.cols;
    const { held, e } = this;
    const cap = this.capT;
    const price = clearing.priceUsdPerTonne;
    const demand = sumOf(e, n);
    // Rationing at the ceiling: each holds C / D of its demand.
    const ration = demand > cap ? cap / demand : 1;
    this.issuedT = cap;
    let pool = cap;
    held.fill(0, 0, n);
    let auction = basis === null;
    if (basis !== null) {
      let weights = 0;
      for (let i = 0; i < n; i++) weights += this.weight(i, cols, basis);
      if (weights > 0) {
        for (let i = 0; i < n; i++) held[i] = (cap * this.weight(i, cols, basis)) / weights;
        pool = 0;
      } else {
        // No one to allocate to: the cap is auctioned.
        auction = true;
      }
    }
    // Buyers: from the auctioneer's pool (auction) or from sellers through the clearing account (grandfathered).
    let bought = 0;
    let spare = 0;
    for (let i = 0; i < n; i++) {
      const want = e[i] * ration;
      if (want > held[i]) {
        const net = want - held[i];
        if (auction) {
          r.revenue.charge(i, price * net);
          this.auctionUsd += price * net;
          pool -= net;
        } else {
          r.toClearing.charge(i, price * net);
          bought += net;
        }
        held[i] = want;
      } else {
        spare += held[i] - want;
      }
    }
    if (!auction && bought > 0) {
      // Sellers each sell the share bought / spare of their spare allowances, and share the buyers' USD in proportion.
      const sold = bought < spare ? bought / spare : 1;
      const pot = this.clearing.usd;
      for (let i = 0; i < n; i++) {
        const want = e[i] * ration;
        if (held[i] <= want) continue;
        const q = (held[i] - want) * sold;
        if (pot > 0) r.fromClearing.pay(i, (pot * (held[i] - want)) / spare);
        held[i] -= q;
      }
      this.tradedT = bought;
    }
    // Surrender what each emits, up to its holding; penalise the rest; what is left expires.
    let surrendered = 0;
    let left = pool;
    for (let i = 0; i < n; i++) {
      // A holding short of emissions by rounding alone (rationing's C / D) covers them.
      const give = e[i] <= held[i] * (1 + 1e-12) ? e[i] : held[i];
      surrendered += give;
      if (held[i] > give) left += held[i] - give;
      const short = e[i] - give;
      if (short > 0) {
        this.shortfallT += short;
        r.revenue.charge(i, penalty * short);
        this.penaltyUsd += penalty * short;
      }
      held[i] = 0;
    }
    this.surrenderedT = surrendered;
    this.expiredT = left;
    const t = this.totals;
    t.issuedT += this.issuedT;
    t.surrenderedT += surrendered;
    t.expiredT += left;
    t.shortfallT += this.shortfallT;
  }

  /** Returns operator i's weight in the free allocation: its online capacity, or its historical emissions while online. */
  private weight(i: number, cols: PolicyEmitters['population']['cols'], basis: 'emissions' | 'capacity'): number {
    if (cols.online[i] === 0) return 0;
    return basis === 'capacity' ? cols.capacity[i] : this.basis[i];
  }

  /** Fixes each operator's historical emissions (this tick's) as its grandfathering basis. */
  private fixBasis(n: number): void {
    const em = this.emitters!;
    const cols = em.population.cols;
    for (let i = 0; i < n; i++) this.basis[i] = cols.online[i] === 1 ? em.gridKwhThisTick(i) * cols.gridIntensity[i] : 0;
  }

  /** Sizes the per-operator arrays for `n` operators, keeping the grandfathering basis. */
  private grow(n: number): void {
    const basis = new Float64Array(n);
    basis.set(this.basis);
    this.basis = basis;
    this.e = new Float64Array(n);
    this.c0 = new Float64Array(n);
    this.c1 = new Float64Array(n);
    this.held = new Float64Array(n);
    this.kwh = new Float64Array(n);
  }

  private resetTick(): void {
    this.capT = 0;
    this.emissionsT = 0;
    this.abatedT = 0;
    this.surrenderedT = 0;
    this.shortfallT = 0;
    this.expiredT = 0;
    this.issuedT = 0;
    this.tradedT = 0;
    this.taxUsd = 0;
    this.auctionUsd = 0;
    this.penaltyUsd = 0;
    this.abatementUsd = 0;
    this.priceUsdPerTonne = 0;
  }
}

function sumOf(a: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i];
  return s;
}

/** The carbon-pricing policy block: a tax or cap-and-trade on node operators' grid emissions from a start tick. */
export const carbonPricing = defineBlock({
  key: 'carbonPricing',
  kind: 'policy',
  description: "carbon tax or cap-and-trade (cap, auction or free allocation, clearing price, penalty) on node operators' grid CO2 from a start tick; abatement by green power",
  sources: [
    'Directive 2003/87/EC (EU ETS): Art. 9 linear reduction of the cap, Art. 10 auctioning, Art. 16(3) excess-emissions penalty EUR 100/t',
    'Montgomery (1972), "Markets in licenses and efficient pollution control programs", J. Economic Theory 5',
    'green-power premium: an assumption near NREL, "Status and Trends in the U.S. Voluntary Green Power Market"',
  ],
  params: { schema: carbonPricingParamsSchema, defaults: carbonPricingDefaults },
  uses: { treasury },
  holders: { clearing: { circulating: true, description: 'USD of operators buying allowances, paid on to the operators selling them within the tick' } },
  metrics: {
    carbon_price_usd_per_t: { unit: 'USD/t CO2', description: 'carbon tax or allowance clearing price in force this tick (0 before the start)' },
    carbon_cap_t: { unit: 't CO2', kind: 'flow', description: 'allowances issued (the cap) since the previous row' },
    covered_emissions_t: { unit: 't CO2', kind: 'flow', description: "operators' grid CO2 before abatement since the previous row" },
    abated_t: { unit: 't CO2', kind: 'flow', description: 'CO2 abated by green power bought for the policy since the previous row' },
    allowances_surrendered_t: { unit: 't CO2', kind: 'flow', description: 'allowances surrendered since the previous row' },
    allowances_expired_t: { unit: 't CO2', kind: 'flow', description: 'allowances left unused and expired since the previous row' },
    allowances_traded_t: { unit: 't CO2', kind: 'flow', description: 'allowances sold by operators to operators since the previous row' },
    carbon_shortfall_t: { unit: 't CO2', kind: 'flow', description: 'CO2 emitted without an allowance (penalised) since the previous row' },
    carbon_tax_usd: { unit: 'USD', kind: 'flow', description: 'carbon tax charged since the previous row' },
    allowance_auction_usd: { unit: 'USD', kind: 'flow', description: 'allowances sold at auction since the previous row' },
    carbon_penalty_usd: { unit: 'USD', kind: 'flow', description: 'penalties charged on the shortfall since the previous row' },
    abatement_usd: { unit: 'USD', kind: 'flow', description: 'green-power premium paid to abate since the previous row' },
  },
  kpis: {
    mean_carbon_price_usd_per_t: { unit: 'USD/t CO2', description: 'mean carbon price over the recorded rows in force' },
    total_abated_t: { unit: 't CO2', description: 'CO2 abated over the run' },
    total_carbon_shortfall_t: { unit: 't CO2', description: 'CO2 emitted without an allowance over the run' },
    carbon_revenue_usd: { unit: 'USD', description: 'tax, auction revenue and penalties over the run' },
    abatement_usd_per_year: { unit: 'USD/year', description: 'green-power premium paid to abate per year' },
  },
  build(ctx) {
    const c = new CarbonPricing(ctx.params, ctx.ledger, ctx.deps.treasury, ctx.account('clearing'));
    return {
      api: c,
      hooks: { pre: (w) => c.pre(w) },
      metrics: {
        carbon_price_usd_per_t: () => c.priceUsdPerTonne,
        carbon_cap_t: () => c.issuedT,
        covered_emissions_t: () => c.emissionsT,
        abated_t: () => c.abatedT,
        allowances_surrendered_t: () => c.surrenderedT,
        allowances_expired_t: () => c.expiredT,
        allowances_traded_t: () => c.tradedT,
        carbon_shortfall_t: () => c.shortfallT,
        carbon_tax_usd: () => c.taxUsd,
        allowance_auction_usd: () => c.auctionUsd,
        carbon_penalty_usd: () => c.penaltyUsd,
        abatement_usd: () => c.abatementUsd,
      },
      summary: ({ series, ticks, world }) => {
        const start = ctx.params().startTick;
        let sum = 0;
        let rows = 0;
        for (let k = 0; k < ticks.length; k++) {
          if (start === null || ticks[k] < start) continue;
          sum += series.carbon_price_usd_per_t[k];
          rows++;
        }
        const years = spanYears(ticks, world.ticksPerYear);
        return {
          mean_carbon_price_usd_per_t: rows > 0 ? sum / rows : 0,
          total_abated_t: total(series, 'abated_t'),
          total_carbon_shortfall_t: total(series, 'carbon_shortfall_t'),
          carbon_revenue_usd: total(series, 'carbon_tax_usd') + total(series, 'allowance_auction_usd') + total(series, 'carbon_penalty_usd'),
          abatement_usd_per_year: years > 0 ? total(series, 'abatement_usd') / years : 0,
        };
      },
    };
  },
});

import { z } from '../src/core/zod';
import { defineBlock } from '../src/core/block';
import { distributionSchema } from '../src/core/distributions';
import { drawTrait } from '../src/core/genesis';
import type { Population } from '../src/core/population';
import type { Rng } from '../src/core/rng';
import type { AgentClass, World } from '../src/core/world';
import type { PairPool } from '../src/defi/pairPool';
import type { RwaFund } from '../src/defi/rwaFund';
import { rwaVault } from '../src/defi/rwaVault';

/** Parameters of the RWA investors class. */
export const rwaInvestorsParamsSchema = z
  .object({
    count: z.number().int().min(0),
    /** Each investor's wealth at genesis, in USD: its target share of it in the fund's units, the rest in USD. */
    initialWealthUsd: distributionSchema,
    /** Share of investors who may mint and redeem with the fund (qualified purchasers); the rest trade only on the pool. */
    qualifiedShare: z.number().min(0).max(1),
    /** Share of investors who learn of a default when it happens; the rest see only the oracle NAV. */
    informedShare: z.number().min(0).max(1),
    /** Share of its wealth an investor wants in the fund. */
    targetShare: distributionSchema,
    /** How strongly a mispricing tilts that share: target · (1 + tilt · (value / price − 1)). */
    tilt: z.number().min(0),
    /** Relative spread of a review's liquidity need around the target, in [0, 1]. */
    noise: z.number().min(0).max(1),
    /** Probability an investor reviews its holding in a tick. */
    activity: z.number().min(0).max(1),
    /** Share of the gap to its target closed at a review, in (0, 1]. */
    adjustShare: z.number().gt(0).max(1),
    /** Gap between the pool and the fund's own price a qualified investor arbitrages, as a share. */
    arbitrageBand: z.number().min(0).max(1),
  })
  .strict();
export type RwaInvestorsParams = z.infer<typeof rwaInvestorsParamsSchema>;

/** The investors' columns: fund units, whether each is qualified and informed, its target share and its wealth at genesis. */
export const rwaInvestorsSchema = { rwa: 'f64', qualified: 'u8', informed: 'u8', targetShare: 'f64', initialWealth: 'f64' } as const;
type RwaInvestorsPopulation = Population<typeof rwaInvestorsSchema>;

/**
 * Holders of the fund's token in two classes: qualified investors, who may
 * mint and redeem with the fund, and retail, who trade only on the pool.
 * An investor values a unit at v: the true NAV if it is informed, the
 * oracle NAV otherwise. At a review it holds the share
 * target · (1 + tilt · (v / price − 1)) of its wealth (jittered by `noise`,
 * clipped to [0, 1]) in the fund and closes `adjustShare` of the gap.
 * Qualified investors arbitrage every tick and review like the others;
 * they buy where it is cheaper — the pool, or a mint at the
 * fund's price (the oracle NAV under request pricing, v under forward
 * pricing) — and sell where it pays more; and they arbitrage: when the pool
 * is more than `arbitrageBand` below the redemption price they buy there and
 * redeem, when it is that much above the mint price they sell there and mint.
 */
export class RwaInvestors implements AgentClass {
  readonly name: string;

  constructor(
    readonly population: RwaInvestorsPopulation,
    private readonly params: () => RwaInvestorsParams,
    private readonly fund: RwaFund,
    private readonly pool: PairPool,
    private readonly requestPricing: () => boolean,
    private readonly rng: Rng,
  ) {
    this.name = population.name;
  }

  /** Creates the agents with their classes and wealth, its target share in fund units (issued at the genesis NAV), the rest in USD. */
  init(world: World, rng: Rng): void {
    const p = this.params();
    const pop = this.population;
    const first = pop.add(p.count);
    const end = first + p.count;
    const c = pop.cols;
    drawTrait(c.targetShare, first, end, p.targetShare, rng);
    drawTrait(c.initialWealth, first, end, p.initialWealthUsd, rng);
    const cash = new Float64Array(p.count);
    const nav = this.fund.trueNav;
    for (let i = first; i < end; i++) {
      c.qualified[i] = rng.chance(p.qualifiedShare) ? 1 : 0;
      c.informed[i] = rng.chance(p.informedShare) ? 1 : 0;
      const wealth = Math.max(0, c.initialWealth[i]);
      const share = Math.min(1, Math.max(0, c.targetShare[i]));
      c.initialWealth[i] = wealth;
      cash[i - first] = wealth * (1 - share);
      this.fund.issueAtGenesis(pop, i, (wealth * share) / nav);
    }
    world.ledger.route('outside', world.ledger.pocket(pop.account!, pop, 'usd', 'usd'), 'genesis', 'usd').payRange(first, cash);
  }

  act(_world: World, order: Int32Array | null, count: number): void {
    const p = this.params();
    const { active, qualified, informed, targetShare, usd, rwa } = this.population.cols;
    const pool = this.pool;
    const fund = this.fund;
    const truth = fund.trueNav;
    const oracle = fund.oracleNav;
    const atRequest = this.requestPricing();
    for (let k = 0; k < count; k++) {
      const i = order === null ? k : order[k];
      if (active[i] === 0) continue;
      const v = informed[i] ? truth : oracle;
      const fundPrice = atRequest ? oracle : v;
      if (qualified[i]) this.arbitrage(i, fundPrice, p.arbitrageBand);
      if (this.rng.next() >= p.activity) continue;
      const price = pool.price;
      const jitter = 1 + p.noise * (2 * this.rng.next() - 1);
      const share = Math.min(1, Math.max(0, targetShare[i] * jitter * (1 + p.tilt * (v / price - 1))));
      const gap = (share * (usd[i] + rwa[i] * price) - rwa[i] * price) * p.adjustShare;
      if (gap > 0) {
        if (qualified[i] && fundPrice < price) fund.requestMint(this.population, i, gap);
        else pool.sellQuote(this.population, i, gap);
      } else if (gap < 0) {
        if (qualified[i] && fundPrice > price) fund.requestRedemption(this.population, i, -gap / fundPrice);
        else pool.sellBase(this.population, i, -gap / price);
      }
    }
  }

  /** Qualified investor i trades the gap between the pool and the fund's price `fundPrice` beyond `band`. */
  private arbitrage(i: number, fundPrice: number, band: number): void {
    const pool = this.pool;
    const pop = this.population;
    if (pool.price < fundPrice * (1 - band)) {
      const bought = pool.sellQuote(pop, i, pool.quoteToReach(fundPrice * (1 - band)));
      if (bought > 0) this.fund.requestRedemption(pop, i, bought);
    } else if (pool.price > fundPrice * (1 + band)) {
      const got = pool.sellBase(pop, i, pool.baseToReach(fundPrice * (1 + band)));
      if (got > 0) this.fund.requestMint(pop, i, got);
    }
  }

  /** Returns the class's wealth now less its wealth at genesis, in USD, with units at the true NAV: qualified investors (pending requests included) when `ofQualified`, retail otherwise. */
  pnlUsd(ofQualified: boolean): number {
    const { qualified, usd, rwa, initialWealth } = this.population.cols;
    const nav = this.fund.trueNav;
    let s = 0;
    for (let i = 0; i < this.population.size; i++) if ((qualified[i] === 1) === ofQualified) s += usd[i] + rwa[i] * nav - initialWealth[i];
    if (ofQualified) {
      const pending = this.fund.pendingOf(this.population);
      s += pending.usd + pending.units * nav;
    }
    return s;
  }
}

/** Default investors: 400 agents, a quarter qualified, a tenth informed, wealth lognormal around $30,000, 40–90% of it in the fund. */
export const rwaInvestorsDefaults: RwaInvestorsParams = {
  count: 400,
  initialWealthUsd: { dist: 'lognormal', mu: Math.log(30_000), sigma: 0.8 },
  qualifiedShare: 0.25,
  informedShare: 0.1,
  targetShare: { dist: 'uniform', min: 0.4, max: 0.9 },
  tilt: 5,
  noise: 0.2,
  activity: 0.2,
  adjustShare: 0.5,
  arbitrageBand: 0.005,
};

/** The RWA investors agent block: qualified and retail holders of the fund's token, informed or not. */
export const rwaInvestors = defineBlock({
  key: 'rwaInvestors',
  kind: 'agents',
  description: 'RWA investors: qualified holders mint, redeem and arbitrage with the fund, retail trade the pool; informed ones see a default before the oracle',
  sources: [
    'stale-NAV arbitrage in funds: Zitzewitz (2003), "Who Cares About Shareholders? Arbitrage-Proofing Mutual Funds", J. Law, Economics & Organization 19',
    'Ondo OUSG: mint and redeem restricted to qualified purchasers, others on secondary markets (Ondo Finance CashManager.sol, KYC registry checks)',
  ],
  params: { schema: rwaInvestorsParamsSchema, defaults: rwaInvestorsDefaults },
  needs: { rwaVault },
  population: { schema: rwaInvestorsSchema, count: (p) => p.count },
  metrics: {
    rwa_pnl_usd_qualified: { unit: 'USD', description: "qualified investors' wealth less their wealth at genesis, units at the true NAV" },
    rwa_pnl_usd_retail: { unit: 'USD', description: "retail investors' wealth less their wealth at genesis, units at the true NAV" },
  },
  kpis: {
    final_rwa_pnl_usd_qualified: { unit: 'USD', description: "qualified investors' gain over the run, units at the true NAV" },
    final_rwa_pnl_usd_retail: { unit: 'USD', description: "retail investors' gain over the run, units at the true NAV" },
  },
  build(ctx) {
    const { pop } = ctx.population(rwaInvestorsSchema);
    const vault = ctx.deps.rwaVault;
    const cls = new RwaInvestors(pop, ctx.params, vault.fund, vault.pool, () => vault.fund.pricing === 'request', ctx.rng);
    return {
      api: cls,
      agents: cls,
      genesis: (w) => cls.init(w, ctx.rng.fork('genesis')),
      metrics: { rwa_pnl_usd_qualified: () => cls.pnlUsd(true), rwa_pnl_usd_retail: () => cls.pnlUsd(false) },
      summary: () => ({ final_rwa_pnl_usd_qualified: cls.pnlUsd(true), final_rwa_pnl_usd_retail: cls.pnlUsd(false) }),
    };
  },
});

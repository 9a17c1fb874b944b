import { z } from '../src/core/zod';
import { distributionMean, distributionSchema, type Distribution } from '../src/core/distributions';
import { drawTrait } from '../src/core/genesis';
import { defineBlock } from '../src/core/block';
import type { Population } from '../src/core/population';
import type { Rng } from '../src/core/rng';
import type { Route } from '../src/core/route';
import type { AgentClass, World } from '../src/core/world';
import { marketPort } from '../src/market/amm';
import type { ConstantProductPool } from '../src/market/constantProductPool';
import { sellTokens } from '../src/market/trade';
import { airdrop, airdropColumns, type AirdropParams, type AirdropProgram } from '../src/mechanisms/airdrop';
import { farmingEquilibrium, tickCostUsd, walletValueUsd, type Activity } from '../src/mechanisms/farming';
import { claimValueShare } from '../src/mechanisms/points';
import { cutShare, sybilFilter, type SybilFilterParams } from '../src/mechanisms/sybilFilter';

const share = z.number().min(0).max(1);

/** What a kind of wallet does with tokens it receives after the drop. */
const afterDropSchema = z
  .object({
    /** Share of what it receives it sells, in [0, 1]. */
    sellShare: distributionSchema,
    /** Share of what awaits sale sold each tick, in (0, 1]. */
    sellPace: distributionSchema,
    /** Chance per tick after the drop that it leaves (sells all it holds and stops), in [0, 1]. */
    churnPerTick: share,
    /** Per-tick rate it discounts tokens received later at, in [0, 1) (sets claim-vs-lock). */
    discountPerTick: distributionSchema,
  })
  .strict();

/** The airdrop wallets' parameters: real users, farmers and what activity costs. */
export const airdropWalletsParamsSchema = z
  .object({
    /** Real users (one wallet each). */
    realUsers: z.number().int().min(0).max(1_000_000),
    /** Farmers (each runs a cluster of wallets, or none). */
    farmers: z.number().int().min(0).max(100_000),
    /** A real user's activity: USD traded per active tick, USD of liquidity held, transactions per active tick. */
    real: z
      .object({ volumeUsd: distributionSchema, liquidityUsd: distributionSchema, transactions: distributionSchema, activityChance: share, referredShare: share, afterDrop: afterDropSchema })
      .strict(),
    /** A farmer's wallet's activity every tick, its cost scale (per farmer) and its most wallets (per farmer). */
    farmer: z
      .object({
        volumeUsd: z.number().min(0),
        liquidityUsd: z.number().min(0),
        transactions: z.number().min(0),
        /** Multiplier of the activity costs, per farmer (cheaper scripts, gas timing), ≥ 0. */
        costScale: distributionSchema,
        /** Most wallets a farmer can run, per farmer (rounded, at least 1). */
        maxWallets: distributionSchema,
        /** Extra cost of each further wallet, as a share of the first's (γ ≥ 0). */
        walletCostGrowth: z.number().min(0),
        afterDrop: afterDropSchema,
      })
      .strict(),
    /** What activity costs (gas, trading, capital, time), USD. */
    costs: z.object({ gasUsdPerTx: z.number().min(0), tradeCostBps: z.number().min(0).max(10_000), capitalCostPerYear: z.number().min(0), timeUsdPerTick: z.number().min(0) }).strict(),
    /** The token price farmers expect at the drop, USD per token. */
    expectedPriceUsd: z.number().min(0),
  })
  .strict();
export type AirdropWalletsParams = z.infer<typeof airdropWalletsParamsSchema>;

/** The wallets' columns: the airdrop's and their own. */
export const airdropWalletsSchema = {
  ...airdropColumns,
  volumeUsd: 'f64',
  liquidityUsd: 'f64',
  transactions: 'f64',
  activityChance: 'f64',
  /** USD its activity costs per tick (all of it, when active). */
  costUsdPerTick: 'f64',
  sellShare: 'f64',
  sellPace: 'f64',
  churnPerTick: 'f64',
  /** 1 once it has left after the drop. */
  churned: 'u8',
  toSell: 'f64',
} as const;

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** What the farmers decided at genesis, for the KPIs. */
export interface FarmingDecision {
  farmersIn: number;
  farmerWallets: number;
  /** USD one farmer wallet was expected to bring, at the equilibrium. */
  walletValueUsd: number;
}

/**
 * Airdrop wallets: real users (one wallet each, kind 0) and farmers (a
 * cluster of wallets sharing a cluster id, kind 1). During the season a
 * real user is active a tick with chance q (trading V and making n
 * transactions) and holds its liquidity L throughout; a farmer's wallets do
 * the farmer's activity every tick. Activity costs c = n g + V b/10⁴ + L k/T
 * + τ USD a tick (`tickCostUsd`; a real user pays the V, n and τ parts on
 * active ticks only), paid out of the model from the wallet's USD, which
 * it brought for its season at genesis. Farmers decide at genesis how many
 * wallets to run from expected value (`farmingEquilibrium`): a wallet is
 * worth A · p · v · min(cap, κ w / (W_real + N κ w)) against its season
 * cost S · c · scale · (1 + γ j); real users always take part. After the
 * drop each wallet sets aside sellShare of what it receives and sells
 * sellPace of that each tick on the AMM; each tick it leaves with chance
 * churnPerTick, selling all it holds. Retention is the share of real
 * recipients that have not left.
 */
export class AirdropWalletAgents implements AgentClass {
  readonly name: string;
  soldThisTick = 0;
  soldUsdThisTick = 0;
  soldByFarmersThisTick = 0;
  costUsdThisTick = 0;
  realRecipients = 0;
  realRetained = 0;
  readonly decision: FarmingDecision = { farmersIn: 0, farmerWallets: 0, walletValueUsd: 0 };
  farmerCostUsd = 0;
  farmerRevenueUsd = 0;
  private seasonTicks = 0;

  constructor(
    readonly population: Population<typeof airdropWalletsSchema>,
    private readonly params: () => AirdropWalletsParams,
    private readonly program: AirdropProgram,
    private readonly dropParams: () => AirdropParams,
    private readonly filter: (() => SybilFilterParams) | null,
    private readonly pool: ConstantProductPool,
    private readonly costRoute: Route,
    private readonly fundRoute: Route,
    private readonly rng: Rng,
    private readonly ticksPerYear: number,
  ) {
    this.name = population.name;
  }

  /** Creates the real users, decides the farmers' wallets and creates them; each brings its season's USD. */
  init(_world: World, rng: Rng): void {
    const p = this.params();
    const d = this.dropParams();
    const S = d.seasonTicks;
    this.seasonTicks = S;
    const pop = this.population;
    const R = p.realUsers;
    const first = pop.add(R);
    const c = pop.cols;
    const r = p.real;
    drawTrait(c.volumeUsd, first, first + R, r.volumeUsd, rng);
    drawTrait(c.liquidityUsd, first, first + R, r.liquidityUsd, rng);
    drawTrait(c.transactions, first, first + R, r.transactions, rng);
    this.drawAfterDrop(first, first + R, r.afterDrop, rng);
    let realWeight = 0;
    let realCount = 0;
    for (let i = first; i < first + R; i++) {
      c.volumeUsd[i] = Math.max(0, c.volumeUsd[i]);
      c.liquidityUsd[i] = Math.max(0, c.liquidityUsd[i]);
      c.transactions[i] = Math.max(0, c.transactions[i]);
      c.activityChance[i] = r.activityChance;
      c.farmer[i] = 0;
      c.cluster[i] = p.farmers + (i - first);
      c.referrer[i] = i > first && rng.chance(r.referredShare) ? first + rng.int(i - first) : -1;
      const a: Activity = { volumeUsd: c.volumeUsd[i], liquidityUsd: c.liquidityUsd[i], transactions: c.transactions[i] };
      c.costUsdPerTick[i] = tickCostUsd(a, p.costs, this.ticksPerYear);
      const pts = this.program.seasonPoints(a, r.activityChance);
      if (d.conversion === 'season') realWeight += pts * (c.referrer[i] >= 0 ? 1 + d.referralShare : 1);
      else if (pts > 0 && pts >= d.minPoints) realCount++;
    }
    // The farmers' forecast: what the filter leaves of a real user's and of a farmer's wallet.
    const f = this.filter?.() ?? null;
    const cut = f ? cutShare(f) : 0;
    const realKeep = 1 - (f ? f.falsePositiveRate : 0) * cut;
    const farmerKeep = 1 - (f ? 1 - f.falseNegativeRate : 0) * cut;
    const fa = p.farmer;
    const profile: Activity = { volumeUsd: fa.volumeUsd, liquidityUsd: fa.liquidityUsd, transactions: fa.transactions };
    const walletPoints = this.program.seasonPoints(profile, 1);
    const eligible = walletPoints > 0 && walletPoints >= d.minPoints;
    const F = p.farmers;
    const scale = new Float64Array(F);
    const maxW = new Float64Array(F);
    drawTrait(scale, 0, F, fa.costScale, rng);
    drawTrait(maxW, 0, F, fa.maxWallets, rng);
    const maxWallets = new Int32Array(F);
    const seasonCost = new Float64Array(F);
    const base = tickCostUsd(profile, p.costs, this.ticksPerYear);
    for (let k = 0; k < F; k++) {
      maxWallets[k] = eligible ? Math.max(1, Math.round(maxW[k])) : 0;
      seasonCost[k] = S * base * Math.max(0, scale[k]);
    }
    const discount = clamp01(distributionMean(fa.afterDrop.discountPerTick));
    const inputs = {
      walletWeight: d.conversion === 'season' ? walletPoints * (1 + d.referralShare) : 1,
      keep: farmerKeep,
      realWeight: (d.conversion === 'season' ? realWeight : realCount) * realKeep,
      tokens: d.tokens,
      priceUsd: p.expectedPriceUsd,
      capShare: d.walletCapShare,
      claimShare: claimValueShare(d.claim.mode, d.claim.claimShare, d.claim.lockTicks, discount, d.claim.release),
    };
    const wallets = new Int32Array(F);
    const n = farmingEquilibrium(inputs, seasonCost, maxWallets, fa.walletCostGrowth, wallets);
    this.decision.farmerWallets = n;
    this.decision.walletValueUsd = n > 0 ? walletValueUsd(inputs, n) : 0;
    const fFirst = pop.add(n);
    const cc = pop.cols;
    this.drawAfterDrop(fFirst, fFirst + n, fa.afterDrop, rng);
    let i = fFirst;
    for (let k = 0; k < F; k++) {
      if (wallets[k] > 0) this.decision.farmersIn++;
      for (let j = 0; j < wallets[k]; j++, i++) {
        cc.farmer[i] = 1;
        cc.cluster[i] = k;
        // A farmer's wallets refer one another in a chain.
        cc.referrer[i] = j > 0 ? i - 1 : -1;
        cc.volumeUsd[i] = fa.volumeUsd;
        cc.liquidityUsd[i] = fa.liquidityUsd;
        cc.transactions[i] = fa.transactions;
        cc.activityChance[i] = 1;
        cc.costUsdPerTick[i] = base * Math.max(0, scale[k]) * (1 + fa.walletCostGrowth * j);
      }
    }
    this.program.setClusters(F + R);
    const budget = new Float64Array(pop.size);
    for (let w = 0; w < pop.size; w++) budget[w] = S * cc.costUsdPerTick[w];
    this.fundRoute.payRange(0, budget);
  }

  private drawAfterDrop(from: number, to: number, a: z.infer<typeof afterDropSchema>, rng: Rng): void {
    const c = this.population.cols;
    drawTrait(c.sellShare, from, to, a.sellShare, rng);
    drawTrait(c.sellPace, from, to, a.sellPace, rng);
    drawTrait(c.discountPerTick, from, to, a.discountPerTick, rng);
    for (let i = from; i < to; i++) {
      c.sellShare[i] = clamp01(c.sellShare[i]);
      c.sellPace[i] = c.sellPace[i] > 0 ? clamp01(c.sellPace[i]) : 1;
      c.discountPerTick[i] = Math.min(0.999, Math.max(0, c.discountPerTick[i]));
      c.churnPerTick[i] = a.churnPerTick;
    }
  }

  act(world: World, order: Int32Array | null, count: number): void {
    if (world.tick <= this.seasonTicks) this.farm(order, count);
    else this.afterDrop(order, count);
  }

  private farm(order: Int32Array | null, count: number): void {
    const c = this.population.cols;
    const rng = this.rng;
    const costs = this.params().costs;
    this.costUsdThisTick = 0;
    for (let k = 0; k < count; k++) {
      const i = order === null ? k : order[k];
      const on = c.activityChance[i] >= 1 || rng.chance(c.activityChance[i]);
      c.actLiquidity[i] = c.liquidityUsd[i];
      c.actVolume[i] = on ? c.volumeUsd[i] : 0;
      c.actTxs[i] = on ? c.transactions[i] : 0;
      // A real user pays for the liquidity it holds every tick, the rest only when active.
      const held = (c.liquidityUsd[i] * costs.capitalCostPerYear) / this.ticksPerYear;
      const want = on ? c.costUsdPerTick[i] : c.farmer[i] === 1 ? c.costUsdPerTick[i] : held;
      const pay = want < c.usd[i] ? want : c.usd[i];
      if (pay > 0) {
        this.costRoute.take(i, pay);
        this.costUsdThisTick += pay;
        if (c.farmer[i] === 1) this.farmerCostUsd += pay;
      }
    }
  }

  private afterDrop(order: Int32Array | null, count: number): void {
    const pop = this.population;
    const c = pop.cols;
    this.soldThisTick = 0;
    this.soldUsdThisTick = 0;
    this.soldByFarmersThisTick = 0;
    this.costUsdThisTick = 0;
    const rng = this.rng;
    let recipients = 0;
    let retained = 0;
    for (let k = 0; k < count; k++) {
      const i = order === null ? k : order[k];
      c.actVolume[i] = 0;
      c.actLiquidity[i] = 0;
      c.actTxs[i] = 0;
      if (c.fresh[i] > 0) {
        c.toSell[i] += c.fresh[i] * c.sellShare[i];
        c.fresh[i] = 0;
      }
      const received = c.allocation[i] > 0;
      if (received && c.churned[i] === 0 && rng.chance(c.churnPerTick[i])) c.churned[i] = 1;
      if (c.churned[i] === 1) c.toSell[i] = c.tokens[i] / c.sellPace[i];
      if (received && c.farmer[i] === 0) {
        recipients++;
        if (c.churned[i] === 0) retained++;
      }
      if (c.toSell[i] > 0 && c.tokens[i] > 0) {
        const want = c.toSell[i] * c.sellPace[i];
        const amount = want < c.tokens[i] ? want : c.tokens[i];
        const usd = sellTokens(this.pool, pop, i, amount);
        c.toSell[i] -= amount;
        if (c.toSell[i] < 1e-12) c.toSell[i] = 0;
        this.soldThisTick += amount;
        this.soldUsdThisTick += usd;
        if (c.farmer[i] === 1) {
          this.soldByFarmersThisTick += amount;
          this.farmerRevenueUsd += usd;
        }
      }
    }
    this.realRecipients = recipients;
    this.realRetained = retained;
  }

  /** Returns the share of real users who received an allocation and have not left (1 before the drop). */
  get retention(): number {
    return this.realRecipients > 0 ? this.realRetained / this.realRecipients : 1;
  }
}


/** Returns the most wallets a farmer may draw from `d` (for listings and memory estimates): the bound, or three times the mean of an unbounded law. */
function mostWallets(d: Distribution): number {
  if (d.dist === 'constant') return Math.max(1, Math.round(d.value));
  if (d.dist === 'uniform') return Math.max(1, Math.round(d.max));
  if (d.dist === 'normal' && d.max !== undefined) return Math.max(1, Math.round(d.max));
  return Math.max(1, Math.round(3 * distributionMean(d)));
}

/** Default wallets: 1,000 real users, 40 farmers of up to 1–60 wallets each. */
export const airdropWalletsDefaults: AirdropWalletsParams = {
  realUsers: 1000,
  farmers: 40,
  real: {
    volumeUsd: { dist: 'lognormal', mu: Math.log(200), sigma: 1 },
    liquidityUsd: { dist: 'lognormal', mu: Math.log(500), sigma: 1.5 },
    transactions: { dist: 'uniform', min: 1, max: 4 },
    activityChance: 0.3,
    referredShare: 0.3,
    afterDrop: { sellShare: { dist: 'uniform', min: 0.1, max: 0.6 }, sellPace: { dist: 'uniform', min: 0.05, max: 0.3 }, churnPerTick: 0.004, discountPerTick: { dist: 'uniform', min: 0, max: 0.004 } },
  },
  farmer: {
    volumeUsd: 100,
    liquidityUsd: 0,
    transactions: 2,
    costScale: { dist: 'uniform', min: 0.5, max: 2 },
    maxWallets: { dist: 'uniform', min: 1, max: 60 },
    walletCostGrowth: 0.02,
    afterDrop: { sellShare: { dist: 'constant', value: 1 }, sellPace: { dist: 'constant', value: 0.5 }, churnPerTick: 1, discountPerTick: { dist: 'constant', value: 0.01 } },
  },
  costs: { gasUsdPerTx: 0.3, tradeCostBps: 10, capitalCostPerYear: 0.1, timeUsdPerTick: 0.1 },
  expectedPriceUsd: 1,
};

/** The airdrop-wallets agent block: real users and farmers' sybil clusters taking part in the airdrop's points programme. */
export const airdropWallets = defineBlock({
  key: 'airdropWallets',
  kind: 'agents',
  description: 'airdrop wallets: real users and farmers running sybil clusters; farm by expected value, sell or keep after the drop',
  sources: [
    'expected-value farming and multi-wallet sybils: LayerZero sybil report programme (github.com/LayerZero-Labs/sybil-report, May 2024) and the Arbitrum sybil clusters (github.com/ArbitrumFoundation/sybil-detection, March 2023)',
    'post-drop selling and retention of recipients: Allen, "Crypto airdrops: an evolutionary perspective" (2023) and the ARB/OP post-drop sales reported by on-chain analysts (Nansen, March 2023) — the traits here are assumptions, see docs/explanation/airdrops.md',
  ],
  params: { schema: airdropWalletsParamsSchema, defaults: airdropWalletsDefaults },
  needs: { airdrop, market: marketPort },
  uses: { sybilFilter },
  population: { schema: airdropWalletsSchema, count: (p) => p.realUsers + p.farmers * mostWallets(p.farmer.maxWallets) },
  metrics: {
    farmer_wallets: { unit: 'wallets', description: 'wallets run by farmers' },
    airdrop_sold: { unit: 'tokens', kind: 'flow', description: 'tokens airdrop wallets sold since the previous row' },
    airdrop_sold_by_farmers: { unit: 'tokens', kind: 'flow', description: 'tokens farmers\' wallets sold since the previous row' },
    airdrop_sell_usd: { unit: 'USD', kind: 'flow', description: 'USD airdrop wallets received for what they sold' },
    farming_cost_usd: { unit: 'USD', kind: 'flow', description: 'USD wallets paid for their activity (gas, trading, capital, time)' },
    real_retention: { unit: 'share', description: 'share of real users who received an allocation and have not left' },
  },
  kpis: {
    farmers_farming: { unit: 'agents', description: 'farmers who ran at least one wallet' },
    farmer_wallet_count: { unit: 'wallets', description: 'wallets run by farmers' },
    farmer_wallet_value_usd: { unit: 'USD', description: 'USD one farmer wallet was expected to bring at the equilibrium' },
    farmer_cost_usd: { unit: 'USD', description: 'USD farmers paid for activity over the run' },
    farmer_revenue_usd: { unit: 'USD', description: 'USD farmers received for the tokens they sold' },
    post_drop_sold_30d: { unit: 'tokens', description: 'tokens airdrop wallets sold in the 30 ticks from the drop' },
    real_retention_30d: { unit: 'share', description: 'real users retained 30 ticks after the drop (NaN when the run ends first)' },
    real_retention_90d: { unit: 'share', description: 'real users retained 90 ticks after the drop' },
    real_retention_180d: { unit: 'share', description: 'real users retained 180 ticks after the drop' },
  },
  build(ctx) {
    const { pop, account } = ctx.population(airdropWalletsSchema);
    const program = ctx.deps.airdrop;
    program.attach(pop);
    const usd = ctx.ledger.pocket(account, pop, 'usd', 'usd');
    const costRoute = ctx.ledger.route(usd, 'outside', 'airdrop activity cost', 'usd');
    const fundRoute = ctx.ledger.route('outside', usd, 'genesis', 'usd');
    const dropParams = program.params;
    const filter = ctx.deps.sybilFilter;
    const cls = new AirdropWalletAgents(pop, ctx.params, program, dropParams, filter ? filter.params : null, ctx.deps.market, costRoute, fundRoute, ctx.rng.fork('act'), ctx.world.ticksPerYear);
    const atDrop = (series: Float64Array | undefined, ticks: Int32Array, d: number): number => {
      const S = dropParams().seasonTicks + 1;
      if (!series) return NaN;
      for (let r = 0; r < ticks.length; r++) if (ticks[r] >= S + d) return series[r];
      return NaN;
    };
    return {
      api: cls,
      agents: cls,
      genesis: (w) => cls.init(w, ctx.rng.fork('genesis')),
      metrics: {
        farmer_wallets: () => cls.decision.farmerWallets,
        airdrop_sold: () => cls.soldThisTick,
        airdrop_sold_by_farmers: () => cls.soldByFarmersThisTick,
        airdrop_sell_usd: () => cls.soldUsdThisTick,
        farming_cost_usd: () => cls.costUsdThisTick,
        real_retention: () => cls.retention,
      },
      summary: ({ series, ticks }) => {
        const S = dropParams().seasonTicks + 1;
        let sold = 0;
        for (let r = 0; r < ticks.length; r++) if (ticks[r] >= S && ticks[r] < S + 30) sold += series.airdrop_sold[r];
        return {
          farmers_farming: cls.decision.farmersIn,
          farmer_wallet_count: cls.decision.farmerWallets,
          farmer_wallet_value_usd: cls.decision.walletValueUsd,
          farmer_cost_usd: cls.farmerCostUsd,
          farmer_revenue_usd: cls.farmerRevenueUsd,
          post_drop_sold_30d: sold,
          real_retention_30d: atDrop(series.real_retention, ticks, 30),
          real_retention_90d: atDrop(series.real_retention, ticks, 90),
          real_retention_180d: atDrop(series.real_retention, ticks, 180),
        };
      },
    };
  },
});

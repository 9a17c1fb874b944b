import { z } from '../core/zod';
import type { Account } from '../core/account';
import { defineBlock } from '../core/block';
import type { Ledger } from '../core/ledger';
import type { Population } from '../core/population';
import type { Route } from '../core/route';
import type { Activity } from './farming';
import { accrue, allocateEqual, allocateProRata, boostAt, choosesLock, earnedPoints, holdingMultiplier } from './points';
import { cutShare, sybilFilter, type SybilFilterApi } from './sybilFilter';

/** The airdrop's parameters: the points programme, how points become an allocation, and how it is claimed. */
export const airdropParamsSchema = z
  .object({
    /** Tokens of the airdrop, minted at genesis into the non-circulating reserve `airdrop.reserve`. */
    tokens: z.number().min(0).max(1e15),
    /** Ticks of the points season (ticks 1 … S after genesis); the drop (snapshot, filter, claim: the TGE) happens at tick S + 1. */
    seasonTicks: z.number().int().min(1),
    /** `season`: allocation pro rata to the points held at the drop; `snapshot`: an equal share to every wallet whose points reach `minPoints` (a criteria drop). */
    conversion: z.enum(['season', 'snapshot']),
    /** Points per USD traded, per USD of liquidity held a tick, per transaction; each ≥ 0. */
    rates: z.object({ volume: z.number().min(0), liquidity: z.number().min(0), transactions: z.number().min(0) }).strict(),
    /** Share of a referred wallet's earned points its referrer earns on top, ≥ 0. */
    referralShare: z.number().min(0).max(10),
    /** Holding-time multiplier 1 + min(maxBonus, bonusPerTick · ticks liquidity held in a row); each ≥ 0. */
    holding: z.object({ bonusPerTick: z.number().min(0), maxBonus: z.number().min(0) }).strict(),
    /** Points multipliers over tick ranges [fromTick, toTick); factors ≥ 0. */
    boosts: z.array(z.object({ fromTick: z.number().int().min(0), toTick: z.number().int().min(0), factor: z.number().min(0) }).strict()),
    /** Share of a wallet's points lost each tick, in [0, 1) (0: no decay). */
    decayPerTick: z.number().min(0).lt(1),
    /** Most points one wallet can hold; null: no ceiling. */
    pointsCap: z.number().positive().nullable(),
    /** Largest share of the airdrop one wallet can receive, in (0, 1]. */
    walletCapShare: z.number().gt(0).max(1),
    /** Points a wallet needs at the drop to be eligible, ≥ 0. */
    minPoints: z.number().min(0),
    /**
     * How the allocation is claimed: `claim` (all of it, liquid, at the drop),
     * `lock` (all of it locked for `lockTicks`), `choose` (each recipient
     * chooses: `claimShare` of it now, the rest forfeited to the reserve, or
     * all of it after `lockTicks`). A lock releases at its end (`release`:
     * `cliff`) or in equal parts over its ticks (`linear` vesting).
     */
    claim: z.object({ mode: z.enum(['claim', 'lock', 'choose']), claimShare: z.number().min(0).max(1), lockTicks: z.number().int().min(1), release: z.enum(['cliff', 'linear']) }).strict(),
  })
  .strict();
export type AirdropParams = z.infer<typeof airdropParamsSchema>;

/** Default airdrop: 1M tokens, a 90-tick season, points per USD traded and per transaction, no decay, claimed at once. */
export const airdropDefaults: AirdropParams = {
  tokens: 1_000_000,
  seasonTicks: 90,
  conversion: 'season',
  rates: { volume: 1, liquidity: 0.01, transactions: 20 },
  referralShare: 0.1,
  holding: { bonusPerTick: 0.01, maxBonus: 0.5 },
  boosts: [],
  decayPerTick: 0,
  pointsCap: null,
  walletCapShare: 0.01,
  minPoints: 100,
  claim: { mode: 'claim', claimShare: 0.5, lockTicks: 180, release: 'cliff' },
};

/** Columns the airdrop keeps on the wallets it serves. */
export const airdropColumns = {
  /** 1 for a farmer's wallet, 0 for a real user's. */
  farmer: 'u8',
  /** The wallet's cluster (a farmer's wallets share one; each real user is its own). */
  cluster: 'i32',
  /** Index of the wallet that referred this one, −1 when none. */
  referrer: 'i32',
  /** This tick's activity: USD traded, USD of liquidity held, transactions. */
  actVolume: 'f64',
  actLiquidity: 'f64',
  actTxs: 'f64',
  /** Ticks in a row the wallet has held liquidity. */
  heldTicks: 'f64',
  /** Points held, points. */
  points: 'f64',
  /** 1 when the sybil filter flagged the wallet. */
  flagged: 'u8',
  /** Tokens allocated at the drop (after the filter and caps). */
  allocation: 'f64',
  /** Tokens locked until the unlock tick. */
  lockedAmount: 'f64',
  /** Tokens received (claimed or unlocked) and not yet seen by the wallet. */
  fresh: 'f64',
  /** Per-tick rate at which the wallet discounts tokens received later (sets the claim-vs-lock choice). */
  discountPerTick: 'f64',
} as const;

/** A population the airdrop can serve: its columns with the base ones. */
export type AirdropWallets = Population<typeof airdropColumns>;

/** What the drop did, for the KPIs: tokens allocated, by whom, and the filter's errors. */
export interface DropOutcome {
  allocated: number;
  toFarmers: number;
  toSybils: number;
  realEligible: number;
  realFlagged: number;
  farmerEligible: number;
  farmerMissed: number;
  claimedNow: number;
  locked: number;
  forfeited: number;
}

/**
 * The points programme and its drop. Each tick of the season, 1 … S (phase
 * `post`, after the wallets acted), every wallet earns e = m · (r_v V + r_l L + r_n n)
 * with m = boost(t) · (1 + min(b_max, b · held)), its referrer earns
 * referralShare · e on top, and P ← min(cap, P (1 − δ) + earned). At tick
 * S + 1 (phase `pre`) the drop: wallets with P ≥ minPoints are eligible, the sybil
 * filter (when the model has one) flags some, a flagged wallet's points are
 * cut (cut = 1 excludes it), and the allocation is pro rata to the cut
 * points with a per-wallet cap (`season`) or equal per eligible wallet
 * weighted by what the cut leaves (`snapshot`); then each allocation is
 * claimed (liquid, from `airdrop.reserve` to the wallet), locked (to
 * `airdrop.locked`, paid out at S + 1 + lockTicks, or an equal part each
 * tick S + 2 … S + 1 + lockTicks under `linear` release), or — under `choose` —
 * claimed at `claimShare` (the rest stays in the reserve) unless the wallet
 * locks by `choosesLock`. Tokens the caps, the filter or forfeits leave stay
 * in the reserve: circulating supply rises only by what is claimed or
 * unlocked.
 */
export class AirdropProgram {
  readonly outcome: DropOutcome = { allocated: 0, toFarmers: 0, toSybils: 0, realEligible: 0, realFlagged: 0, farmerEligible: 0, farmerMissed: 0, claimedNow: 0, locked: 0, forfeited: 0 };
  /** Points held, all wallets; tokens received liquid this tick (claims and unlocks). */
  pointsTotal = 0;
  paidThisTick = 0;
  lockedNow = 0;
  private wallets: AirdropWallets | null = null;
  private clusters = 0;
  private claimRoute: Route | null = null;
  private unlockRoute: Route | null = null;
  /** Per-wallet scratch for a tick's earned and referral points, reused across ticks. */
  private earned = new Float64Array(0);
  private bonus = new Float64Array(0);

  constructor(
    /** The airdrop's parameters in force. */
    readonly params: () => AirdropParams,
    private readonly reserve: Account,
    private readonly lockAccount: Account,
    private readonly lockRoute: Route,
    private readonly ledger: Ledger,
    private readonly filter: SybilFilterApi | null,
  ) {}

  /** Serves `wallets` (whose token pocket receives claims). */
  attach(wallets: AirdropWallets): void {
    this.wallets = wallets;
    const pocket = this.ledger.pocket(wallets.account!, wallets, 'tokens');
    this.claimRoute = this.ledger.route(this.reserve, pocket, 'airdrop claim');
    this.unlockRoute = this.ledger.route(this.lockAccount, pocket, 'airdrop unlock');
  }

  /** Sets the number of clusters, one past the largest cluster id (once the wallets are created at genesis). */
  setClusters(clusters: number): void {
    this.clusters = clusters;
  }

  /**
   * Returns the points one wallet holds at the end of the season when each
   * tick it trades `chance` · V, makes `chance` · n transactions and holds L
   * of liquidity (its expected season points when no cap binds).
   */
  seasonPoints(a: Activity, chance: number): number {
    const p = this.params();
    const cap = p.pointsCap ?? Infinity;
    let points = 0;
    let held = 0;
    for (let t = 1; t <= p.seasonTicks; t++) {
      const m = boostAt(t, p.boosts) * holdingMultiplier(held, p.holding.bonusPerTick, p.holding.maxBonus);
      points = accrue(points, earnedPoints(chance * a.volumeUsd, a.liquidityUsd, chance * a.transactions, p.rates, m), p.decayPerTick, cap);
      held = a.liquidityUsd > 0 ? held + 1 : 0;
    }
    return points;
  }

  /** Phase `post`: scores this tick's activity during the season. */
  post(tick: number): void {
    const pop = this.wallets;
    const p = this.params();
    if (!pop || tick > p.seasonTicks) return;
    const n = pop.size;
    const { actVolume, actLiquidity, actTxs, heldTicks, points, referrer } = pop.cols;
    if (this.earned.length < n) {
      this.earned = new Float64Array(pop.capacity);
      this.bonus = new Float64Array(pop.capacity);
    }
    const e = this.earned;
    const bonus = this.bonus;
    bonus.fill(0, 0, n);
    const boost = boostAt(tick, p.boosts);
    for (let i = 0; i < n; i++) {
      const m = boost * holdingMultiplier(heldTicks[i], p.holding.bonusPerTick, p.holding.maxBonus);
      e[i] = earnedPoints(actVolume[i], actLiquidity[i], actTxs[i], p.rates, m);
      heldTicks[i] = actLiquidity[i] > 0 ? heldTicks[i] + 1 : 0;
    }
    for (let i = 0; i < n; i++) if (referrer[i] >= 0 && e[i] > 0) bonus[referrer[i]] += p.referralShare * e[i];
    const cap = p.pointsCap ?? Infinity;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      points[i] = accrue(points[i], e[i] + bonus[i], p.decayPerTick, cap);
      sum += points[i];
    }
    this.pointsTotal = sum;
  }

  /** Phase `pre`: the drop at the season's end, and the unlock of locked allocations. */
  pre(tick: number): void {
    this.paidThisTick = 0;
    const p = this.params();
    if (!this.wallets) return;
    const drop = p.seasonTicks + 1;
    const end = drop + p.claim.lockTicks;
    if (tick === drop) this.drop(p);
    else if (this.lockedNow > 0 && (tick === end || (p.claim.release === 'linear' && tick > drop && tick < end))) this.unlock(end - tick + 1);
  }

  private drop(p: AirdropParams): void {
    const pop = this.wallets!;
    const n = pop.size;
    const { points, farmer, cluster, flagged, allocation, lockedAmount, fresh, discountPerTick } = pop.cols;
    const eligible = new Uint8Array(n);
    for (let i = 0; i < n; i++) eligible[i] = points[i] > 0 && points[i] >= p.minPoints ? 1 : 0;
    if (this.filter) this.filter.flag(farmer, cluster, eligible, n, this.clusters, flagged);
    const cut = this.filter ? cutShare(this.filter.params()) : 0;
    const keep = new Float64Array(n);
    for (let i = 0; i < n; i++) keep[i] = eligible[i] === 0 ? 0 : flagged[i] === 1 ? 1 - cut : 1;
    const o = this.outcome;
    if (p.conversion === 'season') {
      const w = new Float64Array(n);
      for (let i = 0; i < n; i++) w[i] = points[i] * keep[i];
      o.allocated = allocateProRata(w, n, p.tokens, p.walletCapShare * p.tokens, allocation);
    } else {
      o.allocated = allocateEqual(points, keep, n, p.minPoints, p.tokens, allocation);
    }
    // The first wallet of each farmer's cluster is the farmer; the others are its sybils.
    const seen = new Uint8Array(this.clusters);
    for (let i = 0; i < n; i++) {
      if (eligible[i] === 1) {
        if (farmer[i] === 1) {
          o.farmerEligible++;
          if (flagged[i] === 0) o.farmerMissed++;
        } else {
          o.realEligible++;
          if (flagged[i] === 1) o.realFlagged++;
        }
      }
      if (farmer[i] === 1) {
        o.toFarmers += allocation[i];
        if (seen[cluster[i]] === 1) o.toSybils += allocation[i];
        seen[cluster[i]] = 1;
      }
    }
    const { mode, claimShare, lockTicks, release } = p.claim;
    for (let i = 0; i < n; i++) {
      const a = allocation[i];
      if (!(a > 0)) continue;
      const lock = mode === 'lock' || (mode === 'choose' && choosesLock(claimShare, lockTicks, discountPerTick[i], release));
      if (lock) {
        this.lockRoute.move(a);
        lockedAmount[i] = a;
        this.lockedNow += a;
        o.locked += a;
      } else {
        const now = mode === 'choose' ? a * claimShare : a;
        this.claimRoute!.pay(i, now);
        fresh[i] += now;
        this.paidThisTick += now;
        o.claimedNow += now;
        o.forfeited += a - now;
      }
    }
  }

  /** Pays each lock 1/`partsLeft` of what it still holds (all of it when 1 part is left). */
  private unlock(partsLeft: number): void {
    const pop = this.wallets!;
    const { lockedAmount, fresh } = pop.cols;
    let left = 0;
    for (let i = 0; i < pop.size; i++) {
      const held = lockedAmount[i];
      if (!(held > 0)) continue;
      const a = partsLeft <= 1 ? held : held / partsLeft;
      this.unlockRoute!.pay(i, a);
      lockedAmount[i] = partsLeft <= 1 ? 0 : held - a;
      left += lockedAmount[i];
      fresh[i] += a;
      this.paidThisTick += a;
    }
    this.lockedNow = left;
  }
}

/**
 * Returns p(S + d) / p(S − 1) − 1, the price change d ticks after the drop
 * at tick S against the tick before it, from recorded rows (the first row
 * at or past S + d); NaN when the run ends before S + d or has no row
 * before S.
 */
export function priceChangeAfter(price: Float64Array, ticks: Int32Array, dropTick: number, days: number): number {
  let before = -1;
  let after = -1;
  for (let r = 0; r < ticks.length; r++) {
    if (ticks[r] <= dropTick - 1) before = r;
    if (after < 0 && ticks[r] >= dropTick + days) after = r;
  }
  if (before < 0 || after < 0) return NaN;
  return price[after] / price[before] - 1;
}

/**
 * The airdrop block: a points programme over a season, a snapshot or
 * season conversion into an allocation from the non-circulating
 * `airdrop.reserve`, an optional sybil filter, and a claim, lock or
 * claim-or-lock choice (see `AirdropProgram`). The wallets it serves are an
 * agent block's (`airdropWallets`) that spreads `airdropColumns`.
 */
export const airdrop = defineBlock({
  key: 'airdrop',
  kind: 'mechanism',
  description: 'points programme and airdrop: activity points with multipliers, decay and caps; season or snapshot allocation from a reserve; claim, lock or claim-or-lock',
  sources: [
    'EigenLayer restaking points (docs.eigenlayer.xyz, 2023–2024): points per ETH restaked per hour, i.e. per unit of capital held per unit of time',
    'Blur points seasons (2023) and Blast points (docs.blast.io, 2024): points for activity and liquidity, with referral shares of referees\' points',
    'Uniswap UNI airdrop (blog.uniswap.org/uni, 16 Sept 2020): an equal 400 UNI to every address that had used the protocol before a snapshot',
    'Arbitrum ARB airdrop (docs.arbitrum.foundation airdrop eligibility, March 2023): points from activity criteria at a snapshot, a per-wallet cap, sybil clusters removed',
    'Ethena season 1 (docs.ethena.fi, April 2024): part of large allocations vested over months instead of liquid at the drop',
    'claim-or-stake/lock choices: Fuul airdrop distributor "claim & stake penalties" (docs.fuul.xyz): claiming without staking forfeits a share; lockdrop tiers (e.g. docs.launchonbasis.com "Lockdrop Mechanism")',
  ],
  params: { schema: airdropParamsSchema, defaults: airdropDefaults },
  uses: { sybilFilter },
  columns: airdropColumns,
  holders: {
    reserve: { circulating: false, description: 'airdrop tokens not (yet) claimed: the allocation before the drop, and what caps, the filter and forfeits leave' },
    locked: { circulating: false, description: 'airdrop allocations locked by their recipients until the unlock' },
  },
  metrics: {
    airdrop_points: { unit: 'points', description: 'points held by all wallets' },
    airdrop_reserve: { unit: 'tokens', description: 'airdrop tokens in the reserve' },
    airdrop_locked: { unit: 'tokens', description: 'airdrop allocations locked' },
    airdrop_paid: { unit: 'tokens', kind: 'flow', description: 'airdrop tokens paid liquid to wallets (claims and unlocks) since the previous row' },
  },
  kpis: {
    airdrop_allocated_share: { unit: 'share', description: 'share of the airdrop allocated at the drop' },
    farmer_share: { unit: 'share', description: 'share of the allocation that went to farmers\' wallets (farmers and their sybils)' },
    sybil_share: { unit: 'share', description: 'share of the allocation that went to farmers\' wallets beyond the first of each cluster' },
    real_users_excluded: { unit: 'agents', description: 'eligible real users the filter flagged by mistake (excluded or haircut)' },
    realised_false_positive_rate: { unit: 'share', description: 'flagged real users / eligible real users' },
    realised_false_negative_rate: { unit: 'share', description: 'missed farmer wallets / eligible farmer wallets' },
    airdrop_locked_share: { unit: 'share', description: 'share of the allocation locked at the drop' },
    airdrop_forfeited_share: { unit: 'share', description: 'share of the allocation forfeited by claiming early' },
    price_change_30d: { unit: 'share', description: 'price 30 ticks after the drop against the tick before it, minus 1 (NaN when the run ends first)' },
    price_change_90d: { unit: 'share', description: 'price 90 ticks after the drop against the tick before it, minus 1' },
    price_change_180d: { unit: 'share', description: 'price 180 ticks after the drop against the tick before it, minus 1' },
  },
  check(p) {
    const k = p.boosts.findIndex((b) => b.toTick <= b.fromTick);
    return k >= 0 ? [{ path: `boosts.${k}.toTick`, message: `is ${p.boosts[k].toTick}, not after fromTick ${p.boosts[k].fromTick}; expected toTick > fromTick` }] : [];
  },
  build(ctx) {
    const reserve = ctx.account('reserve');
    const locked = ctx.account('locked');
    const program = new AirdropProgram(ctx.params, reserve, locked, ctx.ledger.route(reserve, locked, 'airdrop lock'), ctx.ledger, ctx.deps.sybilFilter);
    const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
    return {
      api: program,
      hooks: { pre: (w) => program.pre(w.tick), post: (w) => program.post(w.tick) },
      genesis: () => {
        const t = ctx.params().tokens;
        if (t > 0) ctx.ledger.route('mint', reserve, 'airdrop allocation').move(t);
      },
      metrics: {
        airdrop_points: () => program.pointsTotal,
        airdrop_reserve: () => reserve.tokens,
        airdrop_locked: () => locked.tokens,
        airdrop_paid: () => program.paidThisTick,
      },
      summary: ({ series, ticks }) => {
        const o = program.outcome;
        const drop = ctx.params().seasonTicks + 1;
        const price = series.price;
        const change = (d: number) => (price ? priceChangeAfter(price, ticks, drop, d) : NaN);
        return {
          airdrop_allocated_share: ratio(o.allocated, ctx.params().tokens),
          farmer_share: ratio(o.toFarmers, o.allocated),
          sybil_share: ratio(o.toSybils, o.allocated),
          real_users_excluded: o.realFlagged,
          realised_false_positive_rate: ratio(o.realFlagged, o.realEligible),
          realised_false_negative_rate: ratio(o.farmerMissed, o.farmerEligible),
          airdrop_locked_share: ratio(o.locked, o.allocated),
          airdrop_forfeited_share: ratio(o.forfeited, o.allocated),
          price_change_30d: change(30),
          price_change_90d: change(90),
          price_change_180d: change(180),
        };
      },
    };
  },
});

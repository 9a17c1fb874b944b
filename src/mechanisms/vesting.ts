import { z } from '../core/zod';
import { distributionSchema } from '../core/distributions';
import type { Account } from '../core/account';
import { defineBlock, type TableRows } from '../core/block';
import { marketPort } from '../market/amm';
import { total } from '../metrics/series';
import { treasury } from './treasury';
import { fileProblems, readExogenousSeries } from '../market/exogenousSeries';
import { UnlockLog } from './unlockLog';
import { RunningSum } from '../core/sum';

/** How the holders of one vesting sector behave; traits are drawn per agent. */
export const sectorHolderTraitsSchema = z
  .object({
    /** Number of holders sharing the sector's unlocks. */
    count: z.number().int().min(1),
    /** Relative size of each holder's share of the sector (normalised within the sector). */
    weight: distributionSchema,
    /** Share of each unlock put up for sale, in [0, 1]. */
    sellShare: distributionSchema,
    /** Share of each unlock staked, in [0, 1] (taken after the sale share). */
    stakeShare: distributionSchema,
    /** Share of each unlock locked for lock-weighted rewards, in [0, 1] (after sale and stake). */
    lockShare: distributionSchema,
    /** Length of a lock, in ticks. */
    lockTicks: distributionSchema,
    /** Share of the tokens awaiting sale sold each tick, in (0, 1] (1: sell at once). */
    sellPace: distributionSchema,
    /**
     * Price fall from the price at which a holder last locked that makes it
     * leave the lock early, paying the early-exit penalty, in (0, 1];
     * omitted: never.
     */
    exitDrawdown: distributionSchema.optional(),
  })
  .strict();
export type SectorHolderTraits = z.infer<typeof sectorHolderTraitsSchema>;

/** One allocation sector (team, investors, community, ecosystem, treasury, airdrop, …). */
export const vestingSectorSchema = z
  .object({
    /** Sector name (snake_case; used in metric names). */
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a snake_case name'),
    /** Allocation, in tokens; minted at genesis into the vesting escrow. */
    tokens: z.number().min(0),
    /** Tick vesting starts from (0 = genesis). */
    startTick: z.number().int().min(0),
    /** Ticks after the start before anything is released. */
    cliffTicks: z.number().int().min(0),
    /** Ticks of linear vesting from the start (0: everything vests at the start). */
    vestingTicks: z.number().int().min(0),
    /** `daily`: releases every tick; `monthly`: releases at whole months (ticksPerYear / 12 ticks) after the start. */
    granularity: z.enum(['daily', 'monthly']),
    /** Share released at the start, before the cliff (a TGE unlock), in [0, 1]. */
    tgeShare: z.number().min(0).max(1),
    /** Who receives the unlocks: the sector's holders (agents) or the treasury. */
    recipient: z.enum(['holders', 'treasury']),
    /** How the sector's holders behave (when the recipient is `holders`). */
    holders: sectorHolderTraitsSchema.optional(),
    /**
     * An unlock calendar to replay instead of the schedule (a backtest): a
     * CSV file with one row per tick (tick 1 first) whose column `column`
     * holds the tokens unlocked that tick; see `calendarReleasedBy`.
     */
    calendar: z.object({ file: z.string().min(1), column: z.string().min(1) }).strict().optional(),
  })
  .strict()
  .refine((s) => s.recipient !== 'holders' || s.holders !== undefined, { message: "a sector with recipient 'holders' needs holders", path: ['holders'] });
export type VestingSector = z.infer<typeof vestingSectorSchema>;

/**
 * Returns the tokens of `s` released by the end of tick t (cumulative).
 * Vesting accrues linearly from the start; nothing (beyond the TGE share) is
 * released before the cliff; at the cliff everything accrued so far is
 * released at once. With A = tokens, g = tgeShare, τ the elapsed vesting
 * time t − start rounded down to the granularity (a whole tick, or a whole
 * month of ticksPerYear/12 ticks, counted from the start):
 *
 *   released(t) = 0                                   for t < start
 *               = g·A                                 for start ≤ t < start + cliff
 *               = g·A + (1−g)·A · min(1, τ / V)       for t ≥ start + cliff
 *
 * (V = vestingTicks; V = 0 releases everything at start + cliff).
 */
export function releasedBy(s: VestingSector, tick: number, ticksPerYear: number): number {
  if (tick < s.startTick) return 0;
  const tge = s.tokens * s.tgeShare;
  const elapsed = tick - s.startTick;
  if (elapsed < s.cliffTicks) return tge;
  if (s.vestingTicks === 0) return s.tokens;
  let tau = elapsed;
  if (s.granularity === 'monthly') {
    const month = ticksPerYear / 12;
    tau = Math.floor(elapsed / month + 1e-9) * month;
  }
  if (tau >= s.vestingTicks) return s.tokens;
  return tge + (s.tokens - tge) * (tau / s.vestingTicks);
}

/**
 * Returns the cumulative releases of a replayed unlock calendar: element t
 * is what the sector has released by the end of tick t,
 *
 *   released(t) = Σ_{τ=1..min(t, n)} u_τ      (released(0) = 0),
 *
 * u_τ the calendar's tokens for tick τ (n rows). The calendar is the whole
 * schedule: the start, cliff and vesting length are not used, nothing
 * unlocks after its last row, and what it never unlocks stays in the
 * vesting account. Its total must not exceed the allocation (the block's
 * `check` refuses it).
 */
export function calendarReleases(unlocks: ArrayLike<number>): Float64Array {
  const out = new Float64Array(unlocks.length + 1);
  const sum = new RunningSum();
  for (let t = 1; t <= unlocks.length; t++) {
    sum.add(unlocks[t - 1]);
    out[t] = sum.value;
  }
  return out;
}

/** Returns a sector's calendar unlocks per tick (cached per file version), or null when it follows its schedule. */
function calendarOf(s: VestingSector): Float64Array | null {
  return s.calendar ? readExogenousSeries(s.calendar.file, s.calendar.column.toLowerCase(), { nonNegative: true }).values : null;
}

/** Where a sector's unlock goes: `pay(sector, amount)` credits the recipient. */
export type UnlockSink = (sector: number, amount: number) => void;

/**
 * Vesting: the allocations of all sectors, held in the vesting account
 * (minted at genesis). In phase `pre` each tick it releases released(t) −
 * released so far of each sector (see `releasedBy`) to the sink; keeping the
 * running released total makes each sector's unlocks sum to exactly its
 * allocation. Tick 0 (genesis) releases the TGE share of sectors that start
 * at 0 on the first tick.
 */
export class Vesting {
  /** Unvested tokens, all sectors (recounted from the sectors, so exactly 0 once all is out). */
  escrow = 0;
  /** Tokens released so far, per sector. */
  readonly released: Float64Array;
  /** Tokens released this tick, per sector, and in total. */
  readonly releasedThisTickBySector: Float64Array;
  releasedThisTick = 0;
  private readonly total = new RunningSum();

  /** Per sector, the cumulative releases of its replayed calendar (`calendarReleases`), or null. */
  private readonly calendars: (Float64Array | null)[];

  constructor(
    readonly sectors: readonly VestingSector[],
    private readonly sink: UnlockSink,
  ) {
    this.calendars = sectors.map((s) => {
      const u = calendarOf(s);
      return u ? calendarReleases(u) : null;
    });
    this.released = new Float64Array(sectors.length);
    this.releasedThisTickBySector = new Float64Array(sectors.length);
    for (const s of sectors) this.escrow += s.tokens;
  }

  /** Returns the allocations of all sectors, in tokens. */
  get allocated(): number {
    let a = 0;
    for (const s of this.sectors) a += s.tokens;
    return a;
  }

  /** Returns tokens released so far, all sectors. */
  get releasedTotal(): number {
    return this.total.value;
  }

  pre(world: { tick: number; ticksPerYear: number }): void {
    let sum = 0;
    for (let k = 0; k < this.sectors.length; k++) {
      const s = this.sectors[k];
      const cal = this.calendars[k];
      const target = cal ? Math.min(s.tokens, cal[Math.min(world.tick, cal.length - 1)]) : releasedBy(s, world.tick, world.ticksPerYear);
      const amount = target - this.released[k];
      this.releasedThisTickBySector[k] = 0;
      if (!(amount > 0)) continue;
      this.released[k] = target;
      this.releasedThisTickBySector[k] = amount;
      sum += amount;
      this.sink(k, amount);
    }
    if (sum > 0) {
      let e = 0;
      for (let k = 0; k < this.sectors.length; k++) e += this.sectors[k].tokens - this.released[k];
      this.escrow = e;
    }
    this.releasedThisTick = sum;
    this.total.add(sum);
  }
}

/** The vesting block's parameters: its allocation sectors (none by default). */
export const vestingParamsSchema = z
  .object({ sectors: z.array(vestingSectorSchema).refine((ss) => new Set(ss.map((s) => s.name)).size === ss.length, { message: 'sector names must be unique' }) })
  .strict();
export type VestingParams = z.infer<typeof vestingParamsSchema>;

/** What the vesting block gives other blocks. */
export interface VestingApi {
  readonly vesting: Vesting;
  /**
   * Sets who receives the sectors paid to holders: `receive(k, amount)`
   * pays sector k's unlock out of the vesting account (see `route`), and
   * `soldBySector` is what each sector's holders sold this tick.
   */
  setHolders(receive: UnlockSink, soldBySector: Float64Array): void;
  /** The vesting account, where unlocks are paid from. */
  readonly account: Account;
}

/**
 * The vesting block: allocation sectors minted at genesis into the vesting
 * account and released by cliff and linear schedule (`releasedBy`), or by a
 * replayed unlock calendar (`calendarReleases`: a known episode's unlocks
 * from a CSV file), to the treasury or to the sector's holders (the
 * `sectorHolders` block). Writes
 * `unlocks.arrow`: tokens unlocked and sold per sector and tick.
 */
export const vesting = defineBlock({
  key: 'vesting',
  kind: 'mechanism',
  description: 'vesting sectors: genesis allocations released by TGE share, cliff and linear (daily or monthly) schedule, or by a replayed unlock calendar',
  sources: ['OpenZeppelin VestingWallet (github.com/OpenZeppelin/openzeppelin-contracts, contracts/finance/VestingWallet.sol): linear vesting after a start', 'cliff-and-linear schedules as in Token Terminal / TokenUnlocks sector data'],
  params: { schema: vestingParamsSchema, defaults: { sectors: [] } },
  needs: { treasury },
  uses: { market: marketPort },
  holders: { '': { circulating: false, description: 'allocations not yet vested' } },
  metrics: {
    vesting_escrow: { unit: 'tokens', description: 'allocations not yet vested' },
    unlocked: { unit: 'tokens', kind: 'flow', description: 'tokens vested since the previous row' },
  },
  kpis: {
    total_unlocked: { unit: 'tokens', description: 'tokens vested over the run' },
    unlock_price_change_30d: { unit: 'share', description: 'price change over the 30 ticks after the largest unlock (0 when nothing unlocked)' },
  },
  tables: {
    unlocks: {
      description: 'vesting unlocks and sales: one row per tick and sector that unlocked or sold',
      columns: [
        { name: 'tick', kind: 'int32' },
        { name: 'sector', kind: 'utf8' },
        { name: 'unlocked', kind: 'float64' },
        { name: 'sold', kind: 'float64' },
      ],
    },
  },
  check(p, _all, blocks) {
    const k = p.sectors.findIndex((s) => s.recipient === 'holders');
    const problems = k >= 0 && !blocks.has('sectorHolders') ? [{ path: `sectors.${k}.recipient`, message: 'pays holders, but the model has no sectorHolders block to hold them' }] : [];
    p.sectors.forEach((s, i) => {
      if (!s.calendar) return;
      const path = `sectors.${i}.calendar.file`;
      const read = fileProblems(path, () => calendarOf(s));
      if (read.length) return problems.push(...read);
      const total = calendarReleases(calendarOf(s)!).at(-1)!;
      if (total > s.tokens * (1 + 1e-12)) problems.push({ path, message: `${s.calendar.file}: its "${s.calendar.column}" column unlocks ${total} tokens, more than sector ${s.name}'s allocation of ${s.tokens}` });
    });
    return problems;
  },
  build(ctx) {
    const sectors = ctx.params().sectors;
    const account = ctx.account('');
    const t = ctx.deps.treasury;
    let holders: UnlockSink | null = null;
    let sold: Float64Array | null = null;
    const v = new Vesting(sectors, (k, amount) => {
      if (sectors[k].recipient === 'treasury' || !holders) t.incomeFrom(account, 'allocation').move(amount);
      else holders(k, amount);
    });
    const log = new UnlockLog(sectors.map((s) => s.name), v.releasedThisTickBySector);
    const api: VestingApi = {
      vesting: v,
      account,
      setHolders(receive, soldBySector) {
        holders = receive;
        sold = soldBySector;
      },
    };
    return {
      api,
      hooks: { pre: (w) => v.pre(w), observe: (w) => log.note(w.tick, sold) },
      genesis: () => {
        const a = v.allocated;
        if (a > 0) ctx.ledger.route('mint', account, 'allocation').move(a);
      },
      metrics: { vesting_escrow: () => v.escrow, unlocked: () => v.releasedThisTick },
      summary: ({ series, ticks }) => ({
        total_unlocked: total(series, 'unlocked'),
        unlock_price_change_30d: series.price ? priceChangeAfterPeakUnlock(series.unlocked, series.price, ticks, 30) : 0,
      }),
      tables: { unlocks: (): TableRows => log.rows() },
    };
  },
});

/**
 * Returns the tick-window price change after the largest unlock: with t* the
 * recorded row (after genesis) of the largest `unlocked` value,
 * p(t* + window) / p(t* − 1) − 1 (the first row at or past t* + window, or
 * the last row); 0 when nothing unlocked.
 */
export function priceChangeAfterPeakUnlock(unlocked: Float64Array, price: Float64Array, ticks: Int32Array, window: number): number {
  let best = 0;
  let r = -1;
  for (let k = 1; k < unlocked.length; k++) {
    if (unlocked[k] > best) {
      best = unlocked[k];
      r = k;
    }
  }
  if (r < 0) return 0;
  let after = r;
  while (after < ticks.length - 1 && ticks[after] < ticks[r] + window) after++;
  return price[after] / price[r - 1] - 1;
}


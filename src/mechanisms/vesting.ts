import { z } from 'zod';
import type { Holder } from '../core/ledger';
import { RunningSum } from '../core/sum';

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
  })
  .strict();
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

/** Where a sector's unlock goes: `pay(sector, amount)` credits the recipient. */
export type UnlockSink = (sector: number, amount: number) => void;

/**
 * Vesting: the allocations of all sectors, held as an escrow the ledger sees
 * (minted at genesis by `mintAllocations`). In phase `pre` each tick it
 * releases released(t) − released so far of each sector (see `releasedBy`)
 * to the sink; keeping the running released total makes each sector's
 * unlocks sum to exactly its allocation. Tick 0 (genesis) releases the TGE
 * share of sectors that start at 0 on the first tick.
 */
export class Vesting implements Holder {
  readonly name = 'vesting';
  /** Unvested tokens, all sectors. */
  escrow = 0;
  /** Tokens released so far, per sector. */
  readonly released: Float64Array;
  /** Tokens released this tick, per sector, and in total. */
  readonly releasedThisTickBySector: Float64Array;
  releasedThisTick = 0;
  private readonly total = new RunningSum();

  constructor(
    readonly sectors: readonly VestingSector[],
    private readonly sink: UnlockSink,
  ) {
    this.released = new Float64Array(sectors.length);
    this.releasedThisTickBySector = new Float64Array(sectors.length);
  }

  /** Records the allocations as minted into escrow and returns the tokens minted. */
  mintAllocations(ledger: { mint(a: number): void }): number {
    let a = 0;
    for (const s of this.sectors) a += s.tokens;
    ledger.mint(a);
    this.escrow += a;
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
      const target = releasedBy(s, world.tick, world.ticksPerYear);
      const amount = target - this.released[k];
      this.releasedThisTickBySector[k] = 0;
      if (!(amount > 0)) continue;
      this.released[k] = target;
      this.releasedThisTickBySector[k] = amount;
      sum += amount;
      this.sink(k, amount);
    }
    // Recounted from the sectors (few) rather than decremented, so it is exactly 0 once all is out.
    if (sum > 0) {
      let e = 0;
      for (let k = 0; k < this.sectors.length; k++) e += this.sectors[k].tokens - this.released[k];
      this.escrow = e;
    }
    this.releasedThisTick = sum;
    this.total.add(sum);
  }

  tokenHoldings(): number {
    return this.escrow;
  }

  usdHoldings(): number {
    return 0;
  }
}

import { z } from 'zod';
import { distributionSchema } from '../src/core/distributions';
import { drawTrait } from '../src/core/genesis';
import { Population } from '../src/core/population';
import type { Rng } from '../src/core/rng';
import type { AgentClass, World } from '../src/core/world';
import type { ConstantProductPool } from '../src/market/amm';
import { sellTokens } from '../src/market/trade';
import type { LockPool } from '../src/mechanisms/lockedStaking';
import type { StakingPool } from '../src/mechanisms/staking';

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

const schema = {
  sector: 'i32',
  weight: 'f64',
  sellShare: 'f64',
  stakeShare: 'f64',
  lockShare: 'f64',
  lockTicks: 'f64',
  sellPace: 'f64',
  exitDrawdown: 'f64',
  /** Price when the holder last locked, USD per token. */
  lockPrice: 'f64',
  /** Tokens received since the holder last decided. */
  fresh: 'f64',
  /** Tokens set aside for sale and not yet sold. */
  toSell: 'f64',
} as const;

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/**
 * Sector holders: the team members, investors, airdrop recipients, … who
 * receive a vesting sector's unlocks. An unlock U of sector k is split among
 * its holders by weight (w_i / Σ_k w; the last holder takes the rounding
 * remainder, so the split sums to U). Each tick a holder with fresh tokens f
 * sets aside sellShare·f for sale, stakes stakeShare of the rest, locks
 * lockShare of what remains for lockTicks ticks, and holds the remainder;
 * then it sells sellPace of the tokens awaiting sale on the AMM. A holder
 * whose lock is live leaves it early (paying the lock pool's penalty) when
 * the price has fallen by exitDrawdown from its price when it locked; the
 * tokens returned are held. Tokens sold and USD received each tick are the
 * sector's sell pressure.
 */
export class SectorHolders implements AgentClass {
  readonly name = 'sectorHolders';
  readonly population: Population<typeof schema>;
  /** Tokens sold and USD received this tick, all holders. */
  soldThisTick = 0;
  soldUsdThisTick = 0;
  /** Tokens sold this tick, per sector. */
  readonly soldBySector: Float64Array;
  /** First agent of each sector, and one past the last. */
  private readonly first: Int32Array;
  private readonly end: Int32Array;
  private readonly weightSum: Float64Array;

  constructor(
    private readonly sectors: readonly { name: string; holders: SectorHolderTraits }[],
    private readonly pool: ConstantProductPool,
    private readonly staking: StakingPool,
    private readonly locking: LockPool,
  ) {
    this.population = new Population('sectorHolders', schema, 0);
    staking.attach(this.population);
    locking.attach(this.population);
    const n = sectors.length;
    this.first = new Int32Array(n);
    this.end = new Int32Array(n);
    this.weightSum = new Float64Array(n);
    this.soldBySector = new Float64Array(n);
  }

  /** Creates each sector's holders with their traits (no tokens: they receive unlocks). */
  init(_world: World, rng: Rng): void {
    const pop = this.population;
    this.sectors.forEach((s, k) => {
      const h = s.holders;
      const first = pop.add(h.count);
      const end = first + h.count;
      const c = pop.cols;
      c.sector.fill(k, first, end);
      drawTrait(c.weight, first, end, h.weight, rng);
      drawTrait(c.sellShare, first, end, h.sellShare, rng);
      drawTrait(c.stakeShare, first, end, h.stakeShare, rng);
      drawTrait(c.lockShare, first, end, h.lockShare, rng);
      drawTrait(c.lockTicks, first, end, h.lockTicks, rng);
      drawTrait(c.sellPace, first, end, h.sellPace, rng);
      if (h.exitDrawdown) drawTrait(c.exitDrawdown, first, end, h.exitDrawdown, rng);
      else c.exitDrawdown.fill(1, first, end);
      let w = 0;
      for (let i = first; i < end; i++) {
        c.weight[i] = Math.max(0, c.weight[i]);
        c.sellShare[i] = clamp01(c.sellShare[i]);
        c.stakeShare[i] = clamp01(c.stakeShare[i]);
        c.lockShare[i] = clamp01(c.lockShare[i]);
        c.sellPace[i] = c.sellPace[i] > 0 ? clamp01(c.sellPace[i]) : 1;
        w += c.weight[i];
      }
      // All-zero weights: share equally.
      if (!(w > 0) && h.count > 0) {
        c.weight.fill(1, first, end);
        w = h.count;
      }
      this.first[k] = first;
      this.end[k] = end;
      this.weightSum[k] = w;
    });
  }

  /** Credits an unlock of `amount` tokens of sector `k` to its holders by weight. */
  receive(k: number, amount: number): void {
    const { tokens, fresh, weight } = this.population.cols;
    const first = this.first[k];
    const last = this.end[k] - 1;
    if (last < first) throw new Error(`sector ${this.sectors[k].name} has no holders to receive ${amount} tokens`);
    const W = this.weightSum[k];
    let given = 0;
    for (let i = first; i < last; i++) {
      const a = (amount * weight[i]) / W;
      tokens[i] += a;
      fresh[i] += a;
      given += a;
    }
    const rest = amount - given;
    tokens[last] += rest;
    fresh[last] += rest;
  }

  act(world: World, order: Int32Array | null, count: number): void {
    const pop = this.population;
    const { active, tokens, fresh, toSell, sellShare, stakeShare, lockShare, lockTicks, sellPace, sector, exitDrawdown, lockPrice } = pop.cols;
    const locked = pop.f64('lockAmount');
    const tick = world.tick;
    const price = this.pool.price;
    this.soldThisTick = 0;
    this.soldUsdThisTick = 0;
    this.soldBySector.fill(0);
    for (let k = 0; k < count; k++) {
      const i = order === null ? k : order[k];
      if (active[i] === 0) continue;
      this.staking.settle(pop, i);
      const f = fresh[i];
      if (f > 0) {
        fresh[i] = 0;
        const sell = f * sellShare[i];
        toSell[i] += sell;
        const stake = (f - sell) * stakeShare[i];
        if (stake > 0) this.staking.stake(pop, i, stake);
        const lock = (f - sell - stake) * lockShare[i];
        if (lock > 0 && this.locking.lock(pop, i, lock, lockTicks[i], tick) > 0) lockPrice[i] = price;
      } else if (locked[i] > 0 && price < (1 - exitDrawdown[i]) * lockPrice[i]) {
        this.locking.exitEarly(pop, i, tick);
      }
      if (toSell[i] > 0) {
        const want = toSell[i] * sellPace[i];
        const amount = want < tokens[i] ? want : tokens[i];
        const usd = sellTokens(this.pool, pop, i, amount);
        toSell[i] -= amount;
        if (toSell[i] < 1e-12) toSell[i] = 0;
        this.soldThisTick += amount;
        this.soldUsdThisTick += usd;
        this.soldBySector[sector[i]] += amount;
      }
    }
  }
}

import { z } from '../src/core/zod';
import { distributionSchema } from '../src/core/distributions';
import { drawTrait } from '../src/core/genesis';
import { defineBlock } from '../src/core/block';
import type { Population } from '../src/core/population';
import type { Rng } from '../src/core/rng';
import type { Route } from '../src/core/route';
import type { AgentClass, World } from '../src/core/world';
import { marketPort } from '../src/market/amm';
import type { ConstantProductPool } from '../src/market/constantProductPool';
import { sellTokens } from '../src/market/trade';
import { lockColumns, locking, type LockAccount } from '../src/mechanisms/lockedStaking';
import { staking, stakingColumns, type StakeAccount } from '../src/mechanisms/staking';
import { total } from '../src/metrics/series';
import { sectorHolderTraitsSchema, vesting, type SectorHolderTraits } from '../src/mechanisms/vesting';


/** The sector holders' columns: the staking pool's, the lock pool's and their own. */
export const sectorHoldersSchema = {
  ...stakingColumns,
  ...lockColumns,
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
  readonly name: string;
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
    readonly population: Population<typeof sectorHoldersSchema>,
    private readonly sectors: readonly { name: string; holders: SectorHolderTraits }[],
    private readonly pool: ConstantProductPool,
    private readonly staking: StakeAccount,
    private readonly locking: LockAccount,
    /** The route unlocks reach the holders along (from the vesting account). */
    private readonly unlock: Route,
  ) {
    this.name = population.name;
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
    const { fresh, weight } = this.population.cols;
    const first = this.first[k];
    const last = this.end[k] - 1;
    if (last < first) throw new Error(`sector ${this.sectors[k].name} has no holders to receive ${amount} tokens`);
    const W = this.weightSum[k];
    let given = 0;
    for (let i = first; i < last; i++) {
      // Capped by what is left, so shares rounded up (amounts near the smallest float) never leave a negative rest.
      const share = (amount * weight[i]) / W;
      const left = amount - given;
      const a = share < left ? share : left;
      this.unlock.pay(i, a);
      fresh[i] += a;
      given += a;
    }
    const rest = amount - given;
    this.unlock.pay(last, rest);
    fresh[last] += rest;
  }

  act(world: World, order: Int32Array | null, count: number): void {
    const pop = this.population;
    const { active, tokens, fresh, toSell, sellShare, stakeShare, lockShare, lockTicks, sellPace, sector, exitDrawdown, lockPrice, lockAmount: locked } = pop.cols;
    const tick = world.tick;
    const price = this.pool.price;
    this.soldThisTick = 0;
    this.soldUsdThisTick = 0;
    this.soldBySector.fill(0);
    for (let k = 0; k < count; k++) {
      const i = order === null ? k : order[k];
      if (active[i] === 0) continue;
      this.staking.settle(i);
      const f = fresh[i];
      if (f > 0) {
        fresh[i] = 0;
        const sell = f * sellShare[i];
        toSell[i] += sell;
        const stake = (f - sell) * stakeShare[i];
        if (stake > 0) this.staking.stake(i, stake);
        const lock = (f - sell - stake) * lockShare[i];
        if (lock > 0 && this.locking.lock(i, lock, lockTicks[i], tick) > 0) lockPrice[i] = price;
      } else if (locked[i] > 0 && price < (1 - exitDrawdown[i]) * lockPrice[i]) {
        this.locking.exitEarly(i, tick);
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

// A sector paying the treasury has no holders: zero agents keep sector indices aligned.
const NO_HOLDERS: SectorHolderTraits = {
  count: 0,
  weight: { dist: 'constant', value: 1 },
  sellShare: { dist: 'constant', value: 0 },
  stakeShare: { dist: 'constant', value: 0 },
  lockShare: { dist: 'constant', value: 0 },
  lockTicks: { dist: 'constant', value: 1 },
  sellPace: { dist: 'constant', value: 1 },
};

/**
 * The sector-holders agent block: the holders of the vesting sectors whose
 * recipient is `holders`, behaving as each sector's `holders` says.
 */
export const sectorHolders = defineBlock({
  key: 'sectorHolders',
  kind: 'agents',
  description: 'holders of vesting allocations: sell, stake or lock what unlocks; exit locks early on a price fall',
  sources: ['unlock sell pressure: Keyrock, "Token Unlocks" (2023) study of 16,000 unlock events'],
  needs: { vesting, staking, locking, market: marketPort },
  population: {
    schema: sectorHoldersSchema,
    count: (_p, all) => ((all.vesting as { sectors: { holders?: { count: number } }[] } | undefined)?.sectors ?? []).reduce((n, s) => n + (s.holders?.count ?? 0), 0),
  },
  metrics: {
    sector_sold: { unit: 'tokens', kind: 'flow', description: 'tokens sector holders sold since the previous row' },
    sell_pressure_usd: { unit: 'USD', kind: 'flow', description: 'USD sector holders received for them' },
  },
  kpis: {
    total_sector_sold: { unit: 'tokens', description: 'tokens sector holders sold over the run' },
    total_sell_pressure_usd: { unit: 'USD', description: 'USD sector holders received over the run' },
    sector_sold_share: { unit: 'share', description: 'share of unlocked tokens sector holders sold' },
    peak_sell_pressure_usd: { unit: 'USD', description: 'largest sell pressure in one recorded row' },
  },
  build(ctx) {
    const { pop, account } = ctx.population(sectorHoldersSchema);
    const v = ctx.deps.vesting;
    const sectors = v.vesting.sectors.map((s) => ({ name: s.name, holders: s.recipient === 'holders' && s.holders ? s.holders : NO_HOLDERS }));
    const unlock = ctx.ledger.route(v.account, ctx.ledger.pocket(account, pop, 'tokens'), 'allocation');
    const cls = new SectorHolders(pop, sectors, ctx.deps.market, ctx.deps.staking.attach(pop), ctx.deps.locking.attach(pop), unlock);
    v.setHolders((k, amount) => cls.receive(k, amount), cls.soldBySector);
    return {
      api: cls,
      agents: cls,
      genesis: (w) => cls.init(w, ctx.rng.fork('genesis')),
      metrics: { sector_sold: () => cls.soldThisTick, sell_pressure_usd: () => cls.soldUsdThisTick },
      summary: ({ series }) => {
        const sold = total(series, 'sector_sold');
        const unlocked = series.unlocked ? total(series, 'unlocked') : 0;
        return {
          total_sector_sold: sold,
          total_sell_pressure_usd: total(series, 'sell_pressure_usd'),
          sector_sold_share: unlocked > 0 ? sold / unlocked : 0,
          peak_sell_pressure_usd: Math.max(0, ...series.sell_pressure_usd),
        };
      },
    };
  },
});

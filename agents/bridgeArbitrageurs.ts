import { z } from '../src/core/zod';
import type { Pocket } from '../src/core/account';
import { defineBlock, type Block, type HolderSpec } from '../src/core/block';
import { InputError } from '../src/core/errors';
import { distributionSchema } from '../src/core/distributions';
import { addEndowed } from '../src/core/genesis';
import type { Population, Schema } from '../src/core/population';
import type { Route } from '../src/core/route';
import type { World } from '../src/core/world';
import type { Bridge, Direction, Lane } from '../src/chains/bridge';
import { bridge } from '../src/chains/bridgeBlock';
import type { BridgeParams } from '../src/chains/bridgeParams';
import { chainOf, type ChainApi } from '../src/chains/chainRegistry';
import { PocketSwapper } from '../src/chains/pocketSwap';
import { total } from '../src/metrics/series';

/** Parameters of the cross-chain arbitrageurs. */
export const bridgeArbitrageursParamsSchema = z
  .object({
    count: z.number().int().min(0).max(10_000),
    /** Starting USD of each (they hold USD on every chain; see the class). */
    initialUsd: distributionSchema,
    /** Return required per tick a trip's tokens spend in flight, as a share of the USD spent (the delay penalty). */
    requiredReturnPerTick: z.number().min(0).max(1),
    /** Trips per tick at most (all arbitrageurs together). */
    maxTrips: z.number().int().min(0).max(1000),
  })
  .strict();
export type BridgeArbitrageursParams = z.infer<typeof bridgeArbitrageursParamsSchema>;

/** Transactions of one trip on each chain: a swap and the bridge call on the source, the claim and a swap on the destination. */
export const TXS_PER_CHAIN = 2;

const ITERATIONS = 60;

/**
 * Returns the x in [0, budget] maximising a concave π (ternary search,
 * `ITERATIONS` rounds), and π there; [0, π(0)] when π falls from the start.
 */
export function maximiseConcave(pi: (x: number) => number, budget: number): [number, number] {
  let lo = 0;
  let hi = budget;
  for (let k = 0; k < ITERATIONS; k++) {
    const a = lo + (hi - lo) / 3;
    const b = hi - (hi - lo) / 3;
    if (pi(a) < pi(b)) lo = a;
    else hi = b;
  }
  const x = 0.5 * (lo + hi);
  const px = pi(x);
  const p0 = pi(0);
  return px > p0 ? [x, px] : [0, p0];
}

/** One bridge the arbitrageurs trade over: the bridge, and their token pockets on its source and destination chains. */
export interface ArbLeg {
  readonly bridge: Bridge;
  readonly from: Pocket;
  readonly to: Pocket;
}

/**
 * Cross-chain arbitrageurs over one or more bridges (phase `post`, after
 * the tick's other trades): one desk whose capital, a single USD balance
 * per arbitrageur, serves every bridge it is given — the assumption that
 * they hold USD (a stablecoin) on every chain and rebalance it outside the
 * model at no cost. Their tokens on each bridge's two chains are pockets of
 * their own (for the first bridge: the class's own `tokens` on its source
 * chain and `tokensRemote` on its destination).
 *
 * Each tick they first sell, on each chain, what the bridges have
 * delivered to them there. Then, while a trip pays, the one with most USD
 * makes the best trip over all bridges k and directions d: spend x USD on
 * the source chain's pool, send the tokens B(x) (capped by the bridge's
 * room) over bridge k, and — when they arrive, after D_k = delayTicks —
 * sell them on the destination's pool. The trip is valued at today's
 * prices, after the tokens already in flight to the destination are sold
 * there:
 *
 *   π_k(x) = S_dst(P + Q_k(min(B(x), room))) − S_dst(P) − x (1 + ρ D_k) − g_k,
 *
 * with Q_k the bridge's quote (fee, backing haircut, equilibrium fee), P
 * the tokens in flight to the destination, ρ the required return per tick
 * of delay and g_k = 2 gas_src + 2 gas_dst the four transactions' gas in
 * USD (paid out of the model). π is concave in x; `maximiseConcave` finds
 * its maximum, and the trip with the largest maximum is made when it is
 * > 0 (ties go to the bridge listed first, then to direction 0). With
 * D = 0 the tokens arrive at once and are sold in the same trip, so after
 * arbitrage no trip pays on any bridge: each bridged pair's prices stand
 * within its round trip's fees — for gas 0,
 * |ln(p_dst / p_src)| ≤ −ln((1 − f_src)(1 − f_bridge)(1 − f_dst)) — and two
 * chains joined over several hops within the sum of the hops' bands
 * (|ln| obeys the triangle inequality); within more for gas and delay. A
 * trip crosses one bridge: tokens are not carried on over a second hop,
 * the pairs are brought in line one after another within the tick. A shut
 * bridge (capacity 0) gives them nothing to do on it.
 *
 * Sources: the no-arbitrage band of a round trip net of fees follows
 * Makarov & Schoar, "Trading and arbitrage in cryptocurrency markets",
 * J. Financial Economics 135 (2020); the delay penalty (a required return
 * per tick in flight) is an assumption of this model.
 */
export class BridgeArbitrageurs {
  readonly name: string;
  /** USD spent on trips this tick, and their number. */
  volumeUsd = 0;
  trips = 0;
  private readonly legs: readonly ArbLeg[];
  private readonly lanes: [Lane, Lane][];
  private readonly swappers: [PocketSwapper, PocketSwapper][];
  private readonly chains: [ChainApi, ChainApi][];
  private readonly gas: Route;

  constructor(
    readonly population: Population,
    private readonly params: () => BridgeArbitrageursParams,
    legs: readonly ArbLeg[],
    world: World,
  ) {
    this.name = population.name;
    this.legs = legs;
    const l = world.ledger;
    const usd = l.pocket(population.account!, population, 'usd', 'usd');
    this.chains = legs.map((g) => [chainOf(world, g.bridge.sides[0].chain), chainOf(world, g.bridge.sides[1].chain)]);
    this.swappers = legs.map((g, k) => [new PocketSwapper(this.chains[k][0].pool, g.from, usd), new PocketSwapper(this.chains[k][1].pool, g.to, usd)]);
    this.lanes = legs.map((g) => [g.bridge.lane(0, g.from, g.to), g.bridge.lane(1, g.to, g.from)]);
    this.gas = l.route(usd, 'outside', 'gas', 'usd');
  }

  /** Returns the trip in direction `dir` over bridge `k` (the first when omitted) an agent with `budget` USD would make: [USD to spend, value π]. */
  bestTrip(dir: Direction, budget: number, k = 0): [number, number] {
    const p = this.params();
    const bridge = this.legs[k].bridge;
    const src = this.swappers[k][dir].pool;
    const dst = this.swappers[k][1 - dir].pool;
    const pending = bridge.sides[1 - dir].inFlight.tokens;
    const base = dst.quoteSell(pending);
    const room = bridge.room(dir);
    const hold = 1 + p.requiredReturnPerTick * bridge.delay();
    const gas = this.tripGasUsd(k);
    if (!(room > 0) || !(budget > gas)) return [0, -gas];
    const pi = (x: number) => dst.quoteSell(pending + bridge.quote(dir, Math.min(src.quoteBuy(x), room))) - base - x * hold - gas;
    return maximiseConcave(pi, budget - gas);
  }

  /** Returns the gas of one trip over bridge `k` (the first when omitted), in USD: `TXS_PER_CHAIN` transactions on each of its chains. */
  tripGasUsd(k = 0): number {
    return TXS_PER_CHAIN * (this.chains[k][0].gasUsd() + this.chains[k][1].gasUsd());
  }

  /** Phase `post`: sells what has arrived, then makes the best trip over every bridge while one pays, up to `maxTrips`. */
  post(): void {
    const p = this.params();
    this.volumeUsd = 0;
    this.trips = 0;
    this.sellArrived();
    const usd = this.population.cols.usd;
    for (let trip = 0; trip < p.maxTrips; trip++) {
      const i = this.richest();
      if (i < 0) return;
      let best = -1;
      let dir: Direction = 0;
      let x = 0;
      let v = -Infinity;
      for (let k = 0; k < this.legs.length; k++) {
        const [x0, v0] = this.bestTrip(0, usd[i], k);
        const [x1, v1] = this.bestTrip(1, usd[i], k);
        const d: Direction = v1 > v0 ? 1 : 0;
        const vk = d === 1 ? v1 : v0;
        if (best < 0 || vk > v) [best, dir, x, v] = [k, d, d === 1 ? x1 : x0, vk];
      }
      if (!(v > 0) || !(x > 0)) return;
      const bridge = this.legs[best].bridge;
      const gas = this.tripGasUsd(best);
      const bought = this.swappers[best][dir].buy(i, x);
      this.lanes[best][dir].send(i, Math.min(bought, bridge.room(dir)));
      if (gas > 0) this.gas.take(i, gas);
      this.volumeUsd += x;
      this.trips++;
      // Delivered at once (no delay): sell it now, in the same trip.
      if (bridge.delay() === 0) this.sellArrived();
    }
  }

  /** Sells every agent's tokens on every chain, each pocket on its chain's pool. */
  private sellArrived(): void {
    const cols = this.population.f64Columns;
    for (let i = 0; i < this.population.size; i++) {
      for (let k = 0; k < this.legs.length; k++) {
        const from = cols[this.legs[k].from.column];
        const to = cols[this.legs[k].to.column];
        if (from[i] > 0) this.swappers[k][0].sell(i, from[i]);
        if (to[i] > 0) this.swappers[k][1].sell(i, to[i]);
      }
    }
  }

  /** Returns the active arbitrageur with most USD, or −1. */
  private richest(): number {
    const { usd, active } = this.population.cols;
    let best = -1;
    for (let i = 0; i < this.population.size; i++) if (active[i] === 1 && (best < 0 || usd[i] > usd[best])) best = i;
    return best;
  }
}

/**
 * Returns the columns the arbitrageurs of `bridges` keep besides their own
 * `tokens`: `tokensRemote` (the first bridge's destination), then, for each
 * further bridge k, `tokensFrom<k>` and `tokensTo<k>` (its source and
 * destination; k from 1).
 */
export function arbColumns(bridges: number): Schema {
  const cols: Schema = { tokensRemote: 'f64' };
  for (let k = 1; k < bridges; k++) {
    cols[`tokensFrom${k}`] = 'f64';
    cols[`tokensTo${k}`] = 'f64';
  }
  return cols;
}

/**
 * Returns the cross-chain arbitrageurs block (key `bridgeArbitrageurs`,
 * columns `bridge_arb_*`) trading over `bridges`, in the order given (the
 * first when two trips pay as much): one desk keeping every bridged pair's
 * prices in line, net of the pools' fees, the bridge's fee, gas on both
 * chains and the delay's required return (`BridgeArbitrageurs`). The
 * class's own account is on the first bridge's source chain, `remote` on
 * its destination; a further bridge with key b adds the accounts
 * `bridgeArbitrageurs.<b>.from` and `.to` on its two chains.
 */
export function bridgeArbitrageursOver(...bridges: Block<string, BridgeParams, Bridge>[]): Block<'bridgeArbitrageurs', BridgeArbitrageursParams, () => BridgeArbitrageurs | null> {
  if (bridges.length === 0) throw new InputError('bridgeArbitrageursOver(): expected at least one bridge block');
  const columns = arbColumns(bridges.length);
  const extra = bridges.slice(1);
  const holders: Record<string, HolderSpec> = {
    remote: { circulating: true, description: "the class's tokens on the bridge's destination chain (column tokensRemote); its own account is on the source chain" },
  };
  for (const [k, b] of extra.entries()) {
    holders[`${b.key}.from`] = { circulating: true, description: `the class's tokens on ${b.key}'s source chain (column tokensFrom${k + 1})` };
    holders[`${b.key}.to`] = { circulating: true, description: `the class's tokens on ${b.key}'s destination chain (column tokensTo${k + 1})` };
  }
  const needs: Record<string, Block<string, BridgeParams, Bridge>> = Object.fromEntries(bridges.map((b, k) => [k === 0 ? 'bridge' : b.key, b]));
  return defineBlock({
    key: 'bridgeArbitrageurs',
    kind: 'agents',
    description:
      bridges.length === 1
        ? "cross-chain arbitrageurs: buy where the token is cheap, bridge, sell where it is dear, while the gap beats fees, gas and the delay's required return"
        : `cross-chain arbitrageurs over ${bridges.map((b) => b.key).join(', ')}: the best trip over any of them, while a gap beats fees, gas and the delay's required return`,
    sources: ['Makarov & Schoar (2020), "Trading and arbitrage in cryptocurrency markets", J. Financial Economics 135; delay penalty assumed'],
    params: {
      schema: bridgeArbitrageursParamsSchema,
      defaults: { count: 5, initialUsd: { dist: 'constant', value: 200_000 }, requiredReturnPerTick: 0.001, maxTrips: 10 },
    },
    needs,
    columns,
    population: { schema: columns, count: (p) => p.count },
    holders,
    metrics: {
      bridge_arb_volume_usd: { unit: 'USD', kind: 'flow', description: 'USD spent on the buying leg of cross-chain trips since the previous row' },
      bridge_arb_trips: { unit: 'count', kind: 'flow', description: 'cross-chain arbitrage trips since the previous row' },
      bridge_arb_usd: { unit: 'USD', description: "cross-chain arbitrageurs' USD (tokens in flight and unsold not counted)" },
    },
    kpis: {
      total_bridge_arb_volume_usd: { unit: 'USD', description: 'USD spent on cross-chain trips over the run' },
      bridge_arb_trip_count: { unit: 'count', description: 'cross-chain trips over the run' },
      bridge_arb_profit_usd: { unit: 'USD', description: "change of the arbitrageurs' USD over the run, gas paid (their unsold tokens not counted)" },
    },
    build(ctx) {
      const over = bridges.map((b, k) => ctx.deps[k === 0 ? 'bridge' : b.key]);
      const { pop, account } = ctx.population(columns, { chain: over[0].sides[0].chain });
      const remote = ctx.account('remote', over[0].sides[1].chain);
      const ends = extra.map((b, k) => [ctx.account(`${b.key}.from`, over[k + 1].sides[0].chain), ctx.account(`${b.key}.to`, over[k + 1].sides[1].chain)] as const);
      let cls: BridgeArbitrageurs | null = null;
      const usdHeld = () => ctx.ledger.account(ctx.key)!.usd;
      return {
        api: () => cls,
        hooks: { post: () => cls!.post() },
        genesis: (w: World) => {
          const p = ctx.params();
          addEndowed(w.ledger, pop, p.count, { dist: 'constant', value: 0 }, p.initialUsd, ctx.rng.fork('genesis'));
          // The chains' pools are registered once every block is built: the routes are made now.
          const l = w.ledger;
          const legs: ArbLeg[] = over.map((bridge, k) =>
            k === 0
              ? { bridge, from: l.pocket(account, pop, 'tokens', 'tokens'), to: l.pocket(remote, pop, 'tokensRemote', 'tokens') }
              : { bridge, from: l.pocket(ends[k - 1][0], pop, `tokensFrom${k}`, 'tokens'), to: l.pocket(ends[k - 1][1], pop, `tokensTo${k}`, 'tokens') },
          );
          cls = new BridgeArbitrageurs(pop, ctx.params, legs, w);
        },
        metrics: {
          bridge_arb_volume_usd: () => cls!.volumeUsd,
          bridge_arb_trips: () => cls!.trips,
          bridge_arb_usd: usdHeld,
        },
        summary: ({ series }) => ({
          total_bridge_arb_volume_usd: total(series, 'bridge_arb_volume_usd'),
          bridge_arb_trip_count: total(series, 'bridge_arb_trips'),
          bridge_arb_profit_usd: series.bridge_arb_usd[series.bridge_arb_usd.length - 1] - series.bridge_arb_usd[0],
        }),
      };
    },
  });
}

/** The cross-chain arbitrageurs block over the bridge `bridge` (key `bridgeArbitrageurs`): keep the two chains' prices in line over it, net of fees, gas and delay. */
export const bridgeArbitrageurs = bridgeArbitrageursOver(bridge);

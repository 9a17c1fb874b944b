import { z } from 'zod';
import type { Account } from '../src/core/account';
import { defineBlock } from '../src/core/block';
import { distributionSchema } from '../src/core/distributions';
import { addEndowed } from '../src/core/genesis';
import type { Population } from '../src/core/population';
import type { Route } from '../src/core/route';
import type { World } from '../src/core/world';
import type { Bridge, Direction, Lane } from '../src/chains/bridge';
import { bridge } from '../src/chains/bridgeBlock';
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

/**
 * Cross-chain arbitrageurs over one bridge (phase `post`, after the
 * tick's other trades). Their class's own tokens are on the bridge's
 * source chain, their `tokensRemote` on its destination; their USD is one
 * balance — the assumption that they hold USD (a stablecoin) on every chain
 * and rebalance it outside the model at no cost.
 *
 * Each tick they first sell, on each chain, what the bridge has delivered
 * to them there. Then, while a trip pays, the one with most USD makes the
 * best trip in the better direction d: spend x USD on the source chain's
 * pool, send the tokens B(x) (capped by the bridge's room) over the
 * bridge, and — when they arrive, after D = delayTicks — sell them on the
 * destination's pool. The trip is valued at today's prices, after the
 * tokens already in flight to the destination are sold there:
 *
 *   π(x) = S_dst(P + Q(min(B(x), room))) − S_dst(P) − x (1 + ρ D) − g,
 *
 * with Q the bridge's quote (fee, backing haircut, equilibrium fee), P the
 * tokens in flight to the destination, ρ the required return per tick of
 * delay and g = 2 gas_src + 2 gas_dst the four transactions' gas in USD
 * (paid out of the model). π is concave in x; `maximiseConcave` finds its
 * maximum, and a trip is made when that maximum is > 0. With D = 0 the
 * tokens arrive at once and are sold in the same trip, so after arbitrage
 * no trip pays: the pools' prices stand within the round trip's fees — for
 * gas 0, |ln(p_dst / p_src)| ≤ −ln((1 − f_src)(1 − f_bridge)(1 − f_dst))
 * — and within more for gas and delay. A shut bridge (capacity 0) leaves
 * them nothing to do.
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
  private readonly lanes: [Lane, Lane];
  private readonly swappers: [PocketSwapper, PocketSwapper];
  private readonly gas: Route;
  private readonly chains: [ChainApi, ChainApi];

  constructor(
    readonly population: Population,
    private readonly params: () => BridgeArbitrageursParams,
    private readonly bridge: Bridge,
    world: World,
    remote: Account,
  ) {
    this.name = population.name;
    const l = world.ledger;
    const account = population.account!;
    const usd = l.pocket(account, population, 'usd', 'usd');
    const local = l.pocket(account, population, 'tokens', 'tokens');
    const far = l.pocket(remote, population, 'tokensRemote', 'tokens');
    this.chains = [chainOf(world, bridge.sides[0].chain), chainOf(world, bridge.sides[1].chain)];
    this.swappers = [new PocketSwapper(this.chains[0].pool, local, usd), new PocketSwapper(this.chains[1].pool, far, usd)];
    this.lanes = [bridge.lane(0, local, far), bridge.lane(1, far, local)];
    this.gas = l.route(usd, 'outside', 'gas', 'usd');
  }

  /** Returns the trip in direction `dir` agent `i` would make: [USD to spend, value π]. */
  bestTrip(dir: Direction, budget: number): [number, number] {
    const p = this.params();
    const src = this.swappers[dir].pool;
    const dst = this.swappers[1 - dir].pool;
    const pending = this.bridge.sides[1 - dir].inFlight.tokens;
    const base = dst.quoteSell(pending);
    const room = this.bridge.room(dir);
    const hold = 1 + p.requiredReturnPerTick * this.bridge.delay();
    const gas = this.tripGasUsd();
    if (!(room > 0) || !(budget > gas)) return [0, -gas];
    const pi = (x: number) => dst.quoteSell(pending + this.bridge.quote(dir, Math.min(src.quoteBuy(x), room))) - base - x * hold - gas;
    return maximiseConcave(pi, budget - gas);
  }

  /** Returns the gas of one trip, in USD: `TXS_PER_CHAIN` transactions on each chain. */
  tripGasUsd(): number {
    return TXS_PER_CHAIN * (this.chains[0].gasUsd() + this.chains[1].gasUsd());
  }

  /** Phase `post`: sells what has arrived, then trips while one pays, up to `maxTrips`. */
  post(): void {
    const p = this.params();
    this.volumeUsd = 0;
    this.trips = 0;
    this.sellArrived();
    const usd = this.population.cols.usd;
    for (let trip = 0; trip < p.maxTrips; trip++) {
      const i = this.richest();
      if (i < 0) return;
      const gas = this.tripGasUsd();
      const [x0, v0] = this.bestTrip(0, usd[i]);
      const [x1, v1] = this.bestTrip(1, usd[i]);
      const dir: Direction = v1 > v0 ? 1 : 0;
      const x = dir === 1 ? x1 : x0;
      if (!((dir === 1 ? v1 : v0) > 0) || !(x > 0)) return;
      const bought = this.swappers[dir].buy(i, x);
      this.lanes[dir].send(i, Math.min(bought, this.bridge.room(dir)));
      if (gas > 0) this.gas.take(i, gas);
      this.volumeUsd += x;
      this.trips++;
      // Delivered at once (no delay): sell it now, in the same trip.
      if (this.bridge.delay() === 0) this.sellArrived();
    }
  }

  /** Sells every agent's tokens on both chains on that chain's pool. */
  private sellArrived(): void {
    const { tokens, tokensRemote } = this.population.cols;
    for (let i = 0; i < this.population.size; i++) {
      if (tokens[i] > 0) this.swappers[0].sell(i, tokens[i]);
      if (tokensRemote[i] > 0) this.swappers[1].sell(i, tokensRemote[i]);
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

const bridgeArbColumns = { tokensRemote: 'f64' } as const;

/** The cross-chain arbitrageurs block: keep the two chains' prices in line over the bridge, net of fees, gas and delay. */
export const bridgeArbitrageurs = defineBlock({
  key: 'bridgeArbitrageurs',
  kind: 'agents',
  description: "cross-chain arbitrageurs: buy where the token is cheap, bridge, sell where it is dear, while the gap beats fees, gas and the delay's required return",
  sources: ['Makarov & Schoar (2020), "Trading and arbitrage in cryptocurrency markets", J. Financial Economics 135; delay penalty assumed'],
  params: {
    schema: bridgeArbitrageursParamsSchema,
    defaults: { count: 5, initialUsd: { dist: 'constant', value: 200_000 }, requiredReturnPerTick: 0.001, maxTrips: 10 },
  },
  needs: { bridge },
  columns: bridgeArbColumns,
  population: { schema: bridgeArbColumns, count: (p) => p.count },
  holders: { remote: { circulating: true, description: "the class's tokens on the bridge's destination chain (column tokensRemote); its own account is on the source chain" } },
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
    const b = ctx.deps.bridge;
    const { pop } = ctx.population(bridgeArbColumns, { chain: b.sides[0].chain });
    const remote = ctx.account('remote', b.sides[1].chain);
    let cls: BridgeArbitrageurs | null = null;
    const usdHeld = () => ctx.ledger.account(ctx.key)!.usd;
    return {
      api: () => cls,
      hooks: { post: () => cls!.post() },
      genesis: (w: World) => {
        const p = ctx.params();
        addEndowed(w.ledger, pop, p.count, { dist: 'constant', value: 0 }, p.initialUsd, ctx.rng.fork('genesis'));
        // The chains' pools are registered once every block is built: the routes are made now.
        cls = new BridgeArbitrageurs(pop, ctx.params, b, w, remote);
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

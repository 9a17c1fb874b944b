import type { Account, Pocket } from '../core/account';
import type { Ledger } from '../core/ledger';
import type { Rng } from '../core/rng';
import type { Route } from '../core/route';
import type { BridgeParams } from './bridgeParams';
import { equilibriumFee } from './equilibriumFee';

/** A direction over a bridge: 0 from its source chain to its destination, 1 back. */
export type Direction = 0 | 1;

/** One end of a lane: a scalar account, or agents' pockets (then `send` and delivery name the agent). */
export type LaneEnd = Account | Pocket;

/** The bridge's accounts on one side (chain) of it. */
export interface BridgeSide {
  readonly chain: string;
  /** Tokens in flight towards this chain (not circulating). */
  readonly inFlight: Account;
  /** The bridge's fee income on this chain. */
  readonly fees: Account;
  /** The liquidity network's pool on this chain. */
  readonly pool: Account;
  /** Where an exploit's loot on this chain goes. */
  readonly exploiter: Account;
}

/** One transfer on its way: `amount` tokens due at tick `due` to agent `agent` (−1: scalar) of `lane`'s recipient. */
interface Transfer {
  due: number;
  lane: Lane;
  agent: number;
  amount: number;
}

/** What one exploit did, as the `bridge_exploits` table records it. */
export interface Exploit {
  tick: number;
  stolenTokens: number;
  unbackedTokens: number;
  backingRatio: number;
  lossUsd: number;
}

/** A loss an exploit put on one holding account, as the `bridge_losses` table records it. */
export interface HolderLoss {
  tick: number;
  holder: string;
  chain: string;
  heldTokens: number;
  lossTokens: number;
  lossUsd: number;
}

const moveFrom = (r: Route, i: number, a: number) => (i < 0 ? r.move(a) : r.take(i, a));
const moveTo = (r: Route, j: number, a: number) => (j < 0 ? r.move(a) : r.pay(j, a));

/**
 * A fixed way over the bridge for one sender and one recipient (a scalar
 * account or a population's pockets), with every route its design needs,
 * built once. `send(i, amount)` is the only call.
 */
export class Lane {
  private readonly deliver: Route;
  private readonly leg: Route;
  private readonly cut: Route | null;
  private readonly mint: Route | null;
  private readonly release: Route | null;
  private readonly payout: Route | null;

  constructor(
    private readonly bridge: Bridge,
    readonly dir: Direction,
    sender: LaneEnd,
    recipient: LaneEnd,
  ) {
    const l = bridge.ledger;
    const src = bridge.sides[dir];
    const dst = bridge.sides[1 - dir];
    this.deliver = l.route(dst.inFlight, recipient, 'bridge delivery');
    const design = bridge.design;
    const reason = `bridge ${bridge.verb(dir)}`;
    if (design === 'liquidityNetwork') {
      this.leg = l.route(sender, src.pool, reason);
      this.cut = null;
      this.mint = null;
      this.release = null;
      this.payout = l.route(dst.pool, dst.inFlight, 'bridge payout');
      return;
    }
    const locks = design === 'lockAndMint' && dir === 0;
    this.leg = l.route(sender, locks ? bridge.escrow : 'burn', reason);
    this.cut = l.route(sender, src.fees, 'bridge fee');
    const releases = design === 'lockAndMint' && dir === 1;
    this.mint = releases ? null : l.route('mint', dst.inFlight, 'bridge mint');
    this.release = releases ? l.route(bridge.escrow, dst.inFlight, 'bridge release') : null;
    this.payout = null;
  }

  /**
   * Sends `amount` tokens from agent `i` (−1: a scalar sender) and returns
   * the tokens that will reach the recipient (`bridge.quote`), after
   * `delayTicks` (now, when 0). The caller caps `amount` by the sender's
   * balance and by `bridge.room(dir)`; more than the room is refused (0).
   */
  send(i: number, amount: number): number {
    const b = this.bridge;
    if (!(amount > 0) || amount > b.room(this.dir) * (1 + 1e-12)) return 0;
    const out = b.quote(this.dir, amount);
    const fee = amount * b.fee();
    if (this.payout) {
      moveFrom(this.leg, i, amount);
      this.payout.move(out);
    } else {
      const net = amount - fee;
      // One debit of the sender: the net amount along the leg, the fee to the bridge.
      if (i < 0) this.leg.moveSplit(amount, fee, this.cut!);
      else this.leg.takeSplit(i, amount, fee, this.cut!);
      if (this.mint) this.mint.move(net);
      else this.release!.move(out);
    }
    b.noteSent(this.dir, amount, this.payout ? amount - out : fee);
    b.schedule({ due: b.tick + b.delay(), lane: this, agent: i, amount: out });
    return out;
  }

  /** Pays a due transfer out of the in-flight account. */
  arrive(t: Transfer): void {
    moveTo(this.deliver, t.agent, t.amount);
  }
}

/**
 * A bridge between two chains under one of three designs, with a fee, a
 * delay, a capacity per tick and a risk of exploit.
 *
 * - lock-and-mint: sending x from the source locks x(1 − f) canonical
 *   tokens in the escrow (on the source) and mints as many wrapped tokens on
 *   the destination; every token on the destination chain is the wrapped
 *   token, so its supply W equals the escrow E (backing ratio r = E / W = 1)
 *   until an exploit takes a share s of E: r falls to 1 − s and W − E
 *   becomes unbacked. Redeeming y wrapped burns y(1 − f) and releases
 *   r · y(1 − f) from the escrow — the haircut 1 − r is the holders' loss —
 *   so r stays where the exploit left it. (The pattern of Wormhole's
 *   Feb 2022 and Nomad's Aug 2022 exploits: escrowed backing drained,
 *   wrapped tokens left unbacked.)
 * - burn-and-mint: the canonical token on both chains; sending burns
 *   x(1 − f) on the source and mints as many on the destination, so total
 *   supply is constant. An exploit is a forged message minting s × the
 *   destination's supply to the attacker: unbacked supply, a dilution of
 *   every holder.
 * - liquidity network: pools of canonical tokens on each side; sending x
 *   pays x into the source pool and x − f x − eqFee out of the destination
 *   pool, with the equilibrium fee of Stargate's curve on the destination
 *   pool's balance (`equilibriumFee`), so draining a side costs more the
 *   emptier it gets. An exploit drains a share s of both pools; the loss is
 *   the pools' (their liquidity providers').
 *
 * Tokens in flight sit in the destination side's in-flight account until
 * due (`pre` of tick t + delay), so they are counted and conserved on that
 * chain. Fees are in tokens, kept on the side they are paid on. Per
 * direction at most `capacityPerTick` tokens are sent per tick.
 */
export class Bridge {
  tick = 0;
  /** Tokens sent this tick, per direction, and fees taken (tokens). */
  readonly sentThisTick = [0, 0];
  feesThisTick = 0;
  exploitsThisTick = 0;
  lossUsdThisTick = 0;
  /** Supply created by forged mints (burn-and-mint exploits), in tokens. */
  forgedTokens = 0;
  readonly exploits: Exploit[] = [];
  readonly losses: HolderLoss[] = [];
  private queue: Transfer[] = [];
  private readonly exploitRoutes: Route[];

  constructor(
    readonly ledger: Ledger,
    private readonly params: () => BridgeParams,
    /** Side 0: the source chain; side 1: the destination. */
    readonly sides: readonly [BridgeSide, BridgeSide],
    /** The lock-and-mint escrow, on the source chain (not circulating). */
    readonly escrow: Account,
    /** Price of the token on a side's chain, USD per token. */
    private readonly priceOn: (side: Direction) => number,
    private readonly rng: Rng,
    /** Called after an exploit that leaves wrapped tokens unbacked (lock-and-mint): the destination's holders learn of it. */
    private readonly onUnbacked: () => void = () => {},
  ) {
    const d = this.design;
    this.exploitRoutes =
      d === 'lockAndMint'
        ? [ledger.route(escrow, sides[0].exploiter, 'bridge exploit')]
        : d === 'burnAndMint'
          ? [ledger.route('mint', sides[1].exploiter, 'bridge exploit (forged mint)')]
          : [ledger.route(sides[0].pool, sides[0].exploiter, 'bridge exploit'), ledger.route(sides[1].pool, sides[1].exploiter, 'bridge exploit')];
  }

  /** Returns the design (fixed for the run). */
  get design(): BridgeParams['design'] {
    return this.params().design;
  }

  /** Returns the fee rate f (share of the amount sent). */
  fee(): number {
    return this.params().feeBps / 10_000;
  }

  /** Returns the delay, in ticks. */
  delay(): number {
    return this.params().delayTicks;
  }

  /** Returns what sending a token in `dir` is called, for route reasons. */
  verb(dir: Direction): string {
    if (this.design === 'liquidityNetwork') return 'deposit';
    if (this.design === 'burnAndMint') return 'burn';
    return dir === 0 ? 'lock' : 'burn';
  }

  /** Returns a lane from `sender` to `recipient` in direction `dir`. */
  lane(dir: Direction, sender: LaneEnd, recipient: LaneEnd): Lane {
    return new Lane(this, dir, sender, recipient);
  }

  /** Returns the tokens supply W on the destination chain (the wrapped supply, for lock-and-mint), in tokens. */
  wrappedSupply(): number {
    return this.ledger.totalTokenHoldings(this.sides[1].chain);
  }

  /** Returns the backing ratio of lock-and-mint, escrow / wrapped supply (1 when nothing is wrapped, and for the other designs). */
  backingRatio(): number {
    if (this.design !== 'lockAndMint') return 1;
    const w = this.wrappedSupply();
    return w > 0 ? Math.min(1, this.escrow.tokens / w) : 1;
  }

  /** Returns the unbacked supply, in tokens: wrapped supply − escrow (lock-and-mint), forged mints (burn-and-mint), 0 (liquidity network). */
  unbacked(): number {
    if (this.design === 'lockAndMint') {
      const w = this.wrappedSupply();
      // A float residue of the 1:1 backing is not unbackedness.
      const gap = w - this.escrow.tokens;
      return gap > 1e-9 * Math.max(1, w) ? gap : 0;
    }
    return this.design === 'burnAndMint' ? this.forgedTokens : 0;
  }

  /** Returns the tokens in flight on both sides. */
  inFlight(): number {
    return this.sides[0].inFlight.tokens + this.sides[1].inFlight.tokens;
  }

  /**
   * Returns the tokens delivered for `amount` sent in `dir`: x(1 − f) for
   * burn-and-mint and lock-and-mint outward, r · x(1 − f) for a
   * lock-and-mint redemption (r the backing ratio), x(1 − f) − eqFee(x) for
   * the liquidity network (0 when its destination pool cannot pay).
   */
  quote(dir: Direction, amount: number): number {
    if (!(amount > 0)) return 0;
    const f = this.fee();
    if (this.design === 'liquidityNetwork') {
      const pool = this.sides[1 - dir].pool.tokens;
      const eq = equilibriumFee(pool, amount, this.params().poolTokens);
      return Math.max(0, amount * (1 - f) - eq);
    }
    const net = amount * (1 - f);
    return this.design === 'lockAndMint' && dir === 1 ? net * this.backingRatio() : net;
  }

  /** Returns the tokens that can still be sent in `dir` this tick: the capacity left, and for a liquidity network what the destination pool holds. */
  room(dir: Direction): number {
    const left = Math.max(0, this.params().capacityPerTick - this.sentThisTick[dir]);
    return this.design === 'liquidityNetwork' ? Math.min(left, this.sides[1 - dir].pool.tokens) : left;
  }

  /** Counts a transfer (used by `Lane`). */
  noteSent(dir: Direction, amount: number, fee: number): void {
    this.sentThisTick[dir] += amount;
    this.feesThisTick += fee;
  }

  /** Queues a transfer; one due now is paid at once (used by `Lane`). */
  schedule(t: Transfer): void {
    if (t.due <= this.tick) t.lane.arrive(t);
    else this.queue.push(t);
  }

  /** Phase `exogenous` of tick `tick`: resets the counters and draws whether the bridge is exploited. */
  beginTick(tick: number): void {
    this.tick = tick;
    this.sentThisTick[0] = 0;
    this.sentThisTick[1] = 0;
    this.feesThisTick = 0;
    this.exploitsThisTick = 0;
    this.lossUsdThisTick = 0;
    const p = this.params();
    if (p.exploitRiskPerTick > 0 && this.rng.chance(p.exploitRiskPerTick)) this.exploit(p.exploitShare);
  }

  /** Phase `pre`: pays every transfer due by now, in the order sent. */
  deliver(): void {
    if (this.queue.length === 0) return;
    const waiting: Transfer[] = [];
    for (const t of this.queue) {
      if (t.due <= this.tick) t.lane.arrive(t);
      else waiting.push(t);
    }
    this.queue = waiting;
  }

  /**
   * The exploit, now, stealing `share`: records it and attributes its loss
   * pro rata to the holders who bear it — the destination's holders of the
   * wrapped token (lock-and-mint: stolen backing × their share of W, at the
   * source price), every holder but the attacker (burn-and-mint: forged
   * supply × their share of the supply before, at the destination price),
   * the pools (liquidity network: what each lost, at its chain's price).
   */
  exploit(share: number): void {
    const l = this.ledger;
    const tick = this.tick;
    let stolen = 0;
    let lossUsd = 0;
    const attribute = (holders: Account[], amount: number, price: number) => {
      const total = holders.reduce((s, a) => s + a.tokens, 0);
      if (!(total > 0)) return;
      for (const a of holders) {
        if (!(a.tokens > 0)) continue;
        const lossTokens = (amount * a.tokens) / total;
        this.losses.push({ tick, holder: a.name, chain: a.chain, heldTokens: a.tokens, lossTokens, lossUsd: lossTokens * price });
      }
    };
    if (this.design === 'lockAndMint') {
      stolen = share * this.escrow.tokens;
      attribute(l.accounts.filter((a) => a.chain === this.sides[1].chain), stolen, this.priceOn(0));
      this.exploitRoutes[0].move(stolen);
      lossUsd = stolen * this.priceOn(0);
      this.onUnbacked();
    } else if (this.design === 'burnAndMint') {
      stolen = share * this.wrappedSupply();
      const exploiters = new Set(this.sides.map((s) => s.exploiter));
      attribute(l.accounts.filter((a) => !exploiters.has(a)), stolen, this.priceOn(1));
      this.exploitRoutes[0].move(stolen);
      this.forgedTokens += stolen;
      lossUsd = stolen * this.priceOn(1);
    } else {
      for (const d of [0, 1] as const) {
        const pool = this.sides[d].pool;
        const take = share * pool.tokens;
        const price = this.priceOn(d);
        if (take > 0) this.losses.push({ tick, holder: pool.name, chain: pool.chain, heldTokens: pool.tokens, lossTokens: take, lossUsd: take * price });
        this.exploitRoutes[d].move(take);
        stolen += take;
        lossUsd += take * price;
      }
    }
    this.exploitsThisTick++;
    this.lossUsdThisTick += lossUsd;
    this.exploits.push({ tick, stolenTokens: stolen, unbackedTokens: this.unbacked(), backingRatio: this.backingRatio(), lossUsd });
  }
}

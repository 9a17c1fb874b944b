import type { Account } from '../core/account';
import { RunError } from '../core/errors';
import type { Ledger } from '../core/ledger';
import type { Population } from '../core/population';
import type { Route } from '../core/route';
import type { StakeAccount, StakingPool, StakingPopulation } from '../mechanisms/staking';
import type { IssuedAsset } from './issuedAsset';
import type { PairPool } from './pairPool';
import { RedemptionQueue } from './redemptionQueue';

/** A population's routes to the provider: tokens in and LST out on staking, LST in and tokens out on redemption. */
interface HolderRoutes {
  tokensIn: Route;
  lstOut: Route;
  lstIn: Route;
  tokensOut: Route;
}

/**
 * A liquid-staking provider (Lido stETH, Rocket Pool rETH): it stakes what
 * holders deposit through the staking pool, as one staker (agent 0 of its
 * own population), and issues a liquid staking token (LST) priced by the
 * exchange rate
 *
 *   r = (staked + unbonding + liquid + uncollected reward − owed to the queue) / (LST supply − LST in the queue)
 *
 * tokens per LST (1 at genesis; Rocket Pool rocket-pool/rocketpool,
 * contracts/contract/token/RocketTokenRETH.sol getExchangeRate =
 * getEthValue(1 ether), total ETH backing / rETH supply: non-rebasing, like
 * Lido's wstETH, lidofinance/lido-dao contracts/0.4.24/Lido.sol
 * getPooledEthByShares). Depositing a tokens mints a / r LST
 * (RocketTokenRETH.getRethValue; Lido.submit); staking rewards, net of the
 * provider's `feeShare` (paid to the treasury; Lido's 10% fee), raise r. A
 * redemption request hands l LST to the queue, fixes what it is owed at
 * l · r (Lido contracts/0.8.9/WithdrawalQueue.sol requestWithdrawals
 * records the stETH amount of the request) and unstakes that much at once;
 * the staking pool releases it after its unbonding period, and the request
 * is paid, its LST burned, `delay` ticks after it was made (the next tick
 * at the earliest; delay ≥ unbonding, so the tokens are there;
 * WithdrawalQueue finalize then claimWithdrawal, here in one step). Liquid
 * tokens not held for the queue are restaked every tick. Depositing and
 * requesting leave r unchanged. Left out: Lido's finalisation at the lower
 * of the request's and the finalisation's share rate (losses between
 * request and payment fall on those who stay), Rocket Pool's deposit pool
 * and node-operator bonds, validator churn limits.
 */
export class LstProvider {
  readonly queue = new RedemptionQueue();
  /** Staking rewards LST holders earned this tick (net of the fee), in tokens. */
  rewardsThisTick = 0;
  /** Fee the provider took this tick, in tokens. */
  feesThisTick = 0;
  /** Tokens paid to redeemers this tick. */
  redeemedThisTick = 0;
  /** LST handed in by new requests this tick. */
  requestedThisTick = 0;
  /** Tokens deposited this tick. */
  depositedThisTick = 0;
  /** Deposits, requests and payments this tick (each one on-chain transaction). */
  actions = 0;
  /** Liquid tokens held to pay requests that have unbonded. */
  private reserved = 0;
  private readonly releases = new Map<number, number>();
  private readonly members: Population[] = [];
  private readonly holderRoutes: HolderRoutes[] = [];
  private readonly burnQueued: Route;
  private readonly mintGenesis: Route;
  private readonly genesisTokens: Route;

  constructor(
    private readonly ledger: Ledger,
    readonly asset: IssuedAsset,
    /** The provider's own population of one: its `tokens` are its liquid buffer, its stake is in the staking pool. */
    readonly provider: StakingPopulation,
    private readonly stake: StakeAccount,
    private readonly staking: StakingPool,
    /** LST handed in and not yet redeemed. */
    readonly queueAccount: Account,
    readonly pool: PairPool,
    private readonly fee: Route,
    private readonly params: () => { feeShare: number; redemptionDelayTicks: number },
  ) {
    this.burnQueued = asset.ledger.route(queueAccount, 'burn', 'redemption');
    this.mintGenesis = asset.ledger.route('mint', pool.baseReserve, 'genesis');
    this.genesisTokens = ledger.route('mint', ledger.pocket(provider.account!, provider, 'tokens'), 'genesis');
  }

  /** Returns the provider's staked tokens. */
  get staked(): number {
    return this.provider.cols.staked[0];
  }

  /** Returns the tokens behind the LST outstanding: staked + unbonding + liquid + the reward not yet collected (net of the fee) − owed to the queue. */
  get backing(): number {
    const c = this.provider.cols;
    return c.staked[0] + c.unbonding[0] + c.tokens[0] + this.stake.pending(0) * (1 - this.params().feeShare) - this.queue.pendingOwed;
  }

  /** Returns the LST outstanding (supply less what waits in the queue). */
  get outstanding(): number {
    return this.asset.supply - this.queue.pendingUnits;
  }

  /** Returns the exchange rate r, tokens per LST (1 with none outstanding). */
  get exchangeRate(): number {
    const n = this.outstanding;
    return n > 0 ? this.backing / n : 1;
  }

  /** Returns the ticks from a request to its payment (the next tick at the earliest). */
  get delayTicks(): number {
    return Math.max(1, this.params().redemptionDelayTicks);
  }

  /** Returns the staking yield holders earn at the staking pool's current reward rate, net of the fee, per year. */
  get apr(): number {
    const s = this.staking.totalStaked;
    return s > 0 ? (this.staking.expectedRewardsPerYear() / s) * (1 - this.params().feeShare) : 0;
  }

  /** Collects the provider's staking reward and pays the fee out of it; returns the holders' part, in tokens. */
  harvest(): number {
    const r = this.stake.settle(0);
    if (!(r > 0)) return 0;
    const fee = r * this.params().feeShare;
    if (fee > 0) this.fee.take(0, fee);
    this.feesThisTick += fee;
    this.rewardsThisTick += r - fee;
    return r - fee;
  }

  /** Stakes up to `tokens` of agent `pop[i]`'s tokens; mints tokens / r LST to it and returns that amount. */
  deposit(pop: Population, i: number, tokens: number): number {
    const a = Math.min(tokens, pop.cols.tokens[i]);
    if (!(a > 0)) return 0;
    this.harvest();
    const units = a / this.exchangeRate;
    const r = this.routesOf(pop);
    r.tokensIn.between(i, 0, a);
    this.stake.stake(0, a);
    r.lstOut.pay(i, units);
    this.depositedThisTick += a;
    this.actions++;
    return units;
  }

  /** Hands up to `lst` of agent `pop[i]`'s LST to the queue at tick `tick`; returns the tokens it will be paid. */
  request(pop: Population, i: number, lst: number, tick: number): number {
    const r = this.routesOf(pop);
    const units = Math.min(lst, pop.f64Columns[this.asset.column][i]);
    if (!(units > 0)) return 0;
    this.harvest();
    const owed = units * this.exchangeRate;
    r.lstIn.take(i, units);
    this.queue.push(tick + this.delayTicks, this.members.indexOf(pop), i, units, owed);
    const fromStake = Math.min(owed, this.staked);
    this.stake.unstake(0, fromStake, tick);
    const period = this.staking.unbondingTicks();
    if (period <= 0) this.reserved += fromStake;
    else this.releases.set(tick + period, (this.releases.get(tick + period) ?? 0) + fromStake);
    this.reserved += owed - fromStake;
    this.requestedThisTick += units;
    this.actions++;
    return owed;
  }

  /** At genesis: gives agent `pop[i]` `units` LST backed by as many tokens minted and staked (the genesis rate is 1). */
  issueAtGenesis(pop: Population, i: number, units: number): void {
    if (!(units > 0)) return;
    this.genesisTokens.pay(0, units);
    this.stake.stake(0, units);
    this.routesOf(pop).lstOut.pay(i, units);
  }

  /** At genesis: funds the secondary pool with `lst` LST (backed by as many staked tokens) and `tokens` tokens, both minted. */
  fundPool(lst: number, tokens: number): void {
    this.genesisTokens.pay(0, lst);
    this.stake.stake(0, lst);
    this.mintGenesis.move(lst);
    this.ledger.route('mint', this.pool.quoteReserve, 'genesis').move(tokens);
  }

  /**
   * Phase `pre` of tick `tick` (after the staking pool has released what
   * unbonded): collects the reward, pays the requests due, and restakes the
   * liquid tokens not held for the queue. Throws a `RunError` if a due
   * request cannot be paid (the delay is shorter than the unbonding period).
   */
  pre(tick: number): void {
    this.rewardsThisTick = 0;
    this.feesThisTick = 0;
    this.redeemedThisTick = 0;
    this.requestedThisTick = 0;
    this.depositedThisTick = 0;
    this.actions = 0;
    this.harvest();
    const released = this.releases.get(tick);
    if (released !== undefined) {
      this.releases.delete(tick);
      this.reserved += released;
    }
    const due = this.queue.take(tick);
    if (due) {
      const d = due.data;
      const liquid = this.provider.cols.tokens;
      for (let k = 0; k < due.length; k += 4) {
        const owed = d[k + 3];
        if (owed - liquid[0] > 1e-9 * Math.max(1, owed)) throw new RunError(`liquid staking: a redemption of ${owed} tokens is due but the provider holds ${liquid[0]} liquid (is the redemption delay below the unbonding period?)`, tick);
        const pay = Math.min(owed, liquid[0]);
        this.holderRoutes[d[k]].tokensOut.between(0, d[k + 1], pay);
        this.burnQueued.move(d[k + 2]);
        this.queue.paid(d[k], d[k + 2], owed);
        this.reserved -= owed;
        this.redeemedThisTick += pay;
        this.actions++;
      }
      this.queue.recycle(due);
      if (this.queue.pendingCount === 0) this.reserved = 0;
    }
    const free = this.provider.cols.tokens[0] - this.reserved;
    if (free > 0) this.stake.stake(0, free);
  }

  private routesOf(pop: Population): HolderRoutes {
    let k = this.members.indexOf(pop);
    if (k < 0) {
      const tokens = this.ledger.pocket(pop.account!, pop, 'tokens');
      const own = this.ledger.pocket(this.provider.account!, this.provider, 'tokens');
      const lst = this.asset.pocketOf(pop);
      this.holderRoutes.push({
        tokensIn: this.ledger.route(tokens, own, 'liquid stake'),
        lstOut: this.asset.ledger.route('mint', lst, 'liquid stake'),
        lstIn: this.asset.ledger.route(lst, this.queueAccount, 'redemption request'),
        tokensOut: this.ledger.route(own, tokens, 'redemption'),
      });
      this.members.push(pop);
      k = this.members.length - 1;
    }
    return this.holderRoutes[k];
  }
}

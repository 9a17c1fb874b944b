import type { Account } from '../core/account';
import type { Ledger } from '../core/ledger';
import type { Population } from '../core/population';
import type { Route } from '../core/route';
import type { IssuedAsset } from './issuedAsset';
import type { PairPool } from './pairPool';
import { RedemptionQueue } from './redemptionQueue';

/** How mints and redemptions are priced: at the NAV when they settle (forward pricing) or at the oracle NAV when requested. */
export type RwaPricing = 'settlement' | 'request';

/** The fund's terms. */
export interface RwaTerms {
  yieldPerYear: number;
  feePerYear: number;
  navLagTicks: number;
  settlementTicks: number;
  pricing: RwaPricing;
  mintLimitUsdPerTick: number;
  redeemLimitUsdPerTick: number;
}

interface InvestorRoutes {
  usdIn: Route;
  rwaMint: Route;
  rwaGenesis: Route;
  rwaIn: Route;
  usdOut: Route;
  usdRefund: Route;
}

/**
 * A tokenised fund of off-chain assets (a treasury-bill fund such as Ondo's
 * OUSG, a Maker RWA vault, a Centrifuge pool). Its assets A are USD held
 * off chain (the `offchain` account); its token (units S on a ledger of its
 * own) has the NAV A / S USD per unit. Every tick A earns the yield (loses
 * it when negative: yield ≥ −1 a year loses at most A / ticksPerYear) and
 * pays the fee, (yield − fee) / ticksPerYear of itself (the fee at most
 * what is left), and a default or custody
 * loss writes A down by a share. The oracle reports the NAV with a lag of
 * L ticks (the NAV at the end of tick t − L; L = 0 is the live NAV).
 *
 * Minting: a request pays USD into escrow (at most `mintLimitUsdPerTick` a
 * tick, Ondo CashManager.mintLimit) and settles `settlementTicks` later
 * (the next tick at the earliest): the USD goes off chain and u / NAV units
 * are minted — the NAV at settlement under forward pricing, the oracle NAV
 * at the request under request pricing (CashManager.requestMint /
 * claimMint at the epoch's exchange rate). Redeeming: a request hands units
 * to escrow (at most `redeemLimitUsdPerTick` of oracle value a tick) and
 * settles likewise, paid units × NAV (forward) or units × oracle NAV at the
 * request (request pricing), at most A (CashManager.requestRedemption /
 * completeRedemptions). A mint is refused while the oracle NAV is 0 (the
 * assets written off), and one that comes due after the fund was written
 * down to nothing is refunded. Requests are asynchronous as in ERC-7540
 * (eips.ethereum.org/EIPS/eip-7540: requestDeposit and requestRedeem move
 * assets or shares into the vault, Pending until the fund settles them,
 * then Claimable); here settlement also claims, paying the investor at
 * once. A settled mint is ERC-4626 convertToShares at the NAV, usd / NAV
 * units, and a redemption convertToAssets, units × NAV (floating point, no
 * rounding). Under request pricing a stale oracle moves value
 * between those who leave and those who stay; forward pricing does not.
 */
export class RwaFund {
  readonly mints = new RedemptionQueue();
  readonly redemptions = new RedemptionQueue();
  /** Gross yield, fee and write-downs this tick, in USD. */
  yieldThisTick = 0;
  feeThisTick = 0;
  writtenDownThisTick = 0;
  /** Units minted and USD paid to redeemers this tick. */
  mintedThisTick = 0;
  redeemedUsdThisTick = 0;
  /** Default or custody events so far. */
  events = 0;
  /** Mint and redemption requests and settlements this tick (each one on-chain transaction). */
  actions = 0;
  private mintUsedUsd = 0;
  private redeemUsedUsd = 0;
  private nav = new Float64Array(512);
  private tick = 0;
  private readonly members: Population[] = [];
  private readonly investorRoutes: InvestorRoutes[] = [];
  private readonly invest: Route;
  private readonly burnRedeemed: Route;
  private readonly yieldIn: Route;
  private readonly feeOut: Route;
  private readonly lossOut: Route;
  private readonly writeDownOut: Route;
  private readonly genesisUsd: Route;

  constructor(
    private readonly ledger: Ledger,
    readonly asset: IssuedAsset,
    /** The fund's assets, held off chain, in USD. */
    readonly offchain: Account,
    /** USD of mint requests not yet settled. */
    readonly subscriptions: Account,
    /** Units handed in for redemption, burned when paid. */
    readonly redemptionEscrow: Account,
    readonly pool: PairPool,
    private readonly terms: () => RwaTerms,
    private readonly navAtGenesis: number,
  ) {
    this.invest = ledger.route(subscriptions, offchain, 'rwa subscription', 'usd');
    this.burnRedeemed = asset.ledger.route(redemptionEscrow, 'burn', 'rwa redemption');
    this.yieldIn = ledger.route('outside', offchain, 'rwa yield', 'usd');
    this.feeOut = ledger.route(offchain, 'outside', 'rwa fee', 'usd');
    this.lossOut = ledger.route(offchain, 'outside', 'rwa negative yield', 'usd');
    this.writeDownOut = ledger.route(offchain, 'outside', 'rwa write-down', 'usd');
    this.genesisUsd = ledger.route('outside', offchain, 'genesis', 'usd');
    this.nav[0] = navAtGenesis;
  }

  /** Returns the assets off chain, in USD. */
  get aumUsd(): number {
    return this.offchain.usd;
  }

  /** Returns the true NAV A / S, in USD per unit (the genesis NAV with no units out). */
  get trueNav(): number {
    const s = this.asset.supply;
    return s > 0 ? this.offchain.usd / s : this.navAtGenesis;
  }

  /** Returns the NAV the oracle reports now: the NAV at the end of tick t − L (the live NAV when L = 0). */
  get oracleNav(): number {
    const lag = this.terms().navLagTicks;
    if (lag === 0) return this.trueNav;
    const t = this.tick - lag;
    return this.nav[t > 0 ? t : 0];
  }

  /** Returns how mints and redemptions are priced now. */
  get pricing(): RwaPricing {
    return this.terms().pricing;
  }

  /** Returns the yield holders are promised, net of the fee, per year. */
  get yieldPerYear(): number {
    const t = this.terms();
    return t.yieldPerYear - t.feePerYear;
  }

  /** Agent `pop[i]` asks to invest up to `usd` USD (capped by its wallet and this tick's mint limit) at tick `tick`; returns the USD accepted. */
  requestMint(pop: Population, i: number, usd: number): number {
    const t = this.terms();
    if (!(this.oracleNav > 0)) return 0;
    const a = Math.min(usd, pop.cols.usd[i], t.mintLimitUsdPerTick - this.mintUsedUsd);
    if (!(a > 0)) return 0;
    this.routesOf(pop).usdIn.take(i, a);
    this.mintUsedUsd += a;
    this.actions++;
    const units = t.pricing === 'request' ? a / this.oracleNav : 0;
    this.mints.push(this.tick + Math.max(1, t.settlementTicks), this.members.indexOf(pop), i, a, units);
    return a;
  }

  /** Agent `pop[i]` asks to redeem up to `units` (capped by its holdings and this tick's redemption limit); returns the units accepted. */
  requestRedemption(pop: Population, i: number, units: number): number {
    const t = this.terms();
    const oracle = this.oracleNav;
    const room = (t.redeemLimitUsdPerTick - this.redeemUsedUsd) / oracle;
    const u = Math.min(units, pop.f64Columns[this.asset.column][i], room);
    if (!(u > 0)) return 0;
    this.routesOf(pop).rwaIn.take(i, u);
    this.redeemUsedUsd += u * oracle;
    this.actions++;
    this.redemptions.push(this.tick + Math.max(1, t.settlementTicks), this.members.indexOf(pop), i, u, t.pricing === 'request' ? u * oracle : 0);
    return u;
  }

  /** Returns what the agents of `pop` have waiting: USD in mint requests and units in redemption requests. */
  pendingOf(pop: Population): { usd: number; units: number } {
    const k = this.members.indexOf(pop);
    return k < 0 ? { usd: 0, units: 0 } : { usd: this.mints.pendingUnitsOf(k), units: this.redemptions.pendingUnitsOf(k) };
  }

  /** At genesis: gives agent `pop[i]` `units` units, backed by units × the genesis NAV of USD off chain. */
  issueAtGenesis(pop: Population, i: number, units: number): void {
    if (!(units > 0)) return;
    this.genesisUsd.move(units * this.navAtGenesis);
    this.routesOf(pop).rwaGenesis.pay(i, units);
  }

  /** At genesis: funds the secondary pool with `units` units (backed off chain) and as many USD × the genesis NAV. */
  fundPool(units: number): void {
    this.genesisUsd.move(units * this.navAtGenesis);
    this.pool.fund('mint', units, 'outside', units * this.navAtGenesis, 'genesis');
  }

  /** Writes the off-chain assets down by `share` (a default or custody loss); returns the USD lost. */
  writeDown(share: number): number {
    const loss = this.offchain.usd * share;
    if (loss > 0) this.writeDownOut.move(loss);
    this.writtenDownThisTick += loss;
    this.events++;
    return loss;
  }

  /** Phase `pre` of tick `tick`: accrues the yield and the fee, then settles the mints and redemptions due. */
  pre(tick: number, ticksPerYear: number): void {
    this.tick = tick;
    this.yieldThisTick = 0;
    this.feeThisTick = 0;
    this.writtenDownThisTick = 0;
    this.mintedThisTick = 0;
    this.redeemedUsdThisTick = 0;
    this.mintUsedUsd = 0;
    this.redeemUsedUsd = 0;
    this.actions = 0;
    const t = this.terms();
    const a = this.offchain.usd;
    this.yieldThisTick = (a * t.yieldPerYear) / ticksPerYear;
    if (this.yieldThisTick > 0) this.yieldIn.move(this.yieldThisTick);
    else if (this.yieldThisTick < 0) this.lossOut.move(-this.yieldThisTick);
    this.feeThisTick = Math.min((a * t.feePerYear) / ticksPerYear, this.offchain.usd);
    if (this.feeThisTick > 0) this.feeOut.move(this.feeThisTick);
  }

  /** Settles the mints and redemptions due at the current tick (after any write-down of the tick). */
  settle(): void {
    const mints = this.mints.take(this.tick);
    if (mints) {
      const d = mints.data;
      for (let k = 0; k < mints.length; k += 4) {
        const usd = d[k + 2];
        const nav = this.trueNav;
        if (!(d[k + 3] > 0) && !(nav > 0)) {
          // Written down to nothing since the request: no NAV to price it at, so the USD goes back.
          this.investorRoutes[d[k]].usdRefund.pay(d[k + 1], usd);
          this.mints.paid(d[k], usd, 0);
          this.actions++;
          continue;
        }
        const units = d[k + 3] > 0 ? d[k + 3] : usd / nav;
        this.invest.move(usd);
        this.investorRoutes[d[k]].rwaMint.pay(d[k + 1], units);
        this.mints.paid(d[k], usd, d[k + 3]);
        this.mintedThisTick += units;
        this.actions++;
      }
      this.mints.recycle(mints);
    }
    const reds = this.redemptions.take(this.tick);
    if (reds) {
      const d = reds.data;
      for (let k = 0; k < reds.length; k += 4) {
        const units = d[k + 2];
        const owed = d[k + 3] > 0 ? d[k + 3] : units * this.trueNav;
        const pay = Math.min(owed, this.offchain.usd);
        this.investorRoutes[d[k]].usdOut.pay(d[k + 1], pay);
        this.burnRedeemed.move(units);
        this.redemptions.paid(d[k], units, d[k + 3]);
        this.redeemedUsdThisTick += pay;
        this.actions++;
      }
      this.redemptions.recycle(reds);
    }
  }

  /** Phase `observe`: records the tick's NAV for the oracle. */
  observe(tick: number): void {
    if (tick >= this.nav.length) {
      const next = new Float64Array(this.nav.length * 2);
      next.set(this.nav);
      this.nav = next;
    }
    this.nav[tick] = this.trueNav;
  }

  private routesOf(pop: Population): InvestorRoutes {
    let k = this.members.indexOf(pop);
    if (k < 0) {
      const usd = this.ledger.pocket(pop.account!, pop, 'usd', 'usd');
      const rwa = this.asset.pocketOf(pop);
      const l = this.asset.ledger;
      this.investorRoutes.push({
        usdIn: this.ledger.route(usd, this.subscriptions, 'rwa mint request', 'usd'),
        rwaMint: l.route('mint', rwa, 'rwa mint'),
        rwaGenesis: l.route('mint', rwa, 'genesis'),
        rwaIn: l.route(rwa, this.redemptionEscrow, 'rwa redemption request'),
        usdOut: this.ledger.route(this.offchain, usd, 'rwa redemption', 'usd'),
        usdRefund: this.ledger.route(this.subscriptions, usd, 'rwa mint refund', 'usd'),
      });
      this.members.push(pop);
      k = this.members.length - 1;
    }
    return this.investorRoutes[k];
  }
}

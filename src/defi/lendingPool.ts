import { LendingAccount, type LendingPopulation } from './lendingAccount';
import type { LendingMarket, MarketKey } from './lendingMarket';

/** The pool-wide liquidation rules. */
export interface LiquidationRules {
  /** Largest share of one debt a liquidator may repay in one call, in (0, 1]. */
  closeFactor: number;
  /** At or below this health factor a liquidator may repay the whole debt. */
  fullCloseHealthFactor: number;
}

/** What one liquidation did. */
export interface Liquidation {
  /** Debt repaid by the liquidator, in units of the debt asset. */
  repaid: number;
  /** Collateral seized, in units of the collateral asset (as supply shares moved to the liquidator). */
  seized: number;
  /** Debt written off because no collateral was left, in USD at the oracle prices. */
  badDebtUsd: number;
}

const NONE: Liquidation = Object.freeze({ repaid: 0, seized: 0, badDebtUsd: 0 });

/** Below this share of a balance, a repay or a seizure takes all of it (float rounding must not leave dust). */
const WHOLE = 1 - 1e-12;

/**
 * A lending pool over several markets (see `LendingMarket`) with
 * cross-collateral accounts, as in Compound v2 and Aave v3. For agent i,
 * with supply s_m (units), debt d_m (units) and oracle prices p_m (USD per
 * unit):
 *
 *   borrow capacity  = Σ s_m · p_m · CF_m                   (USD; CF: collateral factor, LTV)
 *   health factor HF = Σ s_m · p_m · LT_m / Σ d_m · p_m     (a ratio; ∞ with no debt)
 *
 * (Aave v3 GenericLogic.calculateUserAccountData, aave/aave-v3-core
 * contracts/protocol/libraries/logic/GenericLogic.sol; Compound v2
 * Comptroller.getHypotheticalAccountLiquidityInternal). Borrowing and
 * withdrawing collateral must keep debt within the borrow capacity. When
 * HF < 1 a liquidator repays up to closeFactor of one debt (all of it when
 * HF ≤ `fullCloseHealthFactor`; Aave v3 LiquidationLogic.sol
 * executeLiquidationCall with DEFAULT_LIQUIDATION_CLOSE_FACTOR = 0.5 and
 * CLOSE_FACTOR_HF_THRESHOLD = 0.95) and seizes
 *
 *   seized = repaid · p_debt · (1 + bonus) / p_collateral   (units of collateral)
 *
 * as supply shares (Compound v2 Comptroller.liquidateCalculateSeizeTokens;
 * CToken.seizeInternal; Aave v3 receiving aTokens). When that is more than
 * the collateral, it seizes all of it and repays only
 * collateral · p_collateral / (p_debt · (1 + bonus)) (Aave v3
 * LiquidationLogic._calculateAvailableCollateralToLiquidate: debtAmountNeeded).
 * When a liquidation leaves an account with debt and no collateral, the
 * debt is written off as bad debt (Aave v3.3, aave-dao/aave-v3-origin
 * LiquidationLogic._burnBadDebt): reserves absorb what they can, depositors
 * the rest through the exchange rate. Left out: Aave's protocol fee on the
 * bonus (liquidationProtocolFee), its v3.4 dust rules
 * (MIN_LEFTOVER_BASE), isolation and e-modes, supply and borrow caps.
 */
export class LendingPool {
  readonly members: LendingAccount[] = [];
  /** Liquidations this tick. */
  liquidations = 0;
  /** Debt repaid by liquidators this tick, in USD. */
  liquidatedUsd = 0;
  /** Collateral seized this tick, in USD. */
  seizedUsd = 0;
  /** Debt written off this tick, in USD. */
  badDebtUsd = 0;
  /** Deposits, withdrawals, borrows, repays and liquidations this tick (each one on-chain transaction). */
  actions = 0;
  /** Incentive tokens minted into the token market's cash this tick. */
  incentives = 0;
  private readonly byKey = new Map<MarketKey, number>();

  constructor(
    readonly markets: readonly LendingMarket[],
    private readonly rules: () => LiquidationRules,
  ) {
    markets.forEach((m, k) => this.byKey.set(m.key, k));
  }

  /** Returns the position of market `key` in `markets`, or -1 when the pool does not list it. */
  market(key: MarketKey): number {
    return this.byKey.get(key) ?? -1;
  }

  /** Returns the lending account of `pop`, attaching it on first call. */
  attach(pop: LendingPopulation): LendingAccount {
    const known = this.members.find((m) => m.pop === pop);
    if (known) return known;
    const a = new LendingAccount(pop, this.members.length, this.markets);
    this.members.push(a);
    return a;
  }

  /** Returns agent i's deposit in market m, in units. */
  supplied(acc: LendingAccount, m: number, i: number): number {
    return acc.shares(m, i) * this.markets[m].exchangeRate;
  }

  /** Returns agent i's debt in market m, in units. */
  debt(acc: LendingAccount, m: number, i: number): number {
    return acc.scaledDebt(m, i) * this.markets[m].index;
  }

  /** Returns agent i's deposits in USD weighted by `weight`: collateral factors (`cf`), liquidation thresholds (`lt`) or none (`value`). */
  collateralUsd(acc: LendingAccount, i: number, weight: 'cf' | 'lt' | 'value'): number {
    let s = 0;
    for (let m = 0; m < this.markets.length; m++) {
      const shares = acc.shares(m, i);
      if (!(shares > 0)) continue;
      const mk = this.markets[m];
      const p = mk.params();
      const w = weight === 'cf' ? p.collateralFactor : weight === 'lt' ? p.liquidationThreshold : 1;
      s += shares * mk.exchangeRate * mk.price() * w;
    }
    return s;
  }

  /** Returns agent i's debts in USD at the oracle prices. */
  debtUsd(acc: LendingAccount, i: number): number {
    let s = 0;
    for (let m = 0; m < this.markets.length; m++) {
      const d = acc.scaledDebt(m, i);
      if (d > 0) s += d * this.markets[m].index * this.markets[m].price();
    }
    return s;
  }

  /** Returns agent i's health factor (∞ with no debt). */
  healthFactor(acc: LendingAccount, i: number): number {
    const d = this.debtUsd(acc, i);
    return d > 0 ? this.collateralUsd(acc, i, 'lt') / d : Infinity;
  }

  /** Returns how much more agent i may borrow, in USD (0 when at or over its capacity). */
  headroomUsd(acc: LendingAccount, i: number): number {
    const h = this.collateralUsd(acc, i, 'cf') - this.debtUsd(acc, i);
    return h > 0 ? h : 0;
  }

  /** Deposits up to `units` of agent i's wallet into market m; returns the units deposited. */
  deposit(acc: LendingAccount, m: number, i: number, units: number): number {
    const a = Math.min(units, acc.wallet(m, i));
    if (!(a > 0)) return 0;
    const mk = this.markets[m];
    const shares = a / mk.exchangeRate;
    acc.routes(m).deposit.take(i, a);
    this.actions++;
    acc.addShares(m, i, shares);
    mk.shares += shares;
    return a;
  }

  /**
   * Withdraws up to `units` of agent i's deposit in market m, as far as the
   * market's cash allows and, when it borrows, its remaining collateral
   * covers its debt at the collateral factors; returns the units withdrawn.
   */
  withdraw(acc: LendingAccount, m: number, i: number, units: number): number {
    const mk = this.markets[m];
    const x = mk.exchangeRate;
    const own = acc.shares(m, i);
    let a = Math.min(units, own * x, mk.cashUnits);
    const cf = mk.params().collateralFactor;
    if (cf > 0 && this.debtUsd(acc, i) > 0) a = Math.min(a, this.headroomUsd(acc, i) / (mk.price() * cf));
    if (!(a > 0)) return 0;
    let shares = a / x;
    if (shares >= own * WHOLE) shares = own;
    acc.routes(m).withdraw.pay(i, a);
    this.actions++;
    acc.setShares(m, i, own - shares);
    mk.shares -= shares;
    return a;
  }

  /** Borrows up to `units` from market m for agent i, within its borrow capacity and the market's cash; returns the units borrowed. */
  borrow(acc: LendingAccount, m: number, i: number, units: number): number {
    const mk = this.markets[m];
    if (!mk.params().borrowable) return 0;
    const a = Math.min(units, mk.cashUnits, this.headroomUsd(acc, i) / mk.price());
    if (!(a > 0)) return 0;
    acc.routes(m).borrow.pay(i, a);
    this.actions++;
    const scaled = a / mk.index;
    acc.setScaledDebt(m, i, acc.scaledDebt(m, i) + scaled);
    mk.scaledDebt += scaled;
    return a;
  }

  /** Repays up to `units` of agent i's debt in market m from its wallet; returns the units repaid. */
  repay(acc: LendingAccount, m: number, i: number, units: number): number {
    const a = Math.min(units, this.debt(acc, m, i), acc.wallet(m, i));
    if (!(a > 0)) return 0;
    acc.routes(m).repay.take(i, a);
    this.actions++;
    this.reduceDebt(acc, m, i, a);
    return a;
  }

  /**
   * Liquidator j (of `liq`) repays up to `units` of agent i's debt in market
   * `dm` and seizes its collateral in market `cm` (see the class comment);
   * nothing happens unless agent i's health factor is below 1 and market
   * `cm` counts as collateral. Writes off agent i's debts when it is left
   * with none.
   */
  liquidate(liq: LendingAccount, j: number, acc: LendingAccount, i: number, dm: number, cm: number, units: number): Liquidation {
    const coll = this.markets[cm];
    const cp = coll.params();
    if (!(cp.liquidationThreshold > 0)) return NONE;
    const hf = this.healthFactor(acc, i);
    if (!(hf < 1)) return NONE;
    const owed = this.debt(acc, dm, i);
    const collShares = acc.shares(cm, i);
    if (!(owed > 0) || !(collShares > 0)) return NONE;
    const rules = this.rules();
    const close = hf <= rules.fullCloseHealthFactor ? 1 : rules.closeFactor;
    let repay = Math.min(units, owed * close, liq.wallet(dm, j));
    if (!(repay > 0)) return NONE;
    const debtMk = this.markets[dm];
    const pd = debtMk.price();
    const pc = coll.price();
    const x = coll.exchangeRate;
    const collUnits = collShares * x;
    let seized = (repay * pd * (1 + cp.liquidationBonus)) / pc;
    let seizedShares = seized / x;
    if (seized >= collUnits * WHOLE) {
      seized = collUnits;
      seizedShares = collShares;
      repay = Math.min(repay, (collUnits * pc) / (pd * (1 + cp.liquidationBonus)));
    }
    liq.routes(dm).liquidationRepay.take(j, repay);
    this.reduceDebt(acc, dm, i, repay);
    acc.setShares(cm, i, collShares - seizedShares);
    liq.addShares(cm, j, seizedShares);
    this.liquidations++;
    this.actions++;
    this.liquidatedUsd += repay * pd;
    this.seizedUsd += seized * pc;
    const badDebtUsd = this.hasCollateral(acc, i) ? 0 : this.writeOff(acc, i);
    return { repaid: repay, seized, badDebtUsd };
  }

  /** Charges every market one tick of interest (phase `pre`). */
  accrue(ticksPerYear: number): void {
    for (const m of this.markets) m.accrue(ticksPerYear);
  }

  /** Resets the per-tick counters of the pool and its markets. */
  beginTick(): void {
    this.liquidations = 0;
    this.liquidatedUsd = 0;
    this.seizedUsd = 0;
    this.badDebtUsd = 0;
    this.actions = 0;
    this.incentives = 0;
    for (const m of this.markets) m.beginTick();
  }

  /** Returns whether agent i has a deposit in any market that counts as collateral. */
  hasCollateral(acc: LendingAccount, i: number): boolean {
    for (let m = 0; m < this.markets.length; m++) if (acc.shares(m, i) > 0 && this.markets[m].params().liquidationThreshold > 0) return true;
    return false;
  }

  /** Writes off all of agent i's debts (bad debt; see `LendingMarket.writeOff`); returns them in USD. */
  private writeOff(acc: LendingAccount, i: number): number {
    let usd = 0;
    for (let m = 0; m < this.markets.length; m++) {
      const scaled = acc.scaledDebt(m, i);
      if (!(scaled > 0)) continue;
      const mk = this.markets[m];
      const units = scaled * mk.index;
      mk.writeOff(units, scaled);
      acc.setScaledDebt(m, i, 0);
      usd += units * mk.price();
    }
    this.badDebtUsd += usd;
    return usd;
  }

  private reduceDebt(acc: LendingAccount, m: number, i: number, units: number): void {
    const mk = this.markets[m];
    const own = acc.scaledDebt(m, i);
    let scaled = units / mk.index;
    if (scaled >= own * WHOLE) scaled = own;
    acc.setScaledDebt(m, i, own - scaled);
    mk.scaledDebt = Math.max(0, mk.scaledDebt - scaled);
  }
}

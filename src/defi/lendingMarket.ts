import type { Account } from '../core/account';
import type { DefiAsset } from './asset';
import { borrowRate, supplyRate, utilisation, type RateModel } from './rateModel';

/** The assets a lending pool can list: the model's token, USD, a liquid staking token, a tokenised real-world asset. */
export const MARKET_KEYS = ['token', 'usd', 'lst', 'rwa'] as const;
export type MarketKey = (typeof MARKET_KEYS)[number];

/** One market's risk and rate parameters. */
export interface MarketParams {
  /** Share of a deposit's value that can be borrowed against (loan-to-value), in [0, 1]. */
  collateralFactor: number;
  /** Share of a deposit's value counted in the health factor, in [collateralFactor, 1]. */
  liquidationThreshold: number;
  /** Extra collateral a liquidator seizes, as a share of the debt it repays (0.05 = 5%). */
  liquidationBonus: number;
  /** Share of borrowers' interest kept as reserves, in [0, 1). */
  reserveFactor: number;
  /** Whether the asset can be borrowed. */
  borrowable: boolean;
  rate: RateModel;
}

/**
 * One asset's market in a lending pool (a Compound cToken, an Aave
 * reserve), in units of the asset. Its cash C is the `cash` account's
 * balance; borrows B = Σ scaled debt × borrow index I; reserves R are the
 * protocol's claim on the market; depositors hold supply shares S worth
 *
 *   x = (C + B − R) / S       units per share (1 when S = 0)
 *
 * (Compound v2, CToken.exchangeRateStoredInternal). A deposit of a units
 * mints a / x shares and a withdrawal of a units burns a / x: the vault
 * share arithmetic of ERC-4626 (eips.ethereum.org/EIPS/eip-4626,
 * convertToShares = assets · totalSupply / totalAssets, convertToAssets its
 * inverse; OpenZeppelin openzeppelin-contracts,
 * contracts/token/ERC20/extensions/ERC4626.sol, _convertToShares) with
 * totalAssets = C + B − R, in floating point: no rounding toward the vault
 * (OpenZeppelin's Math.Rounding.Floor), so a round trip may differ from the
 * deposit by an ulp, and no virtual-share offset (a first depositor gets
 * shares 1 : 1). Each tick `accrue` charges the borrow rate r(U) (see
 * `borrowRate`) for one tick:
 *
 *   i = r / ticksPerYear,  interest = B · i,  I ← I · (1 + i),  R ← R + interest · reserveFactor
 *
 * (Compound v2 CToken.accrueInterest: borrowIndex += simpleInterestFactor ·
 * borrowIndex, totalReserves += interestAccumulated · reserveFactor; Aave
 * v3 ReserveLogic.sol _updateIndexes, which compounds the variable borrow
 * index by MathUtils.calculateCompoundedInterest over the seconds elapsed,
 * and _accrueToTreasury, which books reserveFactor of the interest to the
 * treasury). One tick is one compounding period, so a year at a constant
 * rate multiplies debts by (1 + r / ticksPerYear)^ticksPerYear. O(1)
 * whatever the number of borrowers: an agent's debt is its scaled debt × I
 * (Aave v3 VariableDebtToken scaledBalanceOf × the index).
 */
export class LendingMarket {
  /** Supply shares outstanding. */
  shares = 0;
  /** Σ of every borrower's debt divided by the borrow index when it was taken. */
  scaledDebt = 0;
  /** Borrow index: 1 at genesis, × (1 + r / ticksPerYear) every tick. */
  index = 1;
  /** Reserves, in units of the asset. */
  reserves = 0;
  /** Interest charged this tick, in units. */
  interestThisTick = 0;
  /** Debt written off this tick (bad debt), in units. */
  badDebtThisTick = 0;
  /** Of that, the part reserves absorbed, in units. */
  absorbedThisTick = 0;

  constructor(
    readonly key: MarketKey,
    readonly asset: DefiAsset,
    /** The market's cash. */
    readonly cash: Account,
    readonly params: () => MarketParams,
    /** The oracle price, USD per unit. */
    readonly price: () => number,
  ) {}

  /** Returns the cash in the market, in units. */
  get cashUnits(): number {
    return this.asset.unit === 'tokens' ? this.cash.tokens : this.cash.usd;
  }

  /** Returns total borrows B = scaled debt × I, in units. */
  get borrows(): number {
    return this.scaledDebt * this.index;
  }

  /** Returns what depositors' shares are worth, C + B − R, in units. */
  get deposits(): number {
    return this.cashUnits + this.borrows - this.reserves;
  }

  /** Returns units per supply share, x = (C + B − R) / S (1 with no shares). */
  get exchangeRate(): number {
    return this.shares > 0 ? this.deposits / this.shares : 1;
  }

  /** Returns the utilisation B / (C + B − R), in [0, 1]. */
  get utilisation(): number {
    return utilisation(this.cashUnits, this.borrows, this.reserves);
  }

  /** Returns the borrow rate at the current utilisation, per year. */
  get borrowRatePerYear(): number {
    return borrowRate(this.utilisation, this.params().rate);
  }

  /** Returns the rate depositors earn at the current utilisation, per year. */
  get supplyRatePerYear(): number {
    const u = this.utilisation;
    return supplyRate(u, borrowRate(u, this.params().rate), this.params().reserveFactor);
  }

  /** Charges one tick of interest at the current rate (see the class comment); returns the interest, in units. */
  accrue(ticksPerYear: number): number {
    const i = this.borrowRatePerYear / ticksPerYear;
    const interest = this.borrows * i;
    this.index *= 1 + i;
    this.reserves += interest * this.params().reserveFactor;
    this.interestThisTick = interest;
    return interest;
  }

  /**
   * Writes off `units` of debt that no collateral backs: borrows fall by
   * `units`, reserves absorb as much as they hold, and the rest lowers the
   * exchange rate (depositors bear it). Returns the part reserves absorbed.
   */
  writeOff(units: number, scaled: number): number {
    this.scaledDebt = Math.max(0, this.scaledDebt - scaled);
    const absorbed = Math.min(this.reserves, units);
    this.reserves -= absorbed;
    this.badDebtThisTick += units;
    this.absorbedThisTick += absorbed;
    return absorbed;
  }

  /** Resets the per-tick counters (phase `pre`, before accrual). */
  beginTick(): void {
    this.interestThisTick = 0;
    this.badDebtThisTick = 0;
    this.absorbedThisTick = 0;
  }
}

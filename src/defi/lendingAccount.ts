import type { Population } from '../core/population';
import type { Route } from '../core/route';
import type { LendingMarket, MarketKey } from './lendingMarket';

/**
 * Columns the lending pool keeps on each population that lends or
 * borrows; spread them into the class's schema. `supply<Asset>` holds the
 * agent's supply shares of that market (cToken balance: worth shares ×
 * exchange rate units), `debt<Asset>` its scaled debt (principal ÷ borrow
 * index when borrowed: owes scaled × index units).
 */
export const lendingColumns = {
  supplyToken: 'f64',
  supplyUsd: 'f64',
  supplyLst: 'f64',
  supplyRwa: 'f64',
  debtToken: 'f64',
  debtUsd: 'f64',
  debtLst: 'f64',
  debtRwa: 'f64',
} as const;

/** A population that can lend and borrow: one whose schema spreads `lendingColumns`. */
export type LendingPopulation = Population<typeof lendingColumns>;

const SUFFIX: Record<MarketKey, string> = { token: 'Token', usd: 'Usd', lst: 'Lst', rwa: 'Rwa' };

/** Returns the supply-share column of market `key` (`supplyToken`, …). */
export function supplyColumn(key: MarketKey): keyof typeof lendingColumns {
  return `supply${SUFFIX[key]}` as keyof typeof lendingColumns;
}

/** Returns the scaled-debt column of market `key` (`debtToken`, …). */
export function debtColumn(key: MarketKey): keyof typeof lendingColumns {
  return `debt${SUFFIX[key]}` as keyof typeof lendingColumns;
}

/** A population's routes to and from one market. */
export interface MarketRoutes {
  readonly deposit: Route;
  readonly withdraw: Route;
  readonly borrow: Route;
  readonly repay: Route;
  readonly liquidationRepay: Route;
  /** The column of the population holding the market's asset. */
  readonly wallet: string;
  readonly supply: string;
  readonly debt: string;
}

/**
 * One population's place in the lending pool: its routes to every market
 * (deposit, withdraw, borrow, repay, repay as a liquidator), opened on first
 * use of a market (a class that never touches the LST market needs no LST
 * wallet), and its columns by market. Supply shares and scaled debt are
 * claims, not money: only the routes move balances.
 */
export class LendingAccount {
  private readonly opened: (MarketRoutes | null)[];

  constructor(
    readonly pop: LendingPopulation,
    /** Its number in the pool's list of members. */
    readonly number: number,
    private readonly markets: readonly LendingMarket[],
  ) {
    for (const m of markets) pop.requireF64(supplyColumn(m.key), 'the lending pool');
    this.opened = markets.map(() => null);
  }

  /** Returns the routes to market `m`, opening them on first call (an `InputError` when the class has no wallet column for its asset). */
  routes(m: number): MarketRoutes {
    let r = this.opened[m];
    if (r) return r;
    const mk = this.markets[m];
    const wallet = mk.asset.pocketOf(this.pop);
    const l = mk.asset.ledger;
    const u = mk.asset.unit;
    r = {
      deposit: l.route(wallet, mk.cash, 'lending deposit', u),
      withdraw: l.route(mk.cash, wallet, 'lending withdrawal', u),
      borrow: l.route(mk.cash, wallet, 'borrow', u),
      repay: l.route(wallet, mk.cash, 'repay', u),
      liquidationRepay: l.route(wallet, mk.cash, 'liquidation repay', u),
      wallet: wallet.column,
      supply: supplyColumn(mk.key),
      debt: debtColumn(mk.key),
    };
    this.opened[m] = r;
    return r;
  }

  /** Returns agent i's balance of market `m`'s asset in its wallet, in units (0 when the class holds none of it). */
  wallet(m: number, i: number): number {
    const col = this.markets[m].asset.column;
    return this.pop.hasF64(col) ? this.pop.f64Columns[col][i] : 0;
  }

  /** Returns agent i's supply shares in market `m`. */
  shares(m: number, i: number): number {
    return this.pop.f64Columns[supplyColumn(this.markets[m].key)][i];
  }

  /** Returns agent i's scaled debt in market `m`. */
  scaledDebt(m: number, i: number): number {
    return this.pop.f64Columns[debtColumn(this.markets[m].key)][i];
  }

  /** Adds `d` to agent i's supply shares in market `m`. */
  addShares(m: number, i: number, d: number): void {
    this.pop.f64Columns[supplyColumn(this.markets[m].key)][i] += d;
  }

  /** Sets agent i's supply shares in market `m`. */
  setShares(m: number, i: number, v: number): void {
    this.pop.f64Columns[supplyColumn(this.markets[m].key)][i] = v;
  }

  /** Sets agent i's scaled debt in market `m`. */
  setScaledDebt(m: number, i: number, v: number): void {
    this.pop.f64Columns[debtColumn(this.markets[m].key)][i] = v;
  }
}

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
 * (deposit, withdraw, borrow, repay, repay as a liquidator), opened once,
 * and its columns by market. Supply shares and scaled debt are claims, not
 * money: only the routes move balances.
 */
export class LendingAccount {
  /** Routes by market position in the pool (null for a market the pool does not list). */
  readonly routes: MarketRoutes[];

  constructor(
    readonly pop: LendingPopulation,
    /** Its number in the pool's list of members. */
    readonly number: number,
    markets: readonly LendingMarket[],
  ) {
    for (const m of markets) pop.requireF64(supplyColumn(m.key), 'the lending pool');
    this.routes = markets.map((m) => {
      const wallet = m.asset.pocketOf(pop);
      const l = m.asset.ledger;
      const u = m.asset.unit;
      return {
        deposit: l.route(wallet, m.cash, 'lending deposit', u),
        withdraw: l.route(m.cash, wallet, 'lending withdrawal', u),
        borrow: l.route(m.cash, wallet, 'borrow', u),
        repay: l.route(wallet, m.cash, 'repay', u),
        liquidationRepay: l.route(wallet, m.cash, 'liquidation repay', u),
        wallet: wallet.column,
        supply: supplyColumn(m.key),
        debt: debtColumn(m.key),
      };
    });
  }

  /** Returns agent i's balance of market `m`'s asset in its wallet, in units. */
  wallet(m: number, i: number): number {
    return this.pop.f64Columns[this.routes[m].wallet][i];
  }

  /** Returns agent i's supply shares in market `m`. */
  shares(m: number, i: number): number {
    return this.pop.f64Columns[this.routes[m].supply][i];
  }

  /** Returns agent i's scaled debt in market `m`. */
  scaledDebt(m: number, i: number): number {
    return this.pop.f64Columns[this.routes[m].debt][i];
  }

  /** Adds `d` to agent i's supply shares in market `m`. */
  addShares(m: number, i: number, d: number): void {
    this.pop.f64Columns[this.routes[m].supply][i] += d;
  }

  /** Sets agent i's supply shares in market `m`. */
  setShares(m: number, i: number, v: number): void {
    this.pop.f64Columns[this.routes[m].supply][i] = v;
  }

  /** Sets agent i's scaled debt in market `m`. */
  setScaledDebt(m: number, i: number, v: number): void {
    this.pop.f64Columns[this.routes[m].debt][i] = v;
  }
}

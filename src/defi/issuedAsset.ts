import type { Account, Pocket } from '../core/account';
import { RunError } from '../core/errors';
import { Ledger } from '../core/ledger';
import type { Population } from '../core/population';
import type { AssetAccountOptions, DefiAsset } from './asset';

/**
 * An asset a block issues (a liquid staking token, a tokenised fund share),
 * booked on a ledger of its own so that its supply is conserved like the
 * model's token without counting in it:
 *
 *   issued − redeemed = Σ holdings of the asset
 *
 * holds by construction (its `mint` and `burn` are issuance and
 * redemption), and `check` asserts it, the columns' consistency and that no
 * balance moved around the asset's routes. Its accounts are named
 * `<symbol>:<name>`; agents hold it in the float64 column `column` of their
 * population (one account `<symbol>:<population>` per population).
 *
 * The block that issues it starts the asset's tick in its `exogenous` hook
 * and checks it in its `observe` hook (when the run checks conservation), so
 * every move of the asset must happen in between.
 */
export class IssuedAsset implements DefiAsset {
  readonly ledger = new Ledger();
  readonly unit = 'tokens' as const;
  private readonly holders = new Map<Population, Account>();

  constructor(
    readonly symbol: string,
    /** The column of a population that holds it. */
    readonly column: string,
    /** The key of the block that issues it. */
    readonly owner: string,
  ) {}

  /** Returns the units outstanding: issued − redeemed. */
  get supply(): number {
    return this.ledger.supply;
  }

  pocketOf(pop: Population): Pocket {
    let a = this.holders.get(pop);
    if (!a) {
      a = this.ledger.open(`${this.symbol}:${pop.name}`, { owner: pop.name, circulating: true, description: `${this.symbol} held by the ${pop.name} class` });
      this.holders.set(pop, a);
    }
    return this.ledger.pocket(a, pop, this.column, 'tokens');
  }

  open(name: string, opts: AssetAccountOptions): Account {
    return this.ledger.open(`${this.symbol}:${name}`, opts);
  }

  /** Starts tick `tick` on the asset's ledger (notes balances for `check` when `check`). */
  beginTick(tick: number, check: boolean): void {
    this.ledger.beginTick(tick, check);
  }

  /** Throws a `RunError` naming the asset when its supply is not conserved or a balance moved around its routes. */
  check(tick: number): void {
    try {
      this.ledger.check(tick);
    } catch (e) {
      if (e instanceof RunError) throw new RunError(`${this.symbol}: ${e.message}`, tick);
      throw e;
    }
  }
}

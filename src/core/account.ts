import type { Population } from './population';

/** What a transfer moves: tokens (whole tokens) or USD. */
export type Asset = 'tokens' | 'usd';

/** A per-agent balance column that belongs to an account: `pop.cols[column][i]` for each agent i. */
export interface Pocket {
  readonly account: Account;
  readonly pop: Population;
  readonly column: string;
  readonly asset: Asset;
}

/**
 * A place where tokens and USD are held, as the ledger sees it: the
 * treasury, a pool's reserves, an escrow, a class's balances, the stake of
 * every staker. `tokens` (whole tokens) and `usd` (USD) are its holdings:
 * for a scalar account they are the balance itself; for an account held in
 * per-agent columns (its `pockets`) they are the running totals of those
 * columns, kept by every transfer. Only the ledger's routes change them.
 *
 * `circulating` says whether its tokens count in the circulating supply;
 * `owner` is the key of the block that opened it; `chain` the network it
 * lives on.
 */
export class Account {
  tokens = 0;
  usd = 0;
  /** Columns that hold this account's balances per agent (none for a scalar account). */
  readonly pockets: Pocket[] = [];

  constructor(
    readonly id: number,
    readonly name: string,
    readonly owner: string,
    readonly circulating: boolean,
    readonly chain: string,
    readonly description: string,
  ) {}

  /** Returns whether the account's balances live in per-agent columns. */
  get columnar(): boolean {
    return this.pockets.length > 0;
  }
}

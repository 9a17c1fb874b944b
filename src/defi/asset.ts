import type { Account, Asset, Pocket } from '../core/account';
import type { Ledger } from '../core/ledger';
import type { Population } from '../core/population';

/** How an account of a DeFi asset is opened: its owner block, whether it circulates, one line on what it holds. */
export interface AssetAccountOptions {
  owner: string;
  circulating: boolean;
  description: string;
}

/**
 * A holdable asset as the DeFi blocks see it: the model's token, USD, or an
 * asset a block issues (a liquid staking token, a tokenised fund share).
 * `ledger` books it and `unit` is the side of that ledger it is booked on;
 * `pocketOf(pop)` is where agents of `pop` hold it and `open(...)` opens a
 * scalar account for it (a market's cash, a pool's reserve, an escrow).
 * Money in it moves only along `ledger.route(..., unit)`.
 */
export interface DefiAsset {
  /** Short name used in account names and docs (`TOKEN`, `USD`, `stTOKEN`, `RWA`). */
  readonly symbol: string;
  readonly ledger: Ledger;
  readonly unit: Asset;
  /** The float64 column of a population that holds it (`tokens`, `usd`, or the issued asset's own). */
  readonly column: string;
  /** Returns the pocket holding this asset for the agents of `pop`. */
  pocketOf(pop: Population): Pocket;
  /** Opens a scalar account `name` holding this asset. */
  open(name: string, opts: AssetAccountOptions): Account;
}

/** Returns the model's own token as a DeFi asset: the world's ledger, the `tokens` side, agents' `tokens` column. */
export function tokenAsset(ledger: Ledger): DefiAsset {
  return worldAsset(ledger, 'TOKEN', 'tokens');
}

/** Returns USD as a DeFi asset: the world's ledger, the `usd` side, agents' `usd` column. */
export function usdAsset(ledger: Ledger): DefiAsset {
  return worldAsset(ledger, 'USD', 'usd');
}

function worldAsset(ledger: Ledger, symbol: string, unit: Asset): DefiAsset {
  return {
    symbol,
    ledger,
    unit,
    column: unit,
    pocketOf(pop) {
      if (!pop.account) throw new Error(`population ${pop.name} has no ledger account`);
      return ledger.pocket(pop.account, pop, unit, unit);
    },
    open: (name, opts) => ledger.open(name, opts),
  };
}

import { port } from '../core/block';
import type { IssuedAsset } from './issuedAsset';
import type { PairPool } from './pairPool';

/** What a liquid-staking block gives the blocks that price or trade its token. */
export interface LiquidStakingToken {
  readonly asset: IssuedAsset;
  /** Returns tokens one LST redeems for (the exchange rate), in tokens per LST. */
  readonly exchangeRate: number;
  /** The secondary pool of the LST against the token (price in tokens per LST). */
  readonly pool: PairPool;
}

/** What a tokenised-asset block gives the blocks that price or trade its token. */
export interface RealWorldAssetToken {
  readonly asset: IssuedAsset;
  /** Returns the NAV the oracle reports now (lagged), in USD per unit. */
  readonly oracleNav: number;
  /** The secondary pool of the RWA token against USD (price in USD per unit). */
  readonly pool: PairPool;
}

/** The liquid staking token of the model, when it has one (filled by `liquidStaking`). */
export const lstPort = port<LiquidStakingToken>('lst');

/** The tokenised real-world asset of the model, when it has one (filled by `rwaVault`). */
export const rwaPort = port<RealWorldAssetToken>('rwa');

import { port } from '../core/block';
import type { Population } from '../core/population';
import type { IssuedAsset } from './issuedAsset';
import type { LstProvider } from './lstProvider';
import type { PairPool } from './pairPool';
import type { RwaFund } from './rwaFund';

/** What a liquid-staking block gives the blocks that price or trade its token. */
export interface LiquidStakingToken {
  readonly asset: IssuedAsset;
  /** Returns tokens one LST redeems for (the exchange rate), in tokens per LST. */
  readonly exchangeRate: number;
  /** The secondary pool of the LST against the token (price in tokens per LST). */
  readonly pool: PairPool;
  /** Returns the staking yield LST holders earn at the current reward rate, net of the provider's fee, per year. */
  readonly apr: number;
  /** Stakes up to `tokens` of agent `pop[i]`'s tokens through the provider; returns the LST minted to it. */
  deposit(pop: Population, i: number, tokens: number): number;
  /** At genesis: gives agent `pop[i]` `units` LST, backed by as many newly minted tokens staked at the genesis rate of 1. */
  issueAtGenesis(pop: Population, i: number, units: number): void;
  /** The provider itself: its queue and per-tick counters. */
  readonly provider: LstProvider;
}

/** What a tokenised-asset block gives the blocks that price or trade its token. */
export interface RealWorldAssetToken {
  readonly asset: IssuedAsset;
  /** Returns the NAV the oracle reports now (lagged), in USD per unit. */
  readonly oracleNav: number;
  /** The secondary pool of the RWA token against USD (price in USD per unit). */
  readonly pool: PairPool;
  /** Returns the yield the fund states, net of its fee, per year. */
  readonly yieldPerYear: number;
  /** At genesis: gives agent `pop[i]` `units` of the fund, backed by units × the genesis NAV of USD invested off chain. */
  issueAtGenesis(pop: Population, i: number, units: number): void;
  /** The fund itself: its NAV, queues and per-tick counters. */
  readonly fund: RwaFund;
}

/** The liquid staking token of the model, when it has one (filled by `liquidStaking`). */
export const lstPort = port<LiquidStakingToken>('lst');

/** The tokenised real-world asset of the model, when it has one (filled by `rwaVault`). */
export const rwaPort = port<RealWorldAssetToken>('rwa');

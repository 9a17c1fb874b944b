import type { Population } from '../core/population';
import type { AnyWorld } from '../core/world';
import { agentHoldings } from './holdings';

/**
 * One reading of every agent's wealth, all populations concatenated in the
 * world's order (the order `agentHoldings` uses), agent k of population c
 * at `offset[c] + k`.
 */
export interface WealthReading {
  /** Token holdings (liquid, staked, unbonding, locked, collateral), in tokens. */
  readonly tokens: Float64Array;
  /** USD balances, in USD. */
  readonly usd: Float64Array;
  /** Consensus stake: bonded tokens (`staked`), or the liquid tokens of an agent that delegates (`delegating` = 1), in tokens. */
  readonly stake: Float64Array;
  /** Index of each agent's population in `world.populations`. */
  readonly classOf: Int32Array;
  /** First index of each population. */
  readonly offset: Int32Array;
}

/**
 * Returns every agent's tokens, USD and consensus stake now. Stake is what
 * weighs in consensus votes: tokens bonded in the staking pool (`staked`)
 * or, where delegation leaves tokens liquid (Cardano), the tokens of an
 * agent whose `delegating` column is 1.
 */
export function readWealth(world: AnyWorld): WealthReading {
  const tokens = agentHoldings(world);
  const n = tokens.length;
  const usd = new Float64Array(n);
  const stake = new Float64Array(n);
  const classOf = new Int32Array(n);
  const offset = new Int32Array(world.populations.length);
  let k = 0;
  world.populations.forEach((p: Population, c: number) => {
    offset[c] = k;
    const staked = p.hasF64('staked') ? p.f64Columns.staked : null;
    const delegating = p.column('delegating');
    const liquid = p.cols.tokens;
    for (let i = 0; i < p.size; i++, k++) {
      usd[k] = p.cols.usd[i] > 0 ? p.cols.usd[i] : 0;
      const s = (staked ? staked[i] : 0) + (delegating && delegating[i] === 1 ? liquid[i] : 0);
      stake[k] = s > 0 ? s : 0;
      classOf[k] = c;
    }
  });
  return { tokens, usd, stake, classOf, offset };
}

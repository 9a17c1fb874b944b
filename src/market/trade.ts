import type { Population } from '../core/population';
import type { ConstantProductPool } from './constantProductPool';

/**
 * Agent `pop[i]` spends up to `usd` USD (capped by its USD balance) on tokens;
 * returns the tokens bought.
 */
export function buyTokens(pool: ConstantProductPool, pop: Population, i: number, usd: number): number {
  const cash = pop.cols.usd[i];
  const a = usd < cash ? usd : cash;
  if (!(a > 0)) return 0;
  return pool.buyFor(pop, i, a);
}

/**
 * Agent `pop[i]` sells up to `tokens` tokens (capped by its token balance);
 * returns the USD received.
 */
export function sellTokens(pool: ConstantProductPool, pop: Population, i: number, tokens: number): number {
  const bal = pop.cols.tokens[i];
  const a = tokens < bal ? tokens : bal;
  if (!(a > 0)) return 0;
  return pool.sellFor(pop, i, a);
}

/**
 * Agent `pop[i]` sells just enough tokens to receive `usd` USD (exact out),
 * or all its tokens if that is not enough; returns the USD received.
 */
export function sellForUsd(pool: ConstantProductPool, pop: Population, i: number, usd: number): number {
  if (!(usd > 0)) return 0;
  const need = pool.quoteSellExactOut(usd);
  return sellTokens(pool, pop, i, need);
}

import type { Population } from '../core/population';
import type { ConstantProductPool } from './amm';

/**
 * Agent `pop[i]` spends up to `usd` USD (capped by its USD balance) on tokens;
 * returns the tokens bought. Balances move in the same step as the pool.
 */
export function buyTokens(pool: ConstantProductPool, pop: Population, i: number, usd: number): number {
  const cash = pop.cols.usd;
  const a = usd < cash[i] ? usd : cash[i];
  if (!(a > 0)) return 0;
  const out = pool.buy(a);
  cash[i] -= a;
  pop.cols.tokens[i] += out;
  return out;
}

/**
 * Agent `pop[i]` sells up to `tokens` tokens (capped by its token balance);
 * returns the USD received.
 */
export function sellTokens(pool: ConstantProductPool, pop: Population, i: number, tokens: number): number {
  const bal = pop.cols.tokens;
  const a = tokens < bal[i] ? tokens : bal[i];
  if (!(a > 0)) return 0;
  const out = pool.sell(a);
  bal[i] -= a;
  pop.cols.usd[i] += out;
  return out;
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

import type { Ledger } from './ledger';
import { sample, type Distribution } from './distributions';
import type { Population } from './population';
import type { Rng } from './rng';

/**
 * Gives agents `pop[from..to)` their starting balances: tokens drawn from
 * `tokens` (minted at genesis) and USD drawn from `usd` (entering the model
 * from outside), along the ledger's `genesis` routes. Negative draws count
 * as zero. Draws alternate token, USD per agent. Returns the tokens minted.
 */
export function endow(ledger: Ledger, pop: Population, from: number, to: number, tokens: Distribution, usd: Distribution, rng: Rng): number {
  if (!pop.account) throw new Error(`population ${pop.name} has no ledger account`);
  const t = new Float64Array(to - from);
  const u = new Float64Array(to - from);
  for (let i = from; i < to; i++) {
    t[i - from] = Math.max(0, sample(tokens, rng));
    u[i - from] = Math.max(0, sample(usd, rng));
  }
  const minted = ledger.route('mint', ledger.pocket(pop.account, pop, 'tokens'), 'genesis').payRange(from, t);
  ledger.route('outside', ledger.pocket(pop.account, pop, 'usd', 'usd'), 'genesis', 'usd').payRange(from, u);
  return minted;
}

/** Fills float column `col[from..to)` with draws from `d`. */
export function drawTrait(col: Float64Array, from: number, to: number, d: Distribution, rng: Rng): void {
  for (let i = from; i < to; i++) col[i] = sample(d, rng);
}

/**
 * Adds `count` agents to `pop` and endows them as `endow` does (tokens
 * minted at genesis, USD entered from outside); returns the index range
 * [first, end) of the new agents.
 */
export function addEndowed(ledger: Ledger, pop: Population, count: number, tokens: Distribution, usd: Distribution, rng: Rng): [first: number, end: number] {
  const first = pop.add(count);
  const end = first + count;
  endow(ledger, pop, first, end, tokens, usd, rng);
  return [first, end];
}

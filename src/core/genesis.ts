import { sample, type Distribution } from './distributions';
import type { Population } from './population';
import type { Rng } from './rng';
import type { Ledger } from './ledger';

/**
 * Gives agents `pop[from..to)` their starting balances: tokens drawn from
 * `tokens` (minted at genesis, so the ledger sees them) and USD drawn from
 * `usd` (entering the model from outside). Negative draws count as zero.
 * Returns the tokens minted.
 */
export function endow(
  ledger: Ledger,
  pop: Population,
  from: number,
  to: number,
  tokens: Distribution,
  usd: Distribution,
  rng: Rng,
): number {
  const t = pop.cols.tokens;
  const u = pop.cols.usd;
  let minted = 0;
  let usdIn = 0;
  for (let i = from; i < to; i++) {
    const ti = Math.max(0, sample(tokens, rng));
    const ui = Math.max(0, sample(usd, rng));
    t[i] += ti;
    u[i] += ui;
    minted += ti;
    usdIn += ui;
  }
  ledger.mint(minted);
  ledger.usdIn(usdIn);
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
export function addEndowed(
  ledger: Ledger,
  pop: Population,
  count: number,
  tokens: Distribution,
  usd: Distribution,
  rng: Rng,
): [first: number, end: number] {
  const first = pop.add(count);
  const end = first + count;
  endow(ledger, pop, first, end, tokens, usd, rng);
  return [first, end];
}

import type { Rng } from '../core/rng';

/**
 * Steps the yard-sale model of wealth exchange in place: `exchanges` times,
 * two distinct agents are drawn uniformly and a fair coin decides which of
 * them pays the other Δ = f · min(w_i, w_j), a share f of the poorer one's
 * wealth (Chakraborti, Int. J. Mod. Phys. C 13, 1315, 2002; Boghosian et
 * al., Physica A 476, 2017). Each trade is fair in expectation, yet wealth
 * condenses: the Gini coefficient rises towards 1 as the richest agent
 * gathers almost everything. Wealth is conserved and stays positive.
 */
export function yardSale(wealth: Float64Array, rng: Rng, exchanges: number, share: number, n = wealth.length): void {
  if (!(share > 0 && share < 1)) throw new RangeError(`share must be in (0, 1), got ${share}`);
  if (n < 2) return;
  for (let k = 0; k < exchanges; k++) {
    const i = rng.int(n);
    let j = rng.int(n - 1);
    if (j >= i) j++;
    const delta = share * (wealth[i] < wealth[j] ? wealth[i] : wealth[j]);
    if (rng.next() < 0.5) {
      wealth[i] -= delta;
      wealth[j] += delta;
    } else {
      wealth[i] += delta;
      wealth[j] -= delta;
    }
  }
}

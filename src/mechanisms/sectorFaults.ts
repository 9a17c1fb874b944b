import type { Rng } from '../core/rng';
import { poisson } from '../fees/poisson';

/**
 * Returns how many of n sectors are faulty when each is with probability
 * q, a Binomial(n, q) draw: n Bernoulli trials for n ≤ 50;
 * past that Poisson(nq) when nq < 10, n − Poisson(n(1 − q)) when
 * n(1 − q) < 10, else the normal approximation ⌊N(nq, nq(1 − q)) + ½⌋
 * clipped to [0, n]. Exact at q = 0 and q = 1.
 */
export function faultySectors(rng: Rng, n: number, q: number): number {
  if (!(n > 0) || !(q > 0)) return 0;
  if (q >= 1) return n;
  if (n <= 50) {
    let k = 0;
    for (let j = 0; j < n; j++) if (rng.next() < q) k++;
    return k;
  }
  if (n * q < 10) return Math.min(n, poisson(rng, n * q));
  if (n * (1 - q) < 10) return Math.max(0, n - poisson(rng, n * (1 - q)));
  const x = Math.floor(rng.normal(n * q, Math.sqrt(n * q * (1 - q))) + 0.5);
  return x < 0 ? 0 : x > n ? n : x;
}

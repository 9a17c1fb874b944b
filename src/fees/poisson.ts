import type { Rng } from '../core/rng';

/**
 * Returns a Poisson(λ) draw, a count: by Knuth's product of uniforms for
 * λ ≤ 30 (exact), and for larger λ by the normal approximation
 * ⌊N(λ, λ) + ½⌋ clipped at 0 (relative error of the variance O(1/λ)),
 * so a draw costs O(min(λ, 30)) uniforms at most.
 */
export function poisson(rng: Rng, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda > 30) {
    const x = Math.floor(rng.normal(lambda, Math.sqrt(lambda)) + 0.5);
    return x > 0 ? x : 0;
  }
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

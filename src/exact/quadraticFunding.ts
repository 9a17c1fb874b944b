import { isqrt } from './isqrt';

/**
 * Quadratic funding (the CLR of Buterin, Hitzig and Weyl, "A Flexible
 * Design for Funding Public Goods", Management Science 65(11), 2019), in
 * the contribution token's base units, with the integer square root the
 * contracts use (`isqrt`, the Babylonian `_sqrt` of Allo v2
 * `contracts/strategies/qv-base/QVBaseStrategy.sol`):
 *
 *   matching_p = max(0, (Σ_i ⌊√c_ip⌋)² − Σ_i c_ip)
 *
 * over each contributor i's total to project p (contributions must be
 * summed per contributor first: splitting one person's gift would raise
 * the match). When the matches exceed the pool, each is scaled to
 * ⌊matching_p · pool / Σ matching⌋, as Gitcoin's `clr.py` normalises to
 * the pot; what the floors leave stays in the pool.
 *
 * ⌊√c⌋ ≤ √c, so (Σ⌊√c⌋)² can fall below Σc for a lone contributor: the
 * max(0, ·) keeps a match from going negative where the real-valued rule
 * gives exactly 0.
 */

/** Returns the unscaled match of one project, in base units, from its contributors' totals. */
export function quadraticMatch(contributions: readonly bigint[]): bigint {
  let roots = 0n;
  let sum = 0n;
  for (const c of contributions) {
    if (c < 0n) throw new RangeError(`a contribution cannot be negative, got ${c}`);
    roots += isqrt(c);
    sum += c;
  }
  const m = roots * roots - sum;
  return m > 0n ? m : 0n;
}

/** Returns each project's match, in base units, scaled down pro rata (floored) when their sum exceeds `pool`. */
export function quadraticFunding(projects: readonly (readonly bigint[])[], pool: bigint): bigint[] {
  const raw = projects.map(quadraticMatch);
  const total = raw.reduce((a, b) => a + b, 0n);
  if (total <= pool) return raw;
  return raw.map((m) => (m * pool) / total);
}

/** Returns the real-valued match (Σ√c)² − Σc of one project, in the unit of `contributions`: the float path checked against `quadraticMatch`. */
export function quadraticMatchFloat(contributions: readonly number[]): number {
  let roots = 0;
  let sum = 0;
  for (const c of contributions) {
    roots += Math.sqrt(c);
    sum += c;
  }
  return roots * roots - sum;
}

/**
 * Returns ⌊√n⌋ for a bigint n ≥ 0, exactly.
 *
 * Every reference here takes the integer square root by Newton's
 * (Babylonian) iteration x ← ⌊(x + ⌊n / x⌋) / 2⌋ until it stops decreasing:
 * Uniswap v2 `contracts/libraries/Math.sol` `sqrt` (start ⌊n/2⌋ + 1),
 * Allo v2 `QVBaseStrategy._sqrt` and the consensus specs'
 * `integer_squareroot` (start ⌊(n + 1)/2⌋). From any start at or above
 * ⌊√n⌋ that iteration descends monotonically and stops at exactly ⌊√n⌋, so
 * all of them return the same value. This one starts from a float estimate
 * rounded up, which needs a handful of steps instead of up to ~log₂ n, and
 * returns the same integer (the tests check it against the reference loops).
 * Throws a RangeError for n < 0.
 */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError(`isqrt of a negative number: ${n}`);
  if (n < 2n) return n;
  if (n < 4503599627370496n) {
    // Below 2^52 the float square root is exact enough that its floor is ⌊√n⌋ or one off.
    let r = BigInt(Math.floor(Math.sqrt(Number(n))));
    while (r * r > n) r--;
    while ((r + 1n) * (r + 1n) <= n) r++;
    return r;
  }
  // Start above the root: the float estimate times (1 + 2^-40), plus 1 (Number(n) and the root each err by < 2^-52).
  const f = Number(n);
  let x = f < 1e300 ? BigInt(Math.ceil(Math.sqrt(f) * (1 + 2 ** -40))) + 1n : 1n << BigInt((n.toString(2).length >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

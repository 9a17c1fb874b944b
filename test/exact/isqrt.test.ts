import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isqrt } from '../../src/exact/isqrt';

/** Uniswap/v2-core contracts/libraries/Math.sol `sqrt`, transcribed: the reference loop. */
function uniswapSqrt(y: bigint): bigint {
  let z = 0n;
  if (y > 3n) {
    z = y;
    let x = y / 2n + 1n;
    while (x < z) {
      z = x;
      x = (y / x + x) / 2n;
    }
  } else if (y !== 0n) z = 1n;
  return z;
}

/** ethereum/consensus-specs phase0 `integer_squareroot` (and Allo v2 `QVBaseStrategy._sqrt`), transcribed. */
function specSqrt(n: bigint): bigint {
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2n;
  }
  return x;
}

describe('isqrt', () => {
  it('gives ⌊√n⌋ at the consensus-specs test_integer_squareroot values 0, 100, 2^64 − 2, 2^64 − 1', () => {
    // consensus-specs tests/core/pyspec/eth2spec/test/phase0/unittests/math/test_integer_squareroot.py:
    // each value against Python's math.isqrt; ⌊√(2^64 − 1)⌋ = 2^32 − 1.
    expect(isqrt(0n)).toBe(0n);
    expect(isqrt(100n)).toBe(10n);
    expect(isqrt(2n ** 64n - 2n)).toBe(4294967295n);
    expect(isqrt(2n ** 64n - 1n)).toBe(4294967295n);
  });

  it('equals the Uniswap and consensus-specs loops on every n below 5000', () => {
    const mismatches: bigint[] = [];
    for (let n = 0n; n < 5000n; n++) if (isqrt(n) !== uniswapSqrt(n) || isqrt(n) !== specSqrt(n)) mismatches.push(n);
    expect(mismatches).toEqual([]);
  });

  it('equals the reference loops on random n up to 2^256, and r² ≤ n < (r + 1)²', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 256n }), (n) => {
        const r = isqrt(n);
        expect(r).toBe(uniswapSqrt(n));
        expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('is exact around perfect squares k², k² − 1 for k near 2^26, 2^53 and 2^128', () => {
    for (const k of [2n ** 26n + 3n, 2n ** 53n - 1n, 2n ** 53n + 1n, 2n ** 128n - 7n, 2n ** 600n + 1n]) {
      expect(isqrt(k * k)).toBe(k);
      expect(isqrt(k * k - 1n)).toBe(k - 1n);
      expect(isqrt(k * k + 2n * k)).toBe(k);
    }
  });

  it('throws a RangeError for a negative n', () => {
    expect(() => isqrt(-1n)).toThrow(RangeError);
  });
});

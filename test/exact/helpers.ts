import { expect } from 'vitest';
import { RevertError } from '../../src/exact/revert';
import { UniswapV2Pair } from '../../src/exact/uniswapV2Pair';

/** Returns n · 10^18: `expandTo18Decimals` of the Uniswap tests. */
export function e18(n: number | bigint): bigint {
  return BigInt(n) * 10n ** 18n;
}

/** Asserts that `fn` reverts with exactly the reference's revert string `reason`. */
export function expectRevert(fn: () => unknown, reason: string): void {
  let thrown: unknown = null;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(RevertError);
  expect((thrown as RevertError).reason).toBe(reason);
}

/** Returns |a − b| / |b| (|a| when b = 0). */
export function relErr(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
}

/** Returns a fresh pair holding `token0Amount` / `token1Amount`, its shares minted to `wallet`. */
export function pairWith(token0Amount: bigint, token1Amount: bigint, wallet = 'wallet'): UniswapV2Pair {
  const pair = new UniswapV2Pair();
  pair.transferIn(0, token0Amount);
  pair.transferIn(1, token1Amount);
  pair.mint(wallet);
  return pair;
}

import { expect } from 'vitest';
import { RevertError } from '../../src/exact/revert';

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

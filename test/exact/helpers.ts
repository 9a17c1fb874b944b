import { expect } from 'vitest';
import { RevertError } from '../../src/exact/revert';
import { UniswapV2Pair } from '../../src/exact/uniswapV2Pair';
import { Ledger } from '../../src/core/ledger';
import type { AmmParams } from '../../src/market/amm';
import { ConstantProductPool } from '../../src/market/constantProductPool';

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

/**
 * Returns the float `ConstantProductPool` with reserves and fee `p`, on a
 * ledger of its own, with `buy(usd)` and `sell(tokens)` for a party outside
 * the model (USD from and to outside; tokens bought are burned, tokens sold
 * minted): the float side of the differential tests.
 */
export function floatPool(p: AmmParams) {
  const ledger = new Ledger();
  const pool = new ConstantProductPool(ledger, ledger.open('amm', { owner: 'amm', circulating: true }), ledger.open('amm.fees', { owner: 'amm', circulating: true }), p.feeBps);
  ledger.route('mint', pool.reserves, 'genesis').move(p.tokenReserve);
  ledger.route('outside', pool.reserves, 'genesis', 'usd').move(p.usdReserve);
  const party = pool.trader('outside', 'mint', 'swap');
  return Object.assign(pool, { buy: (usd: number) => party.buy(usd), sell: (tokens: number) => party.sell(tokens) });
}

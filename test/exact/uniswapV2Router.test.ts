import { describe, expect, it } from 'vitest';
import { getAmountIn, getAmountOut, getAmountsIn, getAmountsOut, quote } from '../../src/exact/uniswapV2Library';
import { MINIMUM_LIQUIDITY, UniswapV2Pair } from '../../src/exact/uniswapV2Pair';
import {
  addLiquidity,
  removeLiquidity,
  reservesOf,
  swapExactTokensForTokens,
  swapTokensForExactTokens,
} from '../../src/exact/uniswapV2Router';
import { e18, expectRevert, pairWith } from './helpers';

const WALLET = 'wallet';

// Uniswap/v2-periphery test/UniswapV2Router02.spec.ts: 'quote', 'getAmountOut', 'getAmountIn', 'getAmountsOut', 'getAmountsIn'.
describe('UniswapV2Library against UniswapV2Router02.spec.ts', () => {
  it("'quote': quote(1, 100, 200) = 2, quote(2, 200, 100) = 1, and its reverts", () => {
    expect(quote(1n, 100n, 200n)).toBe(2n);
    expect(quote(2n, 200n, 100n)).toBe(1n);
    expectRevert(() => quote(0n, 100n, 200n), 'UniswapV2Library: INSUFFICIENT_AMOUNT');
    expectRevert(() => quote(1n, 0n, 200n), 'UniswapV2Library: INSUFFICIENT_LIQUIDITY');
    expectRevert(() => quote(1n, 100n, 0n), 'UniswapV2Library: INSUFFICIENT_LIQUIDITY');
  });

  it("'getAmountOut': getAmountOut(2, 100, 100) = 1, and its reverts", () => {
    expect(getAmountOut(2n, 100n, 100n)).toBe(1n);
    expectRevert(() => getAmountOut(0n, 100n, 100n), 'UniswapV2Library: INSUFFICIENT_INPUT_AMOUNT');
    expectRevert(() => getAmountOut(2n, 0n, 100n), 'UniswapV2Library: INSUFFICIENT_LIQUIDITY');
    expectRevert(() => getAmountOut(2n, 100n, 0n), 'UniswapV2Library: INSUFFICIENT_LIQUIDITY');
  });

  it("'getAmountIn': getAmountIn(1, 100, 100) = 2, and its reverts", () => {
    expect(getAmountIn(1n, 100n, 100n)).toBe(2n);
    expectRevert(() => getAmountIn(0n, 100n, 100n), 'UniswapV2Library: INSUFFICIENT_OUTPUT_AMOUNT');
    expectRevert(() => getAmountIn(1n, 0n, 100n), 'UniswapV2Library: INSUFFICIENT_LIQUIDITY');
    expectRevert(() => getAmountIn(1n, 100n, 0n), 'UniswapV2Library: INSUFFICIENT_LIQUIDITY');
  });

  it("'getAmountsOut' / 'getAmountsIn': a 10000/10000 pair gives [2, 1] both ways; an empty path reverts INVALID_PATH", () => {
    const pair = new UniswapV2Pair();
    addLiquidity(pair, 10000n, 10000n, 0n, 0n, WALLET);
    const path = [reservesOf({ pair, zeroForOne: true })];

    expect(getAmountsOut(2n, path)).toEqual([2n, 1n]);
    expect(getAmountsIn(1n, path)).toEqual([2n, 1n]);
    expectRevert(() => getAmountsOut(2n, []), 'UniswapV2Library: INVALID_PATH');
    expectRevert(() => getAmountsIn(1n, []), 'UniswapV2Library: INVALID_PATH');
  });
});

// Uniswap/v2-periphery test/UniswapV2Router01.spec.ts.
describe('UniswapV2Router against UniswapV2Router01.spec.ts', () => {
  it("'addLiquidity': 1 and 4 tokens mint 2·10^18 − 10³ shares to the wallet", () => {
    const pair = new UniswapV2Pair();

    const added = addLiquidity(pair, e18(1), e18(4), 0n, 0n, WALLET);

    expect(added).toEqual({ amount0: e18(1), amount1: e18(4), liquidity: e18(2) - MINIMUM_LIQUIDITY });
    expect([pair.reserve0, pair.reserve1]).toEqual([e18(1), e18(4)]);
  });

  it("'removeLiquidity': burning the wallet's shares of 1/4 pays 10^18 − 500 and 4·10^18 − 2000, leaving 500/2000", () => {
    const pair = pairWith(e18(1), e18(4));

    const out = removeLiquidity(pair, e18(2) - MINIMUM_LIQUIDITY, 0n, 0n, WALLET);

    expect(out).toEqual({ amount0: e18(1) - 500n, amount1: e18(4) - 2000n });
    expect([pair.reserve0, pair.reserve1]).toEqual([500n, 2000n]);
    expect(pair.balanceOf(WALLET)).toBe(0n);
  });

  it("'swapExactTokensForTokens': 1 token 0 into 5/10 gives 1662497915624478906", () => {
    const pair = pairWith(e18(5), e18(10));

    const amounts = swapExactTokensForTokens(e18(1), 0n, [{ pair, zeroForOne: true }]);

    expect(amounts).toEqual([e18(1), 1662497915624478906n]);
    expect([pair.reserve0, pair.reserve1]).toEqual([e18(6), e18(10) - 1662497915624478906n]);
  });

  it("'swapTokensForExactTokens': 1 token 1 out of 5/10 costs 557227237267357629 of token 0", () => {
    const pair = pairWith(e18(5), e18(10));

    const amounts = swapTokensForExactTokens(e18(1), 2n ** 256n - 1n, [{ pair, zeroForOne: true }]);

    expect(amounts).toEqual([557227237267357629n, e18(1)]);
    expect([pair.reserve0, pair.reserve1]).toEqual([e18(5) + 557227237267357629n, e18(9)]);
  });
});

describe('UniswapV2Router reverts and multi-hop paths', () => {
  it("reverts 'UniswapV2Router: INSUFFICIENT_OUTPUT_AMOUNT' and leaves the pair untouched", () => {
    const pair = pairWith(e18(5), e18(10));
    const before = pair.snapshot();

    expectRevert(() => swapExactTokensForTokens(e18(1), 1662497915624478907n, [{ pair, zeroForOne: true }]), 'UniswapV2Router: INSUFFICIENT_OUTPUT_AMOUNT');
    expect(pair.snapshot()).toEqual(before);
  });

  it("reverts 'UniswapV2Router: EXCESSIVE_INPUT_AMOUNT' one wei under the input needed", () => {
    const pair = pairWith(e18(5), e18(10));
    expectRevert(() => swapTokensForExactTokens(e18(1), 557227237267357628n, [{ pair, zeroForOne: true }]), 'UniswapV2Router: EXCESSIVE_INPUT_AMOUNT');
  });

  it("reverts 'UniswapV2Router: INSUFFICIENT_B_AMOUNT' / '…_A_AMOUNT' when the price-keeping deposit is under a minimum", () => {
    const pair = pairWith(e18(1), e18(4));
    // 1 token 0 keeps the price with 4 of token 1; 2 token 1 keep it with 0.5 of token 0.
    expectRevert(() => addLiquidity(pair, e18(1), e18(5), 0n, e18(4) + 1n, WALLET), 'UniswapV2Router: INSUFFICIENT_B_AMOUNT');
    expectRevert(() => addLiquidity(pair, e18(1), e18(2), e18(1) / 2n + 1n, 0n, WALLET), 'UniswapV2Router: INSUFFICIENT_A_AMOUNT');
    expect(addLiquidity(pair, e18(1), e18(2), 0n, 0n, WALLET)).toMatchObject({ amount0: e18(1) / 2n, amount1: e18(2) });
  });

  it("reverts 'UniswapV2Router: INSUFFICIENT_A_AMOUNT' on removal below the minimum, restoring the shares", () => {
    const pair = pairWith(e18(1), e18(4));
    const shares = pair.balanceOf(WALLET);
    expectRevert(() => removeLiquidity(pair, shares, e18(1), 0n, WALLET), 'UniswapV2Router: INSUFFICIENT_A_AMOUNT');
    expect(pair.balanceOf(WALLET)).toBe(shares);
  });

  it('swaps along two hops, each output the next input, as getAmountsOut chains them', () => {
    const a = pairWith(e18(5), e18(10));
    const b = pairWith(e18(20), e18(10)); // token 0 of b is token 1 of a
    const path = [{ pair: a, zeroForOne: true }, { pair: b, zeroForOne: true }];

    const amounts = swapExactTokensForTokens(e18(1), 0n, path);

    expect(amounts[1]).toBe(1662497915624478906n);
    expect(amounts[2]).toBe(getAmountOut(1662497915624478906n, e18(20), e18(10)));
    expect(b.reserve1).toBe(e18(10) - amounts[2]);
  });
});

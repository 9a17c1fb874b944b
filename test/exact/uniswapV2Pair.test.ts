import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getAmountOut } from '../../src/exact/uniswapV2Library';
import { MINIMUM_LIQUIDITY, UniswapV2Pair, ZERO_ADDRESS } from '../../src/exact/uniswapV2Pair';
import { e18, expectRevert, pairWith } from './helpers';

// Vectors from Uniswap/v2-core test/UniswapV2Pair.spec.ts, test by test.

const WALLET = 'wallet';
const OTHER = 'other';

/** UniswapV2Pair.spec.ts `encodePrice`: [reserve1 · 2^112 / reserve0, reserve0 · 2^112 / reserve1]. */
function encodePrice(reserve0: bigint, reserve1: bigint): [bigint, bigint] {
  return [(reserve1 * 2n ** 112n) / reserve0, (reserve0 * 2n ** 112n) / reserve1];
}

describe('UniswapV2Pair against UniswapV2Pair.spec.ts', () => {
  it("'mint': 1 and 4 tokens give 2·10^18 shares, 10³ of them locked at the zero address", () => {
    const pair = pairWith(e18(1), e18(4));

    expect(pair.totalSupply).toBe(e18(2));
    expect(pair.balanceOf(WALLET)).toBe(e18(2) - MINIMUM_LIQUIDITY);
    expect(pair.balanceOf(ZERO_ADDRESS)).toBe(MINIMUM_LIQUIDITY);
    expect([pair.reserve0, pair.reserve1]).toEqual([e18(1), e18(4)]);
  });

  const swapTestCases: [bigint, bigint, bigint, bigint][] = [
    [e18(1), e18(5), e18(10), 1662497915624478906n],
    [e18(1), e18(10), e18(5), 453305446940074565n],
    [e18(2), e18(5), e18(10), 2851015155847869602n],
    [e18(2), e18(10), e18(5), 831248957812239453n],
    [e18(1), e18(10), e18(10), 906610893880149131n],
    [e18(1), e18(100), e18(100), 987158034397061298n],
    [e18(1), e18(1000), e18(1000), 996006981039903216n],
  ];
  swapTestCases.forEach(([swapAmount, token0Amount, token1Amount, expectedOutputAmount], i) => {
    it(`'getInputPrice:${i}': ${expectedOutputAmount} out passes, one wei more reverts 'UniswapV2: K'`, () => {
      const pair = pairWith(token0Amount, token1Amount);
      pair.transferIn(0, swapAmount);

      expectRevert(() => pair.swap(0n, expectedOutputAmount + 1n), 'UniswapV2: K');
      pair.swap(0n, expectedOutputAmount);

      expect(getAmountOut(swapAmount, token0Amount, token1Amount)).toBe(expectedOutputAmount);
      expect(pair.reserve1).toBe(token1Amount - expectedOutputAmount);
    });
  });

  const optimisticTestCases: [bigint, bigint, bigint, bigint][] = [
    [997000000000000000n, e18(5), e18(10), e18(1)], // given amountIn, amountOut = floor(amountIn * .997)
    [997000000000000000n, e18(10), e18(5), e18(1)],
    [997000000000000000n, e18(5), e18(5), e18(1)],
    [e18(1), e18(5), e18(5), 1003009027081243732n], // given amountOut, amountIn = ceiling(amountOut / .997)
  ];
  optimisticTestCases.forEach(([outputAmount, token0Amount, token1Amount, inputAmount], i) => {
    it(`'optimistic:${i}': paying ${inputAmount} of token 0 back releases ${outputAmount} of it, not one wei more`, () => {
      const pair = pairWith(token0Amount, token1Amount);
      pair.transferIn(0, inputAmount);

      expectRevert(() => pair.swap(outputAmount + 1n, 0n), 'UniswapV2: K');
      pair.swap(outputAmount, 0n);

      expect(pair.reserve0).toBe(token0Amount + inputAmount - outputAmount);
    });
  });

  it("'swap:token0': 1 token 0 into 5/10 gives 1662497915624478906 of token 1", () => {
    const pair = pairWith(e18(5), e18(10));
    pair.transferIn(0, e18(1));

    pair.swap(0n, 1662497915624478906n);

    expect([pair.reserve0, pair.reserve1]).toEqual([e18(6), e18(10) - 1662497915624478906n]);
    expect([pair.balance0, pair.balance1]).toEqual([e18(6), e18(10) - 1662497915624478906n]);
  });

  it("'swap:token1': 1 token 1 into 5/10 gives 453305446940074565 of token 0", () => {
    const pair = pairWith(e18(5), e18(10));
    pair.transferIn(1, e18(1));

    pair.swap(453305446940074565n, 0n);

    expect([pair.reserve0, pair.reserve1]).toEqual([e18(5) - 453305446940074565n, e18(11)]);
  });

  it("'burn': burning all but the locked shares of 3/3 pays 3·10^18 − 1000 of each and leaves 1000/1000", () => {
    const pair = pairWith(e18(3), e18(3));
    pair.transferShares(WALLET, pair.address, e18(3) - MINIMUM_LIQUIDITY);

    const out = pair.burn();

    expect(out).toEqual({ amount0: e18(3) - 1000n, amount1: e18(3) - 1000n });
    expect(pair.balanceOf(WALLET)).toBe(0n);
    expect(pair.totalSupply).toBe(MINIMUM_LIQUIDITY);
    expect([pair.reserve0, pair.reserve1]).toEqual([1000n, 1000n]);
  });

  it("'price{0,1}CumulativeLast': the accumulators add the UQ112x112 price times the seconds it held", () => {
    const pair = new UniswapV2Pair();
    const t0 = 1_600_000_000n;
    pair.blockTimestamp = t0;
    pair.transferIn(0, e18(3));
    pair.transferIn(1, e18(3));
    pair.mint(WALLET);
    const initialPrice = encodePrice(e18(3), e18(3));

    pair.blockTimestamp = t0 + 1n;
    pair.sync();
    expect([pair.price0CumulativeLast, pair.price1CumulativeLast]).toEqual(initialPrice);
    expect(pair.blockTimestampLast).toBe(t0 + 1n);

    pair.transferIn(0, e18(3));
    pair.blockTimestamp = t0 + 10n;
    pair.swap(0n, e18(1));
    expect([pair.price0CumulativeLast, pair.price1CumulativeLast]).toEqual(initialPrice.map((p) => p * 10n));

    pair.blockTimestamp = t0 + 20n;
    pair.sync();
    const newPrice = encodePrice(e18(6), e18(2));
    expect([pair.price0CumulativeLast, pair.price1CumulativeLast]).toEqual([
      initialPrice[0] * 10n + newPrice[0] * 10n,
      initialPrice[1] * 10n + newPrice[1] * 10n,
    ]);
  });

  function swapThenBurnAll(feeTo: string | null): UniswapV2Pair {
    const pair = new UniswapV2Pair();
    pair.feeTo = feeTo;
    pair.transferIn(0, e18(1000));
    pair.transferIn(1, e18(1000));
    pair.mint(WALLET);
    pair.transferIn(1, e18(1));
    pair.swap(996006981039903216n, 0n);
    pair.transferShares(WALLET, pair.address, e18(1000) - MINIMUM_LIQUIDITY);
    pair.burn();
    return pair;
  }

  it("'feeTo:off': with no protocol fee, burning everything leaves only the locked shares", () => {
    expect(swapThenBurnAll(null).totalSupply).toBe(MINIMUM_LIQUIDITY);
  });

  it("'feeTo:on': the protocol takes 249750499251388 shares, one sixth of √k growth", () => {
    const pair = swapThenBurnAll(OTHER);

    expect(pair.totalSupply).toBe(MINIMUM_LIQUIDITY + 249750499251388n);
    expect(pair.balanceOf(OTHER)).toBe(249750499251388n);
    expect(pair.balance0).toBe(1000n + 249501683697445n);
    expect(pair.balance1).toBe(1000n + 250000187312969n);
  });
});

describe('UniswapV2Pair reverts and flash swaps', () => {
  it("reverts 'UniswapV2: INSUFFICIENT_LIQUIDITY_MINTED' when nothing was paid in", () => {
    const pair = pairWith(e18(1), e18(1));
    expectRevert(() => pair.mint(WALLET), 'UniswapV2: INSUFFICIENT_LIQUIDITY_MINTED');
  });

  it("reverts with SafeMath's 'ds-math-sub-underflow' when the first deposit is worth under 10³ shares", () => {
    const pair = new UniswapV2Pair();
    pair.transferIn(0, 999n);
    pair.transferIn(1, 999n);
    expectRevert(() => pair.mint(WALLET), 'ds-math-sub-underflow');
    expect(pair.totalSupply).toBe(0n);
  });

  it("reverts 'UniswapV2: INSUFFICIENT_OUTPUT_AMOUNT', '…_LIQUIDITY' and '…_INPUT_AMOUNT' as swap's require()s", () => {
    const pair = pairWith(e18(5), e18(10));
    expectRevert(() => pair.swap(0n, 0n), 'UniswapV2: INSUFFICIENT_OUTPUT_AMOUNT');
    expectRevert(() => pair.swap(0n, e18(10)), 'UniswapV2: INSUFFICIENT_LIQUIDITY');
    expectRevert(() => pair.swap(0n, 1n), 'UniswapV2: INSUFFICIENT_INPUT_AMOUNT');
  });

  it("reverts 'UniswapV2: INSUFFICIENT_LIQUIDITY_BURNED' when the pair holds no shares to burn", () => {
    const pair = pairWith(e18(1), e18(1));
    expectRevert(() => pair.burn(), 'UniswapV2: INSUFFICIENT_LIQUIDITY_BURNED');
  });

  it("reverts 'UniswapV2: OVERFLOW' when a balance passes 2^112 − 1", () => {
    const pair = pairWith(e18(1), e18(1));
    pair.transferIn(0, 2n ** 112n);
    expectRevert(() => pair.sync(), 'UniswapV2: OVERFLOW');
  });

  it('a flash swap repaid with ⌈out / 0.997⌉ in its callback passes; one wei less reverts K and undoes the loan', () => {
    // optimistic:3 as a flash swap: borrow 1 token 0 from 5/5 and repay 1003009027081243732 inside the callback.
    const pair = pairWith(e18(5), e18(5));
    const before = pair.snapshot();

    expectRevert(() => pair.swap(e18(1), 0n, (p) => p.transferIn(0, 1003009027081243731n)), 'UniswapV2: K');
    expect(pair.snapshot()).toEqual(before);

    pair.swap(e18(1), 0n, (p, out0) => {
      expect(out0).toBe(e18(1));
      expect(p.balance0).toBe(e18(4));
      p.transferIn(0, 1003009027081243732n);
    });
    expect(pair.reserve0).toBe(e18(5) + 3009027081243732n);
  });

  it("reverts 'UniswapV2: LOCKED' when a flash-swap callback re-enters the pair", () => {
    const pair = pairWith(e18(5), e18(5));
    expectRevert(() => pair.swap(e18(1), 0n, (p) => p.sync()), 'UniswapV2: LOCKED');
    pair.sync(); // unlocked again after the revert
  });

  it('skim pays out a donation above the reserves; sync takes it into them', () => {
    const pair = pairWith(e18(5), e18(5));
    pair.transferIn(1, 123n);

    expect(pair.skim()).toEqual({ amount0: 0n, amount1: 123n });
    pair.transferIn(1, 77n);
    pair.sync();
    expect(pair.reserve1).toBe(e18(5) + 77n);
  });
});

describe('UniswapV2Pair properties', () => {
  const reserve = fc.bigInt({ min: 10n ** 4n, max: 10n ** 33n });

  it("takes out exactly getAmountOut: that passes the K check, one wei more reverts 'UniswapV2: K'", () => {
    fc.assert(
      fc.property(reserve, reserve, fc.bigInt({ min: 1n, max: 10n ** 33n }), (r0, r1, a) => {
        const pair = pairWith(r0, r1);
        const out = getAmountOut(a, r0, r1);
        fc.pre(out > 0n && out + 1n < r1);
        pair.transferIn(0, a);
        expectRevert(() => pair.swap(0n, out + 1n), 'UniswapV2: K');
        pair.swap(0n, out);
      }),
      { numRuns: 200 },
    );
  });

  it('never lets k fall and conserves every wei over random swap sequences', () => {
    const trade = fc.record({ zeroForOne: fc.boolean(), amount: fc.bigInt({ min: 1n, max: 10n ** 24n }) });
    fc.assert(
      fc.property(fc.array(trade, { minLength: 1, maxLength: 30 }), (trades) => {
        const pair = pairWith(e18(1000), e18(2000));
        let paidIn0 = e18(1000);
        let paidIn1 = e18(2000);
        let paidOut0 = 0n;
        let paidOut1 = 0n;
        for (const t of trades) {
          const k = pair.reserve0 * pair.reserve1;
          const [rin, rout] = t.zeroForOne ? [pair.reserve0, pair.reserve1] : [pair.reserve1, pair.reserve0];
          const out = getAmountOut(t.amount, rin, rout);
          if (out === 0n) continue;
          pair.transferIn(t.zeroForOne ? 0 : 1, t.amount);
          if (t.zeroForOne) pair.swap(0n, out);
          else pair.swap(out, 0n);
          if (t.zeroForOne) [paidIn0, paidOut1] = [paidIn0 + t.amount, paidOut1 + out];
          else [paidIn1, paidOut0] = [paidIn1 + t.amount, paidOut0 + out];
          expect(pair.reserve0 * pair.reserve1 >= k).toBe(true);
        }
        expect(pair.reserve0).toBe(paidIn0 - paidOut0);
        expect(pair.reserve1).toBe(paidIn1 - paidOut1);
      }),
      { numRuns: 100 },
    );
  });
});

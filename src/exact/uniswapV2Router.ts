import { getAmountsIn, getAmountsOut, quote, type Reserves } from './uniswapV2Library';
import type { PairState, UniswapV2Pair } from './uniswapV2Pair';
import { requireThat } from './revert';

/**
 * The Uniswap v2 router's liquidity and swap entry points over
 * `UniswapV2Pair`s, in token base units, as Uniswap/v2-periphery
 * `contracts/UniswapV2Router02.sol` (`_addLiquidity`, `addLiquidity`,
 * `removeLiquidity`, `_swap`, `swapExactTokensForTokens`,
 * `swapTokensForExactTokens`). Amounts are in the pair's token order
 * (token 0, token 1), so the reference's A/B reverts name tokens 0/1. Each
 * call is one transaction: if any step reverts, every pair it touched is
 * left as it was. Deadlines (`'UniswapV2Router: EXPIRED'`) have no
 * counterpart: there is no clock to miss.
 */

/** One hop of a swap path: the pair, and whether token 0 is paid in (token 1 comes out). */
export interface Hop {
  readonly pair: UniswapV2Pair;
  readonly zeroForOne: boolean;
}

/** What `addLiquidity` deposited and minted, in base units and shares. */
export interface AddedLiquidity {
  amount0: bigint;
  amount1: bigint;
  liquidity: bigint;
}

/**
 * Returns the deposit that keeps the pair's price, then deposits it and
 * mints shares to `to` (`addLiquidity`): at an empty pair the desired
 * amounts; else (a₀, quote(a₀)) when that fits the desired token 1, else
 * (quote(a₁), a₁). Reverts `'UniswapV2Router: INSUFFICIENT_B_AMOUNT'` /
 * `'…_A_AMOUNT'` when the amount used falls below its minimum.
 */
export function addLiquidity(
  pair: UniswapV2Pair, amount0Desired: bigint, amount1Desired: bigint, amount0Min: bigint, amount1Min: bigint, to: string,
): AddedLiquidity {
  let amount0 = amount0Desired;
  let amount1 = amount1Desired;
  if (pair.reserve0 !== 0n || pair.reserve1 !== 0n) {
    const optimal1 = quote(amount0Desired, pair.reserve0, pair.reserve1);
    if (optimal1 <= amount1Desired) {
      requireThat(optimal1 >= amount1Min, 'UniswapV2Router: INSUFFICIENT_B_AMOUNT');
      amount1 = optimal1;
    } else {
      const optimal0 = quote(amount1Desired, pair.reserve1, pair.reserve0);
      requireThat(optimal0 <= amount0Desired, 'assert');
      requireThat(optimal0 >= amount0Min, 'UniswapV2Router: INSUFFICIENT_A_AMOUNT');
      amount0 = optimal0;
    }
  }
  const liquidity = atomically([pair], true, () => {
    pair.transferIn(0, amount0);
    pair.transferIn(1, amount1);
    return pair.mint(to);
  });
  return { amount0, amount1, liquidity };
}

/**
 * Sends `liquidity` shares of `from` to the pair, burns them and returns
 * the tokens paid out (`removeLiquidity`); reverts
 * `'UniswapV2Router: INSUFFICIENT_A_AMOUNT'` / `'…_B_AMOUNT'` below the minimums.
 */
export function removeLiquidity(
  pair: UniswapV2Pair, liquidity: bigint, amount0Min: bigint, amount1Min: bigint, from: string,
): { amount0: bigint; amount1: bigint } {
  return atomically([pair], true, () => {
    pair.transferShares(from, pair.address, liquidity);
    const out = pair.burn();
    requireThat(out.amount0 >= amount0Min, 'UniswapV2Router: INSUFFICIENT_A_AMOUNT');
    requireThat(out.amount1 >= amount1Min, 'UniswapV2Router: INSUFFICIENT_B_AMOUNT');
    return out;
  });
}

/**
 * Swaps exactly `amountIn` along `path` and returns every hop's amount,
 * [in, …, out] (`swapExactTokensForTokens`); reverts
 * `'UniswapV2Router: INSUFFICIENT_OUTPUT_AMOUNT'` when out < `amountOutMin`.
 */
export function swapExactTokensForTokens(amountIn: bigint, amountOutMin: bigint, path: readonly Hop[]): bigint[] {
  const amounts = getAmountsOut(amountIn, path.map(reservesOf));
  requireThat(amounts[amounts.length - 1] >= amountOutMin, 'UniswapV2Router: INSUFFICIENT_OUTPUT_AMOUNT');
  atomically(path.map((h) => h.pair), false, () => runSwaps(amounts, path));
  return amounts;
}

/**
 * Swaps for exactly `amountOut` along `path`, paying the least input, and
 * returns every hop's amount (`swapTokensForExactTokens`); reverts
 * `'UniswapV2Router: EXCESSIVE_INPUT_AMOUNT'` when the input needed exceeds `amountInMax`.
 */
export function swapTokensForExactTokens(amountOut: bigint, amountInMax: bigint, path: readonly Hop[]): bigint[] {
  const amounts = getAmountsIn(amountOut, path.map(reservesOf));
  requireThat(amounts[0] <= amountInMax, 'UniswapV2Router: EXCESSIVE_INPUT_AMOUNT');
  atomically(path.map((h) => h.pair), false, () => runSwaps(amounts, path));
  return amounts;
}

/** Returns a hop's reserves seen from its input side. */
export function reservesOf(h: Hop): Reserves {
  return h.zeroForOne
    ? { reserveIn: h.pair.reserve0, reserveOut: h.pair.reserve1 }
    : { reserveIn: h.pair.reserve1, reserveOut: h.pair.reserve0 };
}

/** `_swap`: pay the first pair, then each pair's output is the next pair's input. */
function runSwaps(amounts: readonly bigint[], path: readonly Hop[]): void {
  path[0].pair.transferIn(path[0].zeroForOne ? 0 : 1, amounts[0]);
  for (let i = 0; i < path.length; i++) {
    const { pair, zeroForOne } = path[i];
    const out = amounts[i + 1];
    if (zeroForOne) pair.swap(0n, out);
    else pair.swap(out, 0n);
    const next = path[i + 1];
    if (next) next.pair.transferIn(next.zeroForOne ? 0 : 1, out);
  }
}

function atomically<T>(pairs: readonly UniswapV2Pair[], withShares: boolean, fn: () => T): T {
  const saved: PairState[] = pairs.map((p) => p.snapshot(withShares));
  try {
    return fn();
  } catch (e) {
    pairs.forEach((p, k) => p.restore(saved[k]));
    throw e;
  }
}

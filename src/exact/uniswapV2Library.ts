import { requireThat } from './revert';

/**
 * The Uniswap v2 pricing functions in token base units (wei for an
 * 18-decimal token), with the reference's rounding and reverts:
 * Uniswap/v2-periphery `contracts/libraries/UniswapV2Library.sol`,
 * functions `quote`, `getAmountOut`, `getAmountIn`, `getAmountsOut`,
 * `getAmountsIn`. The 0.3% fee is the reference's 997/1000.
 */

/** A pair's reserves seen from the input side: `reserveIn` of the token paid, `reserveOut` of the token received. */
export interface Reserves {
  reserveIn: bigint;
  reserveOut: bigint;
}

/** Returns ⌊amountA · reserveB / reserveA⌋, the equal-value amount of B, in B's base units (`UniswapV2Library.quote`). */
export function quote(amountA: bigint, reserveA: bigint, reserveB: bigint): bigint {
  requireThat(amountA > 0n, 'UniswapV2Library: INSUFFICIENT_AMOUNT');
  requireThat(reserveA > 0n && reserveB > 0n, 'UniswapV2Library: INSUFFICIENT_LIQUIDITY');
  return (amountA * reserveB) / reserveA;
}

/**
 * Returns the most a swap of `amountIn` can take out, in the output token's
 * base units: ⌊997·a·R_out / (1000·R_in + 997·a)⌋ (`UniswapV2Library.getAmountOut`).
 */
export function getAmountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  requireThat(amountIn > 0n, 'UniswapV2Library: INSUFFICIENT_INPUT_AMOUNT');
  requireThat(reserveIn > 0n && reserveOut > 0n, 'UniswapV2Library: INSUFFICIENT_LIQUIDITY');
  const amountInWithFee = amountIn * 997n;
  return (amountInWithFee * reserveOut) / (reserveIn * 1000n + amountInWithFee);
}

/**
 * Returns the least input that takes `amountOut` out, in the input token's
 * base units: ⌊1000·R_in·o / (997·(R_out − o))⌋ + 1 (`UniswapV2Library.getAmountIn`);
 * the reference's SafeMath reverts when o > R_out, and division by zero when o = R_out.
 */
export function getAmountIn(amountOut: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  requireThat(amountOut > 0n, 'UniswapV2Library: INSUFFICIENT_OUTPUT_AMOUNT');
  requireThat(reserveIn > 0n && reserveOut > 0n, 'UniswapV2Library: INSUFFICIENT_LIQUIDITY');
  requireThat(reserveOut >= amountOut, 'ds-math-sub-underflow');
  const denominator = (reserveOut - amountOut) * 997n;
  requireThat(denominator > 0n, 'division by zero');
  return (reserveIn * amountOut * 1000n) / denominator + 1n;
}

/** Returns [a₀, a₁, …], each hop's output of the previous amount along `path` (`UniswapV2Library.getAmountsOut`). */
export function getAmountsOut(amountIn: bigint, path: readonly Reserves[]): bigint[] {
  requireThat(path.length >= 1, 'UniswapV2Library: INVALID_PATH');
  const amounts = [amountIn];
  for (const hop of path) amounts.push(getAmountOut(amounts[amounts.length - 1], hop.reserveIn, hop.reserveOut));
  return amounts;
}

/** Returns […, a₁, aₙ], each hop's needed input for the next amount, ending at `amountOut` (`UniswapV2Library.getAmountsIn`). */
export function getAmountsIn(amountOut: bigint, path: readonly Reserves[]): bigint[] {
  requireThat(path.length >= 1, 'UniswapV2Library: INVALID_PATH');
  const amounts: bigint[] = new Array(path.length + 1);
  amounts[path.length] = amountOut;
  for (let i = path.length - 1; i >= 0; i--) amounts[i] = getAmountIn(amounts[i + 1], path[i].reserveIn, path[i].reserveOut);
  return amounts;
}

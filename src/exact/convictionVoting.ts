import { RevertError, requireThat } from './revert';

/**
 * 1Hive conviction voting in its 2^128 fixed point, as
 * 1Hive/conviction-voting-app `contracts/ConvictionVoting.sol`
 * (`calculateConviction`, `calculateThreshold`, `_totalStaked`, `_mul`,
 * `_pow`) with @aragon/os SafeMath's reverts. Parameters are integers
 * scaled by D = 10^7: decay a·D, maxRatio β·D, weight ρ·D; the minimum
 * threshold stake is a share of supply scaled by 10^18. Amounts are in the
 * stake and request tokens' base units.
 *
 *   conviction  y_t = a^t · y₀ + x · (1 − a^t) / (1 − a)
 *   threshold   τ = ρ · S_eff / ((1 − a) · (β − r / F)²),  S_eff = max(staked, supply · minShare)
 *
 * with r the amount requested and F the funds available.
 */

/** The contract's fixed-point scale for decay, maxRatio and weight. */
export const D = 10_000_000n;
/** 100% for `minThresholdStakePercentage`. */
export const ONE_HUNDRED_PERCENT = 10n ** 18n;

const TWO_128 = 1n << 128n;
const TWO_127 = 1n << 127n;
const UINT256 = 1n << 256n;
const MAX_UINT256 = UINT256 - 1n;

/** The contract's conviction settings (`setConvictionCalculationSettings`). */
export interface ConvictionSettings {
  /** a · D: conviction kept per block. */
  decay: bigint;
  /** β · D: the largest share of the funds one proposal may take. */
  maxRatio: bigint;
  /** ρ · D: the share of stake a proposal needs at r = 0, times (1 − a)β². */
  weight: bigint;
  /** The least stake the threshold counts, as a share of the stake token's supply times 10^18. */
  minThresholdStakePercentage: bigint;
}

/** Returns ⌊(a · b + 2^127) / 2^128⌋: a Q.128 product rounded to nearest (`_mul`). */
export function mul128(a: bigint, b: bigint): bigint {
  requireThat(a <= TWO_128, '_a should be less than or equal to 2^128');
  requireThat(b < TWO_128, '_b should be less than 2^128');
  return (a * b + TWO_127) >> 128n;
}

/** Returns (a / 2^128)^b · 2^128 by square-and-multiply with `mul128` (`_pow`). */
export function pow128(a: bigint, b: bigint): bigint {
  requireThat(a < TWO_128, '_a should be less than 2^128');
  let base = a;
  let e = b;
  let result = TWO_128;
  while (e > 0n) {
    if ((e & 1n) === 0n) {
      base = mul128(base, base);
      e >>= 1n;
    } else {
      result = mul128(result, base);
      e -= 1n;
    }
  }
  return result;
}

/**
 * Returns a proposal's conviction after `timePassed` blocks with `oldAmount`
 * staked throughout, from `lastConv`, in token-blocks (`calculateConviction`):
 * ⌊(2^128·a^t · y₀ + x · D · (2^128 − 2^128·a^t) / (D − aD) + 2^127) / 2^128⌋.
 */
export function calculateConviction(timePassed: bigint, lastConv: bigint, oldAmount: bigint, decay: bigint): bigint {
  const at = pow128(div(shl(decay, 128n), D), timePassed);
  // The contract writes `D - decay` without SafeMath: it wraps below zero, and D = decay divides by zero.
  const grown = div(mul(mul(oldAmount, D), sub(TWO_128, at)), (D - decay + UINT256) % UINT256);
  return add(add(mul(at, lastConv), grown), TWO_127) >> 128n;
}

/** Returns the stake the threshold counts, in base units: max(totalStaked, supply · minShare / 10^18) (`_totalStaked`). */
export function effectiveStake(totalStaked: bigint, stakeTokenSupply: bigint, minThresholdStakePercentage: bigint): bigint {
  const minTotalStake = div(mul(stakeTokenSupply, minThresholdStakePercentage), ONE_HUNDRED_PERCENT);
  return totalStaked < minTotalStake ? minTotalStake : totalStaked;
}

/**
 * Returns the conviction a proposal requesting `requestedAmount` of `funds`
 * must pass, in token-blocks (`calculateThreshold`); reverts
 * `'CV_AMOUNT_OVER_MAX_RATIO'` unless β · F > r. With
 * denom = ⌊β·D·2^64 / D⌋ − ⌊r·2^64 / F⌋ (64-bit fixed point):
 * ⌊⌊⌊⌊ρD·2^128 / D⌋ / ⌊denom² / 2^64⌋⌋ · D / (D − aD)⌋ · S_eff / 2^64⌋.
 */
export function calculateThreshold(
  requestedAmount: bigint, funds: bigint, totalStaked: bigint, stakeTokenSupply: bigint, s: ConvictionSettings,
): bigint {
  requireThat(mul(s.maxRatio, funds) > mul(requestedAmount, D), 'CV_AMOUNT_OVER_MAX_RATIO');
  const denom = sub(div(shl(s.maxRatio, 64n), D), div(shl(requestedAmount, 64n), funds));
  const scaled = div(div(shl(s.weight, 128n), D), mul(denom, denom) >> 64n);
  const stake = effectiveStake(totalStaked, stakeTokenSupply, s.minThresholdStakePercentage);
  return mul(div(mul(scaled, D), sub(D, s.decay)), stake) >> 64n;
}

/** A uint256 left shift: the bits past 2^256 are lost, as in the EVM. */
function shl(a: bigint, n: bigint): bigint {
  return (a << n) & MAX_UINT256;
}

// @aragon/os SafeMath, with its revert strings.
function mul(a: bigint, b: bigint): bigint {
  const c = a * b;
  if (c > MAX_UINT256) throw new RevertError('MATH_MUL_OVERFLOW');
  return c;
}

function div(a: bigint, b: bigint): bigint {
  if (b <= 0n) throw new RevertError('MATH_DIV_ZERO');
  return a / b;
}

function sub(a: bigint, b: bigint): bigint {
  if (b > a) throw new RevertError('MATH_SUB_UNDERFLOW');
  return a - b;
}

function add(a: bigint, b: bigint): bigint {
  const c = a + b;
  if (c > MAX_UINT256) throw new RevertError('MATH_ADD_OVERFLOW');
  return c;
}

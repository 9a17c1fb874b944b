import { ONE_Q128, PRECISION, euclidDiv, expNeg } from './q128';

/**
 * The Filecoin reward actor's minting functions, in attoFIL and bytes, in
 * Q.128 fixed point, as filecoin-project/specs-actors
 * `actors/builtin/reward/reward_logic.go` (`InitBaselinePower`,
 * `BaselinePowerFromPrev`, `ComputeRTheta`, `computeReward`,
 * `computeBaselineSupply`); the same logic is builtin-actors'
 * `actors/reward/src/logic.rs`. With λ = ln 2 / (6 years of 30-s epochs):
 *
 *   simple minting    M_s(t) = S · (1 − e^{−λt}), so epoch t mints S · (e^λ − 1) · e^{−λt}
 *   baseline minting  M_b(θ) = B · (1 − e^{−λθ}), θ the effective network time
 *   reward(t, θ₀, θ₁) = ⌊(S·(e^λ − 1)·e^{−λt} + M_b(θ₁) − M_b(θ₀)) / 2^128⌋ attoFIL
 *
 * S = 330 M FIL and B = 770 M FIL are the actors' defaults; the baseline
 * power target starts at 2.5 EiB and doubles each year.
 */

/** ⌊e^{ln 2 / epochs per year} · 2^128⌋: the baseline's growth per epoch (100% a year), Q.128. */
export const BASELINE_EXPONENT = 340282591298641078465964189926313473653n;
/** The baseline power at epoch 0, in bytes (≈ 2.5 EiB). */
export const BASELINE_INITIAL_VALUE = 2_888_888_880_000_000_000n;
/** λ = ln 2 / (6 · epochs per year), Q.128. */
export const LAMBDA = 37396271439864487274534522888786n;
/** e^λ − 1, Q.128. */
export const EXP_LAM_SUB_ONE = 37396273494747879394193016954629n;
/** Simple and baseline minting totals, in attoFIL (`DefaultSimpleTotal`, `DefaultBaselineTotal`). */
export const DEFAULT_SIMPLE_TOTAL = 330_000_000n * 10n ** 18n;
export const DEFAULT_BASELINE_TOTAL = 770_000_000n * 10n ** 18n;
/** 30-second epochs in a 365-day year (`builtin.EpochsInYear`). */
export const EPOCHS_IN_YEAR = 1_051_200;

/** Returns the baseline power of epoch −1, in bytes, so that one step gives the initial value at epoch 0 (`InitBaselinePower`). */
export function initBaselinePower(): bigint {
  const atMinusOne = euclidDiv(BASELINE_INITIAL_VALUE << (2n * PRECISION), BASELINE_EXPONENT);
  return atMinusOne >> PRECISION;
}

/** Returns this epoch's baseline power from the previous epoch's, in bytes: ⌊prev · exponent / 2^128⌋ (`BaselinePowerFromPrev`). */
export function baselinePowerFromPrev(prevEpochBaselinePower: bigint): bigint {
  return (prevEpochBaselinePower * BASELINE_EXPONENT) >> PRECISION;
}

/**
 * Returns the fractional effective network time θ in Q.128 (`ComputeRTheta`):
 * θ = t_eff − (ΣB − ΣR) / B(t_eff), interpolating between whole epochs;
 * 0 at t_eff = 0. Powers in bytes, cumulative sums in byte-epochs.
 */
export function computeRTheta(
  effectiveNetworkTime: number, baselinePowerAtEffectiveNetworkTime: bigint, cumsumRealized: bigint, cumsumBaseline: bigint,
): bigint {
  if (effectiveNetworkTime === 0) return 0n;
  const diff = euclidDiv((cumsumBaseline - cumsumRealized) << PRECISION, baselinePowerAtEffectiveNetworkTime);
  return (BigInt(effectiveNetworkTime) << PRECISION) - diff;
}

/** Returns the baseline minting B · (1 − e^{−λθ}) in Q.128 attoFIL, for θ in Q.128 (`computeBaselineSupply`). */
export function computeBaselineSupply(theta: bigint, baselineTotal: bigint): bigint {
  const thetaLam = (theta * LAMBDA) >> PRECISION;
  return baselineTotal * (ONE_Q128 - expNeg(thetaLam));
}

/**
 * Returns the reward of epoch `epoch` for all its winners when the effective
 * network time moves from `prevTheta` to `currTheta` (Q.128), in attoFIL
 * (`computeReward`).
 */
export function computeReward(epoch: number, prevTheta: bigint, currTheta: bigint, simpleTotal: bigint, baselineTotal: bigint): bigint {
  const epochLam = BigInt(epoch) * LAMBDA;
  const simpleReward = (simpleTotal * EXP_LAM_SUB_ONE * expNeg(epochLam)) >> PRECISION;
  const baselineReward = computeBaselineSupply(currTheta, baselineTotal) - computeBaselineSupply(prevTheta, baselineTotal);
  return (simpleReward + baselineReward) >> PRECISION;
}

/**
 * Returns the real-valued reward of the same formula, in FIL:
 * S·(e^λ − 1)·e^{−λt} + B·(e^{−λθ₀} − e^{−λθ₁}) with θ in epochs — the
 * float path `computeReward` is checked against.
 */
export function computeRewardFloat(epoch: number, prevTheta: number, currTheta: number, simpleTotalFil: number, baselineTotalFil: number): number {
  const lambda = Math.LN2 / (6 * EPOCHS_IN_YEAR);
  const simple = simpleTotalFil * Math.expm1(lambda) * Math.exp(-lambda * epoch);
  // e^{−λθ₀} · (1 − e^{−λ(θ₁ − θ₀)}), with expm1 so that a small step in θ keeps its digits.
  return simple - baselineTotalFil * Math.exp(-lambda * prevTheta) * Math.expm1(-lambda * (currTheta - prevTheta));
}

import { isqrt } from './isqrt';

/**
 * Ethereum's Altair validator rewards, in gwei, as ethereum/consensus-specs
 * `specs/altair/beacon-chain.md`: `get_base_reward_per_increment`,
 * `get_base_reward`, `get_flag_index_deltas` and `process_sync_aggregate`,
 * with phase0's `integer_squareroot`. With B the total active balance,
 *
 *   per increment  r = ⌊EFFECTIVE_BALANCE_INCREMENT · BASE_REWARD_FACTOR / isqrt(B)⌋
 *   base reward    ⌊effective / EFFECTIVE_BALANCE_INCREMENT⌋ · r
 *
 * and each duty pays its weight out of 64 of the base reward, scaled by the
 * participating share of the active increments.
 */

/** Gwei per increment of effective balance (1 ETH). */
export const EFFECTIVE_BALANCE_INCREMENT = 1_000_000_000n;
/** BASE_REWARD_FACTOR. */
export const BASE_REWARD_FACTOR = 64n;
/** Participation weights (TIMELY_SOURCE, TIMELY_TARGET, TIMELY_HEAD, SYNC_REWARD, PROPOSER) out of WEIGHT_DENOMINATOR. */
export const WEIGHTS = { timelySource: 14n, timelyTarget: 26n, timelyHead: 14n, syncReward: 2n, proposer: 8n } as const;
export const WEIGHT_DENOMINATOR = 64n;
/** SLOTS_PER_EPOCH and SYNC_COMMITTEE_SIZE (mainnet). */
export const SLOTS_PER_EPOCH = 32n;
export const SYNC_COMMITTEE_SIZE = 512n;

const UINT64 = 1n << 64n;

/** Returns ⌊√n⌋ for a uint64 n (`integer_squareroot`); throws a RangeError outside [0, 2^64), as the spec's uint64 does. */
export function integerSquareroot(n: bigint): bigint {
  if (n < 0n || n >= UINT64) throw new RangeError(`integer_squareroot takes a uint64, got ${n}`);
  return isqrt(n);
}

/** Returns the reward per increment of a fully participating validator per epoch, in gwei (`get_base_reward_per_increment`). */
export function baseRewardPerIncrement(totalActiveBalanceGwei: bigint): bigint {
  return (EFFECTIVE_BALANCE_INCREMENT * BASE_REWARD_FACTOR) / integerSquareroot(totalActiveBalanceGwei);
}

/** Returns a validator's base reward per epoch, in gwei (`get_base_reward`). */
export function baseReward(effectiveBalanceGwei: bigint, totalActiveBalanceGwei: bigint): bigint {
  return (effectiveBalanceGwei / EFFECTIVE_BALANCE_INCREMENT) * baseRewardPerIncrement(totalActiveBalanceGwei);
}

/**
 * Returns one validator's reward and penalty for one participation flag in
 * one epoch, in gwei (`get_flag_index_deltas`): a participant earns
 * ⌊base · weight · participating_increments / (active_increments · 64)⌋
 * (nothing during an inactivity leak); a non-participant loses
 * ⌊base · weight / 64⌋, except for the head flag.
 */
export function flagDelta(
  effectiveBalanceGwei: bigint,
  totalActiveBalanceGwei: bigint,
  participatingBalanceGwei: bigint,
  weight: bigint,
  participated: boolean,
  opts: { isHeadFlag?: boolean; inInactivityLeak?: boolean } = {},
): { reward: bigint; penalty: bigint } {
  const base = baseReward(effectiveBalanceGwei, totalActiveBalanceGwei);
  if (participated) {
    if (opts.inInactivityLeak) return { reward: 0n, penalty: 0n };
    const participating = participatingBalanceGwei / EFFECTIVE_BALANCE_INCREMENT;
    const active = totalActiveBalanceGwei / EFFECTIVE_BALANCE_INCREMENT;
    return { reward: (base * weight * participating) / (active * WEIGHT_DENOMINATOR), penalty: 0n };
  }
  return { reward: 0n, penalty: opts.isHeadFlag ? 0n : (base * weight) / WEIGHT_DENOMINATOR };
}

/**
 * Returns the per-slot sync-committee rewards, in gwei (`process_sync_aggregate`):
 * each participant's reward ⌊⌊r · active_increments · 2 / 64 / 32⌋ / 512⌋ and
 * the proposer's ⌊participant · 8 / (64 − 8)⌋ per participant included.
 */
export function syncCommitteeRewards(totalActiveBalanceGwei: bigint): { participant: bigint; proposerPerParticipant: bigint } {
  const activeIncrements = totalActiveBalanceGwei / EFFECTIVE_BALANCE_INCREMENT;
  const totalBaseRewards = baseRewardPerIncrement(totalActiveBalanceGwei) * activeIncrements;
  const maxParticipantRewards = (totalBaseRewards * WEIGHTS.syncReward) / WEIGHT_DENOMINATOR / SLOTS_PER_EPOCH;
  const participant = maxParticipantRewards / SYNC_COMMITTEE_SIZE;
  return { participant, proposerPerParticipant: (participant * WEIGHTS.proposer) / (WEIGHT_DENOMINATOR - WEIGHTS.proposer) };
}

/** Returns the real-valued base reward per increment 10^9 · 64 / √B, in gwei: the float path `baseRewardPerIncrement` is checked against. */
export function baseRewardPerIncrementFloat(totalActiveBalanceGwei: number): number {
  return (1e9 * 64) / Math.sqrt(totalActiveBalanceGwei);
}

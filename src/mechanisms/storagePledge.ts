import { z } from '../core/zod';

/** Parameters of a storage network's collateral: the initial pledge, fault fees and termination fees. */
export const storagePledgeParamsSchema = z
  .object({
    /** Days of a sector's expected block reward locked as its storage pledge (Filecoin `INITIAL_PLEDGE_PROJECTION_PERIOD`: 20). */
    projectionDays: z.number().min(0).max(3650),
    /** Share of circulating supply the consensus pledge targets, in [0, 1] (Filecoin `LOCK_TARGET_FACTOR`: 3/10). */
    lockTargetShare: z.number().min(0).max(1),
    /** Share of the consensus pledge divided by max(network power, baseline) rather than network power, in [0, 1] (FIP-0081: 0.7). */
    baselinePledgeShare: z.number().min(0).max(1),
    /** Days of a sector's expected block reward burned for each tick it is faulty (Filecoin `CONTINUED_FAULT_FACTOR`: 3.51). */
    faultFeeDays: z.number().min(0).max(365),
    /** Share of a terminated sector's pledge burned, in [0, 1] (FIP-0098 `TERM_FEE_PLEDGE_MULTIPLE`: 0.085). */
    terminationFeeShare: z.number().min(0).max(1),
  })
  .strict();
export type StoragePledgeParams = z.infer<typeof storagePledgeParamsSchema>;

/** Filecoin's collateral parameters (builtin-actors `actors/miner/src/monies.rs` after FIP-0081 and FIP-0098). */
export const filecoinPledge: StoragePledgeParams = {
  projectionDays: 20,
  lockTargetShare: 0.3,
  baselinePledgeShare: 0.7,
  faultFeeDays: 3.51,
  terminationFeeShare: 0.085,
};

/** The network state a pledge is priced at. */
export interface PledgeState {
  /** Network power, in TiB. */
  networkTiB: number;
  /** Baseline power, in TiB. */
  baselineTiB: number;
  /** Expected block reward of the whole network per day, in tokens. */
  rewardPerDay: number;
  /** Circulating supply, in tokens. */
  circulating: number;
}

/**
 * Returns the expected block reward of `qaTiB` over `days`, in tokens:
 * BR(qa, d) = reward per day · d · qa / max(N, qa) (builtin-actors
 * `expected_reward_for_power_clamped_at_atto_fil`; the max keeps a first
 * sector on an empty network from projecting more than the whole reward).
 */
export function expectedReward(qaTiB: number, days: number, s: PledgeState): number {
  const denom = s.networkTiB > qaTiB ? s.networkTiB : qaTiB;
  return denom > 0 ? (s.rewardPerDay * days * qaTiB) / denom : 0;
}

/**
 * Returns the initial pledge of `qaTiB` of new sectors, in tokens
 * (builtin-actors `actors/miner/src/monies.rs` `initial_pledge_for_power`,
 * FIP-0081 fully ramped):
 *
 *   IP = BR(qa, 20 days) + L · CS · qa · (γ / max(N, b, qa) + (1 − γ) / max(N, qa))
 *
 * with L the lock target (0.3), CS the circulating supply, N the network
 * power, b the baseline power and γ the baseline share (0.7). The storage
 * pledge BR covers penalties; the consensus pledge locks a share of supply
 * pro rata to power. The actor's cap of 1 FIL per 32 GiB and its smoothed
 * (alpha–beta filtered) estimates are left out: N, b, reward and CS are the
 * tick's own.
 */
export function initialPledge(qaTiB: number, s: PledgeState, p: StoragePledgeParams): number {
  if (!(qaTiB > 0)) return 0;
  const storage = expectedReward(qaTiB, p.projectionDays, s);
  const simpleDenom = Math.max(s.networkTiB, qaTiB);
  const baselineDenom = Math.max(s.networkTiB, s.baselineTiB, qaTiB);
  const g = p.baselinePledgeShare;
  const consensus = p.lockTargetShare * Math.max(0, s.circulating) * qaTiB * (g / baselineDenom + (1 - g) / simpleDenom);
  return storage + consensus;
}

/**
 * Returns the fee for `faultTiB` of sectors faulty for one tick of
 * `tickDays` days, in tokens: BR(faulty, faultFeeDays) per day faulty
 * (builtin-actors `pledge_penalty_for_continued_fault`, 3.51 days of reward a day).
 */
export function faultFee(faultTiB: number, tickDays: number, s: PledgeState, p: StoragePledgeParams): number {
  return expectedReward(faultTiB, p.faultFeeDays, s) * tickDays;
}

/**
 * Returns the fee for terminating sectors that hold `pledge` tokens, in
 * tokens: terminationFeeShare · pledge (FIP-0098; builtin-actors
 * `pledge_penalty_for_termination` with `TERM_FEE_PLEDGE_MULTIPLE` = 85/1000,
 * the fee of a sector at least `TERMINATION_LIFETIME_CAP` days old — the
 * smaller fee of younger sectors and the floor at a multiple of the fault
 * fee are left out).
 */
export function terminationFee(pledge: number, p: StoragePledgeParams): number {
  return p.terminationFeeShare * pledge;
}

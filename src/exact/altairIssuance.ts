import { baseReward, EFFECTIVE_BALANCE_INCREMENT, flagDelta, SLOTS_PER_EPOCH, SYNC_COMMITTEE_SIZE, syncCommitteeRewards, WEIGHT_DENOMINATOR, WEIGHTS } from './altairRewards';

/** MAX_EFFECTIVE_BALANCE (32 ETH), in gwei. */
export const MAX_EFFECTIVE_BALANCE = 32n * EFFECTIVE_BALANCE_INCREMENT;
/** TARGET_COMMITTEE_SIZE and MAX_COMMITTEES_PER_SLOT (phase0, mainnet). */
export const TARGET_COMMITTEE_SIZE = 128n;
export const MAX_COMMITTEES_PER_SLOT = 64n;
/** PROPOSER_WEIGHT. */
const PROPOSER_WEIGHT = WEIGHTS.proposer;

/** The consensus issuance of one epoch, in gwei, by duty. */
export interface EpochIssuance {
  /** Attesters' source, target and head rewards (weights 14, 26, 14 of 64). */
  attesters: bigint;
  /** Block proposers' rewards for including the attestations. */
  proposersForAttestations: bigint;
  /** Sync-committee members' rewards, 32 slots × 512 members. */
  syncCommittee: bigint;
  /** Block proposers' rewards for including the sync aggregates. */
  proposersForSync: bigint;
  total: bigint;
}

/** Returns the attestation committees per epoch (`get_committee_count_per_slot` × SLOTS_PER_EPOCH) for `validators` active validators. */
export function committeesPerEpoch(validators: bigint): bigint {
  const perSlot = validators / SLOTS_PER_EPOCH / TARGET_COMMITTEE_SIZE;
  return SLOTS_PER_EPOCH * (perSlot < 1n ? 1n : perSlot > MAX_COMMITTEES_PER_SLOT ? MAX_COMMITTEES_PER_SLOT : perSlot);
}

/**
 * Returns the gwei one epoch issues to `validators` active validators of
 * 32 ETH effective balance each, every one attesting on time (source,
 * target and head) and every sync-committee member signing, with Altair's
 * integer rounding (ethereum/consensus-specs, `specs/altair/beacon-chain.md`):
 *
 *   B = 32 ETH · N,  b = get_base_reward(32 ETH, B)
 *   attesters      N · Σ_f ⌊b · w_f / 64⌋,  w = 14, 26, 14
 *                  (`get_flag_index_deltas` at full participation)
 *   proposers      Σ_committees ⌊m_c · b · (14 + 26 + 14) / ((64 − 8) · 64 / 8)⌋
 *                  (`process_attestation`, one aggregate per committee;
 *                  `compute_committee` sizes m_c = ⌊N(c+1)/C⌋ − ⌊Nc/C⌋)
 *   sync           32 · 512 · (p + ⌊p · 8 / 56⌋), p the participant reward
 *                  (`process_sync_aggregate`)
 *
 * No penalties (everyone participates), no inactivity leak, no slashing.
 * Its sum is about N · b (the weights add to 64/64), so a year of
 * 82,181.25 epochs issues about 940.87 · √N ETH. 0 for N = 0.
 */
export function epochIssuance(validators: bigint): EpochIssuance {
  if (validators < 0n) throw new RangeError(`validators must be ≥ 0, got ${validators}`);
  if (validators === 0n) return { attesters: 0n, proposersForAttestations: 0n, syncCommittee: 0n, proposersForSync: 0n, total: 0n };
  const total = validators * MAX_EFFECTIVE_BALANCE;
  const b = baseReward(MAX_EFFECTIVE_BALANCE, total);
  let perValidator = 0n;
  for (const w of [WEIGHTS.timelySource, WEIGHTS.timelyTarget, WEIGHTS.timelyHead]) {
    perValidator += flagDelta(MAX_EFFECTIVE_BALANCE, total, total, w, true).reward;
  }
  const attesters = validators * perValidator;
  // Every committee is ⌊N/C⌋ or ⌈N/C⌉ validators; N mod C of them the larger.
  const c = committeesPerEpoch(validators);
  const small = validators / c;
  const large = validators % c;
  const denominator = ((WEIGHT_DENOMINATOR - PROPOSER_WEIGHT) * WEIGHT_DENOMINATOR) / PROPOSER_WEIGHT;
  const attestationWeight = WEIGHTS.timelySource + WEIGHTS.timelyTarget + WEIGHTS.timelyHead;
  const proposerFor = (m: bigint) => (m * b * attestationWeight) / denominator;
  const proposersForAttestations = (c - large) * proposerFor(small) + large * proposerFor(small + 1n);
  const sync = syncCommitteeRewards(total);
  const signatures = SLOTS_PER_EPOCH * SYNC_COMMITTEE_SIZE;
  const syncCommittee = signatures * sync.participant;
  const proposersForSync = signatures * sync.proposerPerParticipant;
  return { attesters, proposersForAttestations, syncCommittee, proposersForSync, total: attesters + proposersForAttestations + syncCommittee + proposersForSync };
}

/**
 * Helium's HIP-20 emission with net emissions, in bones (10^-8 HNT), as
 * helium/helium-program-library `programs/helium-sub-daos`:
 * `state.rs` `GetEmissions::get_emissions_at` (the schedule) and
 * `instructions/calculate_utility_score_v0.rs` `handler` (net emissions).
 * Each epoch (one day):
 *
 *   burned   b = max(0, S_prev − S_now − not_emitted)
 *   smoothed m = ⌊6·m_prev / 7⌋ + ⌊b / 7⌋     (m_prev = 300 bones when unset)
 *   rewards  R = E(t) + min(m, cap)
 *   S_prev for the next epoch = S_now + R
 *
 * so HNT burned for data credits is minted again, smoothed over about a
 * week, up to `cap` a day; burns above the cap leave supply for good, and
 * HNT sent to the no-emit wallet is not counted as burned. The HIP 149
 * backstop top-up that the same handler now adds is not modelled.
 */

/** One step of the emission schedule (`EmissionScheduleItem`): from `startUnixTime` (s) on, `emissionsPerEpoch` bones a day. */
export interface EmissionScheduleItem {
  startUnixTime: bigint;
  emissionsPerEpoch: bigint;
}

/** HNT's schedule on Solana, from helium-program-library `packages/helium-admin-cli/emissions/hnt.json`, in bones. */
export const HNT_EMISSION_SCHEDULE: readonly EmissionScheduleItem[] = [
  { startUnixTime: 1690934400n, emissionsPerEpoch: 8219178082192n }, // 2023-08-02: 82,191.78082192 HNT
  { startUnixTime: 1691020800n, emissionsPerEpoch: 4098360655738n }, // 2023-08-03: 40,983.60655738 HNT
  { startUnixTime: 1722470401n, emissionsPerEpoch: 4109589041096n }, // 2024-08-01: 41,095.89041096 HNT
  { startUnixTime: 1754006401n, emissionsPerEpoch: 2054794520548n }, // 2025-08-01: 20,547.94520548 HNT (halving)
];

/** `SMOOTHING_FACTOR`: the smoothed burn is a 7-epoch exponential average. */
export const SMOOTHING_FACTOR = 7n;
/** The smoothed burn assumed before the first epoch, in bones. */
export const INITIAL_SMOOTHED_BURN = 300n;

/**
 * Returns the emission per epoch in force at `unixTime`, in bones, or null
 * before the schedule starts (`get_emissions_at`: a binary search for the
 * last item that started at or before `unixTime`).
 */
export function getEmissionsAt(schedule: readonly EmissionScheduleItem[], unixTime: bigint): bigint | null {
  if (schedule.length === 0) return null;
  let ans: bigint | null = null;
  let low = 0;
  let high = schedule.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (schedule[middle].startUnixTime <= unixTime) {
      ans = schedule[middle].emissionsPerEpoch;
      low = middle + 1;
    } else {
      if (middle === 0) break;
      high = middle - 1;
    }
  }
  return ans;
}

/** What one epoch's net-emission step reads, in bones. */
export interface NetEmissionsInput {
  /** Supply recorded after the previous epoch's rewards (`current_hnt_supply`); equal to `currSupply` at the first epoch. */
  prevSupply: bigint;
  /** The HNT mint's supply now. */
  currSupply: bigint;
  /** HNT sent to the no-emit wallet this epoch (burned, but not to be minted again). */
  notEmitted: bigint;
  /** The previous epoch's smoothed burn; 0 when there is none. */
  prevSmoothedBurn: bigint;
  /** The schedule's emission this epoch. */
  emission: bigint;
  /** The DAO's `net_emissions_cap`: the most burned HNT minted again per epoch. */
  netEmissionsCap: bigint;
}

/** What one epoch's step gives, in bones: the burn counted, its smoothed value, the rewards to mint and the supply to record. */
export interface NetEmissionsEpoch {
  burned: bigint;
  smoothedBurn: bigint;
  reEmitted: bigint;
  totalRewards: bigint;
  currentHntSupply: bigint;
}

/** Returns one epoch of net emissions (the `calculate_utility_score_v0` handler's supply arithmetic). */
export function netEmissionsEpoch(x: NetEmissionsInput): NetEmissionsEpoch {
  const prevSmoothed = x.prevSmoothedBurn === 0n ? INITIAL_SMOOTHED_BURN : x.prevSmoothedBurn;
  const drop = x.prevSupply > x.currSupply ? x.prevSupply - x.currSupply : 0n;
  const burned = drop > x.notEmitted ? drop - x.notEmitted : 0n;
  const smoothedBurn = ((SMOOTHING_FACTOR - 1n) * prevSmoothed) / SMOOTHING_FACTOR + burned / SMOOTHING_FACTOR;
  const reEmitted = smoothedBurn < x.netEmissionsCap ? smoothedBurn : x.netEmissionsCap;
  const totalRewards = x.emission + reEmitted;
  return { burned, smoothedBurn, reEmitted, totalRewards, currentHntSupply: x.currSupply + totalRewards };
}

/**
 * Returns the real-valued step m = (6·m_prev + b) / 7, R = E + min(m, cap),
 * in the unit of its inputs: the float path `netEmissionsEpoch` is checked against.
 */
export function netEmissionsEpochFloat(prevSmoothedBurn: number, burned: number, emission: number, cap: number): { smoothedBurn: number; totalRewards: number } {
  const smoothedBurn = (6 * prevSmoothedBurn + burned) / 7;
  return { smoothedBurn, totalRewards: emission + Math.min(smoothedBurn, cap) };
}

/**
 * Tezos adaptive issuance, as the Quebec protocol documents it
 * (tezos/tezos-mirror, docs/quebec/adaptive_issuance.rst; Paris activated
 * adaptive issuance on mainnet at cycle 748 in 2024, Quebec added the
 * adaptive maximum in 2025). Rates are per year, shares of the supply.
 */

/** Returns the static rate 1/1600 · 1/r² for the staked ratio r (Infinity at r = 0: the bounds then decide). */
export function staticRate(stakedRatio: number): number {
  return 1 / (1600 * stakedRatio * stakedRatio);
}

/**
 * Returns the adaptive maximum (Quebec) for the staked ratio r: 10 % at
 * r ≤ 5 %, 1 % at r ≥ 50 %, between them
 * (5115 − 17670 r + 19437 r²) / (24149 + 178695 r), clipped to [1 %, 10 %].
 */
export function adaptiveMaximum(r: number): number {
  if (r >= 0.5) return 0.01;
  if (r <= 0.05) return 0.1;
  const y = (5115 - 17670 * r + 19437 * r * r) / (24149 + 178695 * r);
  return y > 0.1 ? 0.1 : y < 0.01 ? 0.01 : y;
}

/**
 * Returns the dynamic rate's change over `days` days: (0.48 − r) · γ · days
 * below the band [0.48, 0.52], (0.52 − r) · γ · days above it, 0 inside (γ
 * the growth rate: 0.01 moves the dynamic rate 0.01 percentage points a
 * day per percentage point of distance).
 */
export function dynamicRateChange(r: number, low: number, high: number, growthRate: number, days: number): number {
  if (r < low) return (low - r) * growthRate * days;
  if (r > high) return (high - r) * growthRate * days;
  return 0;
}

/**
 * Returns the issuance rate max(min(static + dynamic, max), min), with max
 * the lesser of the global maximum and (when `adaptive`) the adaptive
 * maximum, and min taking priority when it is the larger.
 */
export function issuanceRate(staticR: number, dynamicR: number, minRate: number, maxRate: number): number {
  const total = staticR + dynamicR;
  return Math.max(Math.min(total, maxRate), minRate);
}

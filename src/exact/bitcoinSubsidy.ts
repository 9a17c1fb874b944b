/**
 * Bitcoin's block subsidy, in satoshi, as bitcoin/bitcoin
 * `src/validation.cpp` `GetBlockSubsidy`:
 *
 *   subsidy(h) = 0                       when ⌊h / interval⌋ ≥ 64
 *              = (50 · 10^8) >> ⌊h / interval⌋   otherwise,
 *
 * with interval = 210 000 blocks on mainnet. The right shift drops the odd
 * satoshi from the 10th halving on (5·10^9 = 2^9 · 9765625), the subsidy
 * reaches 0 at the 33rd halving, and the 64-halving guard exists because a
 * C++ shift by 64 or more is undefined.
 */

/** Satoshi per bitcoin. */
export const COIN = 100_000_000n;

/** The first era's subsidy: 50 BTC, in satoshi. */
export const INITIAL_SUBSIDY = 50n * COIN;

/** Mainnet blocks per halving (`nSubsidyHalvingInterval`). */
export const HALVING_INTERVAL = 210_000;

/** Returns the subsidy of the block at `height`, in satoshi (`GetBlockSubsidy`). */
export function blockSubsidy(height: number, interval = HALVING_INTERVAL): bigint {
  const halvings = Math.floor(height / interval);
  if (halvings >= 64) return 0n;
  return INITIAL_SUBSIDY >> BigInt(halvings);
}

/**
 * Returns Σ subsidy(h) for h = 0 … height − 1, the bitcoin the first
 * `height` blocks create, in satoshi: whole eras at interval · subsidy
 * each, then the part of the current era. Tends to 2 099 999 997 690 000
 * satoshi (20 999 999.9769 BTC), not 21 million. It counts the genesis
 * block's 50 BTC, which can never be spent.
 */
export function cumulativeSubsidy(height: number, interval = HALVING_INTERVAL): bigint {
  const n = BigInt(interval);
  const eras = Math.floor(height / interval);
  let total = 0n;
  for (let k = 0; k < Math.min(eras, 64); k++) total += n * (INITIAL_SUBSIDY >> BigInt(k));
  return total + BigInt(height - eras * interval) * blockSubsidy(height, interval);
}

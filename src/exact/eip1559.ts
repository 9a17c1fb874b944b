/**
 * The EIP-1559 base-fee update, in wei per gas, as go-ethereum
 * `consensus/misc/eip1559/eip1559.go` `CalcBaseFee` and the specification's
 * reference code (ethereum/EIPs `EIPS/eip-1559.md`): with target
 * t = ⌊gasLimit / elasticity⌋, used u and denominator d = 8,
 *
 *   u = t: b' = b
 *   u > t: b' = b + max(1, ⌊⌊b·(u − t) / t⌋ / d⌋)
 *   u < t: b' = max(0, b − ⌊⌊b·(t − u) / t⌋ / d⌋)
 *
 * so a full block raises the fee by 12.5% and an empty one lowers it by
 * 12.5%, both rounded down to the wei; the increase is at least 1 wei.
 * Because of the floor, a fee of 7 wei or less never falls: ⌊7/8⌋ = 0.
 * A pure function, so the fee-market block can call it each block.
 */

/** The base fee of the first EIP-1559 block (London), in wei per gas: 1 gwei. */
export const INITIAL_BASE_FEE = 1_000_000_000n;

/** What the update reads from the parent block: its base fee (wei per gas), gas limit and gas used (gas). */
export interface ParentBlock {
  baseFee: bigint;
  gasLimit: bigint;
  gasUsed: bigint;
}

/** The chain's EIP-1559 constants: elasticity multiplier (2) and base-fee change denominator (8). */
export interface Eip1559Config {
  elasticityMultiplier: bigint;
  baseFeeChangeDenominator: bigint;
}

/** Ethereum mainnet's constants since London. */
export const MAINNET_EIP1559: Eip1559Config = { elasticityMultiplier: 2n, baseFeeChangeDenominator: 8n };

/** Returns the next block's base fee, in wei per gas (`CalcBaseFee` after the fork block). */
export function calcBaseFee(parent: ParentBlock, config: Eip1559Config = MAINNET_EIP1559): bigint {
  const target = parent.gasLimit / config.elasticityMultiplier;
  if (parent.gasUsed === target) return parent.baseFee;
  if (parent.gasUsed > target) {
    const delta = (parent.baseFee * (parent.gasUsed - target)) / target / config.baseFeeChangeDenominator;
    return parent.baseFee + (delta > 1n ? delta : 1n);
  }
  const delta = (parent.baseFee * (target - parent.gasUsed)) / target / config.baseFeeChangeDenominator;
  const next = parent.baseFee - delta;
  return next > 0n ? next : 0n;
}

/**
 * Returns the next base fee of the real-valued rule, b' = b · (1 + (u − t) / (t · d)),
 * in the unit of `baseFee`: the float path the exact `calcBaseFee` is checked against.
 */
export function baseFeeFloat(baseFee: number, gasUsed: number, gasTarget: number, denominator = 8): number {
  return baseFee * (1 + (gasUsed - gasTarget) / (gasTarget * denominator));
}

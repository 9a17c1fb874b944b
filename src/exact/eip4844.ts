/**
 * The EIP-4844 blob-gas market, in wei per blob gas and blob gas, as the
 * specification (ethereum/EIPs `EIPS/eip-4844.md`: `fake_exponential`,
 * `calc_excess_blob_gas`, `get_base_fee_per_blob_gas`) and go-ethereum
 * `consensus/misc/eip4844/eip4844.go` (`fakeExponential`,
 * `calcExcessBlobGas`, `CalcBlobFee`). With excess blob gas x carried
 * from block to block,
 *
 *   x' = max(0, x + used − target)
 *   blob base fee = fake_exponential(MIN_BASE_FEE_PER_BLOB_GAS, x, UPDATE_FRACTION)
 *                 ≈ 1 · e^{x / UPDATE_FRACTION} wei per blob gas,
 *
 * so every block a blob over the target raises the fee by
 * e^{131072 / 3338477} − 1 ≈ 4.0% (Cancun) and a full block by 12.5%.
 * After Osaka (EIP-7918) the excess grows only by used · (max − target) / max
 * while the blob fee is below the reserve price BLOB_BASE_COST · execution
 * base fee, so blobs are never much cheaper than the execution gas that
 * carries them. Pure bigint functions; a blob is 2^17 blob gas.
 */

/** Blob gas of one blob: 4096 field elements of 32 bytes (`GAS_PER_BLOB`). */
export const GAS_PER_BLOB = 131_072n;
/** The blob base fee's floor, in wei per blob gas (`MIN_BASE_FEE_PER_BLOB_GAS`). */
export const MIN_BASE_FEE_PER_BLOB_GAS = 1n;
/** EIP-7918's reserve price factor: the blob base fee is kept above BLOB_BASE_COST · base fee / GAS_PER_BLOB (`params.BlobBaseCost`). */
export const BLOB_BASE_COST = 8_192n;

/** A fork's blob schedule: target and maximum blobs per block, the update fraction, and whether EIP-7918's reserve price applies. */
export interface BlobConfig {
  readonly target: bigint;
  readonly max: bigint;
  readonly updateFraction: bigint;
  readonly reservePrice: boolean;
}

/** Blob schedules of mainnet's forks: Cancun (EIP-4844), Prague (EIP-7691) and Osaka (EIP-7918 with Prague's blobs; go-ethereum `params.DefaultBlobSchedule`). */
export const BLOB_SCHEDULES = {
  cancun: { target: 3n, max: 6n, updateFraction: 3_338_477n, reservePrice: false },
  prague: { target: 6n, max: 9n, updateFraction: 5_007_716n, reservePrice: false },
  osaka: { target: 6n, max: 9n, updateFraction: 5_007_716n, reservePrice: true },
} as const satisfies Record<string, BlobConfig>;

/** A fork name of `BLOB_SCHEDULES`. */
export type BlobFork = keyof typeof BLOB_SCHEDULES;

/**
 * Returns ⌊factor · e^{numerator / denominator}⌋ as the specification's
 * Taylor loop computes it: Σ accumᵢ with accum₀ = factor · denominator and
 * accumᵢ = ⌊accumᵢ₋₁ · numerator / denominator / i⌋, stopping at 0, then
 * divided by the denominator (`fake_exponential`).
 */
export function fakeExponential(factor: bigint, numerator: bigint, denominator: bigint): bigint {
  let output = 0n;
  let accum = factor * denominator;
  for (let i = 1n; accum > 0n; i++) {
    output += accum;
    accum = (accum * numerator) / denominator / i;
  }
  return output / denominator;
}

/** Returns the blob base fee at excess blob gas `excess`, in wei per blob gas (`get_base_fee_per_blob_gas`). */
export function blobBaseFee(excess: bigint, config: BlobConfig = BLOB_SCHEDULES.cancun): bigint {
  return fakeExponential(MIN_BASE_FEE_PER_BLOB_GAS, excess, config.updateFraction);
}

/**
 * Returns the next block's excess blob gas from the parent's excess, blob
 * gas used and (for EIP-7918) execution base fee in wei per gas
 * (`calc_excess_blob_gas`; go-ethereum `calcExcessBlobGas`).
 */
export function calcExcessBlobGas(parentExcess: bigint, parentBlobGasUsed: bigint, config: BlobConfig = BLOB_SCHEDULES.cancun, parentBaseFee = 0n): bigint {
  const target = config.target * GAS_PER_BLOB;
  const excess = parentExcess + parentBlobGasUsed;
  if (excess < target) return 0n;
  if (config.reservePrice && BLOB_BASE_COST * parentBaseFee > GAS_PER_BLOB * blobBaseFee(parentExcess, config)) {
    return parentExcess + (parentBlobGasUsed * (config.max - config.target)) / config.max;
  }
  return excess - target;
}

/**
 * The OP Stack's L1 data fee charged to an L2 transaction, in wei, as
 * ethereum-optimism/optimism `packages/contracts-bedrock/src/L2/GasPriceOracle.sol`
 * computes it (`_getCalldataGas`, `_getL1FeeEcotone`, `_fjordL1Cost`,
 * `_fjordLinearRegression`, `getL1FeeUpperBound`). With scalars s_b
 * (base fee) and s_x (blob base fee), L1 base fee b and blob base fee x:
 *
 *   Ecotone  fee = ⌊g · (16·s_b·b + s_x·x) / (16 · 10^6)⌋,  g = 4·zero bytes + 16·other bytes + 68·16
 *   Fjord    fee = ⌊size · (16·s_b·b + s_x·x) / 10^12⌋,
 *            size = max(100·10^6, −42 585 600 + 836 500 · fastLzSize)  (estimated Brotli bytes × 10^6)
 *
 * The L2 charges this on top of its own execution fee; the sequencer then
 * pays the real L1 cost of the batch that carries the transaction.
 */

/** Decimals of the fee scalars (`DECIMALS`). */
export const OP_SCALAR_DECIMALS = 6n;
/** Fjord's regression from the FastLZ size to the Brotli size, scaled by 10^6 (`COST_INTERCEPT`, `COST_FASTLZ_COEF`, `MIN_TRANSACTION_SIZE`). */
export const FJORD_COST_INTERCEPT = -42_585_600n;
export const FJORD_COST_FASTLZ_COEF = 836_500n;
export const FJORD_MIN_TRANSACTION_SIZE = 100n;

/** The L1 prices and the chain's scalars the oracle reads (wei per gas, wei per blob gas; scalars ×10^6). */
export interface L1FeeInputs {
  l1BaseFee: bigint;
  blobBaseFee: bigint;
  baseFeeScalar: bigint;
  blobBaseFeeScalar: bigint;
}

/** Returns the calldata gas of a transaction of `zeroBytes` zero and `nonZeroBytes` other bytes, with the 68-byte signature allowance (`_getCalldataGas`). */
export function calldataGas(zeroBytes: bigint, nonZeroBytes: bigint): bigint {
  return zeroBytes * 4n + nonZeroBytes * 16n + 68n * 16n;
}

/** Returns the Ecotone L1 fee of a transaction using `l1GasUsed` calldata gas, in wei (`_getL1FeeEcotone`). */
export function ecotoneL1Fee(l1GasUsed: bigint, p: L1FeeInputs): bigint {
  const scaledBaseFee = p.baseFeeScalar * 16n * p.l1BaseFee;
  const scaledBlobBaseFee = p.blobBaseFeeScalar * p.blobBaseFee;
  return (l1GasUsed * (scaledBaseFee + scaledBlobBaseFee)) / (16n * 10n ** OP_SCALAR_DECIMALS);
}

/** Returns Fjord's estimated compressed size of a transaction whose FastLZ size (signature included) is `fastLzSize`, in bytes × 10^6 (`_fjordLinearRegression`). */
export function fjordEstimatedSize(fastLzSize: bigint): bigint {
  const size = FJORD_COST_INTERCEPT + FJORD_COST_FASTLZ_COEF * fastLzSize;
  const min = FJORD_MIN_TRANSACTION_SIZE * 10n ** OP_SCALAR_DECIMALS;
  return size < min ? min : size;
}

/** Returns the Fjord L1 fee of a transaction of FastLZ size `fastLzSize` bytes (signature included), in wei (`_fjordL1Cost`). */
export function fjordL1Fee(fastLzSize: bigint, p: L1FeeInputs): bigint {
  const feeScaled = p.baseFeeScalar * 16n * p.l1BaseFee + p.blobBaseFeeScalar * p.blobBaseFee;
  return (fjordEstimatedSize(fastLzSize) * feeScaled) / 10n ** (OP_SCALAR_DECIMALS * 2n);
}

/** Returns Fjord's upper bound on the L1 fee of an unsigned transaction of `unsignedTxSize` bytes, in wei (`getL1FeeUpperBound`). */
export function fjordL1FeeUpperBound(unsignedTxSize: bigint, p: L1FeeInputs): bigint {
  const txSize = unsignedTxSize + 68n;
  return fjordL1Fee(txSize + txSize / 255n + 16n, p);
}

import type { Rng } from '../core/rng';
import { blobBaseFee, calcExcessBlobGas, GAS_PER_BLOB, type BlobConfig } from '../exact/eip4844';
import { poisson } from './poisson';

/** What one L1 block did with blobs: ours included, the other rollups' blobs, and the blob base fee it was priced at (wei per blob gas). */
export interface L1BlobBlock {
  ours: number;
  others: number;
  blobFeeWei: bigint;
}

/**
 * The L1's blob space as a rollup sees it, block by block, in wei per
 * blob gas: the EIP-4844 market computed exactly (`calcExcessBlobGas`,
 * `blobBaseFee` of `src/exact/eip4844.ts`) under the fork's schedule,
 * with the other rollups' demand drawn each block. Others want
 * Poisson(λ) blobs a block, each worth a reservation price per blob gas
 * r ~ lognormal(ln median, σ) to its poster: a blob is posted when the
 * blob base fee is at most r, so their demand at fee f is λ · P(r ≥ f)
 * and the fee settles where it meets the target. Our blobs go first
 * (the batcher pays what it must); others fill the block up to its
 * maximum.
 */
export class L1DataMarket {
  /** Excess blob gas carried to the next block (blob gas). */
  excess = 0n;
  /** Blob base fee of the next block, in wei per blob gas. */
  blobFeeWei: bigint;

  constructor(
    private readonly config: BlobConfig,
    private readonly rng: Rng,
  ) {
    this.blobFeeWei = blobBaseFee(0n, config);
  }

  /** The most blobs one block carries. */
  get maxBlobs(): number {
    return Number(this.config.max);
  }

  /**
   * Produces one L1 block carrying `ours` of our blobs (at most the
   * maximum) and the others' that are worth the fee; `baseFeeWei` is the
   * block's execution base fee (EIP-7918's reserve price reads it).
   */
  block(ours: number, othersPerBlock: number, medianWei: number, sigma: number, baseFeeWei: bigint): L1BlobBlock {
    const fee = this.blobFeeWei;
    const max = this.maxBlobs;
    const mine = ours < max ? ours : max;
    const wanted = poisson(this.rng, othersPerBlock);
    const feeNumber = Number(fee);
    const mu = Math.log(medianWei);
    let others = 0;
    for (let k = 0; k < wanted && mine + others < max; k++) if (this.rng.lognormal(mu, sigma) >= feeNumber) others++;
    this.excess = calcExcessBlobGas(this.excess, BigInt(mine + others) * GAS_PER_BLOB, this.config, baseFeeWei);
    this.blobFeeWei = blobBaseFee(this.excess, this.config);
    return { ours: mine, others, blobFeeWei: fee };
  }
}

/**
 * A wallet's gas price suggestion under a first-price auction, in wei per
 * gas, as go-ethereum's oracle computes it (`eth/gasprice/gasprice.go`,
 * `SuggestTipCap` with `sampleNumber = 3`; defaults `Blocks: 20,
 * Percentile: 60` in `eth/ethconfig`): from each of the last 20 blocks
 * the 3 lowest prices paid, and of those the 60th percentile,
 * results[⌊(n − 1) · 60 / 100⌋] of the sorted samples. Blocks without
 * transactions give no samples; with none in the window the last
 * suggestion stands.
 */
export class GasPriceOracle {
  private readonly samples: Float64Array;
  private readonly counts: Int32Array;
  private readonly scratch: Float64Array;
  private slot = 0;
  /** The lowest prices of the block being built, ascending. */
  private readonly low: Float64Array;
  private lowCount = 0;
  /** The suggestion, in wei per gas. */
  price: number;

  constructor(
    initialWei: number,
    readonly blocks = 20,
    readonly percentile = 60,
    readonly sampleNumber = 3,
  ) {
    this.price = initialWei;
    this.samples = new Float64Array(blocks * sampleNumber);
    this.counts = new Int32Array(blocks);
    this.scratch = new Float64Array(blocks * sampleNumber);
    this.low = new Float64Array(sampleNumber);
  }

  /** Notes a price paid by a transaction of the block being built, in wei per gas. */
  note(priceWei: number): void {
    const low = this.low;
    let j = this.lowCount < low.length ? this.lowCount++ : low.length;
    if (j === low.length) {
      if (!(priceWei < low[j - 1])) return;
      j--;
    }
    while (j > 0 && low[j - 1] > priceWei) {
      low[j] = low[j - 1];
      j--;
    }
    low[j] = priceWei;
  }

  /** Ends the block: keeps its lowest prices and updates the suggestion. */
  endBlock(): void {
    const k = this.lowCount;
    for (let j = 0; j < k; j++) this.samples[this.slot * this.sampleNumber + j] = this.low[j];
    this.counts[this.slot] = k;
    this.slot = (this.slot + 1) % this.blocks;
    this.lowCount = 0;
    let n = 0;
    for (let s = 0; s < this.blocks; s++) for (let j = 0; j < this.counts[s]; j++) this.scratch[n++] = this.samples[s * this.sampleNumber + j];
    if (n === 0) return;
    const sorted = this.scratch.subarray(0, n).sort();
    this.price = sorted[Math.floor(((n - 1) * this.percentile) / 100)];
  }
}

/**
 * Counts of waits to inclusion, in whole blocks: one bin per block up to
 * `bins − 1`, the last bin holding every longer wait (counted at its own
 * length for the mean). Returns means and quantiles in blocks.
 */
export class DelayHistogram {
  readonly counts: Float64Array;
  count = 0;
  private sum = 0;

  constructor(readonly bins: number) {
    this.counts = new Float64Array(bins);
  }

  /** Adds one wait of `blocks` blocks. */
  add(blocks: number): void {
    this.counts[blocks < this.bins - 1 ? blocks : this.bins - 1]++;
    this.count++;
    this.sum += blocks;
  }

  /** Returns the mean wait, in blocks (0 when empty). */
  mean(): number {
    return this.count > 0 ? this.sum / this.count : 0;
  }

  /** Returns the smallest wait w with at least a share q of waits ≤ w, in blocks (0 when empty; the last bin's lower edge beyond it). */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const want = q * this.count;
    let seen = 0;
    for (let b = 0; b < this.bins; b++) {
      seen += this.counts[b];
      if (seen >= want) return b;
    }
    return this.bins - 1;
  }
}

import type { TableRows } from '../core/block';

/**
 * A per-run log of vesting unlocks and sector sales, written as
 * `unlocks.arrow`: one row per tick and sector in which the sector unlocked
 * or its holders sold something, with `tick` (int32), `sector` (utf8),
 * `unlocked` (tokens released to the sector this tick), `sold` (tokens its
 * holders sold on the AMM this tick). Rows are kept in growable typed arrays
 * (doubling), so logging allocates only when they fill.
 */
export class UnlockLog {
  length = 0;
  private ticks = new Int32Array(256);
  private sectorIdx = new Int32Array(256);
  private unlocked = new Float64Array(256);
  private sold = new Float64Array(256);

  constructor(
    private readonly sectorNames: readonly string[],
    private readonly unlockedBySector: Float64Array,
  ) {}

  /** Logs tick `tick`'s unlocks and (when there are holders) sales, by sector. */
  note(tick: number, soldBySector: Float64Array | null): void {
    for (let k = 0; k < this.sectorNames.length; k++) {
      const u = this.unlockedBySector[k];
      const s = soldBySector ? soldBySector[k] : 0;
      if (!(u > 0) && !(s > 0)) continue;
      if (this.length === this.ticks.length) this.grow();
      const r = this.length++;
      this.ticks[r] = tick;
      this.sectorIdx[r] = k;
      this.unlocked[r] = u;
      this.sold[r] = s;
    }
  }

  /** Returns the logged rows, column-wise. */
  rows(): TableRows {
    return {
      length: this.length,
      data: {
        tick: this.ticks.slice(0, this.length),
        sector: Array.from(this.sectorIdx.subarray(0, this.length), (k) => this.sectorNames[k]),
        unlocked: this.unlocked.slice(0, this.length),
        sold: this.sold.slice(0, this.length),
      },
    };
  }

  private grow(): void {
    const n = this.ticks.length * 2;
    const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.ticks = grow(this.ticks, (m) => new Int32Array(m));
    this.sectorIdx = grow(this.sectorIdx, (m) => new Int32Array(m));
    this.unlocked = grow(this.unlocked, (m) => new Float64Array(m));
    this.sold = grow(this.sold, (m) => new Float64Array(m));
  }
}

import type { RunTable } from '../experiment/model';

/**
 * A per-run log of vesting unlocks and sector sales, written as
 * `unlocks.arrow`: one row per tick and sector in which the sector unlocked
 * or its holders sold something, with `tick` (int32), `sector` (utf8),
 * `unlocked` (tokens released to the sector this tick), `sold` (tokens its
 * holders sold on the AMM this tick). Rows are kept in growable typed arrays
 * (doubling), so logging allocates only when they fill.
 */
export class UnlockLog {
  readonly name = 'unlockLog';
  length = 0;
  private ticks = new Int32Array(256);
  private sectorIdx = new Int32Array(256);
  private unlocked = new Float64Array(256);
  private sold = new Float64Array(256);

  constructor(
    private readonly sectorNames: readonly string[],
    private readonly unlockedBySector: Float64Array,
    private readonly soldBySector: Float64Array | null,
  ) {}

  /** Phase `post`: logs this tick's unlocks and sales, by sector. */
  post(world: { tick: number }): void {
    for (let k = 0; k < this.sectorNames.length; k++) {
      const u = this.unlockedBySector[k];
      const s = this.soldBySector ? this.soldBySector[k] : 0;
      if (!(u > 0) && !(s > 0)) continue;
      if (this.length === this.ticks.length) this.grow();
      const r = this.length++;
      this.ticks[r] = world.tick;
      this.sectorIdx[r] = k;
      this.unlocked[r] = u;
      this.sold[r] = s;
    }
  }

  /** Returns the log as a run table named `unlocks`. */
  table(): RunTable {
    return {
      name: 'unlocks',
      columns: [
        { name: 'tick', kind: 'int32' },
        { name: 'sector', kind: 'utf8' },
        { name: 'unlocked', kind: 'float64' },
        { name: 'sold', kind: 'float64' },
      ],
      collect: () => ({
        length: this.length,
        data: {
          tick: this.ticks.slice(0, this.length),
          sector: Array.from(this.sectorIdx.subarray(0, this.length), (k) => this.sectorNames[k]),
          unlocked: this.unlocked.slice(0, this.length),
          sold: this.sold.slice(0, this.length),
        },
      }),
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

/**
 * Compensated (Kahan–Babuška/Neumaier) summation: returns Σ xs[from..to)
 * with an error that does not grow with the number of terms.
 */
export function compensatedSum(xs: ArrayLike<number>, from = 0, to = xs.length): number {
  let s = 0;
  let c = 0;
  for (let i = from; i < to; i++) {
    const x = xs[i];
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

/**
 * A running total kept with Neumaier compensation, for quantities added to
 * every tick over long runs (minted, burned, volume).
 */
export class RunningSum {
  private s = 0;
  private c = 0;

  /** Adds `x` to the total. */
  add(x: number): void {
    const t = this.s + x;
    this.c += Math.abs(this.s) >= Math.abs(x) ? this.s - t + x : x - t + this.s;
    this.s = t;
  }

  /** Returns the total. */
  get value(): number {
    return this.s + this.c;
  }
}

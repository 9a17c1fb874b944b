/** How long a series took to regain its pre-shock level. */
export interface Recovery {
  /**
   * Ticks from the shock tick s to the first tick at or above the reference
   * after the series fell below it; 0 when it never fell below. When
   * censored: the ticks observed after the shock, n − 1 − s, which the
   * recovery time is known only to exceed.
   */
  ticks: number;
  /** True when the series fell below the reference and had not regained it by its last tick. */
  censored: boolean;
  /** The pre-shock level L, in the series' unit. */
  reference: number;
  /** Lowest value from the shock tick on, in the series' unit. */
  trough: number;
  /** Tick of the trough (the first, if repeated). */
  troughTick: number;
}

/**
 * `timeToRecover(series, shockTick, reference)` → the recovery of `series`
 * after a shock at tick s = `shockTick` (see `Recovery`): with reference
 * level L (default x_{s−1}, the last value before the shock), the first fall
 * f = min{t ≥ s : x_t < L} and the recovery r = min{t > f : x_t ≥ L},
 * ticks = r − s. Right-censored when no such r exists: then `ticks` is
 * n − 1 − s and `censored` is true, as survival analysis needs it (see
 * `kaplanMeierMedian`), never a made-up duration. Throws a RangeError when
 * s is not a tick of the series, or s = 0 with no reference given.
 */
export function timeToRecover(series: ArrayLike<number>, shockTick: number, reference?: number): Recovery {
  const n = series.length;
  if (!Number.isInteger(shockTick) || shockTick < 0 || shockTick >= n) {
    throw new RangeError(`shock tick must be an integer in [0, ${n - 1}], got ${shockTick}`);
  }
  if (reference === undefined && shockTick === 0) throw new RangeError('a shock at tick 0 needs an explicit reference level');
  const level = reference ?? series[shockTick - 1];
  let trough = Infinity;
  let troughTick = shockTick;
  for (let t = shockTick; t < n; t++) {
    if (series[t] < trough) {
      trough = series[t];
      troughTick = t;
    }
  }
  let fell = -1;
  for (let t = shockTick; t < n && fell < 0; t++) if (series[t] < level) fell = t;
  const base = { reference: level, trough, troughTick };
  if (fell < 0) return { ticks: 0, censored: false, ...base };
  for (let t = fell + 1; t < n; t++) if (series[t] >= level) return { ticks: t - shockTick, censored: false, ...base };
  return { ticks: n - 1 - shockTick, censored: true, ...base };
}

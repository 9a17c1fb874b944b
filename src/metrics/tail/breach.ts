import { tQuantile } from '../stats';

/** How often paths broke a floor, with a Wilson score interval. */
export interface BreachProbability {
  /** Share of paths that breached, k / n, dimensionless. */
  probability: number;
  /** Number of paths that breached, k. */
  breaches: number;
  /** Number of paths, n. */
  paths: number;
  /** Lower end of the Wilson score interval. */
  lo: number;
  /** Upper end of the Wilson score interval. */
  hi: number;
}

/**
 * `firstBreach(path, floor, from)` → the first tick t ≥ `from` with
 * x_t < floor (strictly below), or −1 when the path never goes below it.
 */
export function firstBreach(path: ArrayLike<number>, floor: number, from = 0): number {
  for (let t = Math.max(0, from); t < path.length; t++) if (path[t] < floor) return t;
  return -1;
}

/**
 * `breachProbability(paths, floor, options)` → the share of paths that go
 * strictly below `floor` at some tick ≥ `from` (a price floor, a staking
 * ratio floor, a treasury runway in years), in the paths' unit for the floor,
 * with the Wilson score interval at `level` (default 0.95):
 * (p̂ + z²/2n ± z √(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n), z the normal
 * quantile (Wilson, JASA 22, 1927), which stays inside [0, 1] and is not
 * degenerate at k = 0 or k = n. NaN fields for no paths.
 */
export function breachProbability(
  paths: readonly ArrayLike<number>[],
  floor: number,
  options: { from?: number; level?: number } = {},
): BreachProbability {
  let k = 0;
  for (const path of paths) if (firstBreach(path, floor, options.from) >= 0) k++;
  return wilsonInterval(k, paths.length, options.level);
}

/**
 * `wilsonInterval(k, n, level)` → the share k / n of `n` paths (runs) that
 * breached with its Wilson score interval at `level` (default 0.95), as in
 * `breachProbability`, from counts already made (a per-run 0/1 breach
 * KPI). NaN fields for n = 0; throws a RangeError unless 0 < level < 1.
 */
export function wilsonInterval(k: number, n: number, level = 0.95): BreachProbability {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
  if (n === 0) return { probability: NaN, breaches: 0, paths: 0, lo: NaN, hi: NaN };
  const p = k / n;
  const z = tQuantile((1 + level) / 2, Infinity);
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const d = 1 + z2 / n;
  return { probability: p, breaches: k, paths: n, lo: Math.max(0, (centre - half) / d), hi: Math.min(1, (centre + half) / d) };
}

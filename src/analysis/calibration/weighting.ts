import { mathjs } from '../../core/mathjs';
import { Rng } from '../../core/rng';
import type { MomentSet } from './moments';


/** `identityWeighting(k)` → the k × k identity as a row-major Float64Array: every moment weighs the same, in its own unit. */
export function identityWeighting(k: number): Float64Array {
  const w = new Float64Array(k * k);
  for (let i = 0; i < k; i++) w[i * k + i] = 1;
  return w;
}

/**
 * `momentCovariance(samples)` → the sample covariance (n − 1 denominator)
 * of moment vectors, row-major k × k, in the moments' units squared.
 * Throws a RangeError for fewer than 2 samples, unequal lengths or a
 * non-finite moment.
 */
export function momentCovariance(samples: readonly ArrayLike<number>[]): Float64Array {
  const n = samples.length;
  if (n < 2) throw new RangeError(`a moment covariance needs at least 2 samples, got ${n}`);
  const k = samples[0].length;
  const mean = new Float64Array(k);
  for (const s of samples) {
    if (s.length !== k) throw new RangeError(`moment samples must have equal lengths, got ${k} and ${s.length}`);
    for (let i = 0; i < k; i++) {
      if (!Number.isFinite(s[i])) throw new RangeError(`moment ${i} is not finite (${s[i]}) in a sample`);
      mean[i] += s[i] / n;
    }
  }
  const cov = new Float64Array(k * k);
  for (const s of samples) for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) cov[i * k + j] += ((s[i] - mean[i]) * (s[j] - mean[j])) / (n - 1);
  return cov;
}

/**
 * `inverseCovarianceWeighting(samples, names)` → W = Σ̂⁻¹, the inverse of the
 * moments' sample covariance (see `momentCovariance`), row-major: moments
 * known precisely weigh more and correlated ones are not counted twice, the
 * efficient GMM weighting (Hansen, Econometrica 50, 1982). Inverted with
 * mathjs `inv`. Throws a RangeError naming the moment when one does not vary
 * over the samples, and when Σ̂ is singular (fewer samples than moments, or
 * moments that are linear combinations of others).
 */
export function inverseCovarianceWeighting(samples: readonly ArrayLike<number>[], names?: readonly string[]): Float64Array {
  const cov = momentCovariance(samples);
  const k = samples[0].length;
  for (let i = 0; i < k; i++) {
    if (!(cov[i * k + i] > 0)) throw new RangeError(`moment ${names?.[i] ?? i} does not vary over the ${samples.length} samples; drop it or weight by identity`);
  }
  if (samples.length <= k) throw new RangeError(`inverting a ${k}-moment covariance needs more than ${k} samples, got ${samples.length}`);
  const rows = Array.from({ length: k }, (_, i) => Array.from(cov.subarray(i * k, (i + 1) * k)));
  let w: number[][];
  try {
    w = mathjs().inv(rows) as number[][];
  } catch {
    throw new RangeError(`the ${k} moments' covariance is singular; drop moments that repeat others`);
  }
  return Float64Array.from(w.flat());
}

/** Options of `blockBootstrapMoments`. */
export interface BlockBootstrapOptions {
  /** Block length in ticks; default 250 (about a year of trading days, as Franke & Westerhoff use). */
  blockLength?: number;
  /** Number of bootstrap series; default 500. */
  resamples?: number;
  /** Seed of the resampling; default 1. */
  seed?: number;
  /** Series laid end to end in the data (a panel, see `jointMoments`); default 1. */
  series?: number;
  /** Per series, whether its values are resampled (a level) rather than its log changes (a price); default all false. */
  levels?: readonly boolean[];
}

/**
 * `blockBootstrapMoments(prices, moments, options)` → the moments of
 * `resamples` bootstrap replicates of a price series, for the sampling
 * covariance of the data's moments. Moving-block bootstrap of the log
 * returns (Künsch, Annals of Statistics 17, 1989): blocks of `blockLength`
 * consecutive returns starting at uniform positions are joined until there
 * are n − 1 returns, and the prices rebuilt from p_0; blocks keep the
 * short-range dependence (volatility clustering) inside them.
 *
 * With `series` = L > 1 the data is a panel of L positive series of equal
 * length laid end to end (price first, then volume, say): every series is
 * resampled over the same blocks of ticks, so what ties the series
 * together within a block (volume rising with volatility) is kept in each
 * replicate. A price is rebuilt from its first value and its resampled log
 * changes; a series marked in `levels` (a volume, a ratio: it returns to
 * its mean) takes its own values at the resampled ticks, since rebuilding
 * it from its changes would make it wander like a price and blur its
 * level.
 */
export function blockBootstrapMoments(prices: Float64Array, moments: MomentSet, options: BlockBootstrapOptions = {}): Float64Array[] {
  const blockLength = options.blockLength ?? 250;
  const resamples = options.resamples ?? 500;
  const L = options.series ?? 1;
  if (!Number.isInteger(L) || L < 1 || prices.length % L !== 0) throw new RangeError(`a panel of ${L} series must have a multiple of ${L} values, got ${prices.length}`);
  const len = prices.length / L;
  const n = len - 1;
  if (!Number.isInteger(blockLength) || blockLength < 1 || blockLength > n) {
    throw new RangeError(`bootstrap block length must be an integer in [1, ${n}] (the number of returns), got ${blockLength}`);
  }
  if (!Number.isInteger(resamples) || resamples < 2) throw new RangeError(`bootstrap resamples must be an integer ≥ 2, got ${resamples}`);
  const r = new Float64Array(L * n);
  for (let s = 0; s < L; s++) for (let t = 0; t < n; t++) r[s * n + t] = Math.log(prices[s * len + t + 1] / prices[s * len + t]);
  const rng = new Rng(options.seed ?? 1);
  const out: Float64Array[] = [];
  const path = new Float64Array(L * len);
  const logP = new Float64Array(L);
  const levels = Array.from({ length: L }, (_, s) => options.levels?.[s] ?? false);
  for (let b = 0; b < resamples; b++) {
    for (let s = 0; s < L; s++) {
      path[s * len] = prices[s * len];
      logP[s] = Math.log(prices[s * len]);
    }
    let t = 0;
    while (t < n) {
      const start = rng.int(n - blockLength + 1);
      for (let i = 0; i < blockLength && t < n; i++, t++) {
        for (let s = 0; s < L; s++) {
          if (levels[s]) {
            path[s * len + t + 1] = prices[s * len + start + i + 1];
            continue;
          }
          logP[s] += r[s * n + start + i];
          path[s * len + t + 1] = Math.exp(logP[s]);
        }
      }
    }
    out.push(moments.compute(path));
  }
  return out;
}

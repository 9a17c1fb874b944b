import { logReturns } from '../../metrics/stats';
import { absoluteAutocorrelations, autocorrelation } from '../../metrics/stylisedFacts/autocorrelation';
import { hillTailIndex } from '../../metrics/stylisedFacts/hill';
import { excessKurtosis } from '../../metrics/stylisedFacts/kurtosis';

/** A named vector of moments of a series: what the method of simulated moments matches. */
export interface MomentSet {
  /** One name per moment, in order (snake_case, for tables). */
  names: readonly string[];
  /** Returns the moments of one series (of a panel, when `series` > 1), in the order of `names`. */
  compute(series: Float64Array): Float64Array;
  /** How many series of one length it reads, laid end to end (see `jointMoments`); default 1. */
  series?: number;
  /**
   * Per series, whether it is a level that returns to its mean (a volume, a
   * ratio: the bootstrap resamples its values) rather than a price that
   * wanders (the bootstrap resamples its log changes); default all false.
   */
  levels?: readonly boolean[];
}

/** What the price moments share: the log returns and their |r| autocorrelations, each computed once. */
class PriceContext {
  private acf?: Float64Array;
  readonly returns: Float64Array;

  constructor(readonly prices: Float64Array) {
    this.returns = logReturns(prices);
  }

  absAcf(lag: number): number {
    this.acf ??= absoluteAutocorrelations(this.returns, 20);
    return this.acf[lag - 1];
  }
}

const PRICE_MOMENT_DEFINITIONS: Record<string, (c: PriceContext) => number> = {
  volatility: (c) => {
    const r = c.returns;
    let s = 0;
    for (let t = 0; t < r.length; t++) s += r[t];
    const m = s / r.length;
    let ss = 0;
    for (let t = 0; t < r.length; t++) ss += (r[t] - m) ** 2;
    return Math.sqrt(ss / (r.length - 1));
  },
  mean_abs_return: (c) => {
    let s = 0;
    for (let t = 0; t < c.returns.length; t++) s += Math.abs(c.returns[t]);
    return s / c.returns.length;
  },
  return_acf_1: (c) => autocorrelation(c.returns, 1),
  abs_return_acf_1: (c) => c.absAcf(1),
  abs_return_acf_5: (c) => c.absAcf(5),
  abs_return_acf_10: (c) => c.absAcf(10),
  abs_return_acf_20: (c) => c.absAcf(20),
  hill_tail_index: (c) => hillTailIndex(c.returns, { fraction: 0.05 }),
  excess_kurtosis: (c) => excessKurtosis(c.returns),
  mean_log_price: (c) => {
    let s = 0;
    for (let t = 0; t < c.prices.length; t++) s += Math.log(c.prices[t]);
    return s / c.prices.length;
  },
};

/** Names of the moments `priceMoments` knows, in their default order. */
export const PRICE_MOMENT_NAMES: readonly string[] = Object.keys(PRICE_MOMENT_DEFINITIONS);

/**
 * `priceMoments(names)` → a moment set of a price series (one price per
 * tick) with the moments `names` (default all of `PRICE_MOMENT_NAMES`), in
 * that order, each computed only when asked for. They follow Franke &
 * Westerhoff ("Structural stochastic volatility in asset pricing dynamics",
 * JEDC 36, 2012), whose daily-return moments are the reference
 * for agent-based models, with kurtosis and the level added:
 * - `volatility`: sd of log returns r_t = ln(p_t/p_{t−1}), per tick;
 * - `mean_abs_return`: mean |r_t|, per tick;
 * - `return_acf_1`: autocorrelation of r at lag 1;
 * - `abs_return_acf_1`, `_5`, `_10`, `_20`: autocorrelations of |r| (clustering and its decay);
 * - `hill_tail_index`: Hill estimate from the largest 5 % of |r|;
 * - `excess_kurtosis`: m4/m2² − 3 of r;
 * - `mean_log_price`: mean of ln p_t, the level (in ln of the price unit).
 * Throws a RangeError naming an unknown moment.
 */
export function priceMoments(names: readonly string[] = PRICE_MOMENT_NAMES): MomentSet {
  const fns = names.map((name) => {
    const f = PRICE_MOMENT_DEFINITIONS[name];
    if (!f) throw new RangeError(`unknown moment ${name}; expected one of ${PRICE_MOMENT_NAMES.join(', ')}`);
    return f;
  });
  return {
    names: [...names],
    compute: (prices) => {
      const context = new PriceContext(prices);
      return Float64Array.from(fns, (f) => f(context));
    },
  };
}

/**
 * What the series moments share, each computed once: the logs of the
 * positive values, and the log changes between positive values at
 * consecutive ticks. A tick whose value is 0 (a volume on a tick nothing
 * traded) is no observation of the level: it is left out, not taken as
 * ln 0.
 */
class SeriesContext {
  readonly logs: Float64Array;
  readonly changes: Float64Array;

  constructor(values: Float64Array) {
    const logs: number[] = [];
    const changes: number[] = [];
    for (let t = 0; t < values.length; t++) {
      if (!(values[t] > 0)) continue;
      logs.push(Math.log(values[t]));
      if (t > 0 && values[t - 1] > 0) changes.push(Math.log(values[t] / values[t - 1]));
    }
    this.logs = Float64Array.from(logs);
    this.changes = Float64Array.from(changes);
  }
}

/** Mean and sd (n − 1 denominator) of `x`. */
function meanSd(x: Float64Array): [mean: number, sd: number] {
  let s = 0;
  for (let t = 0; t < x.length; t++) s += x[t];
  const m = s / x.length;
  let ss = 0;
  for (let t = 0; t < x.length; t++) ss += (x[t] - m) ** 2;
  return [m, Math.sqrt(ss / (x.length - 1))];
}

const SERIES_MOMENT_DEFINITIONS: Record<string, (c: SeriesContext) => number> = {
  mean_log: (c) => meanSd(c.logs)[0],
  sd_log: (c) => meanSd(c.logs)[1],
  last_log: (c) => c.logs[c.logs.length - 1],
  log_change_sd: (c) => meanSd(c.changes)[1],
  log_change_acf_1: (c) => autocorrelation(c.changes, 1),
};

/** Names of the moments `seriesMoments` knows. */
export const SERIES_MOMENT_NAMES: readonly string[] = Object.keys(SERIES_MOMENT_DEFINITIONS);

/** The moments a matched series other than the price gets by default: its level and how much it moves. */
export const DEFAULT_SERIES_MOMENTS: readonly string[] = ['mean_log', 'log_change_sd'];

/**
 * `seriesMoments(names)` → a moment set of a positive series other than the
 * price (volume, staking ratio, nodes online: one value x_t per tick), with
 * the moments `names` (default `DEFAULT_SERIES_MOMENTS`), in that order:
 * - `mean_log`: mean of ln x_t, its level (ln of its unit);
 * - `sd_log`: sd of ln x_t over the window, how far it wanders (a trend shows here);
 * - `last_log`: ln x at the window's last tick, where it ends;
 * - `log_change_sd`: sd of ln(x_t/x_{t−1}), per tick;
 * - `log_change_acf_1`: autocorrelation of those changes at lag 1.
 * In logs, so that a volume in USD and a ratio in [0, 1] weigh alike under
 * identity weighting. Ticks whose value is 0 are left out (a simulated
 * volume is 0 on a tick with no trade); a series with no positive value
 * has NaN moments, which the calibration counts as a failed evaluation.
 * Throws a RangeError naming an unknown moment.
 */
export function seriesMoments(names: readonly string[] = DEFAULT_SERIES_MOMENTS): MomentSet {
  const fns = names.map((name) => {
    const f = SERIES_MOMENT_DEFINITIONS[name];
    if (!f) throw new RangeError(`unknown series moment ${name}; expected one of ${SERIES_MOMENT_NAMES.join(', ')}`);
    return f;
  });
  return {
    names: [...names],
    levels: [true],
    compute: (values) => {
      const context = new SeriesContext(values);
      return Float64Array.from(fns, (f) => f(context));
    },
  };
}

/** One series of a joint moment set: its label (null: its moments keep their own names) and its moments. */
export interface MomentPart {
  label: string | null;
  moments: MomentSet;
}

/**
 * `jointMoments(parts)` → the moment set of a panel: L = parts.length
 * series of equal length n laid end to end in one array of L·n values
 * (series 0 first); its moments are each part's moments of its own series,
 * in part order, named `label.moment` (or `moment` where the label is
 * null). The method of simulated moments then matches all series at once,
 * and an inverse-covariance weighting sees how their moments co-vary.
 * Throws a RangeError for no parts, repeated names, or a panel whose length
 * is not a multiple of L.
 */
export function jointMoments(parts: readonly MomentPart[]): MomentSet {
  if (parts.length === 0) throw new RangeError('a joint moment set needs at least one series');
  const names = parts.flatMap((p) => p.moments.names.map((m) => (p.label === null ? m : `${p.label}.${m}`)));
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated) throw new RangeError(`moment ${repeated} appears twice; give each series its own label`);
  const L = parts.length;
  return {
    names,
    series: L,
    levels: parts.map((p) => p.moments.levels?.[0] ?? false),
    compute: (panel) => {
      if (panel.length % L !== 0) throw new RangeError(`a panel of ${L} series must have a multiple of ${L} values, got ${panel.length}`);
      const n = panel.length / L;
      const out = new Float64Array(names.length);
      let k = 0;
      parts.forEach((p, i) => {
        const m = p.moments.compute(panel.subarray(i * n, (i + 1) * n));
        out.set(m, k);
        k += m.length;
      });
      return out;
    },
  };
}

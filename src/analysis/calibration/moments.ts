import { logReturns } from '../../metrics/stats';
import { absoluteAutocorrelations, autocorrelation } from '../../metrics/stylisedFacts/autocorrelation';
import { hillTailIndex } from '../../metrics/stylisedFacts/hill';
import { excessKurtosis } from '../../metrics/stylisedFacts/kurtosis';

/** A named vector of moments of a series: what the method of simulated moments matches. */
export interface MomentSet {
  /** One name per moment, in order (snake_case, for tables). */
  names: readonly string[];
  /** Returns the moments of one series, in the order of `names`. */
  compute(series: Float64Array): Float64Array;
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

import { annualisedVolatility, logReturns } from '../stats';
import { absoluteAutocorrelations, autocorrelations } from './autocorrelation';
import { drawdownStatistics, type DrawdownStatistics } from './drawdowns';
import { hillTailIndex } from './hill';
import { excessKurtosis } from './kurtosis';
import { largestPeriodogramPeak, type PeriodogramPeak } from './spectral';
import { followYesterdaySharpe, movingAverageCrossoverSharpe, type CrossoverWindows } from './tradingRules';

/** Options of `stylisedFacts`. */
export interface StylisedFactsOptions {
  /** Ticks per year, for the annualised volatility and Sharpe ratios; default 365 (daily ticks, markets open every day). */
  periodsPerYear?: number;
  /** Share of |returns| used by the Hill estimator; default 0.05 (see `hillTailIndex`). */
  hillFraction?: number;
  /** Moving-average windows of the crossover rule; default 5 and 20 ticks. */
  crossover?: CrossoverWindows;
}

/** The stylised facts of one price series, each as defined by the function named. */
export interface StylisedFacts {
  /** Number of log returns, n − 1. */
  returns: number;
  /** `autocorrelations` of log returns at lags 1–5 (entry k − 1 is lag k). */
  returnAcf: Float64Array;
  /** `absoluteAutocorrelations` at lags 1–20. */
  absReturnAcf: Float64Array;
  /** `excessKurtosis` of log returns. */
  excessKurtosis: number;
  /** `hillTailIndex` of |log returns|. */
  hillTailIndex: number;
  /** Largest |log return| of a tick. */
  largestAbsReturn: number;
  /** `annualisedVolatility` (src/metrics/stats), per √year. */
  annualisedVolatility: number;
  /** `drawdownStatistics` of the prices. */
  drawdowns: DrawdownStatistics;
  /** `largestPeriodogramPeak` of log returns. */
  spectralPeak: PeriodogramPeak;
  /** `followYesterdaySharpe`, per √year. */
  followYesterdaySharpe: number;
  /** `movingAverageCrossoverSharpe`, per √year. */
  crossoverSharpe: number;
}

/**
 * `stylisedFacts(prices, options)` → every stylised fact of the positive
 * price series `prices` (one per tick) that tokensim measures, computed from
 * its log returns r_t = ln(p_t / p_{t−1}): see `StylisedFacts` for the list
 * and docs/explanation/stylised-facts.md for definitions and the values real
 * crypto markets show. O(n²) through the periodogram; about 15 ms for two
 * years of daily ticks.
 */
export function stylisedFacts(prices: ArrayLike<number>, options: StylisedFactsOptions = {}): StylisedFacts {
  const periodsPerYear = options.periodsPerYear ?? 365;
  const r = logReturns(prices);
  let largest = r.length === 0 ? NaN : 0;
  for (let t = 0; t < r.length; t++) largest = Math.max(largest, Math.abs(r[t]));
  return {
    returns: r.length,
    returnAcf: autocorrelations(r, 5),
    absReturnAcf: absoluteAutocorrelations(r, 20),
    excessKurtosis: excessKurtosis(r),
    hillTailIndex: hillTailIndex(r, { fraction: options.hillFraction ?? 0.05 }),
    largestAbsReturn: largest,
    annualisedVolatility: annualisedVolatility(prices, periodsPerYear),
    drawdowns: drawdownStatistics(prices),
    spectralPeak: largestPeriodogramPeak(r),
    followYesterdaySharpe: followYesterdaySharpe(r, periodsPerYear),
    crossoverSharpe: movingAverageCrossoverSharpe(prices, periodsPerYear, options.crossover),
  };
}

/** A KPI column: its snake_case name, unit and one-line description. */
export interface KpiColumn {
  name: string;
  unit: string;
  description: string;
}

/**
 * The columns `stylisedFactKpis` returns, in its order, with units and
 * descriptions, for a summary table's schema and docs/reference.
 */
export const STYLISED_FACT_COLUMNS: readonly KpiColumn[] = [
  ...[1, 2, 3, 4, 5].map((k) => ({ name: `return_acf_${k}`, unit: '1', description: `autocorrelation of log returns at lag ${k}` })),
  ...Array.from({ length: 20 }, (_, i) => ({
    name: `abs_return_acf_${i + 1}`,
    unit: '1',
    description: `autocorrelation of |log returns| at lag ${i + 1} (volatility clustering)`,
  })),
  { name: 'excess_kurtosis', unit: '1', description: 'excess kurtosis of log returns, m4/m2² − 3' },
  { name: 'hill_tail_index', unit: '1', description: 'Hill estimate of the tail index of |log returns| (largest 5% by default)' },
  { name: 'largest_abs_return', unit: '1', description: 'largest |log return| of one tick' },
  { name: 'annualised_volatility', unit: '1/√year', description: 'standard deviation of log returns × √(ticks per year)' },
  { name: 'max_drawdown', unit: '1', description: 'largest fall from a running peak, as a share of the peak' },
  { name: 'mean_drawdown', unit: '1', description: 'mean depth below the running peak over all ticks, as a share of the peak' },
  { name: 'longest_drawdown_ticks', unit: 'ticks', description: 'longest spell below a running peak (censored at the end of the run)' },
  { name: 'spectral_peak_share', unit: '1', description: 'share of return variance carried by the largest periodogram ordinate' },
  { name: 'spectral_peak_period', unit: 'ticks', description: 'period of the largest periodogram ordinate' },
  { name: 'follow_yesterday_sharpe', unit: '1/√year', description: 'annualised Sharpe ratio of holding sign(yesterday’s return)' },
  { name: 'crossover_sharpe', unit: '1/√year', description: 'annualised Sharpe ratio of the moving-average crossover rule (5/20 ticks by default)' },
];

/**
 * `stylisedFactKpis(facts)` → the stylised facts as one flat record of
 * numbers keyed by the snake_case names of `STYLISED_FACT_COLUMNS`, in their
 * order (a summary row).
 */
export function stylisedFactKpis(facts: StylisedFacts): Record<string, number> {
  const out: Record<string, number> = {};
  facts.returnAcf.forEach((v, i) => (out[`return_acf_${i + 1}`] = v));
  facts.absReturnAcf.forEach((v, i) => (out[`abs_return_acf_${i + 1}`] = v));
  out.excess_kurtosis = facts.excessKurtosis;
  out.hill_tail_index = facts.hillTailIndex;
  out.largest_abs_return = facts.largestAbsReturn;
  out.annualised_volatility = facts.annualisedVolatility;
  out.max_drawdown = facts.drawdowns.maxDrawdown;
  out.mean_drawdown = facts.drawdowns.meanDrawdown;
  out.longest_drawdown_ticks = facts.drawdowns.longestDrawdownTicks;
  out.spectral_peak_share = facts.spectralPeak.share;
  out.spectral_peak_period = facts.spectralPeak.periodTicks;
  out.follow_yesterday_sharpe = facts.followYesterdaySharpe;
  out.crossover_sharpe = facts.crossoverSharpe;
  return out;
}

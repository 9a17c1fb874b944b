import { defineBlock, type KpiSpec } from '../core/block';
import { annualisedVolatility, logReturns } from './stats';
import { absoluteAutocorrelations, autocorrelations } from './stylisedFacts/autocorrelation';
import { sampledPeriodogramPeak } from './stylisedFacts/bartlett';
import { drawdownStatistics } from './stylisedFacts/drawdowns';
import { hillTailIndex } from './stylisedFacts/hill';
import { excessKurtosis } from './stylisedFacts/kurtosis';
import { STYLISED_FACT_COLUMNS, stylisedFactKpis, type StylisedFacts } from './stylisedFacts/stylisedFacts';
import { followYesterdaySharpe, movingAverageCrossoverSharpe } from './stylisedFacts/tradingRules';

/** Returns' segment length above which the periodogram is Bartlett's average over segments (see `sampledPeriodogramPeak`). */
export const PERIODOGRAM_SEGMENT = 1024;

// The AMM block already declares max_drawdown, with the same definition.
const COLUMNS = STYLISED_FACT_COLUMNS.filter((c) => c.name !== 'max_drawdown');

const KPIS: Record<string, KpiSpec> = Object.fromEntries(
  COLUMNS.map((c) => [c.name, { unit: c.unit, description: `${c.description}, from the recorded reference price (the exchange mid, else the AMM price; 0 when undefined: too few rows or a constant price)` }]),
);

/**
 * `priceFacts(prices, periodsPerYear)` → the stylised facts of a recorded
 * price series as summary KPIs (names and units of `STYLISED_FACT_COLUMNS`
 * but `max_drawdown`), each as its function in `src/metrics/stylisedFacts/`
 * defines it, with the periodogram sampled (`sampledPeriodogramPeak` with
 * segments of `PERIODOGRAM_SEGMENT` returns) so that a long run costs
 * linear time. A measure that is undefined (NaN: fewer returns than its
 * lag, a constant price, no tail) is 0, so a KPI is always finite.
 */
export function priceFacts(prices: ArrayLike<number>, periodsPerYear: number): Record<string, number> {
  const r = logReturns(prices);
  let largest = 0;
  for (let t = 0; t < r.length; t++) largest = Math.max(largest, Math.abs(r[t]));
  const facts: StylisedFacts = {
    returns: r.length,
    returnAcf: autocorrelations(r, 5),
    absReturnAcf: absoluteAutocorrelations(r, 20),
    excessKurtosis: excessKurtosis(r),
    hillTailIndex: r.length >= 3 ? hillTailIndex(r, { fraction: 0.05 }) : NaN,
    largestAbsReturn: largest,
    annualisedVolatility: annualisedVolatility(prices, periodsPerYear),
    drawdowns: drawdownStatistics(prices),
    spectralPeak: sampledPeriodogramPeak(r, PERIODOGRAM_SEGMENT),
    followYesterdaySharpe: followYesterdaySharpe(r, periodsPerYear),
    crossoverSharpe: movingAverageCrossoverSharpe(prices, periodsPerYear),
  };
  const all = stylisedFactKpis(facts);
  const out: Record<string, number> = {};
  for (const c of COLUMNS) out[c.name] = Number.isFinite(all[c.name]) ? all[c.name] : 0;
  return out;
}

/**
 * Returns the token's reference price series: the exchange's mid when the
 * model has the external exchange (the deepest venue, whose moves are
 * permanent), else the AMM price. The AMM's own price sits anywhere inside
 * the arbitrage band around it (fees on both venues), which adds a bid-ask
 * bounce (Roll, J. Finance 39, 1984) to its returns.
 */
export function referencePrice(series: Record<string, Float64Array>): Float64Array {
  return series.exchange_price ?? series.price;
}

/**
 * The stylised facts of the token's reference price (`referencePrice`) as summary KPIs (`priceFacts`):
 * return autocorrelations at lags 1–5, |return| autocorrelations at lags
 * 1–20, excess kurtosis, the Hill tail index, the largest move, annualised
 * volatility, drawdowns, the periodogram's largest peak and the Sharpe
 * ratios of the follow-yesterday and moving-average crossover rules —
 * between recorded rows, at ticksPerYear / record.every rows a year.
 */
export const stylisedFacts = defineBlock({
  key: 'stylisedFacts',
  kind: 'metrics',
  description: 'stylised facts of the price: return and |return| autocorrelations, kurtosis, tail index, drawdowns, spectral peak, no-free-lunch Sharpe ratios',
  sources: [
    'Cont (2001), "Empirical properties of asset returns: stylized facts and statistical issues", Quantitative Finance 1',
    'moment set of Franke & Westerhoff (2012), J. Econ. Dynamics and Control 36',
  ],
  kpis: KPIS,
  build() {
    return {
      api: undefined,
      summary: ({ series, ticks, world }) => {
        const step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
        return priceFacts(referencePrice(series), world.ticksPerYear / step);
      },
    };
  },
});

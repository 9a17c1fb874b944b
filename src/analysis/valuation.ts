import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import { InputError } from '../core/errors';

/**
 * Returns the equation-of-exchange price of a utility token, USD per token.
 * From M·V = P·Q: the token base needed to carry the economy's usage is
 * M = PQ / V (USD), where PQ is the USD value of usage settled in the token
 * per year and V the number of times a token changes hands per year; spread
 * over the circulating supply C (tokens), each token is worth
 *
 *   price = PQ / (V · C).
 *
 * Assumes usage must be paid in the token, velocity is given (not a result
 * of the price) and the token carries no value beyond its use as a medium
 * of exchange (no speculative or governance premium).
 */
export function equationOfExchangePrice(usageUsdPerYear: number, velocityPerYear: number, circulatingTokens: number): number {
  if (!(velocityPerYear > 0)) throw new InputError(`equation of exchange: velocity must be positive (turnovers per year), got ${velocityPerYear}`);
  if (!(circulatingTokens > 0)) throw new InputError(`equation of exchange: circulating supply must be positive, got ${circulatingTokens}`);
  return usageUsdPerYear / (velocityPerYear * circulatingTokens);
}

/**
 * Returns today's fundamental price, USD per token, from a forecast of
 * usage, velocity and circulating supply for years 1..T: each year's
 * equation-of-exchange price PQ_t / (V_t · C_t), discounted at `discountRate`
 * per year, and the one for the last year (the terminal value) — the
 * "current utility value" a holder pays for the right to the token's future
 * use (Burniske's method). Returns the discounted terminal price and the
 * undiscounted price of each year.
 */
export function discountedUtilityValue(usageUsdPerYear: readonly number[], velocityPerYear: number | readonly number[], circulatingTokens: readonly number[], discountRate: number): { price: number; yearly: Float64Array } {
  const T = usageUsdPerYear.length;
  if (T === 0 || circulatingTokens.length !== T) throw new InputError(`discounted utility value: usage and circulating supply need the same number of years (got ${T} and ${circulatingTokens.length})`);
  if (!(discountRate > -1)) throw new InputError(`discounted utility value: discount rate must exceed −1, got ${discountRate}`);
  const yearly = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    const v = typeof velocityPerYear === 'number' ? velocityPerYear : velocityPerYear[t];
    yearly[t] = equationOfExchangePrice(usageUsdPerYear[t], v, circulatingTokens[t]);
  }
  return { price: yearly[T - 1] / Math.pow(1 + discountRate, T), yearly };
}

/** Options of `equationOfExchangeSeries`. */
export interface EoeSeriesOptions {
  /** Assumed velocity, turnovers per year. */
  velocityPerYear: number;
  /** Flow metric that measures usage in USD per recorded row; default `volume`. */
  usage?: string;
  /** Ticks of usage averaged into the annual rate; default 30. */
  windowTicks?: number;
  ticksPerYear: number;
}

/** The equation-of-exchange valuation along a run, and how the market price compares with it. */
export interface EoeSeries {
  /** Per recorded row: PQ / (V · C), USD per token (NaN until a full window). */
  fundamental: Float64Array;
  /** Per row: market price / fundamental price, dimensionless. */
  ratio: Float64Array;
  /** Per row: the velocity at which MV = PQ holds at the market price, PQ / (price · C), turnovers per year. */
  impliedVelocity: Float64Array;
  /** Mean of ln(price / fundamental) over rows with a full window (> 0: the market prices a premium over use value). */
  meanLogDeviation: number;
  /** Root mean square of ln(price / fundamental) over those rows. */
  rmsLogDeviation: number;
}

/**
 * Returns the equation-of-exchange valuation along a run from its recorded
 * timeseries (`price`, `circulating` and the usage flow metric): usage per
 * year is the usage flow over the last `windowTicks` ticks scaled to a year,
 * PQ = Σ usage · ticksPerYear / window, and the fundamental price is
 * PQ / (V · C) at each row; compared with the AMM price row by row.
 */
export function equationOfExchangeSeries(series: Record<string, Float64Array>, ticks: Int32Array, opts: EoeSeriesOptions): EoeSeries {
  const usageName = opts.usage ?? 'volume';
  for (const name of ['price', 'circulating', usageName]) {
    if (!series[name]) throw new InputError(`equation of exchange: the run has no ${name} series (recorded: ${Object.keys(series).join(', ')})`);
  }
  const n = ticks.length;
  const window = opts.windowTicks ?? 30;
  const { price, circulating } = series;
  const usage = series[usageName];
  const fundamental = new Float64Array(n).fill(NaN);
  const ratio = new Float64Array(n).fill(NaN);
  const implied = new Float64Array(n).fill(NaN);
  let sum = 0;
  let first = 1; // rows [first, r] hold the usage of ticks (ticks[first − 1], ticks[r]]
  let dev = 0;
  let dev2 = 0;
  let m = 0;
  for (let r = 1; r < n; r++) {
    sum += usage[r];
    while (first < r && ticks[r] - ticks[first] >= window) sum -= usage[first++];
    const span = ticks[r] - ticks[first - 1];
    if (span < window) continue;
    const pq = (sum * opts.ticksPerYear) / span;
    fundamental[r] = pq / (opts.velocityPerYear * circulating[r]);
    ratio[r] = price[r] / fundamental[r];
    implied[r] = pq / (price[r] * circulating[r]);
    const l = Math.log(ratio[r]);
    if (Number.isFinite(l)) {
      dev += l;
      dev2 += l * l;
      m++;
    }
  }
  return { fundamental, ratio, impliedVelocity: implied, meanLogDeviation: m ? dev / m : NaN, rmsLogDeviation: m ? Math.sqrt(dev2 / m) : NaN };
}

/**
 * Returns the valuation KPIs of a run: `eoe_price` (final fundamental price,
 * USD/token), `price_to_eoe` (final market / fundamental price),
 * `eoe_log_deviation` (mean ln(price / fundamental)) and
 * `implied_velocity` (final velocity at which MV = PQ holds at the market
 * price, per year).
 */
export function equationOfExchangeKpis(series: Record<string, Float64Array>, ticks: Int32Array, opts: EoeSeriesOptions): Record<string, number> {
  const e = equationOfExchangeSeries(series, ticks, opts);
  const last = ticks.length - 1;
  return {
    eoe_price: e.fundamental[last],
    price_to_eoe: e.ratio[last],
    eoe_log_deviation: e.meanLogDeviation,
    implied_velocity: e.impliedVelocity[last],
  };
}

/** Parameters of the equation-of-exchange valuation block. */
export const equationOfExchangeParamsSchema = z
  .object({
    /** Velocity V assumed for the fundamental price, in turnovers per year. */
    velocityPerYear: z.number().positive(),
    /** Flow metric taken as the economy's usage PQ, in USD (default `volume`). */
    usage: z.string(),
    /** Ticks of usage averaged for PQ. */
    windowTicks: z.number().int().min(1),
  })
  .strict();

/**
 * The equation-of-exchange valuation as a block (MV = PQ, Fisher 1911;
 * for tokens: Burniske, "Cryptoasset Valuations", 2017): adds the valuation
 * KPIs of `equationOfExchangeKpis` to a model's summary.
 */
export const equationOfExchange = defineBlock({
  key: 'equationOfExchange',
  kind: 'metrics',
  description: 'equation-of-exchange (MV = PQ) fundamental price against the market price',
  sources: ['Fisher (1911), The Purchasing Power of Money', 'Burniske (2017), "Cryptoasset Valuations"'],
  params: { schema: equationOfExchangeParamsSchema, defaults: { velocityPerYear: 20, usage: 'volume', windowTicks: 30 } },
  kpis: {
    eoe_price: { unit: 'USD/token', description: 'fundamental price PQ / (V · C) at the last tick' },
    price_to_eoe: { unit: 'ratio', description: 'market price / fundamental price at the last tick' },
    eoe_log_deviation: { unit: 'log ratio', description: 'mean ln(price / fundamental) over rows with a full window' },
    implied_velocity: { unit: '1/year', description: 'velocity at which MV = PQ holds at the market price, at the last tick' },
  },
  build(ctx) {
    return {
      api: undefined,
      summary: ({ series, ticks, world }) => {
        const p = ctx.params();
        const k = equationOfExchangeKpis(series, ticks, { velocityPerYear: p.velocityPerYear, ticksPerYear: world.ticksPerYear, usage: p.usage, windowTicks: p.windowTicks });
        return { eoe_price: k.eoe_price, price_to_eoe: k.price_to_eoe, eoe_log_deviation: k.eoe_log_deviation, implied_velocity: k.implied_velocity };
      },
    };
  },
});

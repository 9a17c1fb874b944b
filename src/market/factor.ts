import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import { correlation } from '../metrics/correlation';
import { fileProblems, readCached } from './exogenousSeries';
import { MarketFactor } from './marketFactor';
import { readReplaySeries, type ReplaySeries } from './replayFactor';

/** Parameters of the broad crypto-market factor block. */
export const factorParamsSchema = z
  .object({
    /** `garch`: drawn from the GARCH(1,1)-t below; `replay`: the log returns of `file`, tick by tick. */
    source: z.enum(['garch', 'replay']),
    /** Unconditional volatility of the factor's log returns, per √year. */
    annualVolatility: z.number().positive().max(10),
    /** ARCH weight α of last tick's squared shock, per tick. */
    alpha: z.number().min(0).max(1),
    /** GARCH weight β of last tick's variance, per tick (α + β < 1). */
    beta: z.number().min(0).max(1),
    /** Degrees of freedom ν > 2 of the Student-t innovations. */
    nu: z.number().gt(2).max(1000),
    /** Mean log return per year. */
    driftPerYear: z.number().min(-10).max(10),
    /** With `replay`: a CSV file with a `price` or a `return` column, one row per tick (see `readReplaySeries`). */
    file: z.string().min(1).nullable(),
    /** Half-life of the sentiment index (an EWMA of standardised factor returns), in ticks. */
    sentimentHalfLifeTicks: z.number().positive().max(10_000),
  })
  .strict()
  .refine((p) => p.alpha + p.beta < 1, { message: 'alpha + beta must be < 1 (a stationary variance)', path: ['beta'] })
  .refine((p) => p.source !== 'replay' || p.file !== null, { message: "source 'replay' needs a file", path: ['file'] });
export type FactorParams = z.infer<typeof factorParamsSchema>;

/** Returns the replayed series of `file`, read once per file version. */
export function replaySeries(file: string): ReplaySeries {
  return readCached(file, 'factor', readReplaySeries);
}

/**
 * The market factor as other blocks see it, updated in phase `exogenous`:
 * this tick's log return r_t, its standardised shock z_t = r_t / σ̄ (σ̄ the
 * factor's unconditional per-tick sd: √(annualVolatility² / ticksPerYear)
 * when drawn, the series' own sd when replayed), the level
 * F_t = exp(Σ_{s≤t} r_s) (F_0 = 1), and the sentiment index
 *
 *   s_t = ((1 − w) s_{t−1} · k + w z_t) / k,   w = 1 − 2^(−1/H),  k = √(w / (2 − w)),
 *
 * an EWMA of z with half-life H = `sentimentHalfLifeTicks` rescaled to unit
 * stationary variance (s ≈ N(0, 1) when z is white noise).
 *
 * Overlays (`addOverlay`, a scenario's crash) add their log return o_t to
 * the drawn one, r_t = d_t + Σ o_t, before the level, shock and sentiment
 * are updated; the draws themselves (and the GARCH variance, which follows
 * the draws) are the same with and without them.
 */
export class FactorState {
  returnThisTick = 0;
  shock = 0;
  level = 1;
  sentiment = 0;
  private ewma = 0;
  private readonly overlays: ((tick: number) => number)[] = [];

  constructor(
    private readonly draw: (tick: number) => number,
    /** The factor's unconditional sd per tick. */
    readonly tickSd: number,
    private readonly weight: () => number,
  ) {}

  /** Adds `overlay(tick)`, a log return per tick, to every later tick's drawn return; returns nothing. */
  addOverlay(overlay: (tick: number) => number): void {
    this.overlays.push(overlay);
  }

  /** Phase `exogenous`: draws (or replays) tick `tick`'s return, adds the overlays, and updates the level and sentiment. */
  exogenous(tick: number): void {
    let r = this.draw(tick);
    for (let k = 0; k < this.overlays.length; k++) r += this.overlays[k](tick);
    this.returnThisTick = r;
    this.level *= Math.exp(r);
    this.shock = this.tickSd > 0 ? r / this.tickSd : 0;
    const w = this.weight();
    this.ewma = (1 - w) * this.ewma + w * this.shock;
    this.sentiment = this.ewma / Math.sqrt(w / (2 - w));
  }
}

/** The returns of a replayed series, and their sample sd per tick (0 below 1e-9: a constant series). */
function replayed(file: string): { returns: Float64Array; sd: number } {
  const s = replaySeries(file);
  const r = s.returns;
  let m = 0;
  for (let t = 0; t < r.length; t++) m += r[t];
  m /= r.length;
  let v = 0;
  for (let t = 0; t < r.length; t++) v += (r[t] - m) ** 2;
  const sd = r.length > 1 ? Math.sqrt(v / (r.length - 1)) : 0;
  // A constant series has sd 0 up to rounding (1e-18 for 0.03 repeated); below 1e-9 per tick there is no spread to standardise by.
  return { returns: r, sd: sd > 1e-9 ? sd : 0 };
}

/**
 * The broad crypto-market factor (phase `exogenous`): a seeded GARCH(1,1)
 * with unit Student-t innovations (`MarketFactor`, from the block's own
 * stream), or the log returns of a CSV file replayed tick by tick
 * (`source: 'replay'`, a backtest). It moves no money: traders' demand, the
 * arrival and departure of participants and the fundamental value read it
 * (see `FactorState`). Its KPIs measure how much of the token's return it
 * explains.
 */
export const factor = defineBlock({
  key: 'factor',
  kind: 'scenario',
  description: 'broad crypto-market factor: GARCH(1,1)-t log returns, or replayed from a CSV file; a sentiment index from them',
  sources: [
    'GARCH(1,1): Bollerslev (1986), J. Econometrics 31; Student-t innovations: Bollerslev (1987), Rev. Econ. Stat. 69',
    'daily bitcoin GARCH persistence ≈ 0.95: Katsiampa (2017), Economics Letters 158',
  ],
  params: {
    schema: factorParamsSchema,
    defaults: { source: 'garch', annualVolatility: 0.7, alpha: 0.1, beta: 0.85, nu: 6, driftPerYear: 0, file: null, sentimentHalfLifeTicks: 5 },
  },
  metrics: {
    factor_return: { unit: '1', description: "the market factor's log return this tick" },
    factor_level: { unit: 'index', description: 'market factor level, exp(Σ factor returns), 1 at genesis' },
    sentiment: { unit: 'sd', description: 'sentiment index: EWMA of standardised factor returns, unit variance' },
  },
  kpis: {
    factor_correlation: { unit: '1', description: "correlation of the token's log returns (exchange mid, else AMM price) with the factor's over the recorded rows (0 when either is constant)" },
    factor_beta: { unit: '1', description: "slope of the token's log returns (exchange mid, else AMM price) on the factor's, cov / var(factor) (0 when the factor is constant)" },
  },
  check(p) {
    return p.source === 'replay' && p.file !== null ? fileProblems('file', () => replaySeries(p.file!)) : [];
  },
  build(ctx) {
    const p = ctx.params();
    const tpy = ctx.world.ticksPerYear;
    let draw: (tick: number) => number;
    let sd: number;
    if (p.source === 'replay') {
      const s = replayed(p.file!);
      const file = p.file!;
      draw = (tick) => {
        if (tick > s.returns.length) throw new RangeError(`${file}: the replayed factor has ${s.returns.length} returns, the run needs tick ${tick}`);
        return s.returns[tick - 1];
      };
      sd = s.sd;
    } else {
      const f = new MarketFactor({ annualVolatility: p.annualVolatility, alpha: p.alpha, beta: p.beta, nu: p.nu, driftPerYear: p.driftPerYear, ticksPerYear: tpy }, ctx.rng);
      draw = () => f.next();
      sd = p.annualVolatility / Math.sqrt(tpy);
    }
    const state = new FactorState(draw, sd, () => 1 - Math.pow(2, -1 / ctx.params().sentimentHalfLifeTicks));
    return {
      api: state,
      hooks: { exogenous: (w) => state.exogenous(w.tick) },
      metrics: { factor_return: () => state.returnThisTick, factor_level: () => state.level, sentiment: () => state.sentiment },
      summary: ({ series }) => {
        const { correlation: c, beta } = factorFit(series.exchange_price ?? series.price, series.factor_level);
        return { factor_correlation: c, factor_beta: beta };
      },
    };
  },
});

/**
 * Returns the correlation and regression slope of the token's log returns on
 * the factor's, both between recorded rows (0 and 0 when there are fewer than
 * two returns or either series is constant).
 */
export function factorFit(price: Float64Array | undefined, level: Float64Array | undefined): { correlation: number; beta: number } {
  if (!price || !level || price.length < 3) return { correlation: 0, beta: 0 };
  const n = price.length - 1;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    x[t] = Math.log(level[t + 1] / level[t]);
    y[t] = Math.log(price[t + 1] / price[t]);
  }
  const fit = correlation(x, y);
  return { correlation: Number.isFinite(fit.correlation) ? fit.correlation : 0, beta: Number.isFinite(fit.slope) ? fit.slope : 0 };
}

import { z } from '../core/zod';
import { validateParams } from '../core/params';
import { Rng } from '../core/rng';
import { unitStudentT } from './studentT';

/**
 * Parameters of the GARCH(1,1)-t market factor. Volatility and drift are per
 * year; α and β act per tick.
 */
export interface MarketFactorParams {
  /** Unconditional volatility of the factor's log returns, per √year (0.7 = 70 %). */
  annualVolatility: number;
  /** ARCH weight α ≥ 0 of last tick's squared shock, per tick. */
  alpha: number;
  /** GARCH weight β ≥ 0 of last tick's conditional variance, per tick; α + β < 1. */
  beta: number;
  /** Degrees of freedom ν > 2 of the Student-t innovations (Infinity: normal). */
  nu: number;
  /** Mean log return per year (0 = no drift). */
  driftPerYear: number;
  /** Ticks per year (365 for daily ticks). */
  ticksPerYear: number;
}

/**
 * Defaults: daily ticks, 70 %/year volatility (a broad crypto index), α = 0.1
 * and β = 0.85 (persistence 0.95, the range GARCH fits of daily bitcoin
 * returns give, e.g. Katsiampa, Economics Letters 158, 2017) and ν = 6
 * (excess kurtosis of the factor about 9).
 */
export const DEFAULT_MARKET_FACTOR: Readonly<MarketFactorParams> = Object.freeze({
  annualVolatility: 0.7,
  alpha: 0.1,
  beta: 0.85,
  nu: 6,
  driftPerYear: 0,
  ticksPerYear: 365,
});

/** Returns the zod schema of `MarketFactorParams`: ranges, and α + β < 1 for a finite unconditional variance. */
export const marketFactorSchema: z.ZodType<MarketFactorParams> = z
  .object({
    annualVolatility: z.number().positive().finite(),
    alpha: z.number().min(0).max(1),
    beta: z.number().min(0).max(1),
    // Infinity (normal innovations) is not a finite number, so it needs its own literal.
    nu: z.union([z.number().gt(2, { message: 'nu must be > 2 (the innovations need a finite variance)' }), z.literal(Infinity)]),
    driftPerYear: z.number().finite(),
    ticksPerYear: z.number().int().positive(),
  })
  .strict()
  .refine((p) => p.alpha + p.beta < 1, {
    message: 'alpha + beta must be < 1 (covariance stationarity)',
    path: ['beta'],
  });

/**
 * A seeded broad crypto-market factor: per-tick log returns from a
 * GARCH(1,1) with unit-variance Student-t innovations (Bollerslev, J.
 * Econometrics 31, 1986; Bollerslev, Rev. Econ. Stat. 69, 1987):
 *
 *   r_t = μ + √h_t · z_t,   h_t = ω + α (r_{t−1} − μ)² + β h_{t−1},
 *   z_t ~ t_ν · √((ν − 2)/ν) (unit variance),
 *
 * with per-tick drift μ = driftPerYear / ticksPerYear and ω set so that the
 * unconditional variance ω/(1 − α − β) equals the target per-tick variance
 * h̄ = annualVolatility² / ticksPerYear (square-root-of-time scaling). α and β
 * are per tick and are not rescaled with ticksPerYear: a model with weekly
 * ticks wants its own α, β (GARCH is not closed under temporal aggregation,
 * Drost & Nijman, Econometrica 61, 1993). The process starts at h_0 = h̄.
 * Clustering and fat tails come from α, β, ν; see `garchKurtosis` and
 * `garchSquaredAutocorrelation` for its closed-form moments.
 */
export class MarketFactor {
  /** The validated parameters. */
  readonly params: Readonly<MarketFactorParams>;
  /** Per-tick drift μ. */
  readonly driftPerTick: number;
  /** ω, per tick squared. */
  readonly omega: number;
  private variance: number;
  private lastShock = 0;
  private started = false;

  /** Validates `params` (an InputError names the bad field) and draws from `rng`. */
  constructor(params: MarketFactorParams, private readonly rng: Rng) {
    this.params = validateParams(marketFactorSchema, params, 'market factor');
    const h = unconditionalTickVariance(this.params);
    this.omega = h * (1 - this.params.alpha - this.params.beta);
    this.driftPerTick = this.params.driftPerYear / this.params.ticksPerYear;
    this.variance = h;
  }

  /** Returns the conditional variance h_t of the next return, per tick squared. */
  get conditionalVariance(): number {
    return this.started ? this.omega + this.params.alpha * this.lastShock ** 2 + this.params.beta * this.variance : this.variance;
  }

  /** Returns the next tick's log return r_t (dimensionless) and advances the process. */
  next(): number {
    const h = this.conditionalVariance;
    const shock = Math.sqrt(h) * unitStudentT(this.rng, this.params.nu);
    this.variance = h;
    this.lastShock = shock;
    this.started = true;
    return this.driftPerTick + shock;
  }
}

/** `unconditionalTickVariance(params)` → h̄ = annualVolatility² / ticksPerYear, the per-tick unconditional variance of the factor's log returns. */
export function unconditionalTickVariance(params: MarketFactorParams): number {
  return (params.annualVolatility * params.annualVolatility) / params.ticksPerYear;
}

/**
 * `marketFactorPath(params, seed, ticks)` → `ticks` log returns of a
 * `MarketFactor` drawn from `new Rng(seed)`, one per tick (dimensionless).
 * The same (params, seed, ticks) always gives the same path, and a shorter
 * path is a prefix of a longer one.
 */
export function marketFactorPath(params: MarketFactorParams, seed: number, ticks: number): Float64Array {
  if (!Number.isInteger(ticks) || ticks < 0) throw new RangeError(`ticks must be a non-negative integer, got ${ticks}`);
  const factor = new MarketFactor(params, new Rng(seed));
  const out = new Float64Array(ticks);
  for (let t = 0; t < ticks; t++) out[t] = factor.next();
  return out;
}

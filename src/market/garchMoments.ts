import type { MarketFactorParams } from './marketFactor';

/**
 * `unitTKurtosis(nu)` → E z⁴ of a unit-variance Student t with ν degrees of
 * freedom, κ_z = 3(ν − 2)/(ν − 4), dimensionless; 3 for ν = Infinity,
 * Infinity for ν ≤ 4.
 */
export function unitTKurtosis(nu: number): number {
  if (nu === Infinity) return 3;
  return nu > 4 ? (3 * (nu - 2)) / (nu - 4) : Infinity;
}

/**
 * `garchKurtosis(params)` → the unconditional kurtosis E ε⁴ / (E ε²)² of the
 * factor's shocks ε_t = r_t − μ (not excess; subtract 3 for that),
 * dimensionless:
 *
 *   κ = κ_z (1 − (α + β)²) / (1 − (α + β)² − (κ_z − 1) α²),
 *
 * with κ_z = `unitTKurtosis(ν)`. Derivation: E σ⁴_t = ω² + 2ωφ E σ² +
 * (β² + 2αβ + κ_z α²) E σ⁴ with φ = α + β and E σ² = ω/(1 − φ), and
 * E ε⁴ = κ_z E σ⁴ (Bollerslev 1986 for κ_z = 3; He & Teräsvirta, J.
 * Econometrics 92, 1999, in general). Infinity when the fourth moment does
 * not exist: ν ≤ 4 or (α + β)² + (κ_z − 1) α² ≥ 1.
 */
export function garchKurtosis(params: Pick<MarketFactorParams, 'alpha' | 'beta' | 'nu'>): number {
  const kz = unitTKurtosis(params.nu);
  const phi = params.alpha + params.beta;
  const room = 1 - phi * phi - (kz - 1) * params.alpha * params.alpha;
  if (!(kz < Infinity) || !(room > 0)) return Infinity;
  return (kz * (1 - phi * phi)) / room;
}

/**
 * `garchSquaredAutocorrelation(params, lag)` → the autocorrelation of the
 * squared shocks ε²_t at `lag` ≥ 1, dimensionless:
 *
 *   ρ_1 = α (1 − αβ − β²) / (1 − 2αβ − β²),   ρ_k = ρ_1 (α + β)^(k−1).
 *
 * ε²_t is an ARMA(1,1) with AR coefficient φ = α + β and MA coefficient −β
 * in the martingale difference v_t = ε²_t − h_t, whose lag-1
 * autocorrelation (1 − βφ)(φ − β)/(1 − 2βφ + β²) is the ρ_1 above; it does
 * not depend on ν (Bollerslev, J. Time Series Analysis 9, 1988). Defined
 * only where the fourth moment exists (NaN otherwise; see `garchKurtosis`).
 */
export function garchSquaredAutocorrelation(params: Pick<MarketFactorParams, 'alpha' | 'beta' | 'nu'>, lag: number): number {
  if (!Number.isInteger(lag) || lag < 1) throw new RangeError(`lag must be an integer ≥ 1, got ${lag}`);
  if (garchKurtosis(params) === Infinity) return NaN;
  const { alpha, beta } = params;
  const rho1 = (alpha * (1 - alpha * beta - beta * beta)) / (1 - 2 * alpha * beta - beta * beta);
  return rho1 * Math.pow(alpha + beta, lag - 1);
}

/** The shape of a liquidity-network bridge's imbalance fee: zone edges as shares of the ideal balance, and the fee rates at them. */
export interface EquilibriumCurve {
  /** Above safeMax · ideal the fee is 0 (Stargate DELTA_1 = 0.6). */
  safeMax: number;
  /** Between safeMin · ideal and safeMax · ideal the marginal fee rises linearly from 0 to lambda1 (Stargate DELTA_2 = 0.05). */
  safeMin: number;
  /** Marginal fee rate at safeMin · ideal (Stargate LAMBDA_1 = 0.004, 40 bps). */
  lambda1: number;
  /** Further rise of the marginal fee rate from safeMin · ideal down to an empty pool (Stargate LAMBDA_2 = 0.996: 100% at 0). */
  lambda2: number;
}

/** Stargate's curve (StargateFeeLibraryV02 constants DELTA_1, DELTA_2, LAMBDA_1, LAMBDA_2). */
export const STARGATE_CURVE: EquilibriumCurve = { safeMax: 0.6, safeMin: 0.05, lambda1: 0.004, lambda2: 0.996 };

/** Returns the marginal fee rate (share of a token) when the destination pool holds `balance` tokens against an ideal of `ideal`. */
export function marginalEquilibriumRate(balance: number, ideal: number, c: EquilibriumCurve = STARGATE_CURVE): number {
  const hi = c.safeMax * ideal;
  const lo = c.safeMin * ideal;
  if (balance >= hi) return 0;
  if (balance >= lo) return (c.lambda1 * (hi - balance)) / (hi - lo);
  return c.lambda1 + (c.lambda2 * (lo - Math.max(0, balance))) / lo;
}

/**
 * Returns the equilibrium (imbalance) fee, in tokens, of taking `amount`
 * tokens out of a destination pool that holds `before` tokens against an
 * ideal balance `ideal`: the integral of the marginal rate φ(b) over the
 * balance from before − amount to before,
 *
 *   fee = ∫_{before−amount}^{before} φ(b) db,
 *   φ(b) = 0                                  for b ≥ safeMax · I,
 *        = λ1 (safeMax·I − b) / ((safeMax − safeMin) I)   for safeMin·I ≤ b < safeMax·I,
 *        = λ1 + λ2 (safeMin·I − b) / (safeMin · I)        for b < safeMin·I,
 *
 * so the fee is nothing while the pool stays above 60% of its ideal
 * balance, then rises by trapezoids: a transfer that drains the pool pays
 * more the emptier it leaves it, and one that refills it pays nothing.
 * Infinity when `amount` exceeds `before` (the pool cannot pay).
 *
 * Source: Stargate Finance, StargateFeeLibraryV02._getEquilibriumFee and
 * _getTrapezoidArea (github.com/stargate-protocol/stargate,
 * contracts/libraries/StargateFeeLibraryV02.sol, read 2026-12-02), in
 * floating point, without its protocol subsidy in the no-fee zone.
 */
export function equilibriumFee(before: number, amount: number, ideal: number, c: EquilibriumCurve = STARGATE_CURVE): number {
  if (!(amount > 0)) return 0;
  if (amount > before) return Infinity;
  const after = before - amount;
  const hi = c.safeMax * ideal;
  const lo = c.safeMin * ideal;
  // Trapezoid of φ between balances a < b inside one zone: (φ(a) + φ(b)) / 2 · (b − a).
  const area = (a: number, b: number) => (b > a ? ((marginalEquilibriumRate(a, ideal, c) + marginalEquilibriumRate(b, ideal, c)) / 2) * (b - a) : 0);
  const clip = (x: number, min: number, max: number) => Math.min(max, Math.max(min, x));
  return area(clip(after, lo, hi), clip(before, lo, hi)) + area(clip(after, 0, lo), clip(before, 0, lo));
}

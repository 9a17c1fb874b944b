import { z } from '../core/zod';

/** A kinked (two-slope) interest-rate model, rates per year. */
export const rateModelSchema = z
  .object({
    /** Borrow rate at zero utilisation, per year. */
    base: z.number().min(0).max(10),
    /** Rise of the borrow rate from zero to optimal utilisation, per year. */
    slope1: z.number().min(0).max(10),
    /** Rise of the borrow rate from optimal to full utilisation, per year. */
    slope2: z.number().min(0).max(100),
    /** The kink: utilisation where the steep slope starts, in (0, 1). */
    optimal: z.number().gt(0).lt(1),
  })
  .strict();
export type RateModel = z.infer<typeof rateModelSchema>;

/**
 * Returns the utilisation of a market, in [0, 1]: U = B / (C + B − R) with
 * cash C, borrows B and reserves R, all in units of the asset (0 when
 * nothing is borrowed).
 *
 * Source: Compound v2, BaseJumpRateModelV2.utilizationRate
 * (github.com/compound-finance/compound-protocol, contracts/BaseJumpRateModelV2.sol).
 * Aave v3's usage ratio, debt / (available liquidity + debt)
 * (DefaultReserveInterestRateStrategy.calculateInterestRates), is the same
 * with R = 0: Aave mints reserves to its treasury as aTokens, which stay in
 * the denominator.
 */
export function utilisation(cash: number, borrows: number, reserves: number): number {
  if (!(borrows > 0)) return 0;
  const u = borrows / (cash + borrows - reserves);
  return u > 1 ? 1 : u;
}

/**
 * Returns the variable borrow rate at utilisation u (a share in [0, 1]),
 * per year:
 *
 *   r = base + slope1 · u / U*                          for u ≤ U*
 *   r = base + slope1 + slope2 · (u − U*) / (1 − U*)    for u > U*
 *
 * Source: Aave v3, DefaultReserveInterestRateStrategy.calculateInterestRates
 * (github.com/aave/aave-v3-core, contracts/protocol/pool/DefaultReserveInterestRateStrategy.sol:
 * baseVariableBorrowRate, variableRateSlope1, variableRateSlope2,
 * OPTIMAL_USAGE_RATIO, MAX_EXCESS_USAGE_RATIO = 1 − U*; tested against the
 * cases of its test-suites/interest-rate-strategy.spec.ts); the same kink as
 * Compound v2's JumpRateModelV2 with baseRatePerYear = base, multiplier =
 * slope1 / U*, jumpMultiplier = slope2 / (1 − U*), kink = U*
 * (compound-finance/compound-protocol, contracts/BaseJumpRateModelV2.sol,
 * getBorrowRateInternal), here per year rather than per block.
 */
export function borrowRate(u: number, m: RateModel): number {
  if (u <= m.optimal) return m.base + (m.slope1 * u) / m.optimal;
  return m.base + m.slope1 + (m.slope2 * (u - m.optimal)) / (1 - m.optimal);
}

/**
 * Returns the rate depositors earn, per year: u · r_borrow · (1 − reserveFactor)
 * (Compound v2, BaseJumpRateModelV2.getSupplyRate; Aave v3's
 * currentLiquidityRate = r_variable · usage ratio · (1 − reserveFactor) in
 * DefaultReserveInterestRateStrategy.calculateInterestRates, with no stable
 * debt and no unbacked supply).
 */
export function supplyRate(u: number, borrowRatePerYear: number, reserveFactor: number): number {
  return u * borrowRatePerYear * (1 - reserveFactor);
}

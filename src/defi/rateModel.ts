import { z } from 'zod';

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
 * cash C, borrows B and reserves R (0 when nothing is borrowed).
 *
 * Source: Compound v2, BaseJumpRateModelV2.utilizationRate
 * (github.com/compound-finance/compound-protocol, contracts/BaseJumpRateModelV2.sol).
 */
export function utilisation(cash: number, borrows: number, reserves: number): number {
  if (!(borrows > 0)) return 0;
  const u = borrows / (cash + borrows - reserves);
  return u > 1 ? 1 : u;
}

/**
 * Returns the borrow rate at utilisation u, per year:
 *
 *   r = base + slope1 · u / U*                          for u ≤ U*
 *   r = base + slope1 + slope2 · (u − U*) / (1 − U*)    for u > U*
 *
 * Source: Aave v2, DefaultReserveInterestRateStrategy.calculateInterestRates
 * (github.com/aave/protocol-v2, contracts/protocol/lendingpool/DefaultReserveInterestRateStrategy.sol);
 * the same kink as Compound's JumpRateModelV2 with multiplier = slope1 / U*
 * and jumpMultiplier = slope2 / (1 − U*) (BaseJumpRateModelV2.getBorrowRateInternal).
 */
export function borrowRate(u: number, m: RateModel): number {
  if (u <= m.optimal) return m.base + (m.slope1 * u) / m.optimal;
  return m.base + m.slope1 + (m.slope2 * (u - m.optimal)) / (1 - m.optimal);
}

/**
 * Returns the rate depositors earn, per year: u · r_borrow · (1 − reserveFactor)
 * (Compound v2, BaseJumpRateModelV2.getSupplyRate).
 */
export function supplyRate(u: number, borrowRatePerYear: number, reserveFactor: number): number {
  return u * borrowRatePerYear * (1 - reserveFactor);
}

import { z } from '../core/zod';
import { defineBlock } from '../core/block';

/** Parameters of the green incentives. */
export const greenIncentivesParamsSchema = z
  .object({
    /** Reward-weight multiplier for operators on their own renewables (1: none), in [0, 100]. */
    renewableMultiplier: z.number().min(0).max(100),
    /** Reward-weight multiplier for operators that offset all their emissions (1: none), in [0, 100]. */
    offsetMultiplier: z.number().min(0).max(100),
    /**
     * Price of carbon offsets, in USD per tonne CO2 (8: roughly the 2023
     * average of voluntary-market offsets, Ecosystem Marketplace, State of
     * the Voluntary Carbon Market 2024; removals cost far more).
     */
    offsetUsdPerTonne: z.number().min(0),
    /** Carbon-price policy: a fee per tonne of un-offset CO2, paid to the treasury, in USD per tonne (0: none). */
    carbonPriceUsdPerTonne: z.number().min(0),
  })
  .strict();
export type GreenIncentivesParams = z.infer<typeof greenIncentivesParamsSchema>;

/** No green incentives: multipliers 1, no carbon price. */
export const noGreenIncentives: GreenIncentivesParams = {
  renewableMultiplier: 1,
  offsetMultiplier: 1,
  offsetUsdPerTonne: 8,
  carbonPriceUsdPerTonne: 0,
};

/**
 * Returns an operator's reward-weight multiplier: `renewableMultiplier` when
 * it runs on its own renewables, else `offsetMultiplier` when it buys
 * offsets, else 1. Its reward weight is capacity × multiplier. A multiplier
 * below 1e-6 counts as 0: a reward weight that small would make the
 * reward-per-weight index overflow its float precision.
 */
export function greenMultiplier(p: GreenIncentivesParams, renewable: boolean, offsets: boolean): number {
  const m = renewable ? p.renewableMultiplier : offsets ? p.offsetMultiplier : 1;
  return m < 1e-6 ? 0 : m;
}

/** Returns what offsetting `carbonKg` kg CO2 costs, in USD: tonnes × offset price. */
export function offsetCostUsd(carbonKg: number, usdPerTonne: number): number {
  return (carbonKg / 1000) * usdPerTonne;
}

/** Returns the carbon fee on `carbonKg` kg of un-offset CO2, in USD: tonnes × carbon price. */
export function carbonFeeUsd(carbonKg: number, usdPerTonne: number): number {
  return (carbonKg / 1000) * usdPerTonne;
}

/** The green-incentives policy block: reward multipliers for renewables and offsets, an offset price and a carbon price (its parameters are its API). */
export const green = defineBlock({
  key: 'green',
  kind: 'policy',
  description: 'green incentives: reward-weight multipliers for renewables and offsets, offset price, carbon price on un-offset CO2',
  sources: ['offset price: Ecosystem Marketplace, State of the Voluntary Carbon Market 2024'],
  params: { schema: greenIncentivesParamsSchema, defaults: noGreenIncentives },
  build(ctx) {
    return { api: { params: ctx.params } };
  },
});

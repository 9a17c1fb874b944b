import { z } from '../core/zod';

/**
 * The premium an emitter pays over its grid tariff to buy certified
 * renewable electricity (a green tariff, or unbundled certificates), in USD
 * per kWh, rising linearly from `min` for the first kWh it switches to
 * `max` for the last: premium(x) = min + (max − min) · x at share x of its
 * grid electricity. An assumption: US utility green-pricing programmes have
 * charged premiums of about 1–3 ¢/kWh (NREL, "Status and Trends in the U.S.
 * Voluntary Green Power Market", annual reports); the rise stands for the
 * scarcer, dearer supply of a full switch.
 */
export const greenPremiumSchema = z
  .object({
    /** Premium of the first kWh switched, in USD per kWh (≥ 0). */
    min: z.number().min(0),
    /** Premium of the last kWh switched, in USD per kWh (≥ min). */
    max: z.number().min(0),
  })
  .strict()
  .refine((p) => p.max >= p.min, { message: 'is below min; expected max ≥ min', path: ['max'] });
export type GreenPremium = z.infer<typeof greenPremiumSchema>;

/** Default premium: 1 ¢/kWh for the first kWh, 5 ¢/kWh for the last. */
export const defaultGreenPremium: GreenPremium = { min: 0.01, max: 0.05 };

/** Returns the USD of switching share `s` of `kwh` to green power: kWh · (min · s + (max − min) · s² / 2). */
export function greenSwitchUsd(kwh: number, s: number, p: GreenPremium): number {
  return kwh * (p.min * s + ((p.max - p.min) * s * s) / 2);
}

/**
 * Returns the marginal abatement cost of an emitter at grid intensity
 * `gPerKwh` at the start and end of its green-power curve, in USD per tonne
 * CO2: premium · 10⁶ / g (a tonne is 10⁶ / g kWh). A dirtier grid abates a
 * tonne for fewer kWh switched, so more cheaply.
 */
export function macRange(gPerKwh: number, p: GreenPremium): [number, number] {
  return [(p.min * 1e6) / gPerKwh, (p.max * 1e6) / gPerKwh];
}

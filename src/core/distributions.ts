import { z } from './zod';
import type { Rng } from './rng';

/**
 * How a per-agent trait is drawn. Units are those of the trait itself.
 * - `constant`: always `value`;
 * - `uniform`: uniform in [min, max);
 * - `normal`: N(mean, sd²), clipped to [min, max] when given;
 * - `lognormal`: exp(N(mu, sigma²)), so the median is e^mu;
 * - `pareto`: xm · U^(−1/alpha), heavy-tailed, minimum xm.
 */
export type Distribution =
  | { dist: 'constant'; value: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'normal'; mean: number; sd: number; min?: number; max?: number }
  | { dist: 'lognormal'; mu: number; sigma: number }
  | { dist: 'pareto'; xm: number; alpha: number };

/** Returns the zod schema that validates a `Distribution` (ranges included). */
export const distributionSchema: z.ZodType<Distribution> = z.discriminatedUnion('dist', [
  z.object({ dist: z.literal('constant'), value: z.number() }).strict(),
  z
    .object({ dist: z.literal('uniform'), min: z.number(), max: z.number() })
    .strict()
    .refine((d) => d.max >= d.min, { message: 'uniform needs max >= min' }),
  z
    .object({
      dist: z.literal('normal'),
      mean: z.number(),
      sd: z.number().nonnegative(),
      min: z.number().optional(),
      max: z.number().optional(),
    })
    .strict(),
  z.object({ dist: z.literal('lognormal'), mu: z.number(), sigma: z.number().nonnegative() }).strict(),
  z.object({ dist: z.literal('pareto'), xm: z.number().positive(), alpha: z.number().positive() }).strict(),
]);

/** Returns one draw from `d` using `rng`. */
export function sample(d: Distribution, rng: Rng): number {
  switch (d.dist) {
    case 'constant':
      return d.value;
    case 'uniform':
      return rng.uniform(d.min, d.max);
    case 'normal': {
      const x = rng.normal(d.mean, d.sd);
      return Math.min(d.max ?? Infinity, Math.max(d.min ?? -Infinity, x));
    }
    case 'lognormal':
      return rng.lognormal(d.mu, d.sigma);
    case 'pareto':
      return rng.pareto(d.xm, d.alpha);
  }
}

/** Fills `out[from..to)` with draws from `d` and returns `out`. */
export function sampleInto(d: Distribution, rng: Rng, out: Float64Array, from = 0, to = out.length): Float64Array {
  for (let i = from; i < to; i++) out[i] = sample(d, rng);
  return out;
}

/** Returns the mean of `d` in closed form (Infinity for a Pareto with alpha <= 1). */
export function distributionMean(d: Distribution): number {
  switch (d.dist) {
    case 'constant':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'normal':
      return d.mean;
    case 'lognormal':
      return Math.exp(d.mu + (d.sigma * d.sigma) / 2);
    case 'pareto':
      return d.alpha > 1 ? (d.alpha * d.xm) / (d.alpha - 1) : Infinity;
  }
}

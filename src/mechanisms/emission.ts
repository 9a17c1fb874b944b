import { z } from 'zod';

/** Parameters of the emission schedule. */
export const emissionParamsSchema = z
  .object({
    /** `constant`, `exponential` (decay) or `halving`. */
    schedule: z.enum(['constant', 'exponential', 'halving']),
    /** Emission rate at the start, in tokens per year. */
    ratePerYear: z.number().min(0),
    /** Exponential decay rate λ, per year (exponential schedule). */
    decayPerYear: z.number().min(0).max(100),
    /** Ticks between halvings (halving schedule). */
    halvingTicks: z.number().int().min(1),
    /** Cap on total supply (minted − burned), in tokens; null for none. */
    maxSupply: z.number().positive().nullable(),
  })
  .strict();
export type EmissionParams = z.infer<typeof emissionParamsSchema>;

/**
 * Returns the scheduled emission of tick t (1-based), in tokens, before the
 * supply cap. With E0 = ratePerYear / ticksPerYear:
 * - constant:    E(t) = E0
 * - exponential: E(t) = E0 · r^(t−1), r = exp(−λ / ticksPerYear)
 * - halving:     E(t) = E0 · 2^(−⌊(t−1) / P⌋), P = halvingTicks
 */
export function scheduledEmission(p: EmissionParams, tick: number, ticksPerYear: number): number {
  const e0 = p.ratePerYear / ticksPerYear;
  switch (p.schedule) {
    case 'constant':
      return e0;
    case 'exponential':
      return e0 * Math.exp((-p.decayPerYear * (tick - 1)) / ticksPerYear);
    case 'halving':
      return e0 * Math.pow(2, -Math.floor((tick - 1) / p.halvingTicks));
  }
}

/**
 * Returns Σ E(t) for t = 1..T in closed form, in tokens (no cap):
 * - constant:    T · E0
 * - exponential: E0 · (1 − r^T) / (1 − r) = E0 · expm1(−λT/TPY) / expm1(−λ/TPY)
 *                (T · E0 when λ = 0; expm1 keeps tiny λ exact)
 * - halving:     2 · E0 · P · (1 − 2^(−q)) + m · E0 · 2^(−q), T = qP + m
 */
export function cumulativeEmission(p: EmissionParams, ticks: number, ticksPerYear: number): number {
  const e0 = p.ratePerYear / ticksPerYear;
  switch (p.schedule) {
    case 'constant':
      return ticks * e0;
    case 'exponential': {
      if (p.decayPerYear === 0) return ticks * e0;
      return (e0 * Math.expm1((-p.decayPerYear * ticks) / ticksPerYear)) / Math.expm1(-p.decayPerYear / ticksPerYear);
    }
    case 'halving': {
      const P = p.halvingTicks;
      const q = Math.floor(ticks / P);
      const m = ticks - q * P;
      return 2 * e0 * P * (1 - Math.pow(2, -q)) + m * e0 * Math.pow(2, -q);
    }
  }
}

/**
 * Returns the emission allowed in tick t, in tokens: the scheduled amount
 * capped so that supply (minted − burned) never exceeds `maxSupply`:
 * min(E(t), max(0, maxSupply − supply)).
 */
export function cappedEmission(p: EmissionParams, tick: number, ticksPerYear: number, supply: number): number {
  const e = scheduledEmission(p, tick, ticksPerYear);
  if (p.maxSupply === null) return e;
  return Math.min(e, Math.max(0, p.maxSupply - supply));
}

/** Where a share of each tick's emission goes; `pay` returns false to refuse (nothing is minted for it). */
export interface EmissionSink {
  readonly name: string;
  /** Share of emission, in [0, 1]; read every tick so parameter changes apply at once. */
  share(): number;
  pay(amount: number): boolean;
}

/**
 * The emission mechanism (phase `pre`): each tick mints the capped scheduled
 * emission E(t) split among its sinks, sink k receiving E(t) · share_k. A sink
 * that refuses (no stake, no nodes) gets nothing and nothing is minted for it,
 * so `minted` counts only tokens that reached a holder.
 */
export class Emission {
  readonly name = 'emission';
  /** Tokens minted by this mechanism this tick. */
  mintedThisTick = 0;

  constructor(
    private readonly params: () => EmissionParams,
    private readonly sinks: EmissionSink[],
  ) {}

  pre(world: { tick: number; ticksPerYear: number; ledger: { supply: number; mint(a: number): void } }): void {
    const e = cappedEmission(this.params(), world.tick, world.ticksPerYear, world.ledger.supply);
    let minted = 0;
    for (const sink of this.sinks) {
      const amount = e * sink.share();
      if (amount > 0 && sink.pay(amount)) {
        world.ledger.mint(amount);
        minted += amount;
      }
    }
    this.mintedThisTick = minted;
  }
}

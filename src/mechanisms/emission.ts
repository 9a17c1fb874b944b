import { z } from '../core/zod';
import { RunError } from '../core/errors';
import { FormulaEmission } from './formulaEmission';

/** The fields of an emission schedule (also used by blocks with a schedule of their own, such as DePIN rewards). */
export const emissionScheduleShape = {
  /**
   * `constant`, `exponential` (decay), `halving`, `linear` (decay to zero),
   * `inflation` (a set annual share of supply), `stakingTarget` (issuance
   * steered by the staking ratio) or `formula` (a user expression).
   */
  schedule: z.enum(['constant', 'exponential', 'halving', 'linear', 'inflation', 'stakingTarget', 'formula']),
  /** Emission rate at the start, in tokens per year. */
  ratePerYear: z.number().min(0).max(1e15),
  /** Exponential decay rate λ, per year (exponential schedule). */
  decayPerYear: z.number().min(0).max(100),
  /** Ticks between halvings (halving schedule). */
  halvingTicks: z.number().int().min(1),
  /** The cap, in tokens (see `capOn`); null for none. */
  maxSupply: z.number().positive().nullable(),
  /**
   * What the cap bounds: `minted` (default) caps every token ever minted,
   * genesis included, so burns never reopen issuance (Bitcoin's 21M);
   * `supply` caps minted − burned, so burning makes room to mint again.
   */
  capOn: z.enum(['minted', 'supply']).optional(),
  /** Ticks until the linear schedule reaches zero (linear schedule). */
  linearTicks: z.number().int().min(1).optional(),
  /** Annual inflation, a share of supply per year (inflation schedule). */
  inflationPerYear: z.number().min(0).max(10).optional(),
  /** Target-staking-ratio rule (stakingTarget schedule); see `stakingTargetInflation`. */
  stakingTarget: z
    .object({
      /** Staking ratio aimed at, in (0, 1). */
      target: z.number().gt(0).lt(1),
      /** Least and most annual issuance, shares of supply per year. */
      minPerYear: z.number().min(0),
      maxPerYear: z.number().min(0),
      /** Change in annual issuance per unit of staking-ratio gap (share of supply per year). */
      gain: z.number().min(0),
    })
    .strict()
    .refine((s) => s.maxPerYear >= s.minPerYear, { message: 'stakingTarget needs maxPerYear >= minPerYear' })
    .optional(),
  /** mathjs expression giving emission in tokens per year (formula schedule); see `FORMULA_VARIABLES`. */
  formula: z.string().optional(),
};

/** Adds an issue for each schedule that lacks the field it needs, and for a formula that does not compile. */
export function checkSchedule(p: { schedule: string; linearTicks?: number; inflationPerYear?: number; stakingTarget?: unknown; formula?: string }, ctx: z.RefinementCtx): void {
  const need = { linear: 'linearTicks', inflation: 'inflationPerYear', stakingTarget: 'stakingTarget', formula: 'formula' } as const;
  const key = (need as Record<string, keyof typeof p>)[p.schedule];
  if (key && p[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `schedule ${p.schedule} needs emission.${key}` });
  if (p.schedule === 'formula' && p.formula !== undefined) {
    try {
      new FormulaEmission(p.formula);
    } catch (e) {
      ctx.addIssue({ code: 'custom', path: ['formula'], message: (e as Error).message });
    }
  }
}

/** Parameters of an emission schedule. */
export const emissionParamsSchema = z.object(emissionScheduleShape).strict().superRefine(checkSchedule);
export type EmissionParams = z.infer<typeof emissionParamsSchema>;

/**
 * The state a state-dependent emission rule reads at the start of a tick:
 * supply and staked (tokens), price (USD per token, end of the previous
 * tick), fees of the previous tick (USD), treasury tokens, and the compiled
 * formula of a `formula` schedule.
 */
export interface EmissionState {
  supply: number;
  staked: number;
  price: number;
  feesUsd: number;
  treasury: number;
  formula?: FormulaEmission | null;
}

/**
 * Returns the annual issuance of the target-staking-ratio rule, as a share of
 * supply per year — a proportional controller on the staking-ratio gap:
 *
 *   i(r) = clamp(i_mid + g · (r* − r), i_min, i_max),  i_mid = (i_min + i_max) / 2,
 *
 * so issuance is i_mid at the target r*, rises when fewer tokens are staked
 * than the target and falls when more are, within [i_min, i_max].
 */
export function stakingTargetInflation(s: NonNullable<EmissionParams['stakingTarget']>, stakingRatio: number): number {
  const i = (s.minPerYear + s.maxPerYear) / 2 + s.gain * (s.target - stakingRatio);
  return i < s.minPerYear ? s.minPerYear : i > s.maxPerYear ? s.maxPerYear : i;
}

/**
 * Returns the scheduled emission of tick t (1-based), in tokens, before the
 * supply cap. With E0 = ratePerYear / ticksPerYear and S the supply at the
 * start of the tick:
 * - constant:      E(t) = E0
 * - exponential:   E(t) = E0 · r^(t−1), r = exp(−λ / ticksPerYear)
 * - halving:       E(t) = E0 · 2^(−⌊(t−1) / P⌋), P = halvingTicks
 * - linear:        E(t) = E0 · max(0, 1 − (t−1) / L), L = linearTicks
 * - inflation:     E(t) = S · ((1 + i)^(1/ticksPerYear) − 1), i = inflationPerYear,
 *                  so with no burns supply grows by exactly (1 + i) a year
 * - stakingTarget: E(t) = S · i(staked / S) / ticksPerYear (`stakingTargetInflation`)
 * - formula:       E(t) = max(0, f(t, supply, staked, …)) / ticksPerYear
 * State-dependent schedules need `state`; a formula that gives a non-finite
 * value throws a `RunError`.
 */
export function scheduledEmission(p: EmissionParams, tick: number, ticksPerYear: number, state?: EmissionState): number {
  const e0 = p.ratePerYear / ticksPerYear;
  switch (p.schedule) {
    case 'constant':
      return e0;
    case 'exponential':
      return e0 * Math.exp((-p.decayPerYear * (tick - 1)) / ticksPerYear);
    case 'halving':
      return e0 * Math.pow(2, -Math.floor((tick - 1) / p.halvingTicks));
    case 'linear': {
      const left = 1 - (tick - 1) / (p.linearTicks ?? 1);
      return left > 0 ? e0 * left : 0;
    }
    case 'inflation':
      return needState(p, state).supply * Math.expm1(Math.log1p(p.inflationPerYear ?? 0) / ticksPerYear);
    case 'stakingTarget': {
      const s = needState(p, state);
      const ratio = s.supply > 0 ? s.staked / s.supply : 0;
      return (s.supply * stakingTargetInflation(p.stakingTarget!, ratio)) / ticksPerYear;
    }
    case 'formula':
      return formulaEmission(p, tick, ticksPerYear, needState(p, state));
  }
}

function needState(p: EmissionParams, state: EmissionState | undefined): EmissionState {
  if (!state) throw new Error(`emission schedule ${p.schedule} depends on state: pass an EmissionState`);
  return state;
}

function formulaEmission(p: EmissionParams, tick: number, ticksPerYear: number, s: EmissionState): number {
  const f = s.formula ?? new FormulaEmission(p.formula ?? '');
  f.set('t', tick);
  f.set('years', tick / ticksPerYear);
  f.set('tpy', ticksPerYear);
  f.set('supply', s.supply);
  f.set('staked', s.staked);
  f.set('staking_ratio', s.supply > 0 ? s.staked / s.supply : 0);
  f.set('price', s.price);
  f.set('fees_usd', s.feesUsd);
  f.set('treasury', s.treasury);
  f.set('rate', p.ratePerYear);
  const perYear = f.evaluate();
  if (!Number.isFinite(perYear)) throw new RunError(`emission formula "${f.expression}" gave ${perYear}`, tick);
  return perYear > 0 ? perYear / ticksPerYear : 0;
}

/**
 * Returns Σ E(t) for t = 1..T in closed form, in tokens (no cap):
 * - constant:    T · E0
 * - exponential: E0 · (1 − r^T) / (1 − r) = E0 · expm1(−λT/TPY) / expm1(−λ/TPY)
 *                (T · E0 when λ = 0; expm1 keeps tiny λ exact)
 * - halving:     2 · E0 · P · (1 − 2^(−q)) + m · E0 · 2^(−q), T = qP + m
 * - linear:      E0 · (n − n(n−1) / (2L)), n = min(T, L)
 * State-dependent schedules (inflation, stakingTarget, formula) have no
 * closed form in T alone and throw.
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
    case 'linear': {
      const L = p.linearTicks ?? 1;
      const n = Math.min(ticks, L);
      return e0 * (n - (n * (n - 1)) / (2 * L));
    }
    default:
      throw new Error(`emission schedule ${p.schedule} depends on state and has no closed form in ticks`);
  }
}

/**
 * Returns the emission allowed in tick t, in tokens: the scheduled amount
 * capped so that the capped quantity never exceeds `maxSupply`:
 * min(E(t), max(0, maxSupply − X)), X = every token minted so far
 * (`capOn: 'minted'`, the default) or minted − burned (`capOn: 'supply'`).
 */
export function cappedEmission(p: EmissionParams, tick: number, ticksPerYear: number, totals: { minted: number; supply: number }, state?: EmissionState): number {
  const e = scheduledEmission(p, tick, ticksPerYear, state);
  if (p.maxSupply === null) return e;
  const x = (p.capOn ?? 'minted') === 'minted' ? totals.minted : totals.supply;
  return Math.min(e, Math.max(0, p.maxSupply - x));
}


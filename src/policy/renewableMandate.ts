import { z } from '../core/zod';
import type { Ledger } from '../core/ledger';
import { defineBlock } from '../core/block';
import type { AnyWorld } from '../core/world';
import { last, total } from '../metrics/series';
import { treasury, type Treasury } from '../mechanisms/treasury';
import { outsideCharge, revenueCharge, type EmitterCharge, type PolicyEmitters, type UnitPolicyCost } from './emitters';
import { defaultGreenPremium, greenPremiumSchema, greenSwitchUsd } from './greenPower';

/** Parameters of a minimum renewable share of node operators' electricity. */
export const renewableMandateParamsSchema = z
  .object({
    /** First tick the mandate applies (its share rising from 0); null: never (the block is inert). */
    startTick: z.number().int().min(0).nullable(),
    /** Tick by which the full share is required (≥ startTick); null: at startTick. */
    effectiveTick: z.number().int().min(0).nullable(),
    /** Minimum share of each operator's grid electricity that must be renewable, in [0, 1]. */
    targetShare: z.number().min(0).max(1),
    /** Penalty per MWh of required renewable electricity not bought, in USD (an assumption: tens of USD per MWh, the order of US state RPS alternative compliance payments). */
    penaltyUsdPerMwh: z.number().min(0),
    /** Where penalties go: the treasury (source `carbon fee`) or out of the model. */
    revenueTo: z.enum(['treasury', 'outside']),
    /** The cost of complying: green power at a premium rising with the share switched. */
    greenPremiumUsdPerKwh: greenPremiumSchema,
  })
  .strict();
export type RenewableMandateParams = z.infer<typeof renewableMandateParamsSchema>;

/** No mandate: the block is inert (startTick null). */
export const renewableMandateDefaults: RenewableMandateParams = {
  startTick: null,
  effectiveTick: null,
  targetShare: 0,
  penaltyUsdPerMwh: 50,
  revenueTo: 'treasury',
  greenPremiumUsdPerKwh: defaultGreenPremium,
};

/**
 * Returns the renewable share required at `tick`, in [0, 1]: 0 before
 * startTick, rising linearly to targetShare at effectiveTick, then flat:
 * s(t) = target · min(1, (t − start + 1) / (effective − start + 1)).
 */
export function requiredShare(p: RenewableMandateParams, tick: number): number {
  if (p.startTick === null || tick < p.startTick) return 0;
  const end = p.effectiveTick ?? p.startTick;
  const ramp = (tick - p.startTick + 1) / (end - p.startTick + 1);
  return p.targetShare * (ramp < 1 ? ramp : 1);
}

/** Returns the penalty on an operator drawing `kwh` of grid electricity that buys none of share `s` green, in USD: s · kWh / 1000 · penalty per MWh. */
export function mandatePenaltyUsd(kwh: number, s: number, p: RenewableMandateParams): number {
  return ((s * kwh) / 1000) * p.penaltyUsdPerMwh;
}

/**
 * Returns the cheaper way for an operator drawing `kwh` of grid electricity
 * to meet share `s`, in USD: switching (`greenSwitchUsd`, kWh · (min · s +
 * (max − min) · s² / 2)) or the penalty (`mandatePenaltyUsd`); it switches
 * when switching costs no more.
 */
export function mandateCost(kwh: number, s: number, p: RenewableMandateParams): number {
  return Math.min(greenSwitchUsd(kwh, s, p.greenPremiumUsdPerKwh), mandatePenaltyUsd(kwh, s, p));
}

/**
 * An energy-source mandate on DePIN node operators: from `startTick` each
 * operator on grid power must buy at least the share s(t) (`requiredShare`)
 * of its electricity as certified renewable. Phase `pre`, each tick, each
 * online operator drawing grid power either switches (pays the green-power
 * premium, USD out of the model; its green share becomes s) or, when that
 * is dearer, pays the penalty on the shortfall (`mandateCost`) and emits as
 * before. Operators on their own renewables comply already. The cost of
 * complying enters each operator's planning cost per unit, so an operator
 * for whom neither pays exits by its own rule. Runs before carbon pricing
 * in the model's list, which then covers the remaining grid electricity.
 * Compliance is recorded: operators that switched and that paid.
 */
export class RenewableMandate implements UnitPolicyCost {
  /** Share required this tick. */
  share = 0;
  /** Operators that switched this tick, and that paid the penalty instead. */
  switched = 0;
  penalised = 0;
  /** Green-power premium and penalties paid this tick, in USD. */
  greenUsd = 0;
  penaltyUsd = 0;
  /** Grid electricity covered this tick, and the part bought green for the mandate, in kWh. */
  coveredKwh = 0;
  greenKwh = 0;
  private emitters: PolicyEmitters | null = null;
  private charges: { green: EmitterCharge; penalty: EmitterCharge } | null = null;

  constructor(
    private readonly params: () => RenewableMandateParams,
    private readonly ledger: Ledger,
    private readonly treasury: Treasury | null,
  ) {}

  /** Covers `emitters` (called by the agent class when it is built). */
  attach(emitters: PolicyEmitters): void {
    this.emitters = emitters;
    const pop = emitters.population;
    this.charges = {
      green: outsideCharge(this.ledger, pop, 'green power premium'),
      penalty: revenueCharge(this.ledger, pop, 'mandate penalty', this.params().revenueTo, this.treasury),
    };
  }

  /** Returns what the mandate costs operator i for one unit drawing `gridKwh` this tick, in USD (the cheaper of switching and the penalty). */
  unitCostUsd(_i: number, gridKwh: number): number {
    if (!(this.share > 0) || !(gridKwh > 0)) return 0;
    return mandateCost(gridKwh, this.share, this.params());
  }

  /** Phase `pre`: each operator on grid power switches or pays. */
  pre(world: AnyWorld): void {
    const p = this.params();
    this.share = requiredShare(p, world.tick);
    this.switched = 0;
    this.penalised = 0;
    this.greenUsd = 0;
    this.penaltyUsd = 0;
    this.coveredKwh = 0;
    this.greenKwh = 0;
    if (!(this.share > 0) || this.emitters === null || this.charges === null) return;
    const em = this.emitters;
    const cols = em.population.cols;
    for (let i = 0; i < em.population.size; i++) {
      if (cols.online[i] === 0) continue;
      const kwh = em.gridKwhThisTick(i);
      if (!(kwh > 0)) continue;
      this.coveredKwh += kwh;
      const green = greenSwitchUsd(kwh, this.share, p.greenPremiumUsdPerKwh);
      const penalty = mandatePenaltyUsd(kwh, this.share, p);
      if (green <= penalty) {
        this.charges.green.charge(i, green);
        this.greenUsd += green;
        this.greenKwh += kwh * this.share;
        cols.greenShare[i] = this.share;
        this.switched++;
      } else {
        this.charges.penalty.charge(i, penalty);
        this.penaltyUsd += penalty;
        this.penalised++;
      }
    }
  }
}

/** The renewable-mandate policy block: a minimum renewable share of operators' electricity by a date, switch or pay. */
export const renewableMandate = defineBlock({
  key: 'renewableMandate',
  kind: 'policy',
  description: "minimum renewable share of node operators' grid electricity, phased in to a date: switch to green power or pay a penalty per MWh short",
  sources: [
    'renewable portfolio standards with alternative compliance payments (US state RPS); premium and penalty levels are assumptions',
    'green-power premium: an assumption near NREL, "Status and Trends in the U.S. Voluntary Green Power Market"',
  ],
  params: { schema: renewableMandateParamsSchema, defaults: renewableMandateDefaults },
  uses: { treasury },
  metrics: {
    mandate_share: { unit: 'share', description: 'renewable share of grid electricity required this tick' },
    mandate_switched: { unit: 'operators', description: 'operators that bought green power to comply this tick' },
    mandate_penalised: { unit: 'operators', description: 'operators that paid the penalty instead this tick' },
    mandate_green_kwh: { unit: 'kWh', kind: 'flow', description: 'grid electricity bought green for the mandate since the previous row' },
    mandate_green_usd: { unit: 'USD', kind: 'flow', description: 'green-power premium paid for the mandate since the previous row' },
    mandate_penalty_usd: { unit: 'USD', kind: 'flow', description: 'mandate penalties since the previous row' },
  },
  kpis: {
    mandate_compliance_share: { unit: 'share', description: 'share of operators that complied by switching at the last tick (of those covered)' },
    total_mandate_penalty_usd: { unit: 'USD', description: 'mandate penalties over the run' },
  },
  check(p) {
    if (p.startTick !== null && p.effectiveTick !== null && p.effectiveTick < p.startTick) {
      return [{ path: 'effectiveTick', message: `is ${p.effectiveTick}, before startTick ${p.startTick}; expected effectiveTick ≥ startTick` }];
    }
    return [];
  },
  build(ctx) {
    const m = new RenewableMandate(ctx.params, ctx.ledger, ctx.deps.treasury);
    return {
      api: m,
      hooks: { pre: (w) => m.pre(w) },
      metrics: {
        mandate_share: () => m.share,
        mandate_switched: () => m.switched,
        mandate_penalised: () => m.penalised,
        mandate_green_kwh: () => m.greenKwh,
        mandate_green_usd: () => m.greenUsd,
        mandate_penalty_usd: () => m.penaltyUsd,
      },
      summary: ({ series }) => {
        const s = last(series, 'mandate_switched');
        const n = s + last(series, 'mandate_penalised');
        return { mandate_compliance_share: n > 0 ? s / n : 0, total_mandate_penalty_usd: total(series, 'mandate_penalty_usd') };
      },
    };
  },
});

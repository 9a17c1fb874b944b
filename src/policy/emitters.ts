import type { Ledger } from '../core/ledger';
import type { Population } from '../core/population';
import type { Route } from '../core/route';
import type { Treasury } from '../mechanisms/treasury';

/** The columns a policy block reads and writes on the emitters it covers. */
export const policyEmitterColumns = {
  /** Share of the emitter's grid electricity bought as certified renewable this tick, in [0, 1] (reset to 0 each tick; policies raise it). */
  greenShare: 'f64',
  /** Costs the emitter could not pay, owed to creditors outside the model, in USD. */
  debtUsd: 'f64',
  online: 'u8',
  capacity: 'f64',
  /** Carbon intensity of its grid, in gCO2/kWh. */
  gridIntensity: 'f64',
} as const;

/**
 * What an agent class gives the policy blocks that cover its emissions
 * (DePIN node operators): its population and the grid electricity each
 * agent draws this tick. Policy blocks do not import agent classes; the
 * class attaches itself (`attach`) when it is built.
 */
export interface PolicyEmitters {
  readonly population: Population<typeof policyEmitterColumns>;
  /** Returns the grid electricity agent i draws this tick before any green share, in kWh (0 offline, down or on its own renewables). */
  gridKwhThisTick(i: number): number;
}

/** A policy's planning cost for one unit: what an emitter expects a policy to cost it per tick, in USD. */
export interface UnitPolicyCost {
  /** Returns the policy's cost to agent i of running one unit this tick that draws `gridKwh` of grid electricity, in USD (0 before the policy starts). */
  unitCostUsd(i: number, gridKwh: number): number;
}

/** Where a policy's USD revenue goes: the treasury, or out of the model (a government outside it). */
export type RevenueTo = 'treasury' | 'outside';

/**
 * Charges an emitter's USD along one route, borrowing what it lacks: the
 * emitter pays min(usd, amount) along `paid`; creditors outside the model
 * pay the rest along `credited` (from outside to the same destination), and
 * it is added to the emitter's `debtUsd`, which the agent class repays out of
 * later cash (or is forced out over). Returns the USD paid from its balance.
 */
export class EmitterCharge {
  constructor(
    private readonly pop: Population<typeof policyEmitterColumns>,
    private readonly paid: Route,
    /** Null when the destination is outside the model: then nothing moves for the unpaid part. */
    private readonly credited: Route | null,
  ) {}

  /** Charges agent i `amount` USD; returns what it paid from its own balance. */
  charge(i: number, amount: number): number {
    if (!(amount > 0)) return 0;
    const c = this.pop.cols;
    const own = c.usd[i] < amount ? c.usd[i] : amount;
    if (own > 0) this.paid.take(i, own);
    const rest = amount - own;
    if (rest > 0) {
      if (this.credited) this.credited.move(rest);
      c.debtUsd[i] += rest;
    }
    return own;
  }
}

/**
 * Returns a charge of `pop`'s USD for `reason`, paid to the treasury (source
 * `carbon fee`) or out of the model by `to`; without a treasury it goes out
 * of the model.
 */
export function revenueCharge(ledger: Ledger, pop: Population<typeof policyEmitterColumns>, reason: string, to: RevenueTo, treasury: Treasury | null): EmitterCharge {
  const usd = ledger.pocket(pop.account!, pop, 'usd', 'usd');
  if (to === 'treasury' && treasury) {
    return new EmitterCharge(pop, treasury.incomeFromAgents(pop, 'carbon fee', 'usd'), treasury.incomeFrom('outside', 'carbon fee', 'usd'));
  }
  return new EmitterCharge(pop, ledger.route(usd, 'outside', reason, 'usd'), null);
}

/** Returns a charge of `pop`'s USD paid out of the model for `reason` (abatement: green power bought from outside). */
export function outsideCharge(ledger: Ledger, pop: Population<typeof policyEmitterColumns>, reason: string): EmitterCharge {
  const usd = ledger.pocket(pop.account!, pop, 'usd', 'usd');
  return new EmitterCharge(pop, ledger.route(usd, 'outside', reason, 'usd'), null);
}

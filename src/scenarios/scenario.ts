import type { z } from 'zod';
import type { Account } from '../core/account';
import type { Ledger } from '../core/ledger';
import type { Rng } from '../core/rng';
import type { AnyWorld } from '../core/world';
import type { LiquidityProviders } from '../../agents/liquidityProviders';
import type { Stakers } from '../../agents/stakers';
import type { LstStakers } from '../../agents/lstStakers';
import type { VoteBuyer } from '../../agents/voteBuyer';
import type { LiquidStakingToken } from '../defi/ports';
import type { FactorState } from '../market/factor';
import type { ConstantProductPool } from '../market/constantProductPool';
import type { ServiceMarket } from '../mechanisms/serviceMarket';

/** The blocks a scenario can perturb, by key, as the run's model has them (null when it does not). */
export interface ScenarioTargets {
  readonly factor: FactorState | null;
  readonly market: ConstantProductPool | null;
  readonly liquidityProviders: LiquidityProviders | null;
  readonly stakers: Stakers | null;
  readonly service: ServiceMarket | null;
  readonly liquidStaking: LiquidStakingToken | null;
  readonly lstStakers: LstStakers | null;
  readonly voteBuyer: VoteBuyer | null;
}

/** What a scenario's perturbation is built from in a run. */
export interface ScenarioRun {
  readonly world: AnyWorld;
  readonly ledger: Ledger;
  /** The scenario's own random stream (the `scenarios` block's, forked by the scenario's name). */
  readonly rng: Rng;
  /** Returns the API of target `key`; the `scenarios` block has checked before any run that the model has it. */
  target<K extends keyof ScenarioTargets>(key: K): NonNullable<ScenarioTargets[K]>;
  /** The scenario's locked holding (see `ScenarioKind.lockedTokens`), not circulating. */
  readonly locked: Account;
  /** The scenario's circulating holding: what it releases and sells, and the USD it gets. */
  readonly seller: Account;
}

/** A perturbation's hooks, run after every other block's in their phase, and each from the scenario's start tick. */
export interface Perturbation {
  readonly exogenous?: (world: AnyWorld) => void;
  readonly pre?: (world: AnyWorld) => void;
}

/** The parameters every scenario has: the tick it starts at (its perturbation leaves every earlier tick as it was). */
export interface ScenarioParams {
  at: number;
}

/** A kind of scenario (a crash, a liquidity withdrawal, …) as its file declares it. */
export interface ScenarioKind<T extends ScenarioParams> {
  /** Its name, as `tokensim blocks` and the manifest show it: `crash`. */
  readonly kind: string;
  /** One line on what it perturbs. */
  readonly description: string;
  /** Its parameters; `at` (tick ≥ 1) included; strict. */
  readonly schema: z.ZodType<T>;
  /** The targets it perturbs: the model must have them. */
  readonly needs: readonly (keyof ScenarioTargets)[];
  /**
   * Tokens held locked from genesis in every run of the experiment, shocked
   * or not (an unlock's allocation), so that supply is the same in all of
   * them and only the perturbation differs; none when omitted.
   */
  readonly lockedTokens?: (p: T) => number;
  /** Builds the run's perturbation (called only in runs of this scenario). */
  perturb(run: ScenarioRun, p: T): Perturbation;
}

/** A scenario of an experiment: its kind and its parameters. */
export interface Scenario<T extends ScenarioParams = ScenarioParams> {
  readonly kind: ScenarioKind<T>;
  readonly params: T;
}

/** Any scenario. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyScenario = Scenario<any>;

/**
 * Returns the factory of a scenario kind: `crash({ depth: 0.3, ticks: 5, at: 180 })`
 * is a `Scenario` an experiment lists under a name (`scenarios: { crash30: … }`).
 * Its parameters are checked by the kind's schema when the experiment is
 * defined (and again, with `--set` and sweep values, before any run).
 */
export function scenarioKind<T extends ScenarioParams>(kind: ScenarioKind<T>): (params: T) => Scenario<T> {
  return (params) => ({ kind, params });
}

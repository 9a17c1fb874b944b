import { z } from '../core/zod';
import { defineBlock, port, type AnyBlock, type HolderSpec, type KpiSpec, type Port } from '../core/block';
import { InputError } from '../core/errors';
import { marketPort } from '../market/amm';
import { stressKpis } from '../metrics/tail/stressKpis';
import type { AnyScenario, Perturbation, ScenarioRun, ScenarioTargets } from './scenario';

/** The name of the unshocked scenario, run alongside the listed ones. */
export const NO_SCENARIO = 'none';

/** Parameter keys of the `scenarios` block that are not scenario names. */
const RESERVED = new Set([NO_SCENARIO, 'active', 'priceFloor', 'stakingRatioFloor']);

/** Default floors of the breach KPIs: half the genesis price; a staking ratio of 0.2. */
export const DEFAULT_FLOORS = { priceFloor: 0.5, stakingRatioFloor: 0.2 } as const;

/**
 * Each scenario target as a port on its block's key (the market's is the
 * market port: whatever venue makes the price). Ports, not the blocks
 * themselves, so that loading the scenarios does not load every block a
 * scenario can perturb; a test holds each key to its block's.
 */
export const SCENARIO_TARGETS: { readonly [K in keyof ScenarioTargets]: Port<NonNullable<ScenarioTargets[K]>> } = {
  factor: port('factor'),
  market: marketPort,
  liquidityProviders: port('liquidityProviders'),
  stakers: port('stakers'),
  service: port('service'),
  liquidStaking: port('liquidStaking'),
  lstStakers: port('lstStakers'),
  voteBuyer: port('voteBuyer'),
};

/** The block key of each scenario target. */
const TARGET_KEYS = Object.fromEntries(Object.entries(SCENARIO_TARGETS).map(([k, p]) => [k, p.key])) as Record<keyof ScenarioTargets, string>;

const TAIL_KPIS: Record<string, KpiSpec> = {
  stress_start_tick: { unit: 'tick', description: "start tick of the run's scenario (the unshocked run: the earliest start among the experiment's scenarios), from which the other stress KPIs are measured" },
  stress_drawdown: { unit: 'share', description: 'largest fall of the price from the stress start on below its level just before it, as a share of that level (0 when it never fell below)' },
  stress_recovery_ticks: { unit: 'ticks', description: 'ticks from the stress start until the price is back at its pre-start level after falling below it (0 without a fall); when censored, the ticks observed' },
  stress_recovery_censored: { unit: '0/1', description: '1 when the price fell below its pre-start level and never regained it in the run (the recovery time is censored)' },
  price_floor_breach: { unit: '0/1', description: '1 when the price went below scenarios.priceFloor × its genesis level from the stress start on' },
};

const STAKING_KPI: Record<string, KpiSpec> = {
  staking_floor_breach: { unit: '0/1', description: '1 when the staking ratio went below scenarios.stakingRatioFloor from the stress start on' },
};

/**
 * Returns the `scenarios` block of an experiment with the named scenarios
 * `named` over `model`: its parameters are `active` (the run's scenario, or
 * `none`; the plan sets it per run), the breach floors and one entry per
 * scenario with that scenario's parameters (`scenarios.crash30.depth`).
 * Every run builds every scenario's locked holdings at genesis (so the runs
 * differ only in the perturbation), and the active scenario's perturbation;
 * its hooks run last in their phase. Its KPIs are the run's tail KPIs
 * (`stressKpis`) from the active scenario's start. Throws an `InputError`
 * naming a scenario whose name is reserved or not an identifier, whose
 * parameters fail its schema, or that needs a block the model lacks.
 */
export function scenarioSet(named: Record<string, AnyScenario>, model: { name: string; blocks: readonly AnyBlock[]; metrics: readonly { name: string }[] }): AnyBlock {
  const names = Object.keys(named);
  if (names.length === 0) throw new InputError('scenarios: list at least one scenario, e.g. { crash30: crash({ depth: 0.3, ticks: 5, at: 180 }) }');
  const shape: Record<string, z.ZodTypeAny> = {
    active: z.enum([NO_SCENARIO, ...names] as [string, ...string[]]),
    /** Price floor of `price_floor_breach`, as a share of the genesis price. */
    priceFloor: z.number().gt(0).max(1),
    /** Staking-ratio floor of `staking_floor_breach`. */
    stakingRatioFloor: z.number().min(0).max(1),
  };
  const defaults: Record<string, unknown> = { active: NO_SCENARIO, ...DEFAULT_FLOORS };
  const holders: Record<string, HolderSpec> = {};
  const has = (key: string) => model.blocks.some((b) => b.key === key || (b.spec.provides ?? []).some((p) => p.key === key));
  for (const [name, s] of Object.entries(named)) {
    if (RESERVED.has(name) || !/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
      throw new InputError(`scenario "${name}": a scenario name must be letters, digits and '_', starting with a letter, and not ${[...RESERVED].join(', ')}`);
    }
    const check = s.kind.schema.safeParse(s.params);
    if (!check.success) throw new InputError(`scenario "${name}" (${s.kind.kind}): ${check.error.issues[0].path.join('.') || '(root)'}: ${check.error.issues[0].message}`);
    for (const t of s.kind.needs) {
      if (!has(TARGET_KEYS[t])) throw new InputError(`scenario "${name}" (${s.kind.kind}) perturbs the ${TARGET_KEYS[t]} block, which model ${model.name} does not have`);
    }
    shape[name] = s.kind.schema as z.ZodTypeAny;
    defaults[name] = s.params;
    if (s.kind.lockedTokens) {
      holders[name] = { circulating: false, description: `tokens scenario ${name} holds locked from genesis` };
      holders[`${name}.seller`] = { circulating: true, description: `tokens scenario ${name} released, and the USD it sold them for` };
    }
  }
  if (!model.metrics.some((m) => m.name === 'price')) throw new InputError(`scenarios: their tail KPIs read the price metric, which model ${model.name} does not have (add a market block such as amm)`);
  const staking = model.metrics.some((m) => m.name === 'staking_ratio');
  return defineBlock({
    key: 'scenarios',
    kind: 'scenario',
    description: `stress scenarios (${names.map((n) => `${n}: ${named[n].kind.kind}`).join(', ')}): one perturbs each run but the unshocked; tail KPIs from its start`,
    params: { schema: z.object(shape).strict() as z.ZodType<Record<string, any>>, defaults },
    uses: SCENARIO_TARGETS,
    holders,
    kpis: staking ? { ...TAIL_KPIS, ...STAKING_KPI } : TAIL_KPIS,
    build(ctx) {
      const p = ctx.params();
      const active = p.active as string;
      const start = active === NO_SCENARIO ? Math.min(...names.map((n) => (p[n] as { at: number }).at)) : (p[active] as { at: number }).at;
      const targets: ScenarioTargets = ctx.deps;
      const runOf = (name: string): ScenarioRun => ({
        world: ctx.world,
        ledger: ctx.ledger,
        rng: ctx.rng.fork(name),
        target(key) {
          const api = targets[key];
          if (!api) throw new Error(`scenario ${name} needs the ${TARGET_KEYS[key]} block`);
          return api as NonNullable<typeof api>;
        },
        get locked() {
          return ctx.account(name);
        },
        get seller() {
          return ctx.account(`${name}.seller`);
        },
      });
      let perturbation: Perturbation = {};
      if (active !== NO_SCENARIO) perturbation = named[active].kind.perturb(runOf(active), p[active]);
      const { exogenous, pre } = perturbation;
      return {
        api: { active, start },
        genesis: () => {
          for (const name of names) {
            const tokens = named[name].kind.lockedTokens?.(p[name]) ?? 0;
            if (tokens > 0) ctx.ledger.route('mint', ctx.account(name), 'genesis').move(tokens);
          }
        },
        hooks: {
          ...(exogenous ? { exogenous: (w) => { if (w.tick >= start) exogenous(w); } } : {}),
          ...(pre ? { pre: (w) => { if (w.tick >= start) pre(w); } } : {}),
        },
        summary: ({ series, ticks }) => {
          const k = stressKpis(series.price, ticks, start, { priceFloor: p.priceFloor, stakingRatioFloor: p.stakingRatioFloor }, series.staking_ratio);
          const out: Record<string, number> = {
            stress_start_tick: start,
            stress_drawdown: k.drawdown,
            stress_recovery_ticks: k.recoveryTicks,
            stress_recovery_censored: k.censored,
            price_floor_breach: k.priceBreach,
          };
          if (staking) out.staking_floor_breach = k.stakingBreach;
          return out;
        },
      };
    },
  });
}

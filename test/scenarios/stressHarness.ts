import { expect } from 'vitest';
import { defineBlock, type AnyBlock } from '../../src/core/block';
import type { AnyWorld } from '../../src/core/world';
import { defineExperiment, type DeepPartial, type ScenarioList } from '../../src/experiment/define';
import type { Model } from '../../src/experiment/model';
import { planRuns, type RunSpec } from '../../src/experiment/plan';
import { runOne, type RunResult } from '../../src/experiment/runOne';
import { tokenEconomy } from '../../src/models/tokenEconomy';

/** A small token economy: few agents, and conservation checked every tick. */
export const SMALL = {
  stakers: { count: 60 },
  traders: { count: 60 },
  liquidityProviders: { count: 20 },
  nodeOperators: { candidates: 20, initialNodes: 8 },
} as const;

/** Returns an experiment of `model` (the small token economy by default) with `scenarios`, its plan's runs of replicate 0 by scenario, and each run's result. */
export function stressRuns(
  scenarios: ScenarioList,
  opts: { model?: Model<any>; params?: DeepPartial<any>; ticks?: number; extra?: (m: Model<any>) => Model<any> } = {},
) {
  const experiment = defineExperiment({
    name: 'stress-test',
    model: opts.model ?? tokenEconomy,
    params: opts.params ?? SMALL,
    scenarios,
    seeds: 1,
    ticks: opts.ticks ?? 40,
  });
  const model = opts.extra ? opts.extra(experiment.model) : experiment.model;
  const plan = planRuns(experiment);
  const results = new Map<string, RunResult>();
  const specs = new Map<string, RunSpec<any>>();
  for (const run of plan.runs) {
    specs.set(run.scenario!, run);
    results.set(run.scenario!, runOne(model, run, { ticks: plan.ticks, every: 1, metrics: null, check: true }));
  }
  return { experiment, model, plan, results, specs };
}

/**
 * Asserts that `shocked` and `unshocked` agree bit for bit on every metric
 * at every tick before `at`, and that some metric differs at `at` or later.
 */
export function expectSamePrefix(shocked: RunResult, unshocked: RunResult, at: number): void {
  expect(shocked.status, shocked.error ?? '').toBe('ok');
  expect(unshocked.status, unshocked.error ?? '').toBe('ok');
  const names = Object.keys(unshocked.series);
  expect(Object.keys(shocked.series)).toEqual(names);
  const differing: string[] = [];
  for (const name of names) {
    const a = shocked.series[name];
    const b = unshocked.series[name];
    for (let k = 0; k < shocked.ticks.length && shocked.ticks[k] < at; k++) {
      if (!Object.is(a[k], b[k])) throw new Error(`${name} differs at tick ${shocked.ticks[k]}, before the scenario's tick ${at}: ${a[k]} vs ${b[k]}`);
    }
    for (let k = 0; k < shocked.ticks.length; k++) if (shocked.ticks[k] >= at && !Object.is(a[k], b[k])) {
      differing.push(name);
      break;
    }
  }
  expect(differing.length).toBeGreaterThan(0);
}

/**
 * Returns two blocks that capture `read(deps)` in phase `pre` of tick `at`:
 * `before` (place it before the scenarios block) and `after` (at the end),
 * so that the values are the state just before and just after the
 * scenario's own `pre` hook — what it did, and nothing else.
 */
export function prePhaseProbes<T>(at: number, uses: Record<string, AnyBlock>, read: (deps: Record<string, any>, world: AnyWorld) => T) {
  const seen: { before: T | null; after: T | null } = { before: null, after: null };
  const probe = (which: 'before' | 'after') =>
    defineBlock({
      key: which === 'before' ? 'probeBefore' : 'probeAfter',
      kind: 'metrics',
      description: `test probe: state ${which} the scenario's pre hook`,
      uses,
      build(ctx) {
        return {
          api: null,
          hooks: {
            pre: (w) => {
              if (w.tick === at) seen[which] = read(ctx.deps as Record<string, any>, w);
            },
          },
        };
      },
    });
  return {
    seen,
    install: (m: Model<any>) => (m as any).with({ before: 'scenarios' }, probe('before')).with(probe('after')) as Model<any>,
  };
}

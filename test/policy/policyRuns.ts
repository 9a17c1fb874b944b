import { defineExperiment, type DeepPartial } from '../../src/experiment/define';
import type { Model } from '../../src/experiment/model';
import { planRuns } from '../../src/experiment/plan';
import { runOne, type RunResult } from '../../src/experiment/runOne';
import { depinNetwork } from '../../src/models/depinNetwork';
import { accessRules } from '../../src/policy/accessRules';
import { carbonPricing } from '../../src/policy/carbonPricing';
import { renewableMandate } from '../../src/policy/renewableMandate';
import { taxRules } from '../../src/policy/taxRules';

/** A small DePIN network: few agents, energy and grid as the model's defaults. */
export const SMALL_DEPIN = { stakers: { count: 40 }, traders: { count: 40 }, nodeOperators: { candidates: 150, initialNodes: 40, considerProbability: 0.1 } } as const;

/** The DePIN network with every policy block (all inert until an experiment sets their start ticks, or jurisdictions for the tax rules). */
export const policyNetwork = depinNetwork.with({ before: 'nodeOperators' }, renewableMandate, carbonPricing, accessRules, taxRules);

/** Returns each variant's run of replicate 0 (conservation checked every tick), by variant name. */
export function policyRuns(variants: Record<string, DeepPartial<any>>, opts: { model?: Model<any>; ticks?: number; seed?: number; params?: DeepPartial<any> } = {}): Map<string, RunResult> {
  const experiment = defineExperiment({ name: 'policy-test', model: opts.model ?? policyNetwork, params: opts.params ?? SMALL_DEPIN, variants, seeds: 1, baseSeed: opts.seed ?? 7, ticks: opts.ticks ?? 60 });
  const plan = planRuns(experiment);
  const out = new Map<string, RunResult>();
  for (const run of plan.runs) out.set(run.variant, runOne(experiment.model, run, { ticks: plan.ticks, every: 1, metrics: null, check: true }));
  return out;
}

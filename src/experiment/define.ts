import { produce } from 'immer';
import { InputError } from '../core/errors';
import { assertKnownPath } from '../core/paths';
import type { AnyBlock } from '../core/block';
import type { AnyScenario, Scenario } from '../scenarios/scenario';
import { scenarioSet } from '../scenarios/scenarioSet';
import type { Model } from './model';
import { selectMetrics } from './selectMetrics';
import { expandSweep, sweepSeed, type SweepSpec } from './sweep';

/** A partial parameter object: any subset of the fields, at any depth. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** Ticks between samples of O(N log N) metrics when an experiment does not say. */
export const DEFAULT_SAMPLE_EVERY = 10;

/** What to record: every how many ticks, which metrics (all when omitted), and how often to sample O(N log N) metrics. */
export interface RecordSpec {
  /** Ticks between rows; default 1. */
  every?: number;
  metrics?: string[] | null;
  /**
   * Ticks between samples of O(N log N) metrics (voting-power Gini and
   * Nakamoto); rows between samples hold the last one. Default 10.
   */
  sampleEvery?: number;
  /** Whether to write the ledger's flows (`flows.arrow`, when the model has them); default true. */
  flows?: boolean;
}

/** Named scenarios of an experiment: `{ crash30: crash({ depth: 0.3, ticks: 5, at: 180 }) }`. */
export type ScenarioList = Record<string, AnyScenario>;

/**
 * The parameters the `scenarios` block adds for scenarios `S` (none when
 * the experiment lists no scenario): the run's scenario, the breach floors
 * and each scenario's parameters, by its name.
 */
export type ScenarioParamsOf<S> = [keyof S] extends [never]
  ? {}
  : { scenarios: { active: string; priceFloor: number; stakingRatioFloor: number } & { [K in keyof S]: S[K] extends Scenario<infer T> ? T : never } };

/** An experiment as written in an experiment file. */
export interface ExperimentSpec<P extends object, S extends ScenarioList = {}> {
  /** Name used for the output directory and in the manifest. */
  name: string;
  /** One line on the question the experiment answers. */
  description?: string;
  model: Model<P>;
  /** Changes to the model's defaults for this study. */
  params?: NoInfer<DeepPartial<P>>;
  /** Named policy variants compared in this study, each a partial parameter set on top of `params`; default `{ baseline: {} }`. */
  variants?: Record<string, NoInfer<DeepPartial<P & ScenarioParamsOf<S>>>>;
  /**
   * Named stress scenarios: every variant (and sweep point) runs under each
   * of them and unshocked (`none`), with the same seeds. Their parameters
   * are `scenarios.<name>.<field>` for `--set`, variants and sweeps.
   */
  scenarios?: S;
  /**
   * Parameter points to run every variant at (grid, zip, random or Latin
   * hypercube over dotted parameter paths); runs are variants × points ×
   * replicates. Default: one point, the variant's own parameters.
   */
  sweep?: NoInfer<SweepSpec<P & ScenarioParamsOf<S>>> | null;
  /** Replicates (seeds) per variant and sweep point; default 5. */
  seeds?: number;
  /** Base seed all run seeds derive from; default 1. */
  baseSeed?: number;
  /** Ticks per run; default 365. */
  ticks?: number;
  record?: RecordSpec;
}

/** A checked experiment with every default filled in. */
export interface Experiment<P extends object> {
  readonly name: string;
  readonly description: string;
  readonly model: Model<P>;
  /** The model's defaults with the experiment's `params` applied. */
  readonly defaults: P;
  readonly variants: Record<string, DeepPartial<P>>;
  /** Scenario names, in the order runs take them (after `none`); empty without scenarios. */
  readonly scenarioNames: readonly string[];
  /** Each scenario's kind, by name (for the manifest). */
  readonly scenarioKinds: Readonly<Record<string, string>>;
  readonly sweep: SweepSpec<P> | null;
  readonly seeds: number;
  readonly baseSeed: number;
  readonly ticks: number;
  readonly record: { every: number; metrics: string[] | null; sampleEvery: number; flows: boolean };
}

/**
 * Returns `base` with every leaf of `overrides` set (immer, so `base` is
 * untouched). Throws an `InputError` naming an override path that `base` does
 * not have. Arrays and distribution objects given as overrides replace the
 * whole value.
 */
export function applyOverrides<P extends object>(base: P, overrides: NoInfer<DeepPartial<P>> | undefined, context: string): P {
  if (!overrides) return base;
  return produce(base, (draft) => {
    const visit = (target: Record<string, unknown>, src: Record<string, unknown>, prefix: string) => {
      for (const [k, v] of Object.entries(src)) {
        const path = prefix ? `${prefix}.${k}` : k;
        if (!Object.prototype.hasOwnProperty.call(target, k)) assertKnownPath(base, path, `${context} parameter`);
        const cur = target[k];
        const isDist = v !== null && typeof v === 'object' && 'dist' in (v as object);
        if (v !== null && typeof v === 'object' && !Array.isArray(v) && !isDist && cur !== null && typeof cur === 'object') {
          visit(cur as Record<string, unknown>, v as Record<string, unknown>, path);
        } else {
          target[k] = v;
        }
      }
    };
    visit(draft as Record<string, unknown>, overrides as Record<string, unknown>, '');
  }) as P;
}

/** Returns the dotted paths an override object sets (its leaves; a distribution counts as one leaf). */
export function overridePaths(overrides: object): string[] {
  const out: string[] = [];
  const visit = (o: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(o)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (v !== null && typeof v === 'object' && !Array.isArray(v) && !('dist' in v)) visit(v as Record<string, unknown>, path);
      else out.push(path);
    }
  };
  visit(overrides as Record<string, unknown>, '');
  return out;
}

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new InputError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/**
 * Returns a checked `Experiment` from an experiment file's spec: defaults
 * filled in, the study's parameter changes applied, and every variant's paths
 * checked against the model's parameters. Throws an `InputError` on the first
 * problem.
 */
export function defineExperiment<P extends object, const S extends ScenarioList = {}>(spec: ExperimentSpec<P, S>): Experiment<P & ScenarioParamsOf<S>> {
  type Q = P & ScenarioParamsOf<S>;
  if (!spec.name || !/^[\w.-]+$/.test(spec.name)) throw new InputError(`experiment name must be letters, digits, '-', '_' or '.', got "${spec.name}"`);
  const model = withScenarios(spec.model, spec.scenarios, spec.name) as Model<Q>;
  const defaults = applyOverrides(model.defaults, spec.params as DeepPartial<Q>, `experiment ${spec.name}`);
  const variants = spec.variants && Object.keys(spec.variants).length ? spec.variants : { baseline: {} };
  for (const [name, v] of Object.entries(variants)) {
    for (const path of overridePaths(v)) assertKnownPath(defaults, path, `variant "${name}"`);
  }
  const baseSeed = (spec.baseSeed ?? 1) >>> 0;
  if (spec.sweep) {
    // Expanding here checks the design (paths, lists, ranges) when the file is loaded.
    const { paths } = expandSweep(spec.sweep, defaults, sweepSeed(spec.sweep, baseSeed));
    for (const [name, v] of Object.entries(variants)) {
      const both = overridePaths(v).filter((p) => paths.includes(p));
      if (both.length) throw new InputError(`variant "${name}" sets ${both.join(', ')}, which the sweep also sets; a parameter is either varied or swept`);
    }
  }
  if (spec.record?.metrics) selectMetrics(model.metrics, spec.record.metrics);
  const every = positiveInt('record.every', spec.record?.every ?? 1);
  const sampleEvery = positiveInt('record.sampleEvery', spec.record?.sampleEvery ?? DEFAULT_SAMPLE_EVERY);
  return {
    name: spec.name,
    description: spec.description ?? '',
    model,
    defaults,
    variants: variants as Record<string, DeepPartial<Q>>,
    scenarioNames: Object.keys(spec.scenarios ?? {}),
    scenarioKinds: Object.fromEntries(Object.entries(spec.scenarios ?? {}).map(([n, s]) => [n, s.kind.kind])),
    sweep: (spec.sweep ?? null) as SweepSpec<Q> | null,
    seeds: positiveInt('seeds', spec.seeds ?? 5),
    baseSeed,
    ticks: positiveInt('ticks', spec.ticks ?? 365),
    record: { every, metrics: spec.record?.metrics ?? null, sampleEvery, flows: spec.record?.flows ?? model.tables.some((t) => t.name === 'flows') },
  };
}

/** A model that can take more blocks (a `BlockModel`), as far as scenarios need it. */
interface ExtensibleModel<P extends object> extends Model<P> {
  readonly blocks: readonly AnyBlock[];
  with(...blocks: AnyBlock[]): Model<P>;
}

/**
 * Returns `model` with the `scenarios` block of `scenarios` (see
 * `scenarioSet`) at the end of its list, or `model` itself without
 * scenarios. Throws an `InputError` when the model is not made of blocks.
 */
function withScenarios<P extends object>(model: Model<P>, scenarios: ScenarioList | undefined, experiment: string): Model<P> {
  if (!scenarios) return model;
  const m = model as Partial<ExtensibleModel<P>>;
  if (!m.blocks || typeof m.with !== 'function') throw new InputError(`experiment ${experiment}: scenarios need a model made of blocks (defineModel), and ${model.name} is not`);
  return m.with(scenarioSet(scenarios, { name: model.name, blocks: m.blocks, metrics: model.metrics }));
}


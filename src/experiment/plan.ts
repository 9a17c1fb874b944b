import { produce } from 'immer';
import { InputError } from '../core/errors';
import { describeIssue } from '../core/params';
import { assertKnownPath, getPath, parseValueLike, setPath } from '../core/paths';
import { deriveSeed } from '../core/seeds';
import { assertRunCount, assertRunFits, assertTicks } from './bounds';
import { assertPathReferences } from './paramRefs';
import { applyOverrides, overridePaths, type Experiment } from './define';
import { expandSweep, sweepSeed } from './sweep';
import { NO_SCENARIO } from '../scenarios/scenarioSet';

/** One run of an experiment: its identity, seed and full parameters. */
export interface RunSpec<P extends object = object> {
  runId: number;
  variant: string;
  /** The run's scenario (`none`: unshocked), or absent when the experiment lists no scenario. */
  scenario?: string;
  /** Index of the sweep point; 0 (or absent) when there is no sweep. */
  point?: number;
  replicate: number;
  seed: number;
  params: P;
}

/** Command-line changes to an experiment. */
export interface PlanOptions {
  seeds?: number;
  ticks?: number;
  baseSeed?: number;
  /** `path=value` assignments applied to the experiment's defaults. */
  set?: string[];
  /** Skip the memory check (a worker thread: the main thread made it, and memory is now shared with the runs). */
  memoryChecked?: boolean;
}

/** The expanded experiment: every run, and the parameter paths that vary between runs. */
export interface Plan<P extends object = object> {
  experiment: Experiment<P>;
  defaults: P;
  ticks: number;
  seeds: number;
  baseSeed: number;
  runs: RunSpec<P>[];
  /** Dotted paths set by a variant or the sweep (each becomes a column of `runs.arrow`). */
  variedPaths: string[];
  /** Dotted paths the sweep sets, in the design's order. */
  sweptPaths: string[];
  /** Number of sweep points (1 without a sweep). */
  pointCount: number;
  /** The `--set` assignments as applied, path → value. */
  assignments: Record<string, unknown>;
  /** Per `--set` path that some variants set themselves (so it does not reach their runs), those variants. */
  shadowed: Record<string, string[]>;
}

/** Returns true when dotted paths `a` and `b` name the same parameter or one lies inside the other. */
function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/**
 * Returns, per `--set` path, the variants that set it (or a path inside or
 * around it) themselves: a variant's value wins over `--set`, which changes
 * the experiment's defaults. Throws an `InputError` when `--set` would
 * change no run at all: the sweep sets the path, or every variant does.
 */
function shadowedAssignments(assignments: Record<string, unknown>, variants: Record<string, object>, swept: readonly string[]): Record<string, string[]> {
  const names = Object.keys(variants);
  const paths = Object.fromEntries(names.map((v) => [v, overridePaths(variants[v])]));
  const out: Record<string, string[]> = {};
  for (const path of Object.keys(assignments)) {
    const bySweep = swept.find((p) => overlaps(p, path));
    if (bySweep) throw new InputError(`--set ${path}: the sweep sets ${bySweep} in every run, so --set would change nothing; change the sweep in the experiment file, or drop --set`);
    const by = names.filter((v) => paths[v].some((p) => overlaps(p, path)));
    if (by.length === 0) continue;
    if (by.length === names.length) {
      const p = paths[by[0]].find((q) => overlaps(q, path))!;
      throw new InputError(`--set ${path}: ${names.length === 1 ? `the experiment's variant "${by[0]}" sets` : `every variant (${by.join(', ')}) sets`} ${p} itself, so --set would change nothing; a variant's value wins over --set, which changes the experiment's defaults`);
    }
    out[path] = by;
  }
  return out;
}

/**
 * Returns the seed of replicate r: deriveSeed(baseSeed, "replicate", r)
 * (FNV-1a of the text "<baseSeed>/replicate/<r>", then MurmurHash3 fmix32).
 * The variant and the sweep point are deliberately left out, so that every
 * variant and every point of one replicate sees the same random streams
 * (common random numbers): differences between variants, or between
 * neighbouring points, paired by replicate then measure the policy or the
 * parameter, not the luck of the draw.
 */
export function runSeed(baseSeed: number, replicate: number): number {
  return deriveSeed(baseSeed, 'replicate', replicate);
}

/** A decimal number as a parameter value is written: `12`, `-0.5`, `.25`, `4e6`. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Returns `path=value` parsed against `defaults`, or throws an `InputError` naming it. */
export function parseAssignment(defaults: object, text: string): [string, unknown] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new InputError(`--set ${text}: expected path=value, e.g. --set emission.ratePerYear=4000000`);
  const path = text.slice(0, eq).trim();
  assertKnownPath(defaults, path, '--set');
  const raw = text.slice(eq + 1);
  const current = getPath(defaults, path);
  // Number() also takes hexadecimal, binary, octal and surrounding blanks; a parameter takes a decimal.
  if ((typeof current === 'number' || (current === null && raw !== 'null')) && !DECIMAL.test(raw)) {
    throw new InputError(`--set ${path}=${raw}: expected a decimal number${current === null ? ' or null' : `, e.g. ${current}`}`);
  }
  return [path, parseValueLike(path, raw, current)];
}

/** The parameter that says which scenario a run is in: the plan's to set, never an experiment's. */
const ACTIVE_SCENARIO = 'scenarios.active';

/** Throws an `InputError` when `paths` (set by `what`) include the run's scenario, which the plan sets per run. */
function assertNotActive(paths: readonly string[], what: string): void {
  if (paths.includes(ACTIVE_SCENARIO)) throw new InputError(`${what} sets ${ACTIVE_SCENARIO}, which the plan sets per run; every listed scenario runs, and none (unshocked)`);
}

/** Throws an `InputError` when `path` (set by `what`) names a scenario the experiment does not list: `scenarios.<name>.<field>`. */
function assertKnownScenario(experiment: Experiment<object>, path: string, what: string): void {
  const [head, name, field] = path.split('.');
  const names = experiment.scenarioNames;
  if (head !== 'scenarios' || field === undefined || names.length === 0 || names.includes(name)) return;
  throw new InputError(`${what}: the experiment has no scenario "${name}"; its scenarios are ${names.join(', ')}`);
}

/**
 * Throws an `InputError` naming the first scenario of `experiment` that
 * starts after the run's last tick (its perturbation would never happen).
 */
function assertScenarioStarts(experiment: Experiment<object>, defaults: object, ticks: number): void {
  for (const name of experiment.scenarioNames) {
    const at = getPath(defaults, `scenarios.${name}.at`) as number;
    if (at > ticks) throw new InputError(`scenario "${name}" starts at tick ${at}, after the run's last tick ${ticks}; set scenarios.${name}.at or --ticks`);
  }
}

/**
 * Returns the experiment expanded into runs (variants × scenarios, `none`
 * first, when it lists any × sweep points × replicates, in that order; run
 * ids from 0), with `--set` assignments applied and every run's
 * parameters validated against the model's schema. Throws an `InputError`
 * on the first bad input, before any run starts: also when the runs would
 * exceed `MAX_RUNS` or `MAX_TICKS`, or one run could not fit in the memory
 * available (bounds.ts).
 */
export function planRuns<P extends object>(experiment: Experiment<P>, opts: PlanOptions = {}): Plan<P> {
  const assignments: Record<string, unknown> = {};
  for (const text of opts.set ?? []) {
    assertKnownScenario(experiment as Experiment<object>, text.slice(0, Math.max(0, text.indexOf('='))).trim(), `--set ${text}`);
    const [path, value] = parseAssignment(experiment.defaults, text);
    assertNotActive([path], `--set ${text}`);
    assignments[path] = value;
  }
  const defaults = produce(experiment.defaults, (d) => {
    for (const [path, value] of Object.entries(assignments)) setPath(d as Record<string, unknown>, path, value);
  });
  const seeds = opts.seeds ?? experiment.seeds;
  const ticks = opts.ticks ?? experiment.ticks;
  const baseSeed = (opts.baseSeed ?? experiment.baseSeed) >>> 0;
  if (!Number.isInteger(seeds) || seeds < 1) throw new InputError(`--seeds must be a positive integer, got ${seeds}`);
  if (!Number.isInteger(ticks) || ticks < 1) throw new InputError(`--ticks must be a positive integer, got ${ticks}`);
  assertTicks(ticks, opts.ticks !== undefined ? `--ticks ${ticks}` : `ticks ${ticks}`);

  assertScenarioStarts(experiment as Experiment<object>, defaults, ticks);

  const sweep = expandSweep(experiment.sweep, defaults, sweepSeed(experiment.sweep, baseSeed));
  assertNotActive(sweep.paths, 'the sweep');
  const shadowed = shadowedAssignments(assignments, experiment.variants, sweep.paths);
  const scenarios: (string | null)[] = experiment.scenarioNames.length ? [NO_SCENARIO, ...experiment.scenarioNames] : [null];
  assertRunCount(Object.keys(experiment.variants).length * scenarios.length, sweep.points.length, seeds, opts.seeds !== undefined ? `--seeds ${seeds}` : `seeds ${seeds}`);
  const runs: RunSpec<P>[] = [];
  const varied = new Set<string>(sweep.paths);
  const single = Object.keys(experiment.variants).length === 1;
  for (const [variant, overrides] of Object.entries(experiment.variants)) {
    assertNotActive(overridePaths(overrides), `variant "${variant}"`);
    for (const p of overridePaths(overrides)) varied.add(p);
    const base = applyOverrides(defaults, overrides, `variant "${variant}"`);
    for (const scenario of scenarios) sweep.points.forEach((point, k) => {
      const params = sweep.paths.length === 0 && scenario === null ? base : produce(base, (d) => {
        for (const [path, value] of Object.entries(point)) setPath(d as Record<string, unknown>, path, value);
        if (scenario !== null) setPath(d as Record<string, unknown>, ACTIVE_SCENARIO, scenario);
      });
      const check = experiment.model.schema.safeParse(params);
      if (!check.success) {
        const where = [
          single && Object.keys(overrides).length === 0 ? '' : `variant "${variant}"`,
          sweep.paths.length ? `sweep point ${k} (${Object.entries(point).map(([p, v]) => `${p}=${JSON.stringify(v)}`).join(', ')})` : '',
        ].filter(Boolean);
        throw new InputError(`${where.join(', ') || 'parameters'}: ${describeIssue(check.error)}`);
      }
      assertPathReferences(params, single ? '' : `variant "${variant}": `);
      for (let r = 0; r < seeds; r++) {
        runs.push({ runId: runs.length, variant, ...(scenario === null ? {} : { scenario }), point: k, replicate: r, seed: runSeed(baseSeed, r), params });
      }
    });
  }
  if (!opts.memoryChecked) assertRunFits(experiment, runs, ticks);
  return {
    experiment,
    defaults,
    ticks,
    seeds,
    baseSeed,
    runs,
    variedPaths: [...varied].sort(),
    sweptPaths: sweep.paths,
    pointCount: sweep.points.length,
    assignments,
    shadowed,
  };
}

import { join, resolve } from 'node:path';
import { minimise, type Evaluation, type MinimiseCheckpoint, type MinimiseResult } from '../analysis/optimise/minimise';
import { pairedImprovement, type Improvement } from '../analysis/optimise/improvement';
import { paretoFront, type Sense } from '../analysis/optimise/pareto';
import type { ParamRanges } from '../analysis/ranges';
import { InputError } from '../core/errors';
import { closestNames, getPath } from '../core/paths';
import { deriveSeed } from '../core/seeds';
import { writeArrowTable } from '../io/arrowWriter';
import { conditionalValueAtRisk } from '../metrics/tail/cvar';
import type { Experiment } from './define';
import { assertResumableDir, OPTIMISATION_FILE } from './outDir';

export { OPTIMISATION_FILE };
import { runSeed } from './plan';
import { PointPool } from './pointPool';
import { checkRanges, pointRunner, type PointSetup, type PointResult } from './pointRunner';
import { defaultOutDir } from './runExperiment';
import { assertSameInputs, candidateBudget, inputsHash, openSearchDir, readSearchState, saveSearchState, searchStart, SearchInterrupted, withInterrupts, writeDerivedExperiment, writeGenerations } from './searchDir';
import { stoppedBy } from './stopped';

const FORMAT = 'tokensim-optimisation/1';

/** An objective: a KPI and whether it is to be made large or small. */
export interface Objective {
  kpi: string;
  sense: Sense;
}

/** A constraint on a KPI's mean over the seeds: `kpi <= bound` or `kpi >= bound`. */
export interface Constraint {
  kpi: string;
  op: '<=' | '>=';
  bound: number;
}

/** How a candidate's objective is summarised over its seeds: the mean, or the CVaR of the bad tail at level α. */
export type Risk = { kind: 'mean' } | { kind: 'cvar'; alpha: number };

/** An optimisation of an experiment's parameters (`tokensim optimize`). */
export interface OptimizeOptions {
  file: string;
  /** The objective; a second one adds the Pareto front of the evaluated points. */
  objectives: Objective[];
  constraints?: Constraint[];
  ranges: ParamRanges;
  risk?: Risk;
  /** Common seeds per candidate; default 8. */
  seeds?: number;
  /** Runs the search may spend: ⌊budget / seeds⌋ candidates; default 60 candidates' worth. */
  budget?: number;
  baseSeed?: number;
  /** Ticks per run; default the experiment's. */
  ticks?: number;
  variant?: string;
  /** The scenario the candidates run under (an experiment with scenarios); default `none`. */
  scenario?: string;
  set?: string[];
  workers?: number;
  out?: string;
  resume?: string;
  log?: ((line: string) => void) | null;
}

/** The best point checked on fresh seeds against the experiment's own values. */
export interface Validation {
  /** The seeds of the check: replicates S..2S−1, which the search never saw. */
  seeds: number[];
  /** Per objective and constraint KPI, per seed: at the best point and at the defaults. */
  best: Record<string, number[]>;
  defaults: Record<string, number[]>;
  /** The paired improvement of the first objective (positive: better), with its interval. */
  improvement: Improvement;
}

/** What a finished (or interrupted) optimisation reports. */
export interface OptimizeOutcome {
  dir: string;
  status: 'complete' | 'interrupted';
  signal: 'SIGINT' | 'SIGTERM' | null;
  search: MinimiseResult | null;
  validation: Validation | null;
  /** Indices into the evaluations of the Pareto front, with two objectives. */
  front: number[] | null;
  experimentFile: string | null;
}

interface Inputs {
  experiment: string;
  file: string;
  objectives: Objective[];
  constraints: Constraint[];
  ranges: ParamRanges;
  risk: Risk;
  seeds: number[];
  baseSeed: number;
  ticks: number;
  variant: string;
  scenario: string | null;
  set: string[];
  start: Record<string, number>;
}

/** One evaluated candidate as the state keeps it. */
interface EvaluationRow {
  generation: number;
  index: number;
  x: number[];
  /** The objective as searched (risk-adjusted, signed so that lower is better). */
  value: number;
  violation: number;
  /** Mean over the seeds of every objective and constraint KPI. */
  means: Record<string, number>;
}

interface State {
  format: typeof FORMAT;
  status: 'running' | 'complete';
  hash: string;
  inputs: Inputs;
  budget: number;
  checkpoint: MinimiseCheckpoint | null;
  evaluations: EvaluationRow[];
  result?: { params: Record<string, number>; improvement: Improvement };
}

/** Parses `KPI<=x` or `KPI>=x` (the form of `--constraint`); throws an `InputError` naming the text. */
export function parseConstraint(text: string): Constraint {
  const m = /^\s*([\w.]+)\s*(<=|>=)\s*(\S+)\s*$/.exec(text);
  if (!m || !Number.isFinite(Number(m[3]))) throw new InputError(`--constraint ${text}: expected KPI<=number or KPI>=number, e.g. --constraint 'min_runway_years>=3'`);
  return { kpi: m[1], op: m[2] as Constraint['op'], bound: Number(m[3]) };
}

/** Parses `mean` or `cvar:α` with 0 < α ≤ 1 (the form of `--risk`). */
export function parseRisk(text: string): Risk {
  if (text === 'mean') return { kind: 'mean' };
  const m = /^cvar:(.+)$/.exec(text);
  const alpha = m ? Number(m[1]) : NaN;
  if (!(alpha > 0 && alpha <= 1)) throw new InputError(`--risk ${text}: expected mean or cvar:α with 0 < α ≤ 1, e.g. --risk cvar:0.05`);
  return { kind: 'cvar', alpha };
}

/**
 * Returns the candidate's objective as the search minimises it: the mean of
 * the KPI over the seeds, or with `cvar:α` the mean of its worst α share
 * (the lower tail when maximising, the upper when minimising; see
 * `conditionalValueAtRisk`); negated when maximising.
 */
export function riskValue(values: readonly number[], objective: Objective, risk: Risk): number {
  if (values.some((v) => !Number.isFinite(v))) return NaN;
  const v = risk.kind === 'mean' ? values.reduce((s, x) => s + x, 0) / values.length : conditionalValueAtRisk(values, risk.alpha, objective.sense === 'maximize' ? 'lower' : 'upper');
  return objective.sense === 'maximize' ? -v : v;
}

/**
 * Returns how far KPI means break the constraints, each excess relative to
 * its bound (|bound|, or 1 for a bound of 0), summed: 0 when every one
 * holds. Relative, so constraints in different units add up sensibly.
 */
export function violationOf(means: Record<string, number>, constraints: readonly Constraint[]): number {
  let v = 0;
  for (const c of constraints) {
    const x = means[c.kpi];
    if (!Number.isFinite(x)) return NaN;
    const excess = c.op === '<=' ? x - c.bound : c.bound - x;
    if (excess > 0) v += excess / (Math.abs(c.bound) > 0 ? Math.abs(c.bound) : 1);
  }
  return v;
}

function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** Returns the state of an optimisation directory, or throws an `InputError` saying why it is not one. */
export function readOptimisationState(dir: string, flag = '--resume'): State {
  return readSearchState<State>(dir, OPTIMISATION_FILE, FORMAT, flag, 'tokensim optimize');
}

/**
 * Searches `experiment`'s parameters within `ranges` for the best value of
 * an objective KPI, by CMA-ES (`minimise`) with every candidate run on the
 * same seeds (common random numbers, so candidates are compared paired),
 * on a `PointPool` of worker threads; constraints on KPI means are kept by
 * Deb's feasibility rules. The best point is then run, with the
 * experiment's own values, on S fresh seeds the search never saw, and its
 * improvement given as a paired interval (the search's own seeds would
 * flatter it: the best of many candidates is partly luck). Writes the
 * optimisation directory: `optimisation.json` (inputs, checkpoint after
 * every generation, result), `evaluations.arrow`, `generations.arrow`,
 * `validation.arrow`, `pareto.arrow` with two objectives (the evaluated
 * points no other beats on both), `optimized.ts` and `report.html`.
 * Bad input throws an `InputError` before any run; SIGINT or SIGTERM saves
 * the generation in hand; `resume` ends where an uninterrupted search would.
 */
export async function optimizeExperiment(experiment: Experiment<object>, options: OptimizeOptions): Promise<OptimizeOutcome> {
  const log = options.log === undefined ? (line: string) => process.stderr.write(line + '\n') : options.log;
  const file = resolve(options.file);
  const previous = options.resume ? (assertResumableDir(resolve(options.resume)), readOptimisationState(resolve(options.resume))) : null;
  const objectives = options.objectives.length ? options.objectives : (previous?.inputs.objectives ?? []);
  if (objectives.length === 0) throw new InputError('optimize: --objective KPI is required, e.g. --objective mean_price --maximize');
  if (objectives.length > 2) throw new InputError(`optimize: at most two objectives (the second adds a Pareto front), got ${objectives.length}`);
  const constraints = options.constraints?.length ? options.constraints : (previous?.inputs.constraints ?? []);
  const ranges = Object.keys(options.ranges).length ? options.ranges : (previous?.inputs.ranges ?? {});
  if (Object.keys(ranges).length === 0) throw new InputError('optimize: expected at least one --params path=min:max, e.g. --params buyback.everyTicks=7:90');
  const risk = options.risk ?? previous?.inputs.risk ?? { kind: 'mean' };
  const seedCount = options.seeds ?? previous?.inputs.seeds.length ?? 8;
  const runBudget = options.budget ?? previous?.budget ?? 60 * seedCount;
  const budget = candidateBudget(runBudget, seedCount);
  const set = options.set ?? previous?.inputs.set ?? [];
  const ticks = options.ticks ?? previous?.inputs.ticks ?? experiment.ticks;
  const baseSeed = (options.baseSeed ?? previous?.inputs.baseSeed ?? experiment.baseSeed) >>> 0;
  const setup: PointSetup = { variant: options.variant ?? previous?.inputs.variant, scenario: options.scenario ?? previous?.inputs.scenario ?? undefined, set, ticks, seeds: seedCount, baseSeed, metrics: [] as string[] };

  const probe = pointRunner(experiment, setup);
  const kpis = experiment.model.kpis.map((k) => k.name);
  for (const k of [...objectives.map((o) => o.kpi), ...constraints.map((c) => c.kpi)]) {
    if (!kpis.includes(k)) {
      const near = closestNames(k, kpis);
      throw new InputError(`optimize: unknown KPI ${k}; ${near.length ? `did you mean ${near.join(', ')}? ` : ''}(tokensim model lists all ${kpis.length})`);
    }
  }
  setup.integers = checkRanges(experiment, probe.base, ranges);
  const start = searchStart(probe.base, ranges);
  const inputs: Inputs = { experiment: experiment.name, file, objectives, constraints, ranges, risk, seeds: probe.seeds, baseSeed, ticks, variant: probe.variant, scenario: setup.scenario ?? null, set, start };
  const hash = inputsHash({ ...inputs, file: undefined });
  if (previous && previous.hash !== hash) {
    assertSameInputs('optimisation', options.resume!, inputs, previous.inputs, ['file']);
  }
  const dir = options.resume ? resolve(options.resume) : options.out ? resolve(options.out) : defaultOutDir(`${experiment.name}-optimisation`);
  const lock = openSearchDir(dir, OPTIMISATION_FILE, !!options.resume, hash);
  const state: State = previous ?? { format: FORMAT, status: 'running', hash, inputs, budget: runBudget, checkpoint: null, evaluations: [] };
  state.budget = runBudget;
  state.status = 'running';
  delete state.result;
  const watched = [...new Set([...objectives.map((o) => o.kpi), ...constraints.map((c) => c.kpi)])];
  const paths = Object.keys(ranges).sort();
  let pool: PointPool | null = null;

  return withInterrupts(log, async (interrupted) => {
    try {
      saveSearchState(dir, OPTIMISATION_FILE, state);
      pool = await PointPool.start(experiment, file, setup, Math.max(1, Math.min(options.workers ?? 1, seedCount * 4)));
      const p = pool;
      const kpiValues = (runs: PointResult[], kpi: string) => runs.map((r) => (r.status === 'ok' ? r.summary[kpi] : NaN));
      /** The means of the batch's last evaluation, by candidate index, for the state. */
      let batchMeans: Record<string, number>[] = [];
      const started = Date.now();
      let stopped = false;
      const search = await minimise({
        ranges,
        budget,
        seed: deriveSeed(baseSeed, 'optimize'),
        start,
        resume: state.checkpoint ?? undefined,
        evaluate: async (batch) => {
          const runs = await Promise.all(batch.map((x) => Promise.all(probe.seeds.map((seed) => p.evaluate({ values: Object.fromEntries(paths.map((q, i) => [q, x[i]])), seed })))));
          batchMeans = runs.map((r) => Object.fromEntries(watched.map((k) => [k, mean(kpiValues(r, k))])));
          return runs.map((r, i) => {
            const value = riskValue(kpiValues(r, objectives[0].kpi), objectives[0], risk);
            return { value, violation: constraints.length ? violationOf(batchMeans[i], constraints) : 0 };
          });
        },
        onGeneration: (checkpoint: MinimiseCheckpoint, evaluations: Evaluation[]) => {
          p.assertHealthy();
          state.checkpoint = checkpoint;
          for (const e of evaluations) state.evaluations.push({ generation: e.generation, index: e.index, x: Array.from(e.x), value: e.value, violation: e.violation, means: batchMeans[e.index] });
          saveSearchState(dir, OPTIMISATION_FILE, state);
          const g = checkpoint.history[checkpoint.history.length - 1];
          const best = objectives[0].sense === 'maximize' ? -g.bestSoFar : g.bestSoFar;
          log?.(`generation ${g.generation}: ${g.evaluations}/${budget} candidates (${g.evaluations * seedCount} runs), best ${objectives[0].kpi} ${best.toPrecision(5)}, ${(100 * g.feasibleShare).toFixed(0)}% feasible (${((Date.now() - started) / 1000).toFixed(1)} s)`);
          if (interrupted()) {
            stopped = true;
            throw new SearchInterrupted();
          }
        },
      }).catch((e) => {
        if (e instanceof SearchInterrupted) return null;
        throw e;
      });
      if (stopped || !search) return { dir, status: 'interrupted', signal: interrupted(), search: null, validation: null, front: null, experimentFile: null };

      // The check on fresh seeds: replicates S..2S−1 of the same base seed.
      const fresh = probe.seeds.map((_, r) => runSeed(baseSeed, seedCount + r));
      const defaults = Object.fromEntries(paths.map((q) => [q, getPath(probe.base, q) as number]));
      const bestValues = p.runner.round(search.best.params);
      const [atBest, atDefaults] = await Promise.all([bestValues, defaults].map((values) => Promise.all(fresh.map((seed) => p.evaluate({ values, seed })))));
      const best = Object.fromEntries(watched.map((k) => [k, kpiValues(atBest, k)]));
      const base = Object.fromEntries(watched.map((k) => [k, kpiValues(atDefaults, k)]));
      const improvement = pairedImprovement(best[objectives[0].kpi], base[objectives[0].kpi], objectives[0].sense);
      const validation: Validation = { seeds: fresh, best, defaults: base, improvement };
      const front = objectives.length === 2
        ? paretoFront(state.evaluations.map((e) => e.means[objectives[0].kpi]), state.evaluations.map((e) => e.means[objectives[1].kpi]), [objectives[0].sense, objectives[1].sense])
        : null;
      await writeOptimisationTables(dir, state, search, validation, front, paths, watched);
      const experimentFile = writeDerivedExperiment(dir, {
        fileName: 'optimized.ts',
        comment: [
          `${experiment.name} at the best point \`tokensim optimize\` found for ${objectives[0].sense} ${objectives[0].kpi}${risk.kind === 'cvar' ? ` (CVaR at ${risk.alpha})` : ''}`,
          `${constraints.length ? `subject to ${constraints.map((c) => `${c.kpi} ${c.op} ${c.bound}`).join(', ')}, ` : ''}in variant ${inputs.variant}, over ${search.evaluations} candidates × ${seedCount} seeds.`,
          `On ${fresh.length} fresh seeds its ${objectives[0].kpi} beats the experiment's own values by ${improvement.mean.toPrecision(4)} [${improvement.lo.toPrecision(4)}, ${improvement.hi.toPrecision(4)}] (95%, paired; ${improvement.verdict}).`,
        ],
        base: file,
        name: `${experiment.name}-optimized`,
        set,
        values: bestValues,
      });
      state.status = 'complete';
      state.result = { params: bestValues, improvement };
      saveSearchState(dir, OPTIMISATION_FILE, state);
      return { dir, status: 'complete', signal: null, search, validation, front, experimentFile };
    } catch (e) {
      throw stoppedBy(e, dir);
    } finally {
      await pool?.close();
      lock.release();
    }
  });
}

async function writeOptimisationTables(dir: string, state: State, search: MinimiseResult, v: Validation, front: number[] | null, paths: string[], watched: string[]): Promise<void> {
  const ev = state.evaluations;
  const sense = state.inputs.objectives[0].sense;
  const cols: Record<string, Float64Array | Int32Array | boolean[]> = {
    generation: Int32Array.from(ev, (e) => e.generation),
    index: Int32Array.from(ev, (e) => e.index),
    objective: Float64Array.from(ev, (e) => (sense === 'maximize' ? -e.value : e.value)),
    violation: Float64Array.from(ev, (e) => e.violation),
    feasible: ev.map((e) => e.violation === 0),
  };
  paths.forEach((p, i) => (cols[p] = Float64Array.from(ev, (e) => e.x[i])));
  for (const k of watched) cols[`${k}_mean`] = Float64Array.from(ev, (e) => e.means?.[k] ?? NaN);
  await writeArrowTable(
    join(dir, 'evaluations.arrow'),
    [
      { name: 'generation', kind: 'int32' },
      { name: 'index', kind: 'int32' },
      ...paths.map((p) => ({ name: p, kind: 'float64' as const })),
      { name: 'objective', kind: 'float64', nullable: true },
      { name: 'violation', kind: 'float64', nullable: true },
      { name: 'feasible', kind: 'bool' },
      ...watched.map((k) => ({ name: `${k}_mean`, kind: 'float64' as const, nullable: true })),
    ],
    cols,
    ev.length,
  );
  await writeGenerations(dir, search.history, sense === 'maximize' ? -1 : 1);
  const n = v.seeds.length;
  const vcols: Record<string, Float64Array | Uint32Array | string[]> = { point: [...Array(n).fill('best'), ...Array(n).fill('defaults')], seed: Uint32Array.from([...v.seeds, ...v.seeds]) };
  for (const k of watched) vcols[k] = Float64Array.from([...v.best[k], ...v.defaults[k]]);
  await writeArrowTable(
    join(dir, 'validation.arrow'),
    [{ name: 'point', kind: 'utf8' }, { name: 'seed', kind: 'uint32' }, ...watched.map((k) => ({ name: k, kind: 'float64' as const, nullable: true }))],
    vcols,
    2 * n,
  );
  if (front) {
    const [a, b] = state.inputs.objectives;
    const fcols: Record<string, Float64Array | Int32Array> = {
      evaluation: Int32Array.from(front),
      [a.kpi]: Float64Array.from(front, (i) => ev[i].means[a.kpi]),
      [b.kpi]: Float64Array.from(front, (i) => ev[i].means[b.kpi]),
    };
    paths.forEach((p, j) => (fcols[p] = Float64Array.from(front, (i) => ev[i].x[j])));
    await writeArrowTable(
      join(dir, 'pareto.arrow'),
      [{ name: 'evaluation', kind: 'int32' }, { name: a.kpi, kind: 'float64' }, { name: b.kpi, kind: 'float64' }, ...paths.map((p) => ({ name: p, kind: 'float64' as const }))],
      fcols,
      front.length,
    );
  }
}

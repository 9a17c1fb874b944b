import { join, resolve } from 'node:path';
import { calibrate, type Calibration, type WeightingChoice } from '../analysis/calibration/calibrate';
import { DEFAULT_SERIES_MOMENTS, jointMoments, PRICE_MOMENT_NAMES, priceMoments, SERIES_MOMENT_NAMES, seriesMoments, type MomentSet } from '../analysis/calibration/moments';
import type { Evaluation, MinimiseCheckpoint } from '../analysis/optimise/minimise';
import type { ParamRanges } from '../analysis/ranges';
import { InputError } from '../core/errors';
import { deriveSeed } from '../core/seeds';
import { writeArrowTable } from '../io/arrowWriter';
import { readCsvColumns } from '../market/replayCsv';
import { quantileSorted } from '../report/fan';
import type { Experiment } from './define';
import { assertResumableDir, CALIBRATION_FILE } from './outDir';
import { assertSameInputs, candidateBudget, inputsHash, openSearchDir, readSearchState, saveSearchState, searchStart, SearchInterrupted, withInterrupts, writeDerivedExperiment, writeGenerations } from './searchDir';

export { CALIBRATION_FILE };
import { PointPool } from './pointPool';
import { checkRanges, pointRunner, type PointSetup } from './pointRunner';
import { defaultOutDir } from './runExperiment';
import { stoppedBy } from './stopped';

const FORMAT = 'tokensim-calibration/1';

/** A calibration of an experiment's parameters to an observed price series (`tokensim calibrate`). */
export interface CalibrateOptions {
  /** The experiment's file: written into the calibrated experiment, and loaded by worker threads. */
  file: string;
  /** The CSV file of the observed series. */
  target: string;
  /** The CSV column holding it (lower case); default `price`. */
  column?: string;
  /** The model metric matched to it; default `price`. */
  metric?: string;
  /** Parameter ranges by path. */
  ranges: ParamRanges;
  /** Moments matched; default every price moment. */
  moments?: string[];
  /** Further series of the target file matched jointly with the price (volume, staking ratio), each to a model metric. */
  matches?: SeriesMatch[];
  weighting?: 'bootstrap' | 'identity';
  /** Common seeds per candidate; default 8. */
  seeds?: number;
  /** Runs the search may spend: ⌊budget / seeds⌋ evaluations of the objective; default 120 evaluations' worth. */
  budget?: number;
  /** Base seed of the runs (and of the search); default the experiment's. */
  baseSeed?: number;
  /** Ticks simulated before the compared window starts; default 0. */
  warmup?: number;
  variant?: string;
  /** The scenario the candidates run under (an experiment with scenarios); default `none`. */
  scenario?: string;
  set?: string[];
  workers?: number;
  out?: string;
  /** Continue the interrupted calibration in this directory. */
  resume?: string;
  log?: ((line: string) => void) | null;
}

/**
 * A further observed series matched with the price: the CSV `column`
 * (lower case) against the model's `metric`, by `moments` of
 * `seriesMoments` (default `DEFAULT_SERIES_MOMENTS`).
 */
export interface SeriesMatch {
  column: string;
  metric: string;
  moments?: string[];
}

/** What a finished (or interrupted) calibration reports. */
export interface CalibrateOutcome {
  dir: string;
  status: 'complete' | 'interrupted';
  /** The signal that interrupted it, else null. */
  signal: 'SIGINT' | 'SIGTERM' | null;
  calibration: Calibration | null;
  /** The calibrated experiment file, once complete. */
  experimentFile: string | null;
  evaluations: number;
}

/** The inputs that fix a calibration: a resume must give the same ones. */
interface Inputs {
  experiment: string;
  file: string;
  target: string;
  column: string;
  metric: string;
  ranges: ParamRanges;
  moments: string[];
  /** Only present when further series are matched, so earlier calibrations resume unchanged. */
  matches?: Required<SeriesMatch>[];
  weighting: 'bootstrap' | 'identity';
  seeds: number[];
  baseSeed: number;
  warmup: number;
  ticks: number;
  variant: string;
  scenario: string | null;
  set: string[];
  start: Record<string, number>;
  /** sha-256 of the target series' values. */
  dataHash: string;
}

/** The JSON state of a calibration directory. */
interface State {
  format: typeof FORMAT;
  status: 'running' | 'complete';
  hash: string;
  inputs: Inputs;
  budget: number;
  checkpoint: MinimiseCheckpoint | null;
  evaluations: { generation: number; index: number; x: number[]; value: number }[];
  result?: { params: Record<string, number>; objective: number; centre: Record<string, number> };
}

/**
 * Parses `path=min:max` or `path=min:max:log` (a log-uniform range, min > 0),
 * the form of `--params`; throws an `InputError` naming the text.
 */
export function parseRange(text: string): [string, ParamRanges[string]] {
  const m = /^([^=]+)=([^:]+):([^:]+)(?::(log|linear))?$/.exec(text.trim());
  const example = 'e.g. --params factor.annualVolatility=0.3:1.2 or --params traders.orderScale=0.1:10:log';
  if (!m) throw new InputError(`--params ${text}: expected path=min:max or path=min:max:log, ${example}`);
  const [, path, lo, hi, scale] = m;
  const min = Number(lo);
  const max = Number(hi);
  if (!Number.isFinite(min) || !Number.isFinite(max) || lo.trim() === '' || hi.trim() === '') throw new InputError(`--params ${text}: min and max must be numbers, ${example}`);
  if (!(min < max)) throw new InputError(`--params ${text}: min must be below max`);
  if (scale === 'log' && !(min > 0)) throw new InputError(`--params ${text}: a log range needs min > 0`);
  return [path.trim(), scale === 'log' ? { min, max, scale: 'log' } : { min, max }];
}

/**
 * Parses `column=metric` or `column=metric:moment,moment`, the form of
 * `--match` (e.g. `--match volume=volume` or
 * `--match staking_ratio=staking_ratio:mean_log,last_log`); throws an
 * `InputError` naming the text and what was expected.
 */
export function parseMatch(text: string): SeriesMatch {
  const m = /^([^=:]+)=([^=:]+)(?::(.+))?$/.exec(text.trim());
  if (!m) throw new InputError(`--match ${text}: expected column=metric or column=metric:moment,moment, e.g. --match volume=volume`);
  const [, column, metric, list] = m;
  const moments = list?.split(',').map((x) => x.trim()).filter(Boolean);
  for (const x of moments ?? []) {
    if (!SERIES_MOMENT_NAMES.includes(x)) throw new InputError(`--match ${text}: unknown series moment ${x}; expected some of ${SERIES_MOMENT_NAMES.join(', ')}`);
  }
  return moments?.length ? { column: column.trim().toLowerCase(), metric: metric.trim(), moments } : { column: column.trim().toLowerCase(), metric: metric.trim() };
}

/** Returns the state of a calibration directory, or throws an `InputError` saying why it is not one. */
export function readCalibrationState(dir: string, flag = '--resume'): State {
  return readSearchState<State>(dir, CALIBRATION_FILE, FORMAT, flag, 'tokensim calibrate');
}

/** Returns the observed series: the column of the CSV file, at least 60 positive values. */
/** Returns the ranges of `--params` flags by path (see `parseRange`); a path given twice is an `InputError`. */
export function parseRanges(texts: readonly string[]): ParamRanges {
  const ranges: ParamRanges = {};
  for (const text of texts) {
    const [path, range] = parseRange(text);
    if (ranges[path]) throw new InputError(`--params ${path} is given twice`);
    ranges[path] = range;
  }
  return ranges;
}

/** Returns the observed series, one per column (each at least 60 positive values, all of one length). */
function readTarget(file: string, columns: readonly string[]): Float64Array[] {
  const csv = readCsvColumns(file, { required: [...columns], positive: [...columns] });
  const data = columns.map((c) => csv.columns[c]);
  if (data[0].length < 60) throw new InputError(`--target ${file}: ${data[0].length} rows of ${columns[0]}; a calibration needs at least 60 (the moments include autocorrelations up to lag 20)`);
  return data;
}

/** The series laid end to end, the panel a joint moment set reads. */
function panel(series: readonly Float64Array[]): Float64Array {
  if (series.length === 1) return series[0];
  const out = new Float64Array(series.reduce((n, s) => n + s.length, 0));
  let at = 0;
  for (const s of series) {
    out.set(s, at);
    at += s.length;
  }
  return out;
}

/**
 * Calibrates `experiment`'s parameters within `ranges` to an observed
 * series by the method of simulated moments (`calibrate`, CMA-ES over the
 * MSM objective with common random numbers), running every candidate on
 * the same `seeds` run seeds on a `PointPool` of worker threads, and writes
 * the calibration directory:
 *
 * - `calibration.json`: the inputs, the search's checkpoint after every
 *   generation (what `--resume` continues from) and, once complete, the result;
 * - `moments.arrow`: per moment, the target, the simulated mean and sd over
 *   the seeds at the calibrated point, the standardised gap and its weight;
 * - `evaluations.arrow`: every candidate (generation, index, parameters, J);
 * - `generations.arrow`: the convergence history;
 * - `fit.arrow`: per tick, the target and the simulated metric's median and
 *   5–95 % band over the seeds at the calibrated point;
 * - `calibrated.ts`: an experiment file `tokensim run` takes — the
 *   experiment with the `--set` values and the calibrated parameters as its
 *   defaults, its variants unchanged.
 *
 * The simulated series of a run is its metric over ticks warmup..warmup+N−1
 * (N the target's length). Bad input throws an `InputError` before any run
 * (and before anything is written). SIGINT or SIGTERM lets the generation
 * in hand finish, saves it, and returns status `interrupted`; `resume`
 * then ends with the same result as an uninterrupted calibration.
 */
export async function calibrateExperiment(experiment: Experiment<object>, options: CalibrateOptions): Promise<CalibrateOutcome> {
  const log = options.log === undefined ? (line: string) => process.stderr.write(line + '\n') : options.log;
  const file = resolve(options.file);
  let previous: State | null = null;
  if (options.resume) {
    assertResumableDir(resolve(options.resume));
    previous = readCalibrationState(resolve(options.resume));
  }
  const column = (options.column ?? previous?.inputs.column ?? 'price').toLowerCase();
  const metric = options.metric ?? previous?.inputs.metric ?? 'price';
  const targetFile = options.target ?? previous?.inputs.target;
  if (!targetFile) throw new InputError('calibrate: --target FILE.csv is required (the observed series, a header row naming its price column)');
  const matches: Required<SeriesMatch>[] = (options.matches ?? previous?.inputs.matches ?? []).map((m) => ({ column: m.column.toLowerCase(), metric: m.metric, moments: m.moments ?? [...DEFAULT_SERIES_MOMENTS] }));
  const columns = [column, ...matches.map((m) => m.column)];
  const twice = columns.find((c, i) => columns.indexOf(c) !== i);
  if (twice) throw new InputError(`--match ${twice}: column ${twice} is matched twice; match each column of the target once`);
  const series = readTarget(targetFile, columns);
  const data = series[0];
  const ranges = Object.keys(options.ranges).length ? options.ranges : (previous?.inputs.ranges ?? {});
  if (Object.keys(ranges).length === 0) throw new InputError('calibrate: expected at least one --params path=min:max, e.g. --params factor.annualVolatility=0.3:1.2');
  const momentNames = options.moments ?? previous?.inputs.moments ?? [...PRICE_MOMENT_NAMES];
  for (const m of momentNames) {
    if (!PRICE_MOMENT_NAMES.includes(m)) throw new InputError(`--moments: unknown moment ${m}; expected some of ${PRICE_MOMENT_NAMES.join(', ')}`);
  }
  const warmup = options.warmup ?? previous?.inputs.warmup ?? 0;
  if (!Number.isInteger(warmup) || warmup < 0) throw new InputError(`--warmup ${warmup}: expected a non-negative whole number of ticks`);
  const seedCount = options.seeds ?? previous?.inputs.seeds.length ?? 8;
  const runBudget = options.budget ?? previous?.budget ?? 120 * seedCount;
  // The search counts evaluations of J; each costs one run per seed.
  const budget = candidateBudget(runBudget, seedCount);
  const weighting = options.weighting ?? previous?.inputs.weighting ?? 'bootstrap';
  const set = options.set ?? previous?.inputs.set ?? [];
  const ticks = warmup + data.length - 1;
  const baseSeed = (options.baseSeed ?? previous?.inputs.baseSeed ?? experiment.baseSeed) >>> 0;

  const setup: PointSetup = { variant: options.variant ?? previous?.inputs.variant, scenario: options.scenario ?? previous?.inputs.scenario ?? undefined, set, ticks, seeds: seedCount, baseSeed, metrics: [metric, ...matches.map((m) => m.metric)] };
  const workers = Math.max(1, Math.min(options.workers ?? 1, seedCount * 4));
  // Checks the variant, the metric and every parameter before a thread starts.
  const probe = pointRunner(experiment, setup);
  setup.integers = checkRanges(experiment, probe.base, ranges);
  const inputs: Inputs = {
    experiment: experiment.name,
    file,
    target: resolve(targetFile),
    column,
    metric,
    ranges,
    moments: momentNames,
    ...(matches.length ? { matches } : {}),
    weighting,
    seeds: probe.seeds,
    baseSeed,
    warmup,
    ticks,
    variant: probe.variant,
    scenario: setup.scenario ?? null,
    set,
    start: searchStart(probe.base, ranges),
    dataHash: inputsHash(matches.length ? series.map((s) => Array.from(s)) : Array.from(data)),
  };
  const hash = inputsHash({ ...inputs, target: undefined, file: undefined });
  if (previous && previous.hash !== hash) {
    assertSameInputs('calibration', options.resume!, inputs, previous.inputs, ['file', 'target']);
  }

  const dir = options.resume ? resolve(options.resume) : options.out ? resolve(options.out) : defaultOutDir(`${experiment.name}-calibration`);
  const lock = openSearchDir(dir, CALIBRATION_FILE, !!options.resume, hash);

  const state: State = previous ?? { format: FORMAT, status: 'running', hash, inputs, budget: runBudget, checkpoint: null, evaluations: [] };
  state.budget = runBudget;
  state.status = 'running';
  delete state.result;
  let pool: PointPool | null = null;
  return withInterrupts(log, async (interrupted) => {
    try {
      saveSearchState(dir, CALIBRATION_FILE, state);
      pool = await PointPool.start(experiment, file, setup, workers);
      const p = pool;
      const moments: MomentSet = matches.length
        ? jointMoments([{ label: null, moments: priceMoments(momentNames) }, ...matches.map((m) => ({ label: m.column, moments: seriesMoments(m.moments) }))])
        : priceMoments(momentNames);
      const metrics = [metric, ...matches.map((m) => m.metric)];
      const simulate = async (theta: Float64Array, seed: number) => {
        const paths = Object.keys(ranges).sort();
        const values: Record<string, number> = {};
        paths.forEach((path, i) => (values[path] = theta[i]));
        const r = await p.evaluate({ values, seed });
        if (r.status !== 'ok') throw new Error(r.error ?? 'run failed');
        return panel(metrics.map((name) => r.series[name].subarray(warmup, warmup + data.length)));
      };
      const started = Date.now();
      let stopped = false;
      const calibration = await calibrate({
        data: panel(series),
        simulate,
        ranges,
        seeds: probe.seeds,
        moments,
        weighting: weighting as WeightingChoice,
        bootstrap: { blockLength: bootstrapBlock(data.length), seed: deriveSeed(baseSeed, 'bootstrap') },
        budget,
        seed: deriveSeed(baseSeed, 'calibrate'),
        start: inputs.start,
        resume: state.checkpoint ?? undefined,
        onGeneration: (checkpoint: MinimiseCheckpoint, evaluations: Evaluation[]) => {
          p.assertHealthy();
          state.checkpoint = checkpoint;
          for (const e of evaluations) state.evaluations.push({ generation: e.generation, index: e.index, x: Array.from(e.x), value: e.value });
          saveSearchState(dir, CALIBRATION_FILE, state);
          const g = checkpoint.history[checkpoint.history.length - 1];
          log?.(`generation ${g.generation}: ${g.evaluations}/${budget} evaluations (${g.evaluations * seedCount} runs), best J ${g.bestSoFar.toPrecision(4)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
          if (interrupted()) {
            stopped = true;
            // Ends the search here: the checkpoint just saved is where --resume continues.
            throw new SearchInterrupted();
          }
        },
      }).catch((e) => {
        if (e instanceof SearchInterrupted) return null;
        throw e;
      });
      if (stopped || !calibration) {
        return { dir, status: 'interrupted', signal: interrupted(), calibration: null, experimentFile: null, evaluations: state.checkpoint?.evaluations ?? 0 };
      }
      calibration.params = p.runner.round(calibration.params);
      const fit = await fitSeries(p, calibration.params, probe.seeds, metrics, warmup, data.length);
      await writeCalibrationTables(dir, calibration, state, fit, series, columns);
      const experimentFile = writeCalibratedExperiment(dir, experiment, inputs, calibration);
      state.status = 'complete';
      state.result = { params: calibration.params, objective: calibration.objective, centre: calibration.search.centre };
      saveSearchState(dir, CALIBRATION_FILE, state);
      return { dir, status: 'complete', signal: null, calibration, experimentFile, evaluations: calibration.search.evaluations };
    } catch (e) {
      throw stoppedBy(e, dir);
    } finally {
      await pool?.close();
      lock.release();
    }
  });
}

/**
 * The bootstrap's block length for a series of n prices: n/10 ticks, at
 * least 20 (so a block holds the volatility clustering the |r|
 * autocorrelations up to lag 20 measure) and at most 250, Franke &
 * Westerhoff's year of trading days for their long series; with blocks near
 * the series' length every replicate would be the series itself and its
 * moments would seem known exactly.
 */
export function bootstrapBlock(n: number): number {
  return Math.min(250, Math.max(20, Math.floor(n / 10)), n - 1);
}

/** The simulated metrics at the calibrated point on every seed, sorted per tick into median and 5–95 % band, one fit per metric. */
async function fitSeries(pool: PointPool, params: Record<string, number>, seeds: number[], metrics: readonly string[], warmup: number, n: number) {
  const runs = (await Promise.all(seeds.map((seed) => pool.evaluate({ values: params, seed })))).filter((r) => r.status === 'ok');
  return metrics.map((metric) => {
    const ok = runs.map((r) => r.series[metric].subarray(warmup, warmup + n));
    const median = new Float64Array(n);
    const lo = new Float64Array(n);
    const hi = new Float64Array(n);
    const column = new Float64Array(ok.length);
    for (let t = 0; t < n; t++) {
      ok.forEach((s, i) => (column[i] = s[t]));
      column.sort();
      median[t] = quantileSorted(column, 0.5);
      lo[t] = quantileSorted(column, 0.05);
      hi[t] = quantileSorted(column, 0.95);
    }
    return { median, lo, hi, first: ok[0] ?? new Float64Array(n).fill(NaN) };
  });
}

async function writeCalibrationTables(dir: string, c: Calibration, state: State, fits: Awaited<ReturnType<typeof fitSeries>>, series: readonly Float64Array[], columns: readonly string[]): Promise<void> {
  const k = c.names.length;
  const weight = Float64Array.from({ length: k }, (_, i) => c.weighting[i * k + i]);
  const gap = Float64Array.from({ length: k }, (_, i) => (c.simulated.mean[i] - c.target[i]) * Math.sqrt(weight[i]));
  await writeArrowTable(
    join(dir, 'moments.arrow'),
    [
      { name: 'moment', kind: 'utf8' },
      { name: 'target', kind: 'float64' },
      { name: 'simulated_mean', kind: 'float64' },
      { name: 'simulated_sd', kind: 'float64' },
      { name: 'standardised_gap', kind: 'float64' },
      { name: 'weight', kind: 'float64' },
    ],
    { moment: [...c.names], target: c.target, simulated_mean: c.simulated.mean, simulated_sd: c.simulated.sd, standardised_gap: gap, weight },
    k,
  );
  const paths = c.search.paths;
  const ev = state.evaluations;
  const cols: Record<string, Float64Array | Int32Array> = {
    generation: Int32Array.from(ev, (e) => e.generation),
    index: Int32Array.from(ev, (e) => e.index),
    objective: Float64Array.from(ev, (e) => e.value),
  };
  paths.forEach((p, i) => (cols[p] = Float64Array.from(ev, (e) => e.x[i])));
  await writeArrowTable(
    join(dir, 'evaluations.arrow'),
    [{ name: 'generation', kind: 'int32' }, { name: 'index', kind: 'int32' }, ...paths.map((p) => ({ name: p, kind: 'float64' as const })), { name: 'objective', kind: 'float64', nullable: true }],
    cols,
    ev.length,
  );
  await writeGenerations(dir, c.search.history);
  // The price's fit under the plain names; each further series' under its column's name as a prefix.
  const data = series[0];
  const fitFields: { name: string; kind: 'float64' }[] = [];
  const fitColumns: Record<string, Float64Array | Int32Array> = { tick: Int32Array.from(data, (_, t) => t) };
  fits.forEach((fit, i) => {
    const prefix = i === 0 ? '' : `${columns[i]}_`;
    const cols: [string, Float64Array][] = [['target', series[i]], ['simulated_median', fit.median], ['simulated_p05', fit.lo], ['simulated_p95', fit.hi], ['simulated_first_seed', fit.first]];
    for (const [name, values] of cols) {
      fitFields.push({ name: prefix + name, kind: 'float64' });
      fitColumns[prefix + name] = values;
    }
  });
  await writeArrowTable(join(dir, 'fit.arrow'), [{ name: 'tick', kind: 'int32' }, ...fitFields], fitColumns, data.length);
}

/** Writes DIR/calibrated.ts: the experiment with the `--set` values and the calibrated parameters as defaults; returns its path. */
function writeCalibratedExperiment(dir: string, experiment: Experiment<object>, inputs: Inputs, c: Calibration): string {
  return writeDerivedExperiment(dir, {
    fileName: 'calibrated.ts',
    comment: [
      `${experiment.name}, calibrated by \`tokensim calibrate\` to ${inputs.target}`,
      `(column ${inputs.column}, ${inputs.ticks - inputs.warmup + 1} ticks after ${inputs.warmup} of warm-up, matched to metric ${inputs.metric}${(inputs.matches ?? []).map((m) => `; column ${m.column} to metric ${m.metric}`).join('')}),`,
      `by the method of simulated moments on ${inputs.seeds.length} common seeds in variant ${inputs.variant}.`,
      `J at the calibrated point: ${fmt(c.objective)} (${inputs.weighting} weighting).`,
      '',
      ...c.names.map((m, i) => `  ${m.padEnd(20)} target ${fmt(c.target[i])}   simulated ${fmt(c.simulated.mean[i])} ± ${fmt(c.simulated.sd[i])}`),
    ],
    base: inputs.file,
    name: `${experiment.name}-calibrated`,
    set: inputs.set,
    values: c.params,
  });
}

function fmt(x: number): string {
  return Number.isFinite(x) ? (Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(3) : x.toFixed(4)) : String(x);
}

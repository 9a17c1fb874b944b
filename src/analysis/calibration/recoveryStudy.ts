import { parseArgs } from 'node:util';
import { deriveSeed } from '../../core/seeds';
import { getPath } from '../../core/paths';
import type { Experiment } from '../../experiment/define';
import { bootstrapBlock } from '../../experiment/calibrateExperiment';
import { pointRunner, type PointRunner } from '../../experiment/pointRunner';
import type { ParamRanges } from '../ranges';
import { calibrate } from './calibrate';
import type { MomentSet } from './moments';
import { inverseCovarianceWeighting, momentCovariance } from './weighting';

/**
 * A recovery study: series an experiment makes at a known point, the
 * calibration that should find that point again, and the parameters whose
 * identification at the truth is measured (docs/how-to/calibration.md,
 * "Recovering a known point").
 */
export interface RecoveryStudy {
  /** The experiment's name, as the tables and errors call it (`market-only`). */
  name: string;
  /** Loads the experiment the series come from; called once. */
  load: () => Experiment<object>;
  /** `path=value` assignments applied to the experiment's defaults first (`--set`); named in the recovery table's header. */
  set?: readonly string[];
  /** The metrics whose series are laid end to end, in the order `moments` reads them. */
  metrics: readonly string[];
  /** Days of each series (ticks + 1 values). */
  ticks: number;
  /** The known point the target series are generated at. */
  truth: Readonly<Record<string, number>>;
  /** Where the search starts, per fitted path; a path not named starts 40% below its truth. */
  start: Readonly<Record<string, number>>;
  /** The search ranges: the fitted paths. */
  ranges: ParamRanges;
  /** Common seeds per candidate. */
  seeds: number;
  /** The search's budget in candidates. */
  budget: number;
  /** The moments matched. */
  moments: MomentSet;
  /** The parameters whose identification `identificationTable` measures. */
  identificationPaths: readonly string[];
  /** How many trailing segments of a path head its identification column. */
  nameSegments: number;
  /** Column widths in characters: the recovery table's per parameter, the identification table's moment column and per parameter. */
  widths: { recovery: number; moment: number; identification: number };
}

/** One fit: the calibrated value and the search centre of each parameter, and their relative errors (fit / truth − 1). */
export interface Recovery {
  targetSeed: number;
  params: Record<string, number>;
  error: Record<string, number>;
  centreError: Record<string, number>;
  objective: number;
}

/** A recovery study made runnable: its series, fits and tables (see `recoveryStudy`). */
export interface RecoveryStudyRun {
  /** Returns the study's metrics of one run at `values` and `seed`, laid end to end (metrics × (ticks + 1) values). */
  series(values: Record<string, number>, seed: number): Float64Array;
  /**
   * `recover(targetSeed, ranges)` → the fit of the parameters of `ranges`
   * (default the study's) to the series the experiment makes at the truth
   * on `targetSeed`, from the start, by `calibrate` as `tokensim calibrate`
   * runs it: bootstrap weighting with the CLI's block length, the
   * experiment's first `seeds` run seeds as common seeds, `budget`
   * candidates. A path of `ranges` outside the truth takes the
   * experiment's own value as its truth and starts 40% below it.
   */
  recover(targetSeed: number, ranges?: ParamRanges): Promise<Recovery>;
  /** Returns the table of `recover` over `targets`: per target seed each parameter's error (best point, search centre), then how many came within 10%. */
  recoveryTable(targets: readonly number[]): Promise<string>;
  /**
   * `identificationTable(seeds)` → how well the moments see each
   * identification path at the truth, measured on `seeds` independent
   * series (seeds 5000…): per parameter and moment, t = D·ln 1.1 / sd, the
   * shift of the moment's mean a 10% rise of the parameter makes
   * (D = ∂m̄/∂ln θ by a central difference of ±15% on common seeds) over
   * the moment's sd across single series; and the estimate's spread that
   * implies for a fit of that parameter alone,
   * sd(ln θ̂) ≈ √((1 + 1/S) / (Dᵀ Σ⁻¹ D)) (Σ the moments' covariance over
   * the series, S the study's simulated series per candidate; McFadden,
   * Econometrica 57, 1989), and for the two fitted parameters jointly.
   */
  identificationTable(seeds: number): string;
}

const pct = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)}%`;

/** Returns `study` made runnable: its experiment's point runner is made on first use, once. */
export function recoveryStudy(study: RecoveryStudy): RecoveryStudyRun {
  const { ticks, truth: TRUTH } = study;
  let runner: PointRunner | null = null;
  const model = (): PointRunner => {
    runner ??= pointRunner(study.load(), { ticks, seeds: study.seeds, metrics: study.metrics, ...(study.set ? { set: [...study.set] } : {}) });
    return runner;
  };
  const truthOf = (path: string): number => TRUTH[path] ?? Number(getPath(model().base, path));

  const series = (values: Record<string, number>, seed: number): Float64Array => {
    const r = model().run({ values, seed });
    if (r.status !== 'ok') throw new Error(`${study.name} at ${JSON.stringify(values)}, seed ${seed}: ${r.error}`);
    const out = new Float64Array(study.metrics.length * (ticks + 1));
    study.metrics.forEach((m, i) => out.set(r.series[m], i * (ticks + 1)));
    return out;
  };

  const recover = async (targetSeed: number, ranges: ParamRanges = study.ranges): Promise<Recovery> => {
    const paths = Object.keys(ranges).sort();
    const truth = Object.fromEntries(paths.map((p) => [p, truthOf(p)]));
    const start = Object.fromEntries(paths.map((p) => [p, study.start[p] ?? 0.6 * truth[p]]));
    const cal = await calibrate({
      data: series({ ...TRUTH }, targetSeed),
      moments: study.moments,
      simulate: (theta, seed) => series(Object.fromEntries(paths.map((p, i) => [p, theta[i]])), seed),
      ranges,
      start,
      seeds: model().seeds,
      bootstrap: { blockLength: bootstrapBlock(ticks + 1), seed: deriveSeed(targetSeed, 'bootstrap') },
      budget: study.budget,
      seed: deriveSeed(targetSeed, 'calibrate'),
      // Each generation's runs are synchronous: hand the event loop back between generations, so a test runner's worker stays responsive over a fit of a minute.
      onGeneration: () => new Promise<void>((resolve) => setImmediate(resolve)),
    });
    const rel = (v: Record<string, number>) => Object.fromEntries(paths.map((p) => [p, v[p] / truth[p] - 1]));
    return { targetSeed, params: cal.params, error: rel(cal.params), centreError: rel(cal.search.centre), objective: cal.objective };
  };

  const recoveryTable = async (targets: readonly number[]): Promise<string> => {
    const fits: Recovery[] = [];
    for (const t of targets) fits.push(await recover(t));
    const paths = Object.keys(study.ranges).sort();
    const w = study.widths.recovery;
    const label = study.set ? `${study.name} (${study.set.join(', ')})` : study.name;
    const lines = [
      `${label} at ${paths.map((p) => `${p} = ${TRUTH[p]}`).join(', ')}; ${ticks} days; start 40% below; ${study.seeds} seeds × ${study.budget} candidates`,
      `${'target seed'.padEnd(12)}${paths.map((p) => `${p.padStart(w)}${'centre'.padStart(9)}`).join('')}`,
      ...fits.map((f) => `${String(f.targetSeed).padEnd(12)}${paths.map((p) => `${pct(f.error[p]).padStart(w)}${pct(f.centreError[p]).padStart(9)}`).join('')}`),
      `${'within 10%'.padEnd(12)}${paths.map((p) => `${`${fits.filter((f) => Math.abs(f.error[p]) < 0.1).length} of ${fits.length}`.padStart(w)}${''.padStart(9)}`).join('')}`,
      `both within 10% on ${fits.filter((f) => paths.every((p) => Math.abs(f.error[p]) < 0.1)).length} of ${fits.length}`,
    ];
    return lines.map((l) => l.trimEnd()).join('\n');
  };

  const identificationTable = (seeds: number): string => {
    const { moments: MOMENTS, identificationPaths: PATHS } = study;
    const seedList = Array.from({ length: seeds }, (_, i) => 5000 + i);
    const meanMoments = (values: Record<string, number>) => {
      const ms = seedList.map((s) => MOMENTS.compute(series(values, s)));
      return { ms, mean: Float64Array.from(MOMENTS.names, (_, j) => ms.reduce((a, m) => a + m[j], 0) / ms.length) };
    };
    const at = meanMoments({ ...TRUTH });
    const k = MOMENTS.names.length;
    const cov = momentCovariance(at.ms);
    const sd = Float64Array.from({ length: k }, (_, j) => Math.sqrt(cov[j * k + j]));
    const w = inverseCovarianceWeighting(at.ms, MOMENTS.names);
    const h = 0.15;
    const D: Record<string, Float64Array> = {};
    for (const p of PATHS) {
      const v = truthOf(p);
      const up = meanMoments({ ...TRUTH, [p]: v * (1 + h) }).mean;
      const down = meanMoments({ ...TRUTH, [p]: v * (1 - h) }).mean;
      D[p] = Float64Array.from({ length: k }, (_, j) => (up[j] - down[j]) / Math.log((1 + h) / (1 - h)));
    }
    const info = (a: string, b: string) => {
      let s = 0;
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) s += D[a][i] * w[i * k + j] * D[b][j];
      return s;
    };
    const noise = 1 + 1 / study.seeds;
    const short = (p: string) => p.split('.').slice(-study.nameSegments).join('.');
    const { moment: mw, identification: cw } = study.widths;
    const lines = [
      `t of a 10% rise (shift of the mean / sd over ${seeds} single ${ticks}-day series) at the truth`,
      `${'moment'.padEnd(mw)}${PATHS.map((p) => short(p).padStart(cw)).join('')}`,
      ...MOMENTS.names.map((m, j) => `${m.padEnd(mw)}${PATHS.map((p) => ((D[p][j] * Math.log(1.1)) / sd[j]).toFixed(2).padStart(cw)).join('')}`),
      `${'sd of the estimate'.padEnd(mw)}${PATHS.map((p) => `${(100 * Math.sqrt(noise / info(p, p))).toFixed(1)}%`.padStart(cw)).join('')}`,
    ];
    const [a, b] = Object.keys(study.ranges).sort();
    const det = info(a, a) * info(b, b) - info(a, b) ** 2;
    lines.push(`fitted jointly: ${a} ${(100 * Math.sqrt((noise * info(b, b)) / det)).toFixed(1)}%, ${b} ${(100 * Math.sqrt((noise * info(a, a)) / det)).toFixed(1)}%`);
    return lines.join('\n');
  };

  return { series, recover, recoveryTable, identificationTable };
}

/**
 * `recoveryStudyMain(run, defaults, argv)` → resolves once it has printed
 * the recovery table over `--targets` (default `defaults.targets`) and,
 * with `--identification`, the identification table over
 * `defaults.identificationSeeds` series before it.
 */
export async function recoveryStudyMain(run: RecoveryStudyRun, defaults: { targets: readonly number[]; identificationSeeds: number }, argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { targets: { type: 'string' }, identification: { type: 'boolean' } } });
  if (values.identification) process.stdout.write(run.identificationTable(defaults.identificationSeeds) + '\n\n');
  const targets = values.targets ? values.targets.split(',').map(Number) : defaults.targets;
  process.stdout.write((await run.recoveryTable(targets)) + '\n');
}

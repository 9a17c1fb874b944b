import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors';
import type { DeepPartial, Experiment } from '../experiment/define';
import { runExperiment, type ExecuteOptions, type ExperimentOutcome } from '../experiment/runExperiment';
import { ArrowFileWriter } from '../io/arrowWriter';
import { readColumns } from '../io/arrowReader';
import { morrisDesign, morrisIndices, type MorrisDesign } from './morris';
import { overridesFromPoint, type ParamRanges } from './ranges';
import { sobolDesign, sobolIndices, type EstimatorOptions, type SensitivityIndex, type SobolDesign } from './sobol';

/** What `design.json` holds: enough to regenerate the design exactly (designs are pure functions of these). */
export type DesignSpec =
  | { method: 'sobol'; ranges: ParamRanges; n: number; seed: number }
  | { method: 'morris'; ranges: ParamRanges; trajectories: number; levels?: number; seed: number };

/** A sampling design for sensitivity analysis. */
export type SensitivityDesign = SobolDesign | MorrisDesign;

/** Returns the design `spec` describes (the same points every time). */
export function makeDesign(spec: DesignSpec): SensitivityDesign {
  if (spec.method === 'sobol') return sobolDesign(spec.ranges, spec.n, spec.seed);
  if (spec.method === 'morris') return morrisDesign(spec.ranges, spec.trajectories, spec.seed, spec.levels ?? 4);
  throw new InputError(`design.json: unknown method ${(spec as { method: string }).method}; expected sobol or morris`);
}

/** Returns design point r as dotted path → value, in the parameters' units. */
export function designPoint(design: SensitivityDesign, r: number): Record<string, number> {
  const k = design.paths.length;
  return Object.fromEntries(design.paths.map((p, c) => [p, design.matrix[r * k + c]]));
}

/** Returns the variant name of design point r (`point-000123`); runs.arrow's `variant` column maps back to r. */
export function pointName(r: number): string {
  return `point-${String(r).padStart(6, '0')}`;
}

/**
 * Returns `base` with one variant per design point (named by `pointName`,
 * in design order), each setting the design's parameters; every variant's
 * replicates share seeds, so points differ only by their parameters
 * (common random numbers).
 */
export function designExperiment<P extends object>(base: Experiment<P>, design: SensitivityDesign): Experiment<P> {
  const variants: Record<string, DeepPartial<P>> = {};
  for (let r = 0; r < design.rows; r++) variants[pointName(r)] = overridesFromPoint(designPoint(design, r)) as DeepPartial<P>;
  return { ...base, variants };
}

/**
 * Runs every point of the design `spec` on `base` (as variants, through the
 * ordinary runner) and writes `design.json` beside the results; returns the
 * runner's outcome. The results directory is then what `tokensim
 * sensitivity DIR` reads.
 */
export async function runSensitivityStudy<P extends object>(base: Experiment<P>, spec: DesignSpec, opts: ExecuteOptions = {}): Promise<ExperimentOutcome> {
  const design = makeDesign(spec);
  const outcome = await runExperiment(designExperiment(base, design), opts);
  writeFileSync(join(outcome.dir, 'design.json'), JSON.stringify({ ...spec, paths: design.paths, rows: design.rows }, null, 2) + '\n');
  return outcome;
}

/** Options of `analyseSensitivity`. */
export interface AnalyseOptions extends EstimatorOptions {
  /** KPIs to analyse; default every column of summary.arrow. */
  kpis?: string[];
}

/** The indices found for a results directory, and the KPIs skipped with why. */
export interface SensitivityReport {
  spec: DesignSpec;
  indices: SensitivityIndex[];
  skipped: { kpi: string; reason: string }[];
}

/**
 * Returns the global sensitivity indices of each summary KPI of the results
 * in `dir` to each design parameter: reads `design.json`, regenerates the
 * design, checks it against the parameter columns of `runs.arrow`, averages
 * each KPI over a point's ok replicates (summary.arrow), and applies the
 * Sobol (S1, ST) or Morris (mu, mu_star, sigma) estimators. A KPI that is
 * constant or missing at some point is skipped with the reason.
 */
export function analyseSensitivity(dir: string, opts: AnalyseOptions = {}): SensitivityReport {
  const specPath = join(dir, 'design.json');
  if (!existsSync(specPath)) throw new InputError(`sensitivity: ${dir} has no design.json; run a study made with runSensitivityStudy (e.g. experiments/sensitivity.ts)`);
  const spec = JSON.parse(readFileSync(specPath, 'utf8')) as DesignSpec;
  const design = makeDesign(spec);
  const runs = readColumns(join(dir, 'runs.arrow'));
  const summary = readColumns(join(dir, 'summary.arrow'));
  const k = design.paths.length;
  for (const p of design.paths) if (!runs[p]) throw new InputError(`sensitivity: runs.arrow has no column ${p}, a parameter of design.json`);
  const point = (runs.variant as string[]).map((v) => (/^point-\d+$/.test(v) ? Number(v.slice(6)) : -1));
  point.forEach((r, row) => {
    if (r < 0 || r >= design.rows) throw new InputError(`sensitivity: runs.arrow variant "${runs.variant[row]}" is not a point of the ${design.rows}-point design`);
    for (let c = 0; c < k; c++) {
      const want = design.matrix[r * k + c];
      const got = runs[design.paths[c]][row] as number;
      if (Math.abs(got - want) > 1e-9 * (1 + Math.abs(want))) throw new InputError(`sensitivity: runs.arrow ${design.paths[c]} = ${got} at ${pointName(r)}, but design.json gives ${want}`);
    }
  });
  const rowOf = new Map<number, number>((summary.run_id as number[]).map((id, i) => [id, i]));
  const kpis = opts.kpis ?? Object.keys(summary).filter((c) => c !== 'run_id');
  const indices: SensitivityIndex[] = [];
  const skipped: SensitivityReport['skipped'] = [];
  for (const kpi of kpis) {
    if (!summary[kpi]) throw new InputError(`--kpi ${kpi}: summary.arrow has no such column; it has ${Object.keys(summary).filter((c) => c !== 'run_id').join(', ')}`);
    const sum = new Float64Array(design.rows);
    const cnt = new Float64Array(design.rows);
    (runs.run_id as number[]).forEach((id, row) => {
      if (runs.status[row] !== 'ok') return;
      const v = summary[kpi][rowOf.get(id) ?? -1] as number | null | undefined;
      if (typeof v === 'number' && Number.isFinite(v)) {
        sum[point[row]] += v;
        cnt[point[row]]++;
      }
    });
    const y = sum.map((s, r) => (cnt[r] > 0 ? s / cnt[r] : NaN));
    try {
      indices.push(...(design.method === 'sobol' ? sobolIndices(design, y, kpi, opts) : morrisIndices(design, y, kpi, opts)));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      skipped.push({ kpi, reason: e.message });
    }
  }
  return { spec, indices, skipped };
}

/** Writes `indices` as an Arrow table: kpi, parameter, method, index (utf8), value, ci_lo, ci_hi (float64). */
export async function writeSensitivityTable(path: string, indices: SensitivityIndex[]): Promise<void> {
  const w = await ArrowFileWriter.open(path, [
    { name: 'kpi', kind: 'utf8' },
    { name: 'parameter', kind: 'utf8' },
    { name: 'method', kind: 'utf8' },
    { name: 'index', kind: 'utf8' },
    { name: 'value', kind: 'float64' },
    { name: 'ci_lo', kind: 'float64' },
    { name: 'ci_hi', kind: 'float64' },
  ]);
  await w.writeBatch(
    {
      kpi: indices.map((x) => x.kpi),
      parameter: indices.map((x) => x.parameter),
      method: indices.map((x) => x.method),
      index: indices.map((x) => x.index),
      value: Float64Array.from(indices, (x) => x.value),
      ci_lo: Float64Array.from(indices, (x) => x.ciLo),
      ci_hi: Float64Array.from(indices, (x) => x.ciHi),
    },
    indices.length,
  );
  await w.close();
}

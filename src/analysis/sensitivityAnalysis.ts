import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors';
import { writeArrowTable } from '../io/arrowWriter';
import { readResults } from '../io/resultsDir';
import { morrisIndices } from './morris';
import { SENSITIVITY_KINDS, sensitivityDesign, type SensitivityDesign } from './sensitivitySweeps';
import { sobolIndices, type EstimatorOptions, type SensitivityIndex } from './sobol';

/** Options of `analyseSensitivity`. */
export interface AnalyseOptions extends EstimatorOptions {
  /** KPIs to analyse; default every column of summary.arrow. */
  kpis?: string[];
  /** Variant whose runs are analysed; required when the experiment has more than one. */
  variant?: string;
}

/** The indices found for a results directory, the design they rest on, and the KPIs skipped with why. */
export interface SensitivityReport {
  /** The manifest's sweep spec (kind, params, size, seed). */
  sweep: Record<string, unknown>;
  /** The design rebuilt from that spec and the manifest's sweepSeed. */
  design: SensitivityDesign;
  /** The variant analysed. */
  variant: string;
  indices: SensitivityIndex[];
  skipped: { kpi: string; reason: string }[];
}

/**
 * Returns the global sensitivity indices of each summary KPI of the results
 * in `dir` (an ordinary `tokensim run` output of an experiment with a
 * `sobol` or `morris` sweep) to each swept parameter: rebuilds the design
 * from the manifest's `sweep` and `sweepSeed`, checks it against runs.arrow's
 * `point` and parameter columns, averages each KPI over a point's ok
 * replicates, and applies the Sobol (S1, ST) or Morris (mu, mu_star, sigma)
 * estimators. A KPI that is constant, or missing at some point (e.g. every
 * replicate of a point failed), is skipped with the reason. Throws an
 * `InputError` when the directory has no sensitivity sweep, when runs are
 * missing from or disagree with the design, or when a KPI or variant is unknown.
 */
export function analyseSensitivity(dir: string, opts: AnalyseOptions = {}): SensitivityReport {
  const res = readResults(dir);
  const sweep = res.manifest.sweep as ({ kind: string } & Record<string, unknown>) | null | undefined;
  if (!sweep || !(SENSITIVITY_KINDS as readonly string[]).includes(sweep.kind)) {
    if (existsSync(join(dir, 'design.json'))) throw new InputError(`sensitivity: ${dir} holds a design.json from an earlier point-variant study; rerun it as an experiment with a morris or sobol sweep (see experiments/sensitivity.ts)`);
    throw new InputError(`sensitivity: ${dir} was not run with a sensitivity sweep (manifest sweep: ${sweep ? sweep.kind : 'none'}); expected an experiment with sweep: { kind: 'morris' | 'sobol', ... }, e.g. experiments/sensitivity.ts`);
  }
  const seed = res.manifest.sweepSeed;
  if (typeof seed !== 'number') throw new InputError(`sensitivity: ${dir}/manifest.json has no sweepSeed; the design cannot be rebuilt`);
  const design = sensitivityDesign(sweep, seed);

  const variants = [...new Set(res.runs.map((r) => r.variant))];
  const variant = opts.variant ?? (variants.length === 1 ? variants[0] : undefined);
  if (variant === undefined) throw new InputError(`sensitivity: ${dir} has variants ${variants.join(', ')}; choose one with --variant NAME`);
  if (!variants.includes(variant)) throw new InputError(`--variant ${variant}: ${dir} has no such variant; it has ${variants.join(', ')}`);

  const k = design.paths.length;
  for (const p of design.paths) if (!res.paramNames.includes(p)) throw new InputError(`sensitivity: runs.arrow has no column ${p}, a parameter of the ${sweep.kind} sweep`);
  const rows = res.runs.map((r, i) => i).filter((i) => res.runs[i].variant === variant);
  const seen = new Uint8Array(design.rows);
  for (const i of rows) {
    const run = res.runs[i];
    if (!(run.point >= 0 && run.point < design.rows)) throw new InputError(`sensitivity: run ${run.runId} has point ${run.point}, outside the ${design.rows}-point ${sweep.kind} design`);
    seen[run.point] = 1;
    for (let c = 0; c < k; c++) {
      const want = design.matrix[run.point * k + c];
      const got = run.params[design.paths[c]];
      if (Math.abs(got - want) > 1e-9 * (1 + Math.abs(want))) throw new InputError(`sensitivity: run ${run.runId} has ${design.paths[c]} = ${got} at point ${run.point}, but the manifest's sweep gives ${want}`);
    }
  }
  const missing = seen.indexOf(0);
  if (missing >= 0) throw new InputError(`sensitivity: ${dir} has no run of point ${missing} of the ${design.rows}-point design (variant ${variant}); every point is needed (merge all shards first)`);

  const kpis = opts.kpis ?? res.kpiNames;
  const indices: SensitivityIndex[] = [];
  const skipped: SensitivityReport['skipped'] = [];
  const sum = new Float64Array(design.rows);
  const cnt = new Float64Array(design.rows);
  for (const kpi of kpis) {
    const values = res.kpis[kpi];
    if (!values) throw new InputError(`--kpi ${kpi}: summary.arrow has no such column; it has ${res.kpiNames.join(', ')}`);
    sum.fill(0);
    cnt.fill(0);
    for (const i of rows) {
      const v = values[i];
      if (!res.runs[i].ok || !Number.isFinite(v)) continue;
      sum[res.runs[i].point] += v;
      cnt[res.runs[i].point]++;
    }
    const y = sum.map((s, r) => (cnt[r] > 0 ? s / cnt[r] : NaN));
    try {
      indices.push(...(design.method === 'sobol' ? sobolIndices(design, y, kpi, opts) : morrisIndices(design, y, kpi, opts)));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      skipped.push({ kpi, reason: e.message });
    }
  }
  return { sweep, design, variant, indices, skipped };
}

/** Writes `indices` as an Arrow table: kpi, parameter, method, index (utf8), value, ci_lo, ci_hi (float64). */
export async function writeSensitivityTable(path: string, indices: SensitivityIndex[]): Promise<void> {
  await writeArrowTable(
    path,
    [
      { name: 'kpi', kind: 'utf8' },
      { name: 'parameter', kind: 'utf8' },
      { name: 'method', kind: 'utf8' },
      { name: 'index', kind: 'utf8' },
      { name: 'value', kind: 'float64' },
      { name: 'ci_lo', kind: 'float64' },
      { name: 'ci_hi', kind: 'float64' },
    ],
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
}

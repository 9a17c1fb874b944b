import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError } from '../core/errors';
import { readTableFile, tableFilePath } from './tableFile';

/** runs.arrow columns that describe a run rather than a parameter it varies. */
const RUN_COLUMNS = new Set(['run_id', 'variant', 'scenario', 'replicate', 'seed', 'point', 'status', 'error', 'error_tick', 'null_kpis']);

/** One row of runs.arrow: a run's identity, status, and the parameters it varies. */
export interface RunRow {
  runId: number;
  variant: string;
  /** The run's scenario (`none`: unshocked); null when the experiment lists no scenario (no `scenario` column). */
  scenario: string | null;
  replicate: number;
  seed: number;
  /** Sweep point index; 0 when the experiment has no sweep (no `point` column). */
  point: number;
  ok: boolean;
  /** Values of the varied numeric parameters, by dotted name. */
  params: Record<string, number>;
}

/** A results directory's runs and summary KPIs, read into memory (both are one row per run). */
export interface Results {
  dir: string;
  /** manifest.json, or an empty object when the directory has none. */
  manifest: Record<string, unknown>;
  /** Runs in file (run_id) order. */
  runs: RunRow[];
  /** Names of the numeric (float64) varied-parameter columns of runs.arrow, in file order. */
  paramNames: string[];
  /** KPI names of summary.arrow (every column but run_id), in file order. */
  kpiNames: string[];
  /** KPI values by name, aligned with `runs` (NaN where null or missing). */
  kpis: Record<string, Float64Array>;
}

/**
 * Reads `dir`'s runs and summary tables (Arrow IPC, or Parquet when a
 * table has no `.arrow` file) and manifest.json when present, and returns
 * them joined on run_id. Throws an InputError naming the directory when it
 * does not exist or lacks either table, naming the manifest when it is
 * corrupt, or naming the missing column when runs.arrow lacks run_id,
 * variant, replicate, seed or status.
 */
export function readResults(dir: string): Results {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`no such results directory: ${dir}`);
  const [runsPath, summaryPath] = ['runs', 'summary'].map((t) => tableFilePath(dir, t));
  for (const f of [runsPath, summaryPath]) {
    if (!existsSync(f)) throw new InputError(`${dir} is not a results directory: it has no ${basename(f)}`);
  }
  const manifestPath = join(dir, 'manifest.json');
  let manifest: Record<string, unknown> = {};
  if (existsSync(manifestPath)) {
    try {
      manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    } catch (e) {
      throw new InputError(`${manifestPath} is corrupt (${(e as Error).message}); expected the manifest tokensim writes`);
    }
  }

  const { table: runsTable } = readTableFile(runsPath);
  const col = (name: string, required = true) => {
    const v = runsTable.getChild(name);
    if (!v && required) throw new InputError(`${runsPath} has no column ${name}`);
    return v;
  };
  const [runId, variant, replicate, seed, status] = ['run_id', 'variant', 'replicate', 'seed', 'status'].map((n) => col(n)!);
  const point = col('point', false);
  const scenario = col('scenario', false);
  const paramNames = runsTable.schema.fields
    .filter((f) => !RUN_COLUMNS.has(f.name) && String(f.type) === 'Float64')
    .map((f) => f.name);
  const paramCols = paramNames.map((n) => runsTable.getChild(n)!);

  const runs: RunRow[] = [];
  const index = new Map<number, number>();
  for (let i = 0; i < runsTable.numRows; i++) {
    const params: Record<string, number> = {};
    paramNames.forEach((n, k) => (params[n] = Number(paramCols[k].get(i))));
    const id = Number(runId.get(i));
    index.set(id, i);
    runs.push({
      runId: id,
      variant: String(variant.get(i)),
      scenario: scenario ? String(scenario.get(i)) : null,
      replicate: Number(replicate.get(i)),
      seed: Number(seed.get(i)),
      point: point ? Number(point.get(i)) : 0,
      ok: status.get(i) === 'ok',
      params,
    });
  }

  const { table: summary } = readTableFile(summaryPath);
  const sumIds = summary.getChild('run_id');
  if (!sumIds) throw new InputError(`${summaryPath} has no column run_id`);
  // The scenario column (utf8) labels a run, like run_id; every other column is a KPI.
  const kpiNames = summary.schema.fields.map((f) => f.name).filter((n) => n !== 'run_id' && n !== 'scenario');
  const kpis: Record<string, Float64Array> = {};
  for (const name of kpiNames) {
    const values = new Float64Array(runs.length).fill(NaN);
    const v = summary.getChild(name)!;
    for (let i = 0; i < summary.numRows; i++) {
      const row = index.get(Number(sumIds.get(i)));
      const x = v.get(i);
      if (row !== undefined && x !== null) values[row] = Number(x);
    }
    kpis[name] = values;
  }
  return { dir, manifest, runs, paramNames, kpiNames, kpis };
}

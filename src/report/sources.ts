import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Table } from 'apache-arrow';
import { InputError } from '../core/errors';
import { STRESS_KPIS, stressTable, type StressTable } from '../experiment/stress';
import { readArrowFile } from '../io/arrowReader';
import { readResults, type Results, type RunRow } from '../io/resultsDir';
import { columnInfo, type ColumnInfo, type DescribedTable } from './units';

/** One results directory of a report, read. */
export interface Source {
  dir: string;
  /** How the report names this directory: its experiment, made unique; empty when the report has one directory. */
  label: string;
  results: Results;
  series: Table;
  /** Its float64 timeseries columns: the metrics it can chart. */
  metrics: string[];
  flows?: Table;
  lorenz?: Table;
  /** Its tail statistics per variant × scenario (`stressTable`, by its own variant names); null when its runs have no scenario or summary.arrow lacks the stress KPIs. */
  stress: StressTable | null;
  /** The report's name of one of its variants (`label/variant` when the report has several directories). */
  variantName(variant: string): string;
  /** The report's variant of a finished run, by this directory's run_id; undefined for failed or unknown runs. */
  variantOf(runId: number): string | undefined;
}

/** Several directories read together: each source, and their runs and KPIs as one set, variants named by the report. */
export interface ReportData {
  sources: Source[];
  /** Every run of every source with the report's variant names, run_ids made unique; for the statistics. */
  combined: Results;
  /** Variants in order of appearance: the report's colour order. */
  variants: string[];
  /** The unit and description of a column, from the first manifest that declares it. */
  info(table: DescribedTable, name: string): ColumnInfo;
}

function optionalTable(dir: string, name: string): Table | undefined {
  const path = join(dir, name);
  return existsSync(path) ? readArrowFile(path).table : undefined;
}

/**
 * Names each directory by its experiment; where several share a name, by
 * the directory's own name when that contains the experiment's
 * (`tiny-high-burn`), else both (`tiny (2025-01-01T00-00-00)`); then a number.
 */
function labels(dirs: string[], all: Results[]): string[] {
  const base = all.map((r, i) => String(r.manifest.experiment ?? basename(resolve(dirs[i]))));
  const own = (i: number) => basename(resolve(dirs[i]));
  const named = base.map((b, i) => (base.filter((x) => x === b).length > 1 ? (own(i).includes(b) ? own(i) : `${b} (${own(i)})`) : b));
  return named.map((n, i) => (named.filter((x) => x === n).length > 1 ? `${n} #${named.slice(0, i + 1).filter((x) => x === n).length}` : n));
}

/** True when every directory has the same sweep points with the same parameter values, so runs can pair across them by (point, seed). */
function sameDesign(all: Results[]): boolean {
  const design = (r: Results) => JSON.stringify([...new Map(r.runs.map((x) => [x.point, x.params])).entries()].sort((a, b) => a[0] - b[0]));
  return all.every((r) => design(r) === design(all[0]));
}

/**
 * Reads the results directories `dirs` (runs, summary and timeseries, and
 * flows and lorenz where present) and joins them for one report. With one
 * directory variants keep their names; with several each is named
 * `<experiment>/<variant>`; under scenarios a variant is
 * `<variant> / <scenario>` (see `byScenario`). Sweep points are kept where every directory has
 * the same design (runs then pair across directories by point and seed) and
 * made distinct otherwise. Throws an InputError naming a missing directory
 * or table.
 */
export function readSources(dirs: string[]): ReportData {
  const raw = dirs.map((d) => readResults(d));
  const all = raw.map(byScenario);
  const names = dirs.length > 1 ? labels(dirs, all) : [''];
  const keepPoints = sameDesign(all);
  const sources: Source[] = dirs.map((dir, k) => {
    const results = all[k];
    const seriesPath = join(dir, 'timeseries.arrow');
    if (!existsSync(seriesPath)) throw new InputError(`${dir} is not a results directory: it has no timeseries.arrow`);
    const { table, columns } = readArrowFile(seriesPath);
    const variantName = (v: string) => (names[k] ? `${names[k]}/${v}` : v);
    const ok = new Map(results.runs.filter((r) => r.ok).map((r) => [r.runId, variantName(r.variant)]));
    return {
      dir,
      label: names[k],
      results,
      series: table,
      metrics: columns.filter((c) => c.type === 'Float64').map((c) => c.name),
      flows: optionalTable(dir, 'flows.arrow'),
      lorenz: optionalTable(dir, 'lorenz.arrow'),
      stress: STRESS_KPIS.every((name) => raw[k].kpiNames.includes(name)) ? stressTable(raw[k]) : null,
      variantName,
      variantOf: (id) => ok.get(id),
    };
  });
  const combined = combine(sources, keepPoints);
  const variants = [...new Set(combined.runs.map((r) => r.variant))];
  const info = (table: DescribedTable, name: string) => {
    for (const s of sources) {
      const i = columnInfo(s.results.manifest, table, name);
      if (i.unit || i.description) return i;
    }
    return { name };
  };
  return { sources, combined, variants, info };
}

/**
 * Returns `results` with each run of a scenario named `<variant> / <scenario>`
 * as its variant (`baseline / none`, `baseline / crash30`), so the report
 * shows every variant under every scenario apart and compares them with the
 * first (the unshocked baseline), paired by seed; `results` itself when its
 * runs have no scenario.
 */
function byScenario(results: Results): Results {
  if (!results.runs.some((r) => r.scenario !== null)) return results;
  return { ...results, runs: results.runs.map((r) => ({ ...r, variant: `${r.variant} / ${r.scenario}`, scenario: null })) };
}

/** Every source's runs and KPIs as one Results: run_ids offset to be unique, missing parameters and KPIs NaN. */
function combine(sources: Source[], keepPoints: boolean): Results {
  if (sources.length === 1) return sources[0].results;
  const union = (pick: (r: Results) => string[]) => [...new Set(sources.flatMap((s) => pick(s.results)))];
  const paramNames = union((r) => r.paramNames);
  const kpiNames = union((r) => r.kpiNames);
  const runs: RunRow[] = [];
  const kpis: Record<string, number[]> = Object.fromEntries(kpiNames.map((k) => [k, []]));
  let idOffset = 0;
  let pointOffset = 0;
  for (const s of sources) {
    const r = s.results;
    r.runs.forEach((run, i) => {
      const params = Object.fromEntries(paramNames.map((p) => [p, run.params[p] ?? NaN]));
      runs.push({ ...run, runId: run.runId + idOffset, variant: s.variantName(run.variant), point: run.point + (keepPoints ? 0 : pointOffset), params });
      for (const k of kpiNames) kpis[k].push(r.kpis[k]?.[i] ?? NaN);
    });
    idOffset += Math.max(-1, ...r.runs.map((x) => x.runId)) + 1;
    pointOffset += Math.max(-1, ...r.runs.map((x) => x.point)) + 1;
  }
  return {
    dir: sources.map((s) => s.dir).join(', '),
    manifest: {},
    runs,
    paramNames,
    kpiNames,
    kpis: Object.fromEntries(kpiNames.map((k) => [k, Float64Array.from(kpis[k])])),
  };
}

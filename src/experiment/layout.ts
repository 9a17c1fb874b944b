import { getPath } from '../core/paths';
import type { ColumnData, ColumnSpec } from '../io/arrowWriter';
import type { Plan, RunSpec } from './plan';
import type { RunResult } from './runOne';
import type { TableInfo } from './model';

/** One output table: its file name without `.arrow`, and its columns. */
export interface TableLayout {
  name: string;
  columns: ColumnSpec[];
  /** Whether the model declared the table (the three core tables are always written). */
  extra: boolean;
}

/** One run's rows of one table, column-wise. */
export interface Rows {
  data: Record<string, ColumnData>;
  length: number;
}

/** A varied parameter's column: float64 when every value is a number, else utf8 (JSON for objects). */
function paramColumn(plan: Plan, path: string): { spec: ColumnSpec; value: (params: object | null) => ColumnData } {
  const numeric = plan.runs.every((r) => typeof getPath(r.params, path) === 'number');
  if (numeric) return { spec: { name: path, kind: 'float64' }, value: (p) => (p === null ? [null] : Float64Array.of(getPath(p, path) as number)) };
  return {
    spec: { name: path, kind: 'utf8', nullable: true },
    value: (p) => {
      const v = p === null ? null : getPath(p, path);
      return [v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v)];
    },
  };
}

/**
 * The tables of an experiment's output and how a run's result becomes rows
 * of each: `runs` (identity, varied and swept parameters, status, and
 * `null_kpis`: the KPIs an ok run could not give a finite value, e.g. the
 * volatility of fewer than three prices, comma-separated, else null),
 * `timeseries` (one row per recorded tick), `summary` (one row of KPIs) and
 * the model's extra tables. When the experiment lists scenarios, runs has a
 * `scenario` column (utf8) after `variant` and summary one after `run_id`,
 * so KPIs group by it. Every process of a run (main thread, worker,
 * shard, merge) builds the same layout from the same plan.
 */
export class OutputLayout {
  readonly tables: TableLayout[];
  private readonly params: ReturnType<typeof paramColumn>[];
  /** Whether the runs have scenarios (a `scenario` column in runs and summary). */
  private readonly scenarios: boolean;

  constructor(
    private readonly plan: Plan,
    readonly metricNames: string[],
    readonly kpiNames: string[],
    extraTables: readonly { name: string; columns: ColumnSpec[] }[],
  ) {
    this.params = plan.variedPaths.map((p) => paramColumn(plan, p));
    this.scenarios = plan.runs.some((r) => r.scenario !== undefined);
    const scenario: ColumnSpec[] = this.scenarios ? [{ name: 'scenario', kind: 'utf8' }] : [];
    this.tables = [
      {
        name: 'runs',
        extra: false,
        columns: [
          { name: 'run_id', kind: 'int32' },
          { name: 'variant', kind: 'utf8' },
          ...scenario,
          { name: 'point', kind: 'int32' },
          { name: 'replicate', kind: 'int32' },
          { name: 'seed', kind: 'uint32' },
          ...this.params.map((p) => p.spec),
          // The same parameters as in force when the run ended: they differ where governance changed them.
          ...this.params.map((p) => ({ ...p.spec, name: `${p.spec.name}@end`, nullable: true })),
          { name: 'param_changes', kind: 'int32' },
          { name: 'status', kind: 'utf8' },
          { name: 'error', kind: 'utf8', nullable: true },
          { name: 'error_tick', kind: 'int32', nullable: true },
          { name: 'null_kpis', kind: 'utf8', nullable: true },
        ],
      },
      { name: 'timeseries', extra: false, columns: [{ name: 'run_id', kind: 'int32' }, { name: 'tick', kind: 'int32' }, ...metricNames.map((name): ColumnSpec => ({ name, kind: 'float64' }))] },
      { name: 'summary', extra: false, columns: [{ name: 'run_id', kind: 'int32' }, ...scenario, ...kpiNames.map((name): ColumnSpec => ({ name, kind: 'float64', nullable: true }))] },
      ...extraTables.map((t) => ({ name: t.name, extra: true, columns: [{ name: 'run_id', kind: 'int32' } as ColumnSpec, ...t.columns] })),
    ];
  }

  /** Returns the output file names, in table order. */
  get files(): string[] {
    return this.tables.map((t) => `${t.name}.arrow`);
  }

  /** Returns one run's rows of every table, keyed by table name. */
  rows(result: RunResult): Record<string, Rows> {
    const run = this.plan.runs[result.runId];
    const runs: Record<string, ColumnData> = {
      run_id: Int32Array.of(run.runId),
      variant: [run.variant],
      point: Int32Array.of(run.point ?? 0),
      replicate: Int32Array.of(run.replicate),
      seed: Uint32Array.of(run.seed),
      status: [result.status],
      error: [result.error],
      error_tick: [result.errorTick],
    };
    if (this.scenarios) runs.scenario = [run.scenario ?? null];
    for (const p of this.params) {
      runs[p.spec.name] = p.value(run.params);
      runs[`${p.spec.name}@end`] = p.value(result.paramsAtEnd);
    }
    runs.param_changes = Int32Array.of(result.paramChanges);

    const n = result.ticks.length;
    const series: Record<string, ColumnData> = { run_id: new Int32Array(n).fill(run.runId), tick: result.ticks };
    for (const m of this.metricNames) series[m] = result.series[m] ?? new Float64Array(n).fill(NaN);

    const summary: Record<string, ColumnData> = { run_id: Int32Array.of(run.runId) };
    if (this.scenarios) summary.scenario = [run.scenario ?? null];
    const undefinedKpis: string[] = [];
    for (const k of this.kpiNames) {
      const v = result.summary[k];
      const defined = v !== undefined && Number.isFinite(v);
      if (!defined && result.status === 'ok') undefinedKpis.push(k);
      summary[k] = [defined ? v : null];
    }
    runs.null_kpis = [undefinedKpis.length ? undefinedKpis.join(',') : null];

    const out: Record<string, Rows> = { runs: { data: runs, length: 1 }, timeseries: { data: series, length: n }, summary: { data: summary, length: 1 } };
    for (const t of this.tables) {
      if (!t.extra) continue;
      const rows = result.tables[t.name] ?? { data: {}, length: 0 };
      const data: Record<string, ColumnData> = { run_id: new Int32Array(rows.length).fill(run.runId), ...rows.data };
      // A run that failed before the table collected anything has no columns: give it empty ones.
      for (const c of t.columns) data[c.name] ??= c.kind === 'float64' ? new Float64Array(0) : c.kind === 'int32' ? new Int32Array(0) : c.kind === 'uint32' ? new Uint32Array(0) : [];
      out[t.name] = { data, length: rows.length };
    }
    return out;
  }
}

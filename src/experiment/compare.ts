import { InputError } from '../core/errors';
import { readResults, type Results, type RunRow } from '../io/resultsDir';
import { socialImpact, type ImpactTable } from './socialImpact';
import { stressTable, type StressTable } from './stress';
import { confidenceInterval, pairedDifference, stdDev, mean, tCdf, tQuantile } from '../metrics/stats';

/** What runs are grouped by: variant (over every sweep point), or sweep point (and variant). */
export type GroupBy = 'variant' | 'point';

/** Options of `compare`. */
export interface CompareOptions {
  /** KPI names of summary.arrow to compare; default all of them. */
  metrics?: string[];
  /** Default `variant`. */
  by?: GroupBy;
  /** Variant the others are compared with; default `baseline` when there is one, else the first variant. */
  baseline?: string;
  /** Confidence level of the intervals, in (0, 1); default 0.95. */
  level?: number;
}

/** A set of runs whose KPIs are summarised together. */
export interface Group {
  /** `baseline`, or `point 3`, or `no-burn @ point 3` when grouping by point over several variants; `baseline / crash30` under a scenario. */
  label: string;
  variant: string;
  /** The runs' scenario (`none`: unshocked); absent when the experiment lists no scenario. */
  scenario?: string;
  /** The sweep point, or null when grouping by variant. */
  point: number | null;
  /** Values of the swept parameters at this point (empty when grouping by variant). */
  params: Record<string, number>;
  /** Runs in the group, those that finished, and those that failed (excluded from every statistic). */
  runs: number;
  ok: number;
  failed: number;
}

/** A group's KPI difference to the baseline variant: mean of (group − baseline), its interval and test. */
export interface Difference {
  mean: number;
  lo: number;
  hi: number;
  /** Pairs (paired) or the smaller sample (welch). */
  n: number;
  /** Two-sided p-value of "no difference". */
  pValue: number;
  /** `paired`: matched by sweep point and seed (common random numbers), paired t test; `welch`: no seeds shared, Welch's t test. */
  method: 'paired' | 'welch';
  /** `***` p < 0.001, `**` p < 0.01, `*` p < 0.05, else empty. */
  mark: string;
}

/** One KPI of one group: its sample statistics and the difference to the baseline. */
export interface ComparisonRow {
  metric: string;
  group: Group;
  /** Runs with a finite value of this KPI. */
  n: number;
  mean: number;
  sd: number;
  /** Confidence interval of the mean (Student t, n − 1 degrees of freedom). */
  lo: number;
  hi: number;
  /** Null for the baseline's own rows. */
  diff: Difference | null;
}

/** The result of `compare`: groups, and one row per metric per group (metric-major). */
export interface Comparison {
  dir: string;
  by: GroupBy;
  baseline: string;
  level: number;
  metrics: string[];
  /** Swept parameters: numeric varied parameters that differ between runs of one variant. */
  swept: string[];
  groups: Group[];
  rows: ComparisonRow[];
  /** Failed runs in the directory (excluded from every statistic). */
  failed: number;
  /** Tail statistics per variant × scenario (see `stressTable`); null when the runs have no scenario. */
  stress: StressTable | null;
  /** Who gains and who loses, per variant (× scenario) against the baseline (see `socialImpact`); null without the fairness block's impact table. */
  impact: ImpactTable[] | null;
}

/** Returns `x` for people: 4 significant digits, an exponent only when very large or small, — for NaN. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? '—' : x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e7 || a < 1e-4) return x.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(x.toPrecision(4)));
}

/** Returns a p-value for people: 4 decimals, `<0.0001` below that, — for NaN. */
export function formatPValue(p: number): string {
  if (Number.isNaN(p)) return '—';
  return p < 1e-4 ? '<0.0001' : p.toFixed(4);
}

/** Returns the significance mark of a p-value: `***` below 0.001, `**` below 0.01, `*` below 0.05, else ``. */
export function significanceMark(p: number): string {
  return p < 0.001 ? '***' : p < 0.01 ? '**' : p < 0.05 ? '*' : '';
}

/**
 * Returns the numeric varied parameters of `results` that take more than one
 * value within a variant, i.e. those a sweep moves (a parameter that only
 * differs between variants is the variant's, not the sweep's).
 */
export function sweptParams(results: Results): string[] {
  return results.paramNames.filter((name) => {
    const first = new Map<string, number>();
    return results.runs.some((r) => {
      const v = r.params[name];
      const seen = first.get(r.variant);
      if (seen === undefined) first.set(r.variant, v);
      return seen !== undefined && !Object.is(seen, v);
    });
  });
}

/** Reads the results directory `dir` and compares its KPIs (see `compareResults`). */
export function compare(dir: string, opts: CompareOptions = {}): Comparison {
  return compareResults(readResults(dir), opts);
}

/**
 * Returns, per group (variant, or sweep point × variant) and per KPI, the
 * mean, sample standard deviation and `level` Student-t confidence interval
 * over the group's finished runs, and the difference to the baseline variant
 * (at the same sweep point when grouping by point, and in the same
 * scenario when the experiment lists scenarios). Runs are paired by
 * (sweep point, seed): replicate r of every variant shares its seed, so the
 * difference is a paired t interval and test over common random numbers;
 * when no seed is shared it falls back to Welch's unpaired t. Failed runs
 * and null KPI values are left out and counted. Throws an InputError naming
 * an unknown metric or baseline variant.
 */
export function compareResults(results: Results, opts: CompareOptions = {}): Comparison {
  const by = opts.by ?? 'variant';
  const level = opts.level ?? 0.95;
  const metrics = opts.metrics && opts.metrics.length > 0 ? opts.metrics : results.kpiNames;
  for (const m of metrics) {
    if (!results.kpiNames.includes(m)) {
      throw new InputError(`unknown metric "${m}"; summary.arrow has: ${results.kpiNames.join(', ')}`);
    }
  }
  const variants = [...new Set(results.runs.map((r) => r.variant))];
  if (variants.length === 0) throw new InputError(`${results.dir} has no runs`);
  const baseline = opts.baseline ?? (variants.includes('baseline') ? 'baseline' : variants[0]);
  if (!variants.includes(baseline)) {
    throw new InputError(`unknown baseline variant "${baseline}"; the variants are: ${variants.join(', ')}`);
  }
  const swept = sweptParams(results);

  // Group rows by key, in order of first appearance (run_id order).
  const members = new Map<string, number[]>();
  // Under scenarios a group is a variant (or point) in one scenario, compared with the baseline variant in the same scenario.
  const scenarioKey = (s: string | null | undefined) => (s == null ? '' : `\u0000${s}`);
  const keyOf = (r: RunRow) => (by === 'variant' ? r.variant : `${r.point}\u0000${r.variant}`) + scenarioKey(r.scenario);
  results.runs.forEach((r, i) => {
    const k = keyOf(r);
    if (!members.has(k)) members.set(k, []);
    members.get(k)!.push(i);
  });
  const groups = new Map<string, Group>();
  for (const [k, rows] of members) {
    const first = results.runs[rows[0]];
    const ok = rows.filter((i) => results.runs[i].ok).length;
    const params: Record<string, number> = {};
    if (by === 'point') for (const p of swept) params[p] = first.params[p];
    const base = by === 'variant' ? first.variant : variants.length > 1 ? `${first.variant} @ point ${first.point}` : `point ${first.point}`;
    const label = first.scenario === null ? base : `${base} / ${first.scenario}`;
    groups.set(k, { label, variant: first.variant, ...(first.scenario === null ? {} : { scenario: first.scenario }), point: by === 'point' ? first.point : null, params, runs: rows.length, ok, failed: rows.length - ok });
  }
  const baselineKey = (g: Group) => (by === 'variant' ? baseline : `${g.point}\u0000${baseline}`) + scenarioKey(g.scenario);

  const rows: ComparisonRow[] = [];
  for (const metric of metrics) {
    const values = results.kpis[metric];
    for (const [k, group] of groups) {
      const sample = finite(members.get(k)!, results, values);
      const ci = confidenceInterval(sample.values, level);
      const base = members.get(baselineKey(group));
      const diff =
        group.variant === baseline || !base ? null : difference(members.get(k)!, base, results, values, level);
      rows.push({ metric, group, n: ci.n, mean: ci.mean, sd: ci.sd, lo: ci.lo, hi: ci.hi, diff });
    }
  }
  const failed = results.runs.filter((r) => !r.ok).length;
  return { dir: results.dir, by, baseline, level, metrics, swept, groups: [...groups.values()], rows, failed, stress: stressTable(results, level), impact: socialImpact(results, baseline, level) };
}

/** The finished runs among `rows` with a finite value, as values and their pairing keys. */
function finite(rows: number[], results: Results, values: Float64Array): { values: Float64Array; keys: string[] } {
  const keep = rows.filter((i) => results.runs[i].ok && Number.isFinite(values[i]));
  return { values: Float64Array.from(keep, (i) => values[i]), keys: keep.map((i) => pairKey(results.runs[i])) };
}

function pairKey(r: RunRow): string {
  return `${r.point}/${r.seed}`;
}

/** Group minus baseline: paired by (point, seed) when the designs share seeds, else Welch. */
function difference(rows: number[], baseRows: number[], results: Results, values: Float64Array, level: number): Difference {
  const baseKeys = new Set(baseRows.map((i) => pairKey(results.runs[i])));
  const shared = rows.some((i) => baseKeys.has(pairKey(results.runs[i])));
  const a = finite(rows, results, values);
  const b = finite(baseRows, results, values);
  if (shared) {
    const byKey = new Map(b.keys.map((k, j) => [k, b.values[j]]));
    const x: number[] = [];
    const y: number[] = [];
    a.keys.forEach((k, j) => {
      const v = byKey.get(k);
      if (v !== undefined) {
        x.push(a.values[j]);
        y.push(v);
      }
    });
    const d = pairedDifference(x, y, level);
    return { mean: d.mean, lo: d.lo, hi: d.hi, n: d.n, pValue: d.pValue, method: 'paired', mark: significanceMark(d.pValue) };
  }
  return welch(a.values, b.values, level);
}

/**
 * Welch's unpaired difference of means: d = x̄_a − x̄_b, se = √(s_a²/n_a + s_b²/n_b),
 * Welch–Satterthwaite df = se⁴ / ((s_a²/n_a)²/(n_a − 1) + (s_b²/n_b)²/(n_b − 1)),
 * interval d ± t_{(1+level)/2, df} · se, p = 2 P(T_df > |d / se|).
 */
function welch(a: Float64Array, b: Float64Array, level: number): Difference {
  const va = stdDev(a) ** 2 / a.length;
  const vb = stdDev(b) ** 2 / b.length;
  const d = mean(a) - mean(b);
  const se = Math.sqrt(va + vb);
  const df = (se ** 4) / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const half = tQuantile((1 + level) / 2, df) * se;
  const p = se > 0 ? 2 * tCdf(-Math.abs(d / se), df) : NaN;
  return { mean: d, lo: d - half, hi: d + half, n: Math.min(a.length, b.length), pValue: p, method: 'welch', mark: significanceMark(p) };
}

import type { Comparison, Difference, Group } from '../experiment/compare';
import type { Results } from '../io/resultsDir';
import { boundedInterval, type BoundedInterval } from './boundedInterval';

/** One group's (a variant's, or a sweep point's of a variant) statistics of one KPI. */
export interface KpiCell {
  group: Group;
  /** Mean over the group's finished runs with a finite value, and its bounded interval. */
  interval: BoundedInterval;
  /** The difference to the baseline (paired by seed where seeds are shared); null for the baseline itself. */
  diff: Difference | null;
}

/** A KPI's statistics in every group of a comparison. */
export interface KpiStats {
  name: string;
  /** No finished run has a negative value, so intervals are kept above zero. */
  nonNegative: boolean;
  cells: KpiCell[];
}

/** The finite values of KPI `name` over finished runs, optionally only those `keep` accepts. */
function sample(results: Results, name: string, keep: (i: number) => boolean = () => true): Float64Array {
  const values = results.kpis[name];
  const out: number[] = [];
  results.runs.forEach((r, i) => {
    if (r.ok && Number.isFinite(values[i]) && keep(i)) out.push(values[i]);
  });
  return Float64Array.from(out);
}

/** Returns the KPIs of `names` that are zero in every finished run (or have no finite value at all). */
export function zeroKpis(results: Results, names: readonly string[]): string[] {
  return names.filter((n) => sample(results, n).every((x) => x === 0));
}

/**
 * Returns, per KPI of `comparison`, each group's mean with a confidence
 * interval that respects the KPI's bounds (see `boundedInterval`: a KPI no
 * finished run has below zero gets a log-scale interval where Student's t
 * would cross zero) and the group's difference to the baseline as
 * `compareResults` computed it. Values are in the KPI's unit.
 */
export function kpiStats(results: Results, comparison: Comparison): KpiStats[] {
  return comparison.metrics.map((name) => {
    const nonNegative = sample(results, name).every((x) => x >= 0);
    const cells = comparison.rows
      .filter((row) => row.metric === name)
      .map((row) => {
        const g = row.group;
        const members = sample(results, name, (i) => results.runs[i].variant === g.variant && (g.point === null || results.runs[i].point === g.point));
        return { group: g, interval: boundedInterval(members, comparison.level, nonNegative), diff: row.diff };
      });
    return { name, nonNegative, cells };
  });
}

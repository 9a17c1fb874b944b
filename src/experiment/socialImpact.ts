import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readColumns } from '../io/arrowReader';
import type { Results, RunRow } from '../io/resultsDir';
import { mean, pairedDifference } from '../metrics/stats';

/** A paired difference: mean, `level` t interval and pairs. */
export interface PairedDelta {
  mean: number;
  lo: number;
  hi: number;
  n: number;
}

/** One group's outcome in one variant against the baseline (see `socialImpact`). */
export interface ImpactRow {
  /** `class` (a population), `decile` (of initial wealth, d1 the poorest), or a summary KPI's `concentration` or `access`. */
  kind: 'class' | 'decile' | 'concentration' | 'access';
  /** The population, the decile (`d1`…`d10`) or the KPI. */
  group: string;
  /** Mean members per run (groups); NaN for KPI rows. */
  agents: number;
  /** The baseline's and the variant's mean gain per member over the run, USD ((end − start wealth) / members); for KPI rows the KPI's means. */
  baseline: number;
  variant: number;
  /** The variant's gain per member minus the baseline's (a KPI row: the KPI's), paired by sweep point, seed and scenario. */
  diff: PairedDelta | null;
  /** The same for the group's return, end / start wealth − 1 (null when the group starts with nothing, and for KPI rows). */
  returnDiff: PairedDelta | null;
  /** The same for the share of the group's members with a stake at the end (null for KPI rows). */
  stakingDiff: PairedDelta | null;
  /**
   * `gains` / `loses` when the interval of `diff` lies above / below 0
   * (for concentration rows, `more` / `less` concentrated; for access rows
   * `more` / `less` access), else `no clear change`; `not in both` when
   * the group has members in only one of the two, `no members` when in
   * neither.
   */
  verdict: string;
}

/** Who gains and who loses in one variant (under one scenario) against the baseline. */
export interface ImpactTable {
  variant: string;
  baseline: string;
  /** The scenario both ran under; null without scenarios. */
  scenario: string | null;
  rows: ImpactRow[];
}

/** Summary KPIs of the `fairness` block the impact tables add: concentration and access. */
export const IMPACT_KPIS: Record<string, 'concentration' | 'access'> = {
  top10_share_holdings: 'concentration',
  theil_holdings: 'concentration',
  small_holders_staking: 'access',
  small_holders_voting_share: 'access',
};

const pairKey = (r: RunRow) => `${r.point}/${r.seed}/${r.scenario ?? ''}`;

interface GroupRun {
  agents: number;
  gain: number;
  ret: number;
  staking: number;
}

/**
 * Returns, for every variant other than `baseline` (under each scenario),
 * who gains and who loses against the baseline: per population and per
 * decile of initial wealth of the agents present at the start (the
 * `fairness` block's `impact` table), the mean gain per member over the run
 * in USD, (Σ end wealth − Σ start wealth) / members with wealth = tokens ·
 * price + USD, its paired difference to the baseline's with its `level`
 * interval, the paired differences of the group's return and of its
 * staking participation, and a verdict from the interval; then the paired
 * differences of the concentration KPIs (top-10 % share, Theil) and the
 * access KPIs (small holders' staking and voting share). Runs pair by sweep
 * point, seed and scenario (common random numbers), failed runs left out.
 * Null when the directory has no `impact.arrow` (no `fairness` block).
 */
export function socialImpact(results: Results, baseline: string, level = 0.95): ImpactTable[] | null {
  const path = join(results.dir, 'impact.arrow');
  if (!existsSync(path)) return null;
  const t = readColumns(path);
  const byRun = new Map<number, Map<string, GroupRun & { kind: string }>>();
  const order: { kind: string; group: string }[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < t.run_id.length; i++) {
    const id = Number(t.run_id[i]);
    const kind = String(t.kind[i]);
    const group = String(t.group[i]);
    const agents = Number(t.agents[i]);
    const start = Number(t.start_usd[i]);
    const end = Number(t.end_usd[i]);
    if (!seen.has(`${kind}/${group}`)) {
      seen.add(`${kind}/${group}`);
      order.push({ kind, group });
    }
    if (!byRun.has(id)) byRun.set(id, new Map());
    byRun.get(id)!.set(`${kind}/${group}`, { kind, agents, gain: agents > 0 ? (end - start) / agents : NaN, ret: start > 0 ? end / start - 1 : NaN, staking: agents > 0 ? Number(t.staking[i]) : NaN });
  }
  const cells = new Map<string, number[]>();
  results.runs.forEach((r, i) => {
    if (!r.ok) return;
    const key = `${r.variant}\u0000${r.scenario ?? ''}`;
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key)!.push(i);
  });
  const tables: ImpactTable[] = [];
  for (const [key, members] of cells) {
    const [variant, scenario] = key.split('\u0000');
    if (variant === baseline) continue;
    const base = new Map((cells.get(`${baseline}\u0000${scenario}`) ?? []).map((i) => [pairKey(results.runs[i]), i]));
    const pairs = members.flatMap((i) => {
      const b = base.get(pairKey(results.runs[i]));
      return b === undefined ? [] : [[i, b] as const];
    });
    if (pairs.length === 0) continue;
    const rows: ImpactRow[] = order.map(({ kind, group }) => {
      const of = (i: number) => byRun.get(results.runs[i].runId)?.get(`${kind}/${group}`);
      const v = pairs.map(([i]) => of(i));
      const b = pairs.map(([, j]) => of(j));
      const delta = (pick: (g: GroupRun) => number) => paired(v.map((g) => (g ? pick(g) : NaN)), b.map((g) => (g ? pick(g) : NaN)), level);
      const diff = delta((g) => g.gain);
      return {
        kind: kind as ImpactRow['kind'],
        group,
        agents: mean(Float64Array.from(v.filter((g) => g).map((g) => g!.agents))),
        baseline: finiteMean(b.map((g) => (g ? g.gain : NaN))),
        variant: finiteMean(v.map((g) => (g ? g.gain : NaN))),
        diff,
        returnDiff: delta((g) => g.ret),
        stakingDiff: delta((g) => g.staking),
        verdict: diff !== null ? verdict(diff, 'gains', 'loses') : [...v, ...b].some((g) => g && g.agents > 0) ? 'not in both' : 'no members',
      };
    });
    for (const [kpi, kind] of Object.entries(IMPACT_KPIS)) {
      if (!results.kpiNames.includes(kpi)) continue;
      const k = results.kpis[kpi];
      const v = pairs.map(([i]) => k[i]);
      const b = pairs.map(([, j]) => k[j]);
      const diff = paired(v, b, level);
      rows.push({ kind, group: kpi, agents: NaN, baseline: finiteMean(b), variant: finiteMean(v), diff, returnDiff: null, stakingDiff: null, verdict: verdict(diff, kind === 'access' ? 'more access' : 'more concentrated', kind === 'access' ? 'less access' : 'less concentrated') });
    }
    tables.push({ variant, baseline, scenario: scenario === '' ? null : scenario, rows });
  }
  return tables;
}

/** The paired difference a − b over the pairs where both are finite; null with none. */
function paired(a: number[], b: number[], level: number): PairedDelta | null {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < a.length; i++) {
    if (Number.isFinite(a[i]) && Number.isFinite(b[i])) {
      x.push(a[i]);
      y.push(b[i]);
    }
  }
  if (x.length === 0) return null;
  const d = pairedDifference(x, y, level);
  return { mean: d.mean, lo: d.lo, hi: d.hi, n: d.n };
}

function finiteMean(xs: number[]): number {
  return mean(Float64Array.from(xs.filter(Number.isFinite)));
}

function verdict(d: PairedDelta | null, up: string, down: string): string {
  if (d === null || !(d.n >= 2)) return 'no clear change';
  if (d.lo > 0) return up;
  if (d.hi < 0) return down;
  return 'no clear change';
}

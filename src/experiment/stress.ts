import { InputError } from '../core/errors';
import type { Results, RunRow } from '../io/resultsDir';
import { wilsonInterval, type BreachProbability } from '../metrics/tail/breach';
import { conditionalValueAtRisk } from '../metrics/tail/cvar';
import { kaplanMeierMedian } from '../metrics/tail/kaplanMeier';
import { mean, pairedDifference } from '../metrics/stats';
import { NO_SCENARIO } from '../scenarios/scenarioSet';

/** Tail level of the CVaR of the final price: the worst 5% of runs. */
export const STRESS_CVAR_ALPHA = 0.05;

/** The summary KPIs the stress table is computed from; every run under scenarios has them. */
export const STRESS_KPIS = ['final_price', 'stress_drawdown', 'stress_recovery_ticks', 'stress_recovery_censored', 'price_floor_breach'] as const;

/** One variant under one scenario: its tail statistics across seeds. */
export interface StressRow {
  variant: string;
  scenario: string;
  /** Finished runs. */
  n: number;
  /** Mean final price, USD/token. */
  meanFinalPrice: number;
  /** CVaR at `STRESS_CVAR_ALPHA` of the final price across runs (the mean of its worst 5%), USD/token. */
  cvarFinalPrice: number;
  /**
   * Final price minus the unshocked run's of the same variant, sweep point
   * and seed (paired: common random numbers), USD/token: mean, `level`
   * t interval and pairs; null for the unshocked rows.
   */
  diff: { mean: number; lo: number; hi: number; n: number } | null;
  /** Mean `stress_drawdown`, a share. */
  meanDrawdown: number;
  /** Kaplan–Meier median of `stress_recovery_ticks`, censored runs counted as still running; Infinity when not reached. */
  medianRecoveryTicks: number;
  /** Share of runs whose price breached its floor (`price_floor_breach`), with its Wilson interval. */
  priceBreach: BreachProbability;
  /** The same for the staking-ratio floor; null when the model has no staking ratio. */
  stakingBreach: BreachProbability | null;
}

/** The stress table of a results directory: one row per variant × scenario, in run order. */
export interface StressTable {
  level: number;
  alpha: number;
  rows: StressRow[];
}

const pairKey = (r: RunRow) => `${r.point}/${r.seed}`;

/**
 * Returns the tail statistics of `results` per variant × scenario (see
 * `StressRow`): CVaR of the final price, the paired difference of the
 * final price against the unshocked run of the same seed, the mean stress
 * drawdown, the Kaplan–Meier median recovery time and the breach
 * probabilities with Wilson intervals; failed runs and non-finite values
 * left out. Null when the runs have no scenario. Throws an InputError when
 * summary.arrow lacks the stress KPIs.
 */
export function stressTable(results: Results, level = 0.95): StressTable | null {
  if (!results.runs.some((r) => r.scenario !== null)) return null;
  for (const k of STRESS_KPIS) if (!results.kpiNames.includes(k)) throw new InputError(`${results.dir}: summary.arrow has scenarios but no ${k} column`);
  const k = results.kpis;
  const groups = new Map<string, number[]>();
  results.runs.forEach((r, i) => {
    if (!r.ok) return;
    const key = `${r.variant}\u0000${r.scenario}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(i);
  });
  const rows: StressRow[] = [];
  for (const members of groups.values()) {
    const first = results.runs[members[0]];
    const finite = (name: string) => members.filter((i) => Number.isFinite(k[name][i]));
    const values = (name: string) => Float64Array.from(finite(name), (i) => k[name][i]);
    const price = values('final_price');
    const breach = (name: string) => {
      const ok = finite(name);
      return wilsonInterval(ok.filter((i) => k[name][i] > 0).length, ok.length, level);
    };
    const recovery = finite('stress_recovery_ticks').map((i) => ({ ticks: k.stress_recovery_ticks[i], censored: k.stress_recovery_censored[i] > 0 }));
    rows.push({
      variant: first.variant,
      scenario: first.scenario!,
      n: members.length,
      meanFinalPrice: mean(price),
      cvarFinalPrice: price.length ? conditionalValueAtRisk(price, STRESS_CVAR_ALPHA) : NaN,
      diff: first.scenario === NO_SCENARIO ? null : pairedToUnshocked(results, members, groups.get(`${first.variant}\u0000${NO_SCENARIO}`) ?? [], level),
      meanDrawdown: mean(values('stress_drawdown')),
      medianRecoveryTicks: kaplanMeierMedian(recovery),
      priceBreach: breach('price_floor_breach'),
      stakingBreach: results.kpiNames.includes('staking_floor_breach') ? breach('staking_floor_breach') : null,
    });
  }
  return { level, alpha: STRESS_CVAR_ALPHA, rows };
}

/** Final price of each run of `rows` minus that of the unshocked run with the same sweep point and seed. */
function pairedToUnshocked(results: Results, rows: number[], unshocked: number[], level: number): StressRow['diff'] {
  const price = results.kpis.final_price;
  const byKey = new Map(unshocked.filter((i) => Number.isFinite(price[i])).map((i) => [pairKey(results.runs[i]), price[i]]));
  const a: number[] = [];
  const b: number[] = [];
  for (const i of rows) {
    const base = byKey.get(pairKey(results.runs[i]));
    if (base === undefined || !Number.isFinite(price[i])) continue;
    a.push(price[i]);
    b.push(base);
  }
  if (a.length === 0) return null;
  const d = pairedDifference(a, b, level);
  return { mean: d.mean, lo: d.lo, hi: d.hi, n: d.n };
}

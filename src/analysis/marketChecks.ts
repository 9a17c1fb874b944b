/** One stylised fact a crypto market shows, as a condition on the median over runs of a summary KPI. */
export interface FactTarget {
  /** The summary KPI (see the stylisedFacts block). */
  kpi: string;
  /** What the condition says, for a table. */
  condition: string;
  /** Whether the median `m` of the KPI over runs meets it. */
  holds: (m: number) => boolean;
  /** Take |KPI| of each run before the median (for quantities that should be near zero either way). */
  absolute?: boolean;
}

/**
 * The stylised facts a token's daily price should show, as conditions on
 * the per-run median (Cont, "Empirical properties of asset returns",
 * Quantitative Finance 1, 2001; crypto values in
 * docs/explanation/stylised-facts.md): no linear predictability of returns,
 * fat tails, volatility clustering, a crypto-sized volatility, no regular
 * cycle, and no sure profit from the two simplest technical rules.
 */
export const FACT_TARGETS: readonly FactTarget[] = [
  { kpi: 'return_acf_1', condition: '|lag-1 return autocorrelation| < 0.1', holds: (m) => m < 0.1, absolute: true },
  { kpi: 'excess_kurtosis', condition: 'excess kurtosis > 1', holds: (m) => m > 1 },
  { kpi: 'abs_return_acf_1', condition: 'lag-1 autocorrelation of |returns| > 0.1', holds: (m) => m > 0.1 },
  { kpi: 'annualised_volatility', condition: 'annualised volatility in [0.4, 1.2]', holds: (m) => m >= 0.4 && m <= 1.2 },
  { kpi: 'spectral_peak_share', condition: 'largest spectral peak < 20% of return variance', holds: (m) => m < 0.2 },
  { kpi: 'follow_yesterday_sharpe', condition: '|Sharpe| of follow-yesterday < 1', holds: (m) => m < 1, absolute: true },
  { kpi: 'crossover_sharpe', condition: '|Sharpe| of the 5/20 MA crossover < 1', holds: (m) => m < 1, absolute: true },
];

/** The check of one target over a set of runs. */
export interface FactCheck {
  kpi: string;
  condition: string;
  /** Median over runs (of |KPI| when the target says so). */
  median: number;
  /** Smallest and largest value over runs (signed). */
  min: number;
  max: number;
  holds: boolean;
}

/** Returns the median of `xs` (the mean of the middle two for an even count); NaN when empty. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : 0.5 * (s[h - 1] + s[h]);
}

/**
 * `checkFacts(summaries, targets)` → for each target, the median over the
 * runs' summaries of its KPI (|KPI| where the target says so), the range,
 * and whether the median meets the condition. A KPI missing from a run
 * counts as NaN, which meets no condition.
 */
export function checkFacts(summaries: readonly Record<string, number>[], targets: readonly FactTarget[] = FACT_TARGETS): FactCheck[] {
  return targets.map((t) => {
    const values = summaries.map((s) => s[t.kpi] ?? NaN);
    const m = median(values.map((v) => (t.absolute ? Math.abs(v) : v)));
    return { kpi: t.kpi, condition: t.condition, median: m, min: Math.min(...values), max: Math.max(...values), holds: t.holds(m) };
  });
}

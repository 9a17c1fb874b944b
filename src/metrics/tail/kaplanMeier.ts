/** One duration: observed (`censored` false) or known only to exceed `ticks` (`censored` true). */
export interface Duration {
  ticks: number;
  censored: boolean;
}

/** A Kaplan–Meier survival curve: S(t) just after each distinct event time. */
export interface SurvivalCurve {
  /** Distinct observed event times, ascending, in ticks. */
  times: Float64Array;
  /** Ŝ(times[i]) = P(T > times[i]), dimensionless. */
  survival: Float64Array;
}

/**
 * `kaplanMeier(durations)` → the Kaplan–Meier estimate of the survival
 * function of durations with right censoring (Kaplan & Meier, JASA 53,
 * 1958): Ŝ(t) = Π_{t_i ≤ t} (1 − d_i / n_i), with d_i the events at time
 * t_i and n_i those still at risk just before it; a duration censored at c
 * counts as at risk up to and including c (events at c come first).
 */
export function kaplanMeier(durations: readonly Duration[]): SurvivalCurve {
  const sorted = [...durations].sort((a, b) => a.ticks - b.ticks || Number(a.censored) - Number(b.censored));
  const times: number[] = [];
  const survival: number[] = [];
  let atRisk = sorted.length;
  let s = 1;
  let i = 0;
  while (i < sorted.length) {
    const t = sorted[i].ticks;
    let events = 0;
    let leaving = 0;
    while (i < sorted.length && sorted[i].ticks === t) {
      if (!sorted[i].censored) events++;
      leaving++;
      i++;
    }
    if (events > 0) {
      s *= 1 - events / atRisk;
      times.push(t);
      survival.push(s);
    }
    atRisk -= leaving;
  }
  return { times: Float64Array.from(times), survival: Float64Array.from(survival) };
}

/**
 * `kaplanMeierMedian(durations)` → the median duration in ticks, the first
 * event time t with Ŝ(t) ≤ ½ on the Kaplan–Meier curve; Infinity when more
 * than half the durations are still running at the last event (the median
 * is then censored: "not reached"); NaN for no durations. Unlike the mean of
 * the `ticks`, it is not biased by runs that never recovered.
 */
export function kaplanMeierMedian(durations: readonly Duration[]): number {
  if (durations.length === 0) return NaN;
  const curve = kaplanMeier(durations);
  for (let i = 0; i < curve.times.length; i++) if (curve.survival[i] <= 0.5) return curve.times[i];
  return Infinity;
}

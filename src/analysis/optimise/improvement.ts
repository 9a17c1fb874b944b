import { pairedDifference, type PairedDifference } from '../../metrics/stats';
import type { Sense } from './pareto';

/** A paired improvement over a baseline, with its verdict. */
export interface Improvement extends PairedDifference {
  /** `better` when the whole interval is above 0, `worse` when below, else `inconclusive`. */
  verdict: 'better' | 'worse' | 'inconclusive';
}

/**
 * `pairedImprovement(candidate, baseline, sense, level)` → the `level` t
 * confidence interval of the mean improvement of a candidate over a baseline
 * evaluated on the same seeds (common random numbers: candidate[i] and
 * baseline[i] share seed i), in the KPI's unit, positive meaning better:
 * d_i = candidate_i − baseline_i when maximising, baseline_i − candidate_i
 * when minimising, then `pairedDifference` (src/metrics/stats: t interval,
 * t test, p-value). Evaluate the reported optimum on fresh seeds, not those
 * the search selected it on: the best of many candidates is biased up by
 * its luck on those seeds.
 */
export function pairedImprovement(
  candidate: ArrayLike<number>,
  baseline: ArrayLike<number>,
  sense: Sense = 'maximize',
  level = 0.95,
): Improvement {
  const d = sense === 'maximize' ? pairedDifference(candidate, baseline, level) : pairedDifference(baseline, candidate, level);
  const verdict = d.lo > 0 ? 'better' : d.hi < 0 ? 'worse' : 'inconclusive';
  return { ...d, verdict };
}

import { InputError } from '../core/errors';
import type { MetricInfo } from './model';

/**
 * Returns the declared metrics to write, in the order asked for (all, in
 * model order, when `names` is null); throws an `InputError` naming an
 * unknown one and listing the model's.
 */
export function selectMetrics(metrics: readonly MetricInfo[], names: string[] | null): MetricInfo[] {
  if (!names) return [...metrics];
  return names.map((n) => {
    const m = metrics.find((x) => x.name === n);
    if (!m) throw new InputError(`record.metrics: unknown metric "${n}"; the model records ${metrics.map((x) => x.name).join(', ')}`);
    return m;
  });
}

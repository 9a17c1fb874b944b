import { getPath } from '../core/paths';
import type { Experiment } from '../experiment/define';
import { overridePaths } from '../experiment/define';

/**
 * Returns the text `tokensim params <experiment>` prints: every parameter
 * path of the experiment's defaults (a distribution counts as one value)
 * with its default, one per line, aligned — what `--set path=value` takes.
 */
export function formatParams(experiment: Experiment<object>): string {
  const paths = overridePaths(experiment.defaults);
  const width = Math.max(...paths.map((p) => p.length));
  const lines = paths.map((p) => `${p.padEnd(width)}  ${JSON.stringify(getPath(experiment.defaults, p))}`);
  const variants = Object.entries(experiment.variants).map(([name, v]) => `  ${name}: ${JSON.stringify(v)}`);
  return [`${experiment.name}: ${paths.length} parameters (defaults)`, '', ...lines, '', 'variants:', ...variants].join('\n');
}

import { getPath } from '../core/paths';
import type { Experiment } from '../experiment/define';
import { overridePaths } from '../experiment/define';
import { loadExperiment } from './loadExperiment';

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

/** `tokensim params FILE`: prints `formatParams` of the experiment in FILE; returns the exit code 0. */
export async function paramsCommand(file: string): Promise<number> {
  process.stdout.write(formatParams(loadExperiment(file)) + '\n');
  return 0;
}

/**
 * The benchmarks `npm run bench` knows, by name, in the order it runs them.
 * Each entry loads its file only when that benchmark runs (every benchmark
 * runs in its own child process). To add one, write a file exporting a
 * `Benchmark` (see `types.ts`) and add one line here.
 */
import type { Benchmark } from './types';

/** Benchmark name → loader of its `Benchmark`. */
export const registry: Record<string, () => Benchmark> = {
  'stake-and-trade': () => require('./stakeAndTradeBench').stakeAndTradeBenchmark,
  baseline: () => require('./baseline').baselineBenchmark,
  'arrow-write': () => require('./arrowWrite').arrowWriteBenchmark,
};

/** Returns the benchmark called `name`; throws naming the known ones when there is none. */
export function loadBenchmark(name: string): Benchmark {
  const load = registry[name];
  if (!load) throw new Error(`unknown benchmark "${name}"; known: ${Object.keys(registry).join(', ')}`);
  return load();
}

/**
 * The benchmarks `npm run bench` knows, by name, in the order it runs them.
 * Each entry loads its file only when that benchmark runs (every benchmark
 * runs in its own child process). To add one, write a file exporting a
 * `Benchmark` (see `types.ts`) and add one line here.
 */
import type { Benchmark } from './types';

/** Benchmark name → loader of its `Benchmark`. */
export const registry: Record<string, () => Promise<Benchmark>> = {
  'stake-and-trade': async () => (await import('./stakeAndTradeBench')).stakeAndTradeBenchmark,
  baseline: async () => (await import('./baseline')).baselineBenchmark,
  'arrow-write': async () => (await import('./arrowWrite')).arrowWriteBenchmark,
  'parquet-write': async () => (await import('./parquetWrite')).parquetWriteBenchmark,
  sweep: async () => (await import('./sweep')).sweepBenchmark,
  'exact-swaps': async () => (await import('./exactSwaps')).exactSwapsBenchmark,
  startup: async () => (await import('./startup')).startupBenchmark,
};

/** Returns the benchmark called `name`; throws naming the known ones when there is none. */
export async function loadBenchmark(name: string): Promise<Benchmark> {
  const load = registry[name];
  if (!load) throw new Error(`unknown benchmark "${name}"; known: ${Object.keys(registry).join(', ')}`);
  return load();
}

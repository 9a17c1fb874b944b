/**
 * The contract between a benchmark file and the runner (`bench/run.ts`).
 *
 * A benchmark is a plain object: a name, the sizes `npm run bench` runs it
 * at, and a `run(size)` that does the timed work and returns what it
 * measured. The runner runs each (benchmark, size) in its own child process,
 * adds the peak RSS of that process, prints a table row and appends an entry
 * to `bench/results.json`. A benchmark never prints its result itself.
 */

/** The size of one benchmark run: agents (or rows, for I/O benchmarks) and ticks. */
export interface BenchSize {
  agents: number;
  ticks: number;
}

/** What one benchmark run measured. */
export interface Measurement {
  /** Wall-clock seconds of the timed work (the median when repeated). */
  seconds: number;
  /**
   * Units of work done in `seconds`: agent-steps (agents × ticks) for a
   * simulation, rows for an I/O benchmark. Throughput = work / seconds.
   */
  work: number;
  /** What `work` counts: `agent-steps` (default) or `rows`. */
  unit?: 'agent-steps' | 'rows';
  /** tokensim time / hand-written twin time, measured in the same process (present when a twin exists). */
  ratio?: number;
  /** Any further figures worth keeping in results.json (numbers or short strings). */
  extra?: Record<string, number | string>;
}

/** A benchmark the runner can run by name. */
export interface Benchmark {
  /** Name on the command line: `npm run bench -- NAME`. */
  readonly name: string;
  /** One line saying what is measured. */
  readonly description: string;
  /** The sizes `npm run bench` (no name) runs, in order; the first is also the default for `npm run bench -- NAME`. */
  readonly sizes: readonly BenchSize[];
  /** Does the timed work at `size` and returns what it measured. */
  run(size: BenchSize): Promise<Measurement> | Measurement;
}

/** Returns the median of `xs` (the mean of the two middle values for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Returns a monotonic clock reading, in seconds. */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e9;
}

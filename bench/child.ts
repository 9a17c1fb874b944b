/**
 * Runs one benchmark at one size in this process and sends the parent
 * (`run.ts`) its measurement and this process's peak resident set size.
 * Started by the runner with `fork` through the tokensim loader, never by
 * hand:
 *   bin/bench.js --child NAME AGENTS TICKS
 */
import { loadBenchmark } from './registry';
import type { Measurement } from './types';

/** The message a benchmark child sends its parent. */
export type ChildReport = { ok: true; measurement: Measurement; peakRssMb: number } | { ok: false; error: string };

async function main(): Promise<void> {
  const [name, agents, ticks] = process.argv.slice(2);
  let report: ChildReport;
  try {
    const bench = await loadBenchmark(name);
    const measurement = await bench.run({ agents: Number(agents), ticks: Number(ticks) });
    // maxRSS is in kibibytes: the peak of this process alone, which is why each benchmark gets its own.
    report = { ok: true, measurement, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  } catch (e) {
    report = { ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  process.send!(report, () => process.exit(0));
}

void main();

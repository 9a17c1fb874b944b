/**
 * Sweep throughput: a 200-run sweep of the baseline economy (see
 * sweepExperiment.ts) with 1 and with 2 worker threads, in runs per second
 * from the call to the closed files (worker start-up included). The target
 * is a 2-worker speed-up of at least 1.8×.
 *
 *   npx ts-node bench/sweep.ts            (prints JSON)
 *   npx ts-node bench/sweep.ts --seeds 1  (40 runs, quicker)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExperiment } from '../src/experiment/runExperiment';
import experiment from './sweepExperiment';
import type { Benchmark } from './types';

/** One measurement: worker count, runs, wall-clock seconds and runs per second. */
export interface SweepBenchResult {
  workers: number;
  runs: number;
  seconds: number;
  runsPerSecond: number;
}

/**
 * Runs the benchmark sweep once per worker count in `workers` (default 1
 * and 2) with `seeds` replicates per point (default 5: 200 runs); returns
 * one result per worker count and the speed-up of the last over the first.
 */
export async function benchSweep(opts: { workers?: number[]; seeds?: number } = {}): Promise<{ results: SweepBenchResult[]; speedup: number }> {
  const root = mkdtempSync(join(tmpdir(), 'tokensim-bench-sweep-'));
  const results: SweepBenchResult[] = [];
  try {
    for (const workers of opts.workers ?? [1, 2]) {
      const t0 = process.hrtime.bigint();
      const out = await runExperiment(experiment, { out: join(root, `w${workers}`), log: null, workers, seeds: opts.seeds, file: join(__dirname, 'sweepExperiment.ts') });
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (out.status !== 'complete') throw new Error(`benchmark sweep ended ${out.status}`);
      results.push({ workers, runs: out.runs, seconds, runsPerSecond: out.runs / seconds });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return { results, speedup: results[results.length - 1].runsPerSecond / results[0].runsPerSecond };
}

/** Agents in each run of the sweep: the baseline's stakers, traders and node-operator candidates. */
const BASELINE_AGENTS = (({ stakers, traders, nodeOperators }) => stakers.count + traders.count + nodeOperators.candidates)(experiment.defaults);

/**
 * The sweep as a `npm run bench` benchmark: seconds and agent-steps of the
 * 2-worker sweep, with runs/s for 1 and 2 workers and the speed-up in
 * `extra`. `size.agents` is ignored (the baseline's 4,300 agents);
 * `size.ticks` is the ticks per run.
 */
export const sweepBenchmark: Benchmark = {
  name: 'sweep',
  description: '200-run sweep of the baseline, runs/s with 1 and 2 worker threads',
  sizes: [{ agents: BASELINE_AGENTS, ticks: 365 }],
  async run() {
    const { results, speedup } = await benchSweep();
    const two = results[results.length - 1];
    return {
      seconds: two.seconds,
      work: two.runs * BASELINE_AGENTS * 365,
      extra: { runsPerSec1: results[0].runsPerSecond, runsPerSec2: two.runsPerSecond, speedup },
    };
  },
};

if (require.main === module) {
  const i = process.argv.indexOf('--seeds');
  benchSweep({ seeds: i > 0 ? Number(process.argv[i + 1]) : undefined }).then(
    (r) => process.stdout.write(JSON.stringify(r, null, 2) + '\n'),
    (e) => {
      process.stderr.write(`${e.stack}\n`);
      process.exitCode = 1;
    },
  );
}

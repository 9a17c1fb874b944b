/**
 * Benchmark `stake-and-trade`: the tokensim version of the model against its
 * hand-written twin, in the same process. After one warm-up run of each, the
 * two are run alternately (so load changes on a shared machine hit both
 * alike) and the medians are compared: ratio = tokensim / twin time.
 */
import { runStakeAndTrade } from './stakeAndTrade';
import { runTwin } from './stakeAndTradeTwin';
import { median, now, type Benchmark, type BenchSize, type Measurement } from './types';

/** Returns the number of timed pairs at `size`: about 3 s of twin work, between 5 and 21 pairs. */
function pairsFor(size: BenchSize): number {
  const twinSecondsGuess = (size.agents * size.ticks) / 80e6;
  return Math.max(5, Math.min(21, Math.round(3 / twinSecondsGuess) | 1));
}

/** Times tokensim and the twin alternately at `size` and returns the median tokensim time and the ratio of medians. */
export function measureStakeAndTrade(size: BenchSize, pairs = pairsFor(size)): Measurement {
  const { agents, ticks } = size;
  runStakeAndTrade(agents, ticks, 0);
  runTwin(agents, ticks, 0);
  const ours: number[] = [];
  const twin: number[] = [];
  for (let r = 1; r <= pairs; r++) {
    // Alternate which goes first, so neither always runs right after a GC of the other's garbage.
    const first = r % 2 === 0;
    if (first) twin.push(timed(() => runTwin(agents, ticks, r)));
    ours.push(timed(() => runStakeAndTrade(agents, ticks, r)));
    if (!first) twin.push(timed(() => runTwin(agents, ticks, r)));
  }
  const seconds = median(ours);
  const twinSeconds = median(twin);
  return {
    seconds,
    work: agents * ticks,
    ratio: seconds / twinSeconds,
    extra: { pairs, twinSeconds, twinAgentStepsPerSec: (agents * ticks) / twinSeconds },
  };
}

function timed(fn: () => unknown): number {
  const t0 = now();
  fn();
  return now() - t0;
}

/** The `stake-and-trade` benchmark: 10⁴ and 10⁵ agents × 365 ticks. */
export const stakeAndTradeBenchmark: Benchmark = {
  name: 'stake-and-trade',
  description: 'stakers and noise traders around one AMM pool; tokensim against a hand-written Float64Array loop',
  sizes: [
    { agents: 10_000, ticks: 365 },
    { agents: 100_000, ticks: 365 },
  ],
  run: (size) => measureStakeAndTrade(size),
};

/**
 * Benchmark `baseline`: the token economy of experiments/baseline.ts (every
 * block of the model, shuffled activation, every metric recorded every tick,
 * summary KPIs at the end)
 * scaled to N agents, one run of T ticks through `runOne`, exactly as
 * `tokensim run` executes a run (without writing the files).
 */
import { applyOverrides } from '../src/experiment/define';
import { runOne } from '../src/experiment/runOne';
import { tokenEconomy, type TokenEconomyParams } from '../src/models/tokenEconomy';
import { median, now, type Benchmark, type BenchSize, type Measurement } from './types';

/** Agents in the default economy: stakers + traders + node-operator candidates (it has no sector holders by default). */
function defaultAgents(p: TokenEconomyParams): number {
  return p.stakers.count + p.traders.count + p.nodeOperators.candidates;
}

/**
 * Returns the baseline parameters scaled to `agents` agents: every class's
 * count, the initial node count, the AMM reserves, the treasury and the
 * emission rate are multiplied by s = agents / 4,300 (the default total), so
 * that per-agent balances, trade sizes against the pool and yields stay those
 * of the baseline. Rounding leftovers go to the stakers, so the total is exact.
 */
export function scaledBaselineParams(agents: number): TokenEconomyParams {
  const d = tokenEconomy.defaults;
  const s = agents / defaultAgents(d);
  const traders = Math.round(d.traders.count * s);
  const candidates = Math.round(d.nodeOperators.candidates * s);
  const params = applyOverrides<TokenEconomyParams>(
    d,
    {
      treasury: { tokens: d.treasury.tokens * s, usd: d.treasury.usd * s },
      amm: { tokenReserve: d.amm.tokenReserve * s, usdReserve: d.amm.usdReserve * s },
      emission: { ratePerYear: d.emission.ratePerYear * s },
      stakers: { count: agents - traders - candidates },
      traders: { count: traders },
      nodeOperators: { candidates, initialNodes: Math.min(candidates, Math.round(d.nodeOperators.initialNodes * s)) },
    },
    'bench baseline',
  );
  return tokenEconomy.schema.parse(params);
}

/** Runs the scaled baseline once and returns its time; throws if the run failed. */
export function runBaseline(size: BenchSize, seed = 1): Measurement {
  const params = scaledBaselineParams(size.agents);
  const t0 = now();
  const result = runOne(tokenEconomy, { runId: 0, variant: 'baseline', replicate: 0, seed, params }, {
    ticks: size.ticks,
    every: 1,
    metrics: null,
    check: false,
  });
  const seconds = now() - t0;
  if (result.status !== 'ok') throw new Error(`baseline run failed at tick ${result.errorTick}: ${result.error}`);
  return {
    seconds,
    work: size.agents * size.ticks,
    extra: { finalPrice: result.summary.final_price, finalStakingRatio: result.summary.final_staking_ratio },
  };
}

/**
 * Returns the median of `reps` timed runs after one untimed warm-up when a
 * run is short (≤ 4·10⁷ agent-steps: 3 runs), else one cold run — at 10⁶
 * agents a run is long enough for JIT warm-up not to matter and the time
 * budget of `npm run bench` not to allow repeats.
 */
export function measureBaseline(size: BenchSize): Measurement {
  const short = size.agents * size.ticks <= 4e7;
  if (!short) return runBaseline(size);
  runBaseline(size, 0);
  const runs = [1, 2, 3].map((seed) => runBaseline(size, seed));
  const seconds = median(runs.map((r) => r.seconds));
  return { ...runs[0], seconds, extra: { ...runs[0].extra, repeats: runs.length } };
}

/** The `baseline` benchmark: 10⁴, 10⁵ and 10⁶ agents × 365 ticks. */
export const baselineBenchmark: Benchmark = {
  name: 'baseline',
  description: 'token economy of experiments/baseline.ts scaled to N agents, one run through runOne',
  sizes: [
    { agents: 10_000, ticks: 365 },
    { agents: 100_000, ticks: 365 },
    { agents: 1_000_000, ticks: 365 },
  ],
  run: (size) => measureBaseline(size),
};

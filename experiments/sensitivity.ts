/**
 * Sensitivity: which protocol parameters move the token economy's KPIs?
 * Samples five parameters over their ranges with a Morris design (default,
 * a cheap screen) or a Saltelli design for Sobol indices, runs every point
 * with common seeds, and writes a results directory with design.json;
 * `tokensim sensitivity DIR` then prints the indices and writes
 * sensitivity.arrow.
 *
 *   npx ts-node experiments/sensitivity.ts                       (Morris, 16 trajectories: 96 runs)
 *   npx ts-node experiments/sensitivity.ts --method sobol --n 32  (32 · 7 = 224 runs)
 *   npx tokensim sensitivity results/sensitivity/<time>
 *
 * Also takes --design-seed N and `tokensim run`'s --seeds N (replicates per point), --ticks, --seed, --out, --set, --quiet.
 */
import { parseArgs } from 'node:util';
import { defineExperiment, equationOfExchangeKpis, runSensitivityStudy, tokenEconomy, withKpis, type DesignSpec, type ParamRanges } from '../src';

/** Assumed token velocity for the equation-of-exchange valuation, turnovers per year. */
export const VELOCITY_PER_YEAR = 20;

/** The parameters screened, in their units: tokens/year, share of fees, share of emission, basis points, probability per tick. */
export const ranges: ParamRanges = {
  'emission.ratePerYear': { min: 1_000_000, max: 10_000_000 },
  'burn.feeShare': { min: 0, max: 1 },
  'rewards.stakers': { min: 0.2, max: 0.6 },
  'amm.feeBps': { min: 5, max: 100 },
  'traders.activity': { min: 0.02, max: 0.3 },
};

const experiment = defineExperiment({
  name: 'sensitivity',
  description: 'Global sensitivity of the token economy KPIs to emission, burn, reward split, AMM fee and trading activity.',
  // The AMM volume stands in for usage: the valuation KPIs (eoe_price, price_to_eoe, …) say how far the market price sits from use value.
  model: withKpis(tokenEconomy, (p, series, ticks) => equationOfExchangeKpis(series, ticks, { velocityPerYear: VELOCITY_PER_YEAR, ticksPerYear: p.ticksPerYear })),
  seeds: 1,
  ticks: 365,
});
export default experiment;

if (require.main === module) {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      method: { type: 'string', default: 'morris' },
      n: { type: 'string' },
      'design-seed': { type: 'string', default: '1' },
      out: { type: 'string' },
      seeds: { type: 'string' },
      ticks: { type: 'string' },
      seed: { type: 'string' },
      set: { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
    },
  });
  const seed = Number(values['design-seed']);
  const n = values.n === undefined ? undefined : Number(values.n);
  const spec: DesignSpec =
    values.method === 'sobol' ? { method: 'sobol', ranges, n: n ?? 32, seed } : { method: 'morris', ranges, trajectories: n ?? 16, levels: 4, seed };
  runSensitivityStudy(experiment, spec, {
    out: values.out,
    seeds: values.seeds ? Number(values.seeds) : undefined,
    ticks: values.ticks ? Number(values.ticks) : undefined,
    baseSeed: values.seed ? Number(values.seed) : undefined,
    set: values.set,
    log: values.quiet ? null : undefined,
  }).then(
    (o) => process.stdout.write(`sensitivity (${spec.method}): ${o.written}/${o.runs} runs in ${o.seconds.toFixed(1)} s (${o.status})\nresults: ${o.dir}\n  next: npx tokensim sensitivity ${o.dir}\n`),
    (e: Error) => {
      process.stderr.write(`tokensim: ${e.message}\n`);
      process.exitCode = 2;
    },
  );
}

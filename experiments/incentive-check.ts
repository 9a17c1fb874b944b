/**
 * Incentive check: is following the stakers' rule a best response in the
 * baseline economy? For each alternative strategy the stakers declare, runs
 * the baseline twice per seed (same seed: once as is, once with one staker,
 * then 5% of them, switched to the strategy) and reports the deviators' gain
 * in final wealth (USD at the final price) with a 95% paired interval. A
 * gain whose interval lies above zero is a profitable deviation: the design
 * is not incentive compatible for that class.
 *
 *   npx ts-node experiments/incentive-check.ts [--seeds N] [--ticks N] [--out DIR]
 *   npx tokensim deviate experiments/baseline.ts --class stakers --strategy never-stake   (one check)
 *
 * Writes deviations.arrow (one row per check) and prints each check.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkDeviation, type DeviationResult } from '../src';
import { writeArrowTable } from '../src/results';
import { formatDeviation } from '../src/cli/deviate';
import baseline from './baseline';

/** The checks: class, strategy, and share of the class deviating (undefined: one agent). */
export const checks: { className: string; strategy: string; share?: number }[] = [
  { className: 'stakers', strategy: 'never-stake' },
  { className: 'stakers', strategy: 'always-stake' },
  { className: 'stakers', strategy: 'never-stake', share: 0.05 },
  { className: 'stakers', strategy: 'always-stake', share: 0.05 },
];

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { seeds: { type: 'string' }, ticks: { type: 'string' }, out: { type: 'string' } } });
  const seeds = values.seeds ? Number(values.seeds) : 5;
  const ticks = values.ticks ? Number(values.ticks) : undefined;
  const results: (DeviationResult & { share: number | null })[] = [];
  for (const c of checks) {
    const r = checkDeviation(baseline, { ...c, seeds, ticks });
    results.push({ ...r, share: c.share ?? null });
    process.stdout.write(formatDeviation(r) + '\n\n');
  }
  const dir = resolve(values.out ?? join('results', 'incentive-check', new Date().toISOString().replace(/[:]/g, '-').replace(/\..+$/, '')));
  mkdirSync(dir, { recursive: true });
  await writeArrowTable(
    join(dir, 'deviations.arrow'),
    [
      { name: 'class', kind: 'utf8' },
      { name: 'strategy', kind: 'utf8' },
      { name: 'share', kind: 'float64', nullable: true },
      { name: 'deviators', kind: 'int32' },
      { name: 'seeds', kind: 'int32' },
      { name: 'mean_gain_usd', kind: 'float64' },
      { name: 'ci_lo', kind: 'float64' },
      { name: 'ci_hi', kind: 'float64' },
      { name: 'relative_gain', kind: 'float64' },
      { name: 'p_value', kind: 'float64' },
      { name: 'verdict', kind: 'utf8' },
    ],
    {
      class: results.map((r) => r.className),
      strategy: results.map((r) => r.strategy),
      share: results.map((r) => r.share),
      deviators: Int32Array.from(results, (r) => r.deviators),
      seeds: Int32Array.from(results, (r) => r.seeds.length),
      mean_gain_usd: Float64Array.from(results, (r) => r.gain.mean),
      ci_lo: Float64Array.from(results, (r) => r.gain.lo),
      ci_hi: Float64Array.from(results, (r) => r.gain.hi),
      relative_gain: Float64Array.from(results, (r) => r.relativeGain),
      p_value: Float64Array.from(results, (r) => r.gain.pValue),
      verdict: results.map((r) => r.verdict),
    },
    results.length,
  );
  process.stdout.write(`written: ${join(dir, 'deviations.arrow')}\n`);
}

if (require.main === module) {
  main().catch((e: Error) => {
    process.stderr.write(`tokensim: ${e.message}\n`);
    process.exitCode = 2;
  });
}

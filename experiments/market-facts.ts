/**
 * Market facts: does the baseline's price behave like a crypto market's, and
 * do the levers move it with the market open? Runs the baseline over N seeds
 * and prints, per stylised fact, the median over runs and whether it meets
 * its target (`FACT_TARGETS`); then, paired by seed (common random
 * numbers), the effect of halving emission on the mean price and of a
 * 28-day against a 0-day unbonding period on stakers' exit selling after
 * price drops, each as a mean difference with its 95% interval.
 *
 *   node -r ./bin/transpile.js experiments/market-facts.ts [--seeds 20] [--ticks 365]
 */
import { parseArgs } from 'node:util';
import { applyOverrides, type DeepPartial } from '../src/experiment/define';
import { runOne } from '../src/experiment/runOne';
import { checkFacts } from '../src/analysis/marketChecks';
import { pairedDifference } from '../src/metrics/stats';
import { tokenEconomy, type TokenEconomyParams } from '../src/models/tokenEconomy';
import baseline from './baseline';

/** Returns the summaries of `seeds` runs of the baseline with `overrides`, seeds 1..seeds from base seed `base`. */
export function summaries(seeds: number, ticks: number, overrides: DeepPartial<TokenEconomyParams> = {}, base = 1000): Record<string, number>[] {
  const params = tokenEconomy.schema.parse(applyOverrides(baseline.defaults, overrides, 'market-facts'));
  const out: Record<string, number>[] = [];
  for (let s = 1; s <= seeds; s++) {
    const r = runOne(tokenEconomy, { runId: s, variant: 'v', replicate: s, seed: base + s, params }, { ticks, every: 1, metrics: null, check: false });
    if (r.status !== 'ok') throw new Error(`run ${s} failed at tick ${r.errorTick}: ${r.error}`);
    out.push(r.summary);
  }
  return out;
}

/** Returns one line: the paired mean difference of `kpi` (a − b) with its 95% interval and p-value. */
function paired(label: string, kpi: string, a: Record<string, number>[], b: Record<string, number>[]): string {
  const d = pairedDifference(a.map((s) => s[kpi]), b.map((s) => s[kpi]));
  const mb = b.reduce((x, s) => x + s[kpi], 0) / b.length;
  return `${label.padEnd(44)} ${kpi.padEnd(22)} ${d.mean.toPrecision(4).padStart(10)} [${d.lo.toPrecision(4)}, ${d.hi.toPrecision(4)}]  (${((100 * d.mean) / mb).toFixed(1)}% of ${mb.toPrecision(4)}; p = ${d.pValue.toPrecision(2)})`;
}

/** Returns the report `main` prints: the stylised facts over `seeds` runs of `ticks` ticks, then the paired lever effects. */
export function marketFactsReport(seeds: number, ticks: number): string {
  const base = summaries(seeds, ticks);
  const lines = [`baseline, ${seeds} seeds × ${ticks} ticks: median per run`];
  for (const c of checkFacts(base)) {
    lines.push(`  ${c.condition.padEnd(48)} ${c.median.toFixed(3).padStart(8)}   range [${c.min.toFixed(3)}, ${c.max.toFixed(3)}]   ${c.holds ? 'holds' : 'FAILS'}`);
  }
  const half = summaries(seeds, ticks, { emission: { ratePerYear: tokenEconomy.defaults.emission.ratePerYear / 2 } });
  const quick = summaries(seeds, ticks, { staking: { unbondingTicks: 0 } });
  const slow = summaries(seeds, ticks, { staking: { unbondingTicks: 28 } });
  lines.push('', 'paired by seed: mean difference [95% interval]');
  lines.push(`  ${paired('half emission − baseline', 'mean_price', half, base)}`);
  lines.push(`  ${paired('unbonding 28 days − 0 days', 'exit_sold_after_drop', slow, quick)}`);
  lines.push(`  ${paired('unbonding 28 days − 0 days', 'total_exit_sold', slow, quick)}`);
  return lines.join('\n');
}

function main(): void {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { seeds: { type: 'string' }, ticks: { type: 'string' } } });
  process.stdout.write(marketFactsReport(Number(values.seeds ?? 20), Number(values.ticks ?? 365)) + '\n');
}

if (require.main === module) main();

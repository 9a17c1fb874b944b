import { InputError } from '../core/errors';
import { checkDeviation, type DeviationResult } from '../analysis/deviation';
import { loadExperiment } from './loadExperiment';

/** The parsed flags of `tokensim deviate`. */
export interface DeviateFlags {
  class?: string;
  strategy?: string;
  share?: number;
  seeds?: number;
  ticks?: number;
  seed?: number;
  set?: string[];
  variant?: string;
  level?: number;
}

const usd = (x: number) => (Math.abs(x) >= 1e6 ? `${(x / 1e6).toFixed(3)}M` : x.toFixed(2));

/** Returns the report of a deviation check as printed by `tokensim deviate`, one line per seed then the verdict. */
export function formatDeviation(r: DeviationResult): string {
  const lines = [
    `deviation: ${r.deviators} ${r.className} agent(s) switch to ${r.strategy} (variant ${r.variant}), paired by seed`,
    `seed        initial_usd   follow_usd    deviate_usd   gain_usd`,
  ];
  for (let i = 0; i < r.seeds.length; i++) {
    const cells = [r.initial[i], r.baseline[i], r.deviant[i], r.deviant[i] - r.baseline[i]].map((x) => usd(x).padStart(12));
    lines.push(`${String(r.seeds[i]).padEnd(10)}  ${cells.join('  ')}`);
  }
  const g = r.gain;
  lines.push(
    `mean gain per deviating agent: ${usd(g.mean)} USD, ${Math.round(r.level * 100)}% CI [${usd(g.lo)}, ${usd(g.hi)}] (${(r.relativeGain * 100).toFixed(2)}% of follow wealth; t = ${g.t.toFixed(2)}, p = ${Number.isNaN(g.pValue) ? 'n/a' : g.pValue.toPrecision(3)}, n = ${g.n})`,
    r.verdict === 'profitable'
      ? `verdict: profitable deviation — the design is NOT incentive compatible for ${r.className} against ${r.strategy}`
      : r.verdict === 'unprofitable'
        ? `verdict: unprofitable deviation — ${r.className} lose by switching to ${r.strategy}`
        : `verdict: no significant gain from ${r.strategy} at this level (more --seeds narrow the interval)`,
  );
  return lines.join('\n');
}

/** The `tokensim deviate FILE --class NAME --strategy S ...` command: runs the paired deviation check and prints it; returns the exit code 0. */
export async function deviateCommand(file: string, flags: DeviateFlags): Promise<number> {
  if (!flags.class) throw new InputError('deviate: --class NAME is required (an agent class that declares strategies, e.g. stakers)');
  if (!flags.strategy) throw new InputError('deviate: --strategy S is required (e.g. never-stake or always-stake for stakers)');
  const result = checkDeviation(loadExperiment(file), {
    className: flags.class,
    strategy: flags.strategy,
    share: flags.share,
    seeds: flags.seeds,
    ticks: flags.ticks,
    baseSeed: flags.seed,
    set: flags.set,
    variant: flags.variant,
    level: flags.level,
  });
  process.stdout.write(formatDeviation(result) + '\n');
  return 0;
}

import { parseArgs } from 'node:util';
import { InputError } from '../core/errors';
import { checkDeviation, type DeviationResult } from '../analysis/deviation';
import { loadExperiment } from './loadExperiment';

const options = {
  class: { type: 'string' },
  strategy: { type: 'string' },
  share: { type: 'string' },
  seeds: { type: 'string' },
  ticks: { type: 'string' },
  seed: { type: 'string' },
  set: { type: 'string', multiple: true },
  variant: { type: 'string' },
  level: { type: 'string' },
} as const;

function num(flag: string, text: string | undefined, check: (n: number) => boolean, expected: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || !check(n)) throw new InputError(`${flag} ${text}: expected ${expected}`);
  return n;
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

/** The `tokensim deviate` command: runs the paired deviation check and prints it; returns the exit code. */
export async function deviateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new InputError('deviate: expected one experiment file, e.g. tokensim deviate experiments/baseline.ts --class stakers --strategy never-stake');
  if (!values.class) throw new InputError('deviate: --class NAME is required (an agent class that declares strategies, e.g. stakers)');
  if (!values.strategy) throw new InputError('deviate: --strategy S is required (e.g. never-stake or always-stake for stakers)');
  const seeds = num('--seeds', values.seeds, (n) => Number.isInteger(n) && n >= 2, 'an integer ≥ 2 (the interval needs two pairs)');
  const result = checkDeviation(loadExperiment(positionals[0]), {
    className: values.class,
    strategy: values.strategy,
    share: num('--share', values.share, (n) => n > 0 && n <= 1, 'a share in (0, 1]'),
    seeds,
    ticks: num('--ticks', values.ticks, (n) => Number.isInteger(n) && n >= 1, 'a positive integer'),
    baseSeed: num('--seed', values.seed, (n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff, 'an integer in [0, 4294967295]'),
    set: values.set,
    variant: values.variant,
    level: num('--level', values.level, (n) => n > 0 && n < 1, 'a confidence level in (0, 1)'),
  });
  process.stdout.write(formatDeviation(result) + '\n');
  return 0;
}

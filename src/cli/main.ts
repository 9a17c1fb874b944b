import { parseArgs } from 'node:util';
import { InputError } from '../core/errors';
import type { Experiment } from '../experiment/define';
import { runExperiment } from '../experiment/runExperiment';
import { formatInspect } from '../io/inspect';
import { loadExperiment } from './loadExperiment';
import { compareCommand } from './compare';
import { reportCommand } from './report';
import { writeReport } from '../report/writeReport';

const USAGE = `usage:
  tokensim run <experiment.ts> [--out DIR] [--seeds N] [--ticks N] [--seed N] [--set path=value]... [--check] [--quiet] [--report]
  tokensim inspect <file.arrow> [--rows N]
  tokensim report <DIR> [--out FILE] [--metric NAME]... [--kpi NAME]... [--baseline NAME]
  tokensim compare <DIR> [--metric NAME]... [--by variant|point] [--baseline NAME] [--format table|csv|json|md]`;

/** Returns `text` as a positive integer, or throws an `InputError` naming `flag`. */
export function positiveInt(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new InputError(`${flag} ${text}: expected a positive integer`);
  return n;
}

/** Returns `text` as a non-negative integer seed, or throws an `InputError`. */
function seedArg(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || n > 0xffffffff) throw new InputError(`--seed ${text}: expected an integer in [0, 4294967295]`);
  return n;
}

const runOptions = {
  out: { type: 'string' },
  seeds: { type: 'string' },
  ticks: { type: 'string' },
  seed: { type: 'string' },
  set: { type: 'string', multiple: true },
  check: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  report: { type: 'boolean' },
} as const;

/** Runs `experiment` with command-line `args` (the `run` flags); returns the exit code. */
export async function runCommand(experiment: Experiment<object>, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: runOptions, allowPositionals: false, strict: true });
  const outcome = await runExperiment(experiment, {
    out: values.out,
    seeds: positiveInt('--seeds', values.seeds),
    ticks: positiveInt('--ticks', values.ticks),
    baseSeed: seedArg(values.seed),
    set: values.set,
    check: values.check,
    log: values.quiet ? null : undefined,
  });
  const say = (s: string) => process.stdout.write(s + '\n');
  say(`${experiment.name}: ${outcome.written}/${outcome.runs} runs written in ${outcome.seconds.toFixed(1)} s, ${outcome.failed} failed (${outcome.status})`);
  say(`results: ${outcome.dir}`);
  say(`  inspect: npx tokensim inspect ${outcome.dir}/summary.arrow`);
  if (values.report && outcome.written > 0) say(`report: ${await writeReport(outcome.dir)}`);
  if (outcome.failed > 0) process.stderr.write(`${outcome.failed} run(s) failed; see the status and error columns of runs.arrow\n`);
  return outcome.status === 'complete' ? 0 : outcome.status === 'interrupted' ? 130 : 1;
}

/** The `tokensim` command: returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run': {
        const file = rest[0];
        if (!file || file.startsWith('-')) throw new InputError('run: expected an experiment file, e.g. tokensim run experiments/baseline.ts');
        return await runCommand(loadExperiment(file), rest.slice(1));
      }
      case 'inspect': {
        const { values, positionals } = parseArgs({ args: rest, options: { rows: { type: 'string' } }, allowPositionals: true });
        if (positionals.length !== 1) throw new InputError('inspect: expected one .arrow file, e.g. tokensim inspect results/baseline/<time>/summary.arrow');
        process.stdout.write(formatInspect(positionals[0], positiveInt('--rows', values.rows) ?? 10) + '\n');
        return 0;
      }
      case 'report':
        process.stdout.write(`report: ${await reportCommand(rest)}\n`);
        return 0;
      case 'compare':
        process.stdout.write(compareCommand(rest) + '\n');
        return 0;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(USAGE + '\n');
        return command === undefined ? 2 : 0;
      default:
        throw new InputError(`unknown command "${command}"; expected run, inspect, compare or report`);
    }
  } catch (e) {
    const err = e as Error & { code?: string };
    // Input problems (ours, and node's argument parser's) are one line, no stack.
    if (e instanceof InputError || (err.code ?? '').startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`tokensim: ${err.message}\n`);
      return 2;
    }
    if (/^(no such file|not an Arrow IPC file)/.test(err.message)) {
      process.stderr.write(`tokensim: ${err.message}\n`);
      return 2;
    }
    throw e;
  }
}

/**
 * Runs `experiment` when its file is the program being run
 * (`npx ts-node experiments/<name>.ts [flags]`); does nothing when it is imported.
 */
export function runIfMain(mod: NodeModule, experiment: Experiment<any>): void {
  if (require.main !== mod) return;
  runCommand(experiment, process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: Error) => {
      process.stderr.write(`tokensim: ${e instanceof InputError ? e.message : e.stack}\n`);
      process.exitCode = e instanceof InputError ? 2 : 1;
    },
  );
}

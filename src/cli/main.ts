import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { InputError } from '../core/errors';
import type { Experiment } from '../experiment/define';
import { runExperiment } from '../experiment/runExperiment';
import { ExperimentStopped } from '../experiment/stopped';
import { formatInspect } from '../io/inspect';
import { joinNegativeValues } from './dashValues';
import { experimentFile, loadExperiment } from './loadExperiment';
import { mergeCommand } from './merge';
import { formatParams } from './params';
import { deviateCommand } from './deviate';
import { sensitivityCommand } from './sensitivity';
import { compareCommand } from './compare';
import { reportCommand } from './report';
import { writeReport } from '../report/writeReport';

const USAGE = `usage:
  tokensim run <experiment.ts> [--out DIR] [--seeds N] [--ticks N] [--seed N] [--set path=value]... [--check] [--quiet] [--report]
               [--workers N] [--shard K/N] [--resume DIR]
  tokensim merge DIR... --out DIR
  tokensim inspect <file.arrow> [--rows N]
  tokensim params <experiment.ts>
  tokensim deviate <experiment.ts> --class NAME --strategy S [--share X] [--seeds N] [--ticks N] [--seed N] [--variant V] [--level L] [--set path=value]...
  tokensim sensitivity <results-dir> [--kpi NAME]... [--variant V] [--bootstrap N] [--level L]
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
  workers: { type: 'string' },
  shard: { type: 'string' },
  resume: { type: 'string' },
} as const;

/** Returns `K/N` as a shard, or throws an `InputError`. */
export function parseShard(text: string | undefined): { index: number; count: number } | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const [index, count] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (!m || count < 1 || index < 1 || index > count) throw new InputError(`--shard ${text}: expected K/N with 1 <= K <= N, e.g. --shard 2/8`);
  return { index, count };
}

/**
 * Runs `experiment` with command-line `args` (the `run` flags); returns the
 * exit code. `file` is the experiment's file, which worker threads load.
 */
export async function runCommand(experiment: Experiment<object>, args: string[], file = experimentFile(experiment)): Promise<number> {
  const { values } = parseArgs({ args: joinNegativeValues(args), options: runOptions, allowPositionals: false, strict: true });
  const outcome = await runExperiment(experiment, {
    out: values.out,
    seeds: positiveInt('--seeds', values.seeds),
    ticks: positiveInt('--ticks', values.ticks),
    baseSeed: seedArg(values.seed),
    set: values.set,
    check: values.check,
    log: values.quiet ? null : undefined,
    workers: file ? (positiveInt('--workers', values.workers) ?? availableParallelism()) : positiveInt('--workers', values.workers),
    file,
    shard: parseShard(values.shard),
    resume: values.resume,
  });
  const say = (s: string) => process.stdout.write(s + '\n');
  if (outcome.helped) {
    say(`${experiment.name}: ${outcome.written} run(s) written as parts for ${outcome.helped}, which writes the tables of ${outcome.dir}`);
    return outcome.failed > 0 ? 1 : 0;
  }
  say(`${experiment.name}: ${outcome.written}/${outcome.runs} runs written in ${outcome.seconds.toFixed(1)} s, ${outcome.failed} failed (${outcome.status})`);
  say(`results: ${outcome.dir}`);
  say(`  inspect: npx tokensim inspect ${outcome.dir}/summary.arrow`);
  if (values.report && outcome.written > 0) say(`report: ${await writeReport(outcome.dir)}`);
  if (outcome.failed > 0) process.stderr.write(`${outcome.failed} run(s) failed; see the status and error columns of runs.arrow\n`);
  if (outcome.status === 'interrupted') process.stderr.write(`interrupted; finish with: tokensim run <experiment> --resume ${outcome.dir} (and the same options)\n`);
  return outcome.status === 'complete' || outcome.status === 'partial' ? 0 : outcome.status === 'interrupted' ? 130 : 1;
}

/** The `tokensim` command: returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = joinNegativeValues(argv);
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
      case 'params': {
        if (rest.length !== 1) throw new InputError('params: expected one experiment file, e.g. tokensim params experiments/baseline.ts');
        process.stdout.write(formatParams(loadExperiment(rest[0])) + '\n');
        return 0;
      }
      case 'merge':
        return await mergeCommand(rest);
      case 'deviate':
        return await deviateCommand(rest);
      case 'sensitivity':
        return await sensitivityCommand(rest);
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
        throw new InputError(`unknown command "${command}"; expected run, inspect, params, merge, deviate, sensitivity, compare or report`);
    }
  } catch (e) {
    return reportError(e);
  }
}

/**
 * Prints an input problem (ours, or node's argument parser's, or a missing
 * or unreadable file) as one line and returns exit code 2, and an
 * experiment stopped by its surroundings (a full disk, a worker's death) as
 * one line with exit code 1; rethrows anything else, which is a bug worth
 * its stack.
 */
export function reportError(e: unknown): number {
  const err = e as Error & { code?: string };
  if (e instanceof ExperimentStopped) {
    process.stderr.write(`tokensim: ${e.message}\n`);
    return 1;
  }
  const oneLine = e instanceof InputError || (err.code ?? '').startsWith('ERR_PARSE_ARGS') || /^(no such file|not an Arrow IPC file)/.test(err.message);
  if (!oneLine) throw e;
  const hint = (err.code ?? '').startsWith('ERR_PARSE_ARGS') ? ' (see tokensim --help)' : '';
  process.stderr.write(`tokensim: ${err.message.split('\n')[0]}${hint}\n`);
  return 2;
}

/**
 * Runs `experiment` when its file is the program being run
 * (`npx ts-node experiments/<name>.ts [flags]`); does nothing when it is imported.
 */
export function runIfMain(mod: NodeModule, experiment: Experiment<any>): void {
  if (require.main !== mod) return;
  runCommand(experiment, process.argv.slice(2), mod.filename)
    .catch(reportError)
    .then(
      (code) => (process.exitCode = code),
      (e: Error) => {
        process.stderr.write(`tokensim: ${e.stack}\n`);
        process.exitCode = 1;
      },
    );
}

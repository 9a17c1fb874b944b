import { availableParallelism } from 'node:os';
import type { Experiment } from '../experiment/define';
import type { Shard } from '../experiment/output';
import { runExperiment } from '../experiment/runExperiment';
import { exitCodeOf } from './exitCodes';
import { experimentFile } from './loadExperiment';
import { applyTableFormat, type TableFormat } from '../io/convertResults';

/** The parsed flags of `tokensim run` (and of `npx ts-node experiments/<name>.ts`). */
export interface RunFlags {
  out?: string;
  seeds?: number;
  ticks?: number;
  seed?: number;
  set?: string[];
  check?: boolean;
  quiet?: boolean;
  report?: boolean;
  workers?: number;
  shard?: Shard;
  resume?: string;
  format?: TableFormat;
}

/**
 * Runs `experiment` with the parsed `run` flags and prints where the
 * results went; returns the exit code (see exitCodes.ts). `file` is the
 * experiment's file, which worker threads load; without it the run stays on
 * one thread unless `--workers` asks for more (which is then refused).
 */
export async function runCommand(experiment: Experiment<object>, flags: RunFlags, file = experimentFile(experiment)): Promise<number> {
  // The report reads the Arrow tables: with --report, Parquet alone replaces them once the report is written.
  const parquetAfterReport = !!flags.report && flags.format === 'parquet';
  const outcome = await runExperiment(experiment, {
    out: flags.out,
    seeds: flags.seeds,
    ticks: flags.ticks,
    baseSeed: flags.seed,
    set: flags.set,
    check: flags.check,
    log: flags.quiet ? null : undefined,
    workers: flags.workers ?? (file ? availableParallelism() : undefined),
    file,
    shard: flags.shard,
    resume: flags.resume,
    format: parquetAfterReport ? 'both' : flags.format,
  });
  const say = (s: string) => process.stdout.write(s + '\n');
  say(`${experiment.name}: ${outcome.written}/${outcome.runs} runs written in ${outcome.seconds.toFixed(1)} s, ${outcome.failed} failed (${outcome.status})`);
  say(`results: ${outcome.dir}`);
  say(`  inspect: npx tokensim inspect ${outcome.dir}/summary.${flags.format === 'parquet' && outcome.status !== 'interrupted' ? 'parquet' : 'arrow'}`);
  if (flags.report && outcome.written > 0) {
    const { writeReport } = await import('../report/writeReport');
    say(`report: ${await writeReport(outcome.dir)}`);
  }
  if (parquetAfterReport) await applyTableFormat(outcome.dir, outcome.status, 'parquet');
  if (outcome.failed > 0) process.stderr.write(`${outcome.failed} run(s) failed; see the status and error columns of runs.arrow\n`);
  if (outcome.status === 'interrupted') process.stderr.write(`interrupted; finish with: tokensim run <experiment> --resume ${outcome.dir} (and the same options)\n`);
  return exitCodeOf(outcome);
}

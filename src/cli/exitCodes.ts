import type { ExperimentOutcome } from '../experiment/runExperiment';

/**
 * The exit codes of `tokensim`, the same for every command:
 * 0 everything asked for was done; 1 some runs failed (their rows and errors
 * are written); 2 bad input (nothing was run or written); 130 interrupted by
 * SIGINT (Ctrl-C) and 143 by SIGTERM (what Slurm and Kubernetes send), the
 * shell's 128 + signal number, with a directory that `--resume` completes.
 */
export const EXIT = { ok: 0, runsFailed: 1, badInput: 2, sigint: 130, sigterm: 143 } as const;

/** Returns the exit code of a finished or interrupted experiment (see `EXIT`). */
export function exitCodeOf(outcome: Pick<ExperimentOutcome, 'status' | 'signal'>): number {
  if (outcome.status === 'interrupted') return outcome.signal === 'SIGTERM' ? EXIT.sigterm : EXIT.sigint;
  return outcome.status === 'complete' || outcome.status === 'partial' ? EXIT.ok : EXIT.runsFailed;
}

/** The exit codes as `--help` lists them. */
export const EXIT_CODES_HELP = `exit codes:
  0    ok
  1    some runs failed (their status and error are in runs.arrow)
  2    bad input: nothing was run or written
  130  interrupted by SIGINT (Ctrl-C); --resume DIR finishes the run
  143  interrupted by SIGTERM (e.g. Slurm or Kubernetes preemption); --resume DIR finishes the run`;

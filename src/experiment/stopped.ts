import { InputError } from '../core/errors';
import { DamagedPart } from './partIntegrity';
import { WorkerFailure } from './pool';

/**
 * An experiment stopped before its end by its surroundings: a full disk, a
 * read-only or failing file system, a worker thread that died. Its message is
 * one line naming the cause; every run finished before it stays in the
 * output directory, which `--resume` completes.
 */
export class ExperimentStopped extends Error {
  override readonly name = 'ExperimentStopped';
}

/** What the file-system error codes tokensim meets mean, in words. */
const CAUSES: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EMFILE: 'too many open files',
  ENOENT: 'a file or directory it was writing disappeared',
};

/**
 * Returns the error to report when writing `dir` failed with `cause`: an
 * `ExperimentStopped` naming the cause in one line (`no space left on
 * device (ENOSPC) writing <file>`, a worker's own message, a part found
 * damaged) and how to finish the directory; an `InputError`, or an error
 * that is none of these (a bug, worth its stack), as it is.
 */
export function stoppedBy(cause: unknown, dir: string): Error {
  if (!(cause instanceof Error) || cause instanceof InputError || cause instanceof ExperimentStopped) return cause as Error;
  const e = cause as NodeJS.ErrnoException;
  const code = typeof e.code === 'string' ? e.code : '';
  let what: string;
  if (CAUSES[code]) what = `${CAUSES[code]} (${code})${e.path ? ` writing ${e.path}` : ''}${cause instanceof WorkerFailure ? ` (${cause.message.split(':')[0]})` : ''}`;
  else if (cause instanceof WorkerFailure || cause instanceof DamagedPart) what = cause.message.split('\n')[0];
  else return cause;
  return new ExperimentStopped(`${dir}: stopped: ${what}; every run finished so far is kept, and --resume ${dir} (with the same options) runs the rest`, { cause });
}

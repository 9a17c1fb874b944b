import { InputError } from '../core/errors';

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
 * `InputError` as it is, else an `ExperimentStopped` naming the cause
 * (`no space left on device (ENOSPC)`, the file when known, a worker's own
 * message) and how to finish the directory.
 */
export function stoppedBy(cause: unknown, dir: string): Error {
  if (cause instanceof InputError || cause instanceof ExperimentStopped) return cause;
  const e = cause as NodeJS.ErrnoException;
  const code = typeof e?.code === 'string' ? e.code : '';
  const what = CAUSES[code] ? `${CAUSES[code]} (${code})${e.path ? ` writing ${e.path}` : ''}` : String(e?.message ?? cause).split('\n')[0];
  return new ExperimentStopped(`${dir}: stopped: ${what}; every run finished so far is kept, and --resume ${dir} (with the same options) runs the rest`, { cause });
}

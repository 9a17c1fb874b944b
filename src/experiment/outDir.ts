import { accessSync, constants, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../core/errors';
import { isLockFile } from './lock';

/** The file a calibration directory (`tokensim calibrate`) is known by. */
export const CALIBRATION_FILE = 'calibration.json';

/** The file an optimisation directory (`tokensim optimize`) is known by. */
export const OPTIMISATION_FILE = 'optimisation.json';

/** Names in an output directory that show tokensim wrote it. */
const OURS = ['manifest.json', CALIBRATION_FILE, OPTIMISATION_FILE];

function errno(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? '';
}

/** Returns the reason `code` gives for not writing `dir`, as words, or null for an unexpected error. */
function refusal(code: string): string | null {
  if (code === 'EROFS') return 'it is on a read-only file system (EROFS)';
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${code})`;
  if (code === 'ENOSPC') return 'no space left on device (ENOSPC)';
  return null;
}

/** Throws an `InputError` naming `flag` when `dir` (which exists) is not a directory this process may write. */
function assertWritableDir(flag: string, dir: string): void {
  if (!statSync(dir).isDirectory()) throw new InputError(`${flag} ${dir} is a file; expected a directory`);
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    const why = refusal(errno(e));
    if (why) throw new InputError(`${flag} ${dir}: cannot write there: ${why}`);
    throw e;
  }
}

/** Returns the nearest existing ancestor of `dir` (or `dir` itself). */
function existingAncestor(dir: string): string {
  let cur = dir;
  for (;;) {
    try {
      statSync(cur);
      return cur;
    } catch (e) {
      if (errno(e) !== 'ENOENT' && errno(e) !== 'ENOTDIR') throw e;
      const up = dirname(cur);
      if (up === cur) return cur;
      cur = up;
    }
  }
}

/**
 * Makes `dir` ready to be a new output directory, or throws an `InputError`
 * in one line before anything is written: when it is a file, lies under a
 * file, cannot be written (read-only file system, permissions), or already
 * holds files tokensim did not write (an existing directory must be empty,
 * or one tokensim writes). Creates it (and its parents) when missing.
 */
export function prepareOutDir(dir: string, flag = '--out'): void {
  const base = existingAncestor(dir);
  if (!statSync(base).isDirectory()) {
    throw new InputError(base === dir ? `${flag} ${dir} is a file; expected a directory` : `${flag} ${dir}: ${base} is a file, not a directory`);
  }
  if (base === dir) {
    assertWritableDir(flag, dir);
    const names = readdirSync(dir);
    if (names.length > 0 && !names.some((n) => OURS.includes(n) || isLockFile(n))) {
      const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? `, ... (${names.length} entries)` : '');
      throw new InputError(`${flag} ${dir} holds files tokensim did not write (${shown}); choose a new or empty directory`);
    }
    return;
  }
  // A recursive mkdir on a read-only file system reports ENOENT: ask the nearest existing directory first.
  try {
    accessSync(base, constants.W_OK);
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    const why = refusal(errno(e));
    if (why) throw new InputError(`${flag} ${dir}: cannot create it: ${why}`);
    throw e;
  }
}

/** Throws an `InputError` unless `dir` is an existing directory this process may write (what `--resume` needs). */
export function assertResumableDir(dir: string, flag = '--resume'): void {
  try {
    statSync(dir);
  } catch (e) {
    if (errno(e) === 'ENOENT' || errno(e) === 'ENOTDIR') throw new InputError(`${flag} ${dir}: no such directory; expected the output directory of an interrupted run`);
    throw e;
  }
  assertWritableDir(flag, dir);
}

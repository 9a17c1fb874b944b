import { accessSync, constants, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../core/errors';

/**
 * Throws an `InputError` naming `flag` when `path` cannot be written as a
 * file: it is a directory, its directory does not exist or is not one, or
 * that directory cannot be written (read-only file system, permissions).
 * `example` is the file name suggested inside a directory given by mistake.
 */
export function assertOutputFile(flag: string, path: string, example: string): void {
  if (path.trim() === '') throw new InputError(`${flag} '${path}': expected a file path, e.g. ${example}`);
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    // A new file: its directory is checked below.
  }
  if (isDir) throw new InputError(`${flag} ${path} is a directory; expected a file path, e.g. ${join(path, basename(example))}`);
  const parent = dirname(path);
  try {
    if (!statSync(parent).isDirectory()) throw new InputError(`${flag} ${path}: ${parent} is a file, not a directory`);
    accessSync(parent, constants.W_OK);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError(`${flag} ${path}: no such directory ${parent}`);
    if (code === 'EROFS') throw new InputError(`${flag} ${path}: cannot write there: it is on a read-only file system (EROFS)`);
    if (code === 'EACCES' || code === 'EPERM') throw new InputError(`${flag} ${path}: cannot write there: permission denied (${code})`);
    throw e;
  }
}

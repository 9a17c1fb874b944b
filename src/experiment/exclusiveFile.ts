import { linkSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';

let serial = 0;

const TEMP = /^(.*)\.\d+-\d+-\d+\.tmp$/;

/** Returns the name `createExclusive` is creating when `name` is one of its temporary files (`<name>.<pid>-<thread>-<n>.tmp`), else null. */
export function exclusiveTarget(name: string): string | null {
  return TEMP.exec(name)?.[1] ?? null;
}

/**
 * Creates the file `path` holding `text` only if no file of that name
 * exists; returns true when it did, false when the name was taken. The file
 * appears whole or not at all: it is written under a name unique to this
 * writer and hard-linked into place, which fails if `path` exists, so no
 * reader ever sees it half-written. On a file system without hard links it
 * falls back to an exclusive create (`wx`). Other errors (ENOENT, EROFS,
 * ENOSPC) are thrown.
 */
export function createExclusive(path: string, text: string): boolean {
  const tmp = `${path}.${process.pid}-${threadId}-${serial++}.tmp`;
  writeFileSync(tmp, text, { flag: 'wx' });
  try {
    linkSync(tmp, path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw e;
  } finally {
    rmSync(tmp, { force: true });
  }
  try {
    writeFileSync(path, text, { flag: 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/** Returns the text of file `path`, or null when it does not exist. */
export function readIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Returns the names in directory `path`, or none when it does not exist. */
export function readdirIfExists(path: string): string[] {
  try {
    return readdirSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

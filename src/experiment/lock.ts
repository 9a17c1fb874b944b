import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors';
import { createExclusive, exclusiveTarget, readIfExists } from './exclusiveFile';
import type { Shard } from './output';
import { liveness, thisProcess, type ProcessId } from './processId';

/** The lock file of an output directory. */
export const LOCK_FILE = '.tokensim.lock';
const BREAK_FILE = `${LOCK_FILE}.break`;

/**
 * Returns true when `name` is one of the lock's files: the lock, its break
 * file, or the temporary file either is written under for the few
 * microseconds before it is linked into place (which another process
 * starting on the same directory can see).
 */
export function isLockFile(name: string): boolean {
  const target = exclusiveTarget(name) ?? name;
  return target === LOCK_FILE || target === BREAK_FILE;
}

/** What a lock file records: who holds it, since when, and what it writes. */
export interface LockRecord extends ProcessId {
  /** Unique to this holding, so a holder never mistakes another's lock for its own. */
  nonce: string;
  /** ISO time the lock was taken. */
  since: string;
  /** Plan hash of what the holder writes (null for a merge). */
  planHash: string | null;
  shard: Shard | null;
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Returns the lock record in file `path`, null when there is none; throws an `InputError` when it is not one. */
function readRecord(path: string): LockRecord | null {
  const text = readIfExists(path);
  if (text === null) return null;
  try {
    const r = JSON.parse(text) as LockRecord;
    if (Number.isInteger(r.pid) && typeof r.host === 'string' && typeof r.nonce === 'string') return r;
  } catch {
    // Reported below.
  }
  throw new InputError(`${path} is not a tokensim lock (unreadable); if no tokensim process is writing this directory, delete it and try again`);
}

/** Returns the lock record of output directory `dir`, or null when it is not locked. */
export function readLock(dir: string): LockRecord | null {
  return readRecord(join(dir, LOCK_FILE));
}

/** Returns a lock's holder as words: `pid 4242 on host vm (since 2026-01-02T10:00:00.000Z)`. */
export function describeHolder(r: LockRecord): string {
  return `pid ${r.pid} on host ${r.host} (since ${r.since})`;
}

/** Returns true when output directory `dir` is still locked by the holding `nonce`. */
export function stillHeld(dir: string, nonce: string): boolean {
  const r = readLock(dir);
  return r !== null && r.nonce === nonce && liveness(r) !== 'dead';
}

/**
 * The exclusive lock of one output directory, held by this process until
 * `release` (or until it exits: the lock is released on `process.exit`
 * too; after a kill -9 it is left behind and found stale).
 */
export class DirLock {
  private readonly onExit = () => this.release();
  private released = false;

  constructor(
    readonly dir: string,
    readonly record: LockRecord,
  ) {
    process.on('exit', this.onExit);
  }

  /** Removes the lock file if it is still this holding's; returns nothing. Safe to call twice. */
  release(): void {
    if (this.released) return;
    this.released = true;
    process.off('exit', this.onExit);
    const path = join(this.dir, LOCK_FILE);
    try {
      if (readRecord(path)?.nonce === this.record.nonce) rmSync(path, { force: true });
    } catch {
      // A lock file made unreadable by someone else is not ours to remove.
    }
  }
}

/**
 * Removes the stale lock `stale` of `dir`, unless it has changed meanwhile.
 * Breakers take turns through a second lock file, so that two processes
 * finding the same stale lock cannot remove a fresh one another just took:
 * only a breaker can remove a lock, and it removes only the lock it judged
 * stale.
 */
function breakStale(dir: string, stale: LockRecord): void {
  const breakPath = join(dir, BREAK_FILE);
  const me = JSON.stringify({ ...thisProcess(), nonce: randomUUID() });
  for (let waited = 0; !createExclusive(breakPath, me); waited += 5) {
    const other = readRecord(breakPath);
    // A breaker that died in its few microseconds of breaking leaves its file behind.
    if (other && liveness(other) === 'dead') rmSync(breakPath, { force: true });
    else if (waited > 2000) throw new InputError(`${breakPath}: another process has been breaking the stale lock of ${dir} for 2 s; if none is, delete ${breakPath}`);
    else sleepMs(5);
  }
  try {
    if (readLock(dir)?.nonce === stale.nonce) rmSync(join(dir, LOCK_FILE), { force: true });
  } finally {
    rmSync(breakPath, { force: true });
  }
}

/**
 * Takes the exclusive lock of output directory `dir` (which must exist):
 * the file `.tokensim.lock`, holding this process's pid, host and start
 * time. Returns the `DirLock` when it was free or stale (held by a process
 * of this host that is no longer running), else the live holder's record.
 * A lock held on another host is never taken: this host cannot tell if its
 * holder still runs.
 */
export function acquireLock(dir: string, about: Pick<LockRecord, 'planHash' | 'shard'>): DirLock | LockRecord {
  const record: LockRecord = { ...thisProcess(), nonce: randomUUID(), since: new Date().toISOString(), ...about };
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(path, JSON.stringify(record, null, 2) + '\n')) return new DirLock(dir, record);
    const holder = readLock(dir);
    if (holder === null) continue;
    if (liveness(holder) !== 'dead') return holder;
    breakStale(dir, holder);
  }
  throw new InputError(`${path}: could not take the lock after 5 attempts, other processes keep taking it`);
}

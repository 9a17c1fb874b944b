import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireLock, DirLock, LOCK_FILE, readLock, stillHeld, type LockRecord } from '../../src/experiment/lock';
import { liveness, thisProcess } from '../../src/experiment/processId';

const root = mkdtempSync(join(tmpdir(), 'tokensim-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const ABOUT = { planHash: 'p', shard: null };
let n = 0;

function freshDir(): string {
  const d = join(root, `d${n++}`);
  rmSync(d, { recursive: true, force: true });
  return mkdtempSync(d);
}

/** Returns the pid of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

function writeLock(dir: string, r: Partial<LockRecord>): void {
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 1, host: hostname(), startTicks: null, nonce: 'other', since: '2026-01-01T00:00:00.000Z', planHash: 'p', shard: null, ...r }));
}

describe('the lock of an output directory', () => {
  it('is taken by the first process, records its pid and host, and is released', () => {
    const dir = freshDir();
    const lock = acquireLock(dir, ABOUT);
    expect(lock).toBeInstanceOf(DirLock);
    expect(readLock(dir)).toMatchObject({ pid: process.pid, host: hostname(), planHash: 'p' });
    expect(stillHeld(dir, (lock as DirLock).record.nonce)).toBe(true);
    (lock as DirLock).release();
    (lock as DirLock).release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('while held, another attempt gets the holder instead', () => {
    const dir = freshDir();
    const lock = acquireLock(dir, ABOUT) as DirLock;
    const again = acquireLock(dir, ABOUT);
    expect(again).not.toBeInstanceOf(DirLock);
    expect((again as LockRecord).nonce).toBe(lock.record.nonce);
    lock.release();
  });

  it('a stale lock (its pid no longer runs on this host) is taken over', () => {
    const dir = freshDir();
    writeLock(dir, { pid: deadPid() });
    expect(acquireLock(dir, ABOUT)).toBeInstanceOf(DirLock);
    expect(readLock(dir)!.pid).toBe(process.pid);
  });

  it('a lock whose pid now belongs to a process started at another time is stale', () => {
    const me = thisProcess();
    if (me.startTicks === null) return; // no /proc: start times unknown
    expect(liveness({ ...me, startTicks: me.startTicks + 1 })).toBe('dead');
    const dir = freshDir();
    writeLock(dir, { pid: me.pid, startTicks: me.startTicks + 1 });
    expect(acquireLock(dir, ABOUT)).toBeInstanceOf(DirLock);
  });

  it('a lock held on another host is never taken (this host cannot tell if its holder runs)', () => {
    const dir = freshDir();
    writeLock(dir, { pid: deadPid(), host: 'elsewhere' });
    expect(acquireLock(dir, ABOUT)).toMatchObject({ host: 'elsewhere', nonce: 'other' });
  });

  it('a lock file that is not a lock is named in one line, not taken over', () => {
    const dir = freshDir();
    writeFileSync(join(dir, LOCK_FILE), 'garbage');
    expect(() => acquireLock(dir, ABOUT)).toThrow(/\.tokensim\.lock is not a tokensim lock \(unreadable\); if no tokensim process is writing this directory, delete it/);
  });

  it('release leaves a lock that is no longer its own', () => {
    const dir = freshDir();
    const lock = acquireLock(dir, ABOUT) as DirLock;
    writeLock(dir, { pid: process.pid, nonce: 'someone else' });
    lock.release();
    expect(readLock(dir)!.nonce).toBe('someone else');
  });

  it('a breaker that died while breaking a stale lock does not block the next', () => {
    const dir = freshDir();
    writeLock(dir, { pid: deadPid() });
    writeFileSync(join(dir, `${LOCK_FILE}.break`), JSON.stringify({ pid: deadPid(), host: hostname(), startTicks: null, nonce: 'x' }));
    expect(acquireLock(dir, ABOUT)).toBeInstanceOf(DirLock);
    expect(existsSync(join(dir, `${LOCK_FILE}.break`))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
  });
});

import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * A process as a lock or a claim names it: its pid, its host, and its start
 * time, which tells it apart from a later process that was given the same
 * pid (pids are reused, and a restarted container starts from the same ones).
 */
export interface ProcessId {
  pid: number;
  host: string;
  /** Start time in clock ticks since boot (Linux `/proc/<pid>/stat`, field 22), or null where unknown. */
  startTicks: number | null;
}

/** Returns the start time of process `pid` in clock ticks since boot, or null where /proc does not tell. */
function startTicksOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2, the command name, is in parentheses and may hold spaces: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isSafeInteger(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

let self: ProcessId | null = null;

/** Returns this process's identity. */
export function thisProcess(): ProcessId {
  self ??= { pid: process.pid, host: hostname(), startTicks: startTicksOf(process.pid) };
  return self;
}

/**
 * Returns whether process `id` is running: `alive`, `dead`, or `unknown`
 * when it is on another host (its pid means nothing here). A pid that now
 * belongs to a process started at another time counts as dead.
 */
export function liveness(id: ProcessId): 'alive' | 'dead' | 'unknown' {
  if (id.host !== thisProcess().host) return 'unknown';
  try {
    process.kill(id.pid, 0);
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return 'dead';
  }
  if (id.startTicks !== null) {
    const now = startTicksOf(id.pid);
    if (now !== null && now !== id.startTicks) return 'dead';
  }
  return 'alive';
}

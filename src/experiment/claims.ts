import { randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createExclusive, readdirIfExists, readIfExists } from './exclusiveFile';
import { PARTS } from './parts';
import { liveness, thisProcess, type ProcessId } from './processId';

/** The marker the directory's writer leaves in `parts/` once every run is in and it starts removing the parts. */
export const CLOSED = '.closed';

/** What a claim file records: the claiming process and the claim set it belongs to. */
interface ClaimRecord extends ProcessId {
  nonce: string;
}

/** Returns the claim file of run `runId` under output directory `dir`. */
function claimPath(dir: string, runId: number): string {
  return join(dir, PARTS, `.claim-${String(runId).padStart(6, '0')}`);
}

function readClaim(path: string): ClaimRecord | null {
  const text = readIfExists(path);
  if (text === null) return null;
  try {
    return JSON.parse(text) as ClaimRecord;
  } catch {
    return null;
  }
}

/**
 * The runs one process has claimed in an output directory, so that two
 * processes writing parts for it (the directory's writer and a `--resume`
 * started while it runs) do not run the same run. A claim is the file
 * `parts/.claim-<run_id>`, created exclusively before the run starts and
 * removed once its part is in place. Claims only save work: if two
 * processes ever ran the same run (a claim broken at the same moment by
 * two), both would write the same bytes and the second part would be
 * dropped (parts.ts).
 */
export class ClaimSet {
  private readonly held = new Set<number>();
  private readonly record: ClaimRecord = { ...thisProcess(), nonce: randomUUID() };

  constructor(private readonly dir: string) {}

  /**
   * Claims run `runId`: `claimed` when this process may run it; `taken`
   * when a running process (this one included) holds it; `closed` when the
   * directory's writer has finished or is finishing (no `parts/`, or its
   * closed marker). A claim whose holder no longer runs is taken over.
   */
  claim(runId: number): 'claimed' | 'taken' | 'closed' {
    const path = claimPath(this.dir, runId);
    for (let attempt = 0; attempt < 2; attempt++) {
      let created: boolean;
      try {
        created = createExclusive(path, JSON.stringify(this.record));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'closed';
        throw e;
      }
      if (created) {
        this.held.add(runId);
        // Checked after claiming: a writer sets the marker before it removes any part.
        if (existsSync(join(this.dir, PARTS, CLOSED))) {
          this.release(runId);
          return 'closed';
        }
        return 'claimed';
      }
      const other = readClaim(path);
      if (other && liveness(other) !== 'dead') return 'taken';
      rmSync(path, { force: true });
    }
    return 'taken';
  }

  /** Returns true when run `runId` is claimed by a running process other than through this set. */
  takenByOther(runId: number): boolean {
    if (this.held.has(runId)) return false;
    const other = readClaim(claimPath(this.dir, runId));
    return other !== null && other.nonce !== this.record.nonce && liveness(other) !== 'dead';
  }

  /** Releases the claim on run `runId` (after its part is in place); returns nothing. */
  release(runId: number): void {
    if (!this.held.delete(runId)) return;
    const path = claimPath(this.dir, runId);
    if (readClaim(path)?.nonce === this.record.nonce) rmSync(path, { force: true });
  }

  /** Releases every claim this set holds; returns nothing. */
  releaseAll(): void {
    for (const id of [...this.held]) this.release(id);
  }
}

/** Removes the claim files under `dir` whose holders no longer run; returns the run ids still claimed by running processes. */
export function removeDeadClaims(dir: string): number[] {
  const names = readdirIfExists(join(dir, PARTS));
  const live: number[] = [];
  for (const name of names) {
    const m = /^\.claim-(\d+)$/.exec(name);
    if (!m) continue;
    const path = join(dir, PARTS, name);
    const other = readClaim(path);
    if (other && liveness(other) !== 'dead') live.push(Number(m[1]));
    else rmSync(path, { force: true });
  }
  return live;
}

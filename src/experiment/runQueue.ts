import type { ClaimSet } from './claims';

/**
 * The runs one process still has to do in an output directory, handed out
 * one at a time in the order given. A run is handed out only once this
 * process has claimed it (claims.ts) and no part for it exists; runs whose
 * part another process has written are reported through `found`, and runs
 * another running process has claimed are set aside (`waiting`) for the
 * directory's writer to collect later, or to run itself should that process
 * stop.
 */
export class RunQueue {
  private next = 0;
  private readonly deferred: number[] = [];
  /** True once the directory's writer has finished (no more parts are taken). */
  closed = false;

  constructor(
    private readonly ids: readonly number[],
    private readonly claims: ClaimSet,
    private readonly hasPart: (runId: number) => boolean,
    private readonly found: (runId: number) => void,
    private readonly stopped: () => boolean,
  ) {}

  /** Returns the next run for this process to do, claimed, or null when none is left (or it was stopped). */
  take(): number | null {
    while (this.next < this.ids.length && !this.closed && !this.stopped()) {
      const id = this.ids[this.next++];
      const got = this.claimFree(id);
      if (got === 'taken') this.deferred.push(id);
      if (got === 'claimed') return id;
    }
    return null;
  }

  /**
   * Returns a set-aside run whose claimer has stopped without writing it,
   * now claimed by this process, or null; reports through `found` those
   * whose parts have appeared meanwhile.
   */
  retake(): number | null {
    for (let k = 0; k < this.deferred.length && !this.closed && !this.stopped(); ) {
      const id = this.deferred[k];
      if (!this.hasPart(id) && this.claims.takenByOther(id)) {
        k++;
        continue;
      }
      this.deferred.splice(k, 1);
      const got = this.claimFree(id);
      if (got === 'taken') this.deferred.push(id);
      if (got === 'claimed') return id;
    }
    return null;
  }

  /** Returns true while set-aside runs are still being run by other processes. */
  get waiting(): boolean {
    return this.deferred.length > 0 && !this.closed;
  }

  private claimFree(id: number): 'claimed' | 'taken' | 'done' {
    if (this.hasPart(id)) {
      this.found(id);
      return 'done';
    }
    const got = this.claims.claim(id);
    if (got === 'closed') {
      this.closed = true;
      return 'done';
    }
    if (got === 'taken') return 'taken';
    // Checked again once claimed: its part may have landed, and the claim been released, just before.
    if (this.hasPart(id)) {
      this.claims.release(id);
      this.found(id);
      return 'done';
    }
    return 'claimed';
  }
}

/** The requests due at one tick: (member, agent, units, owed) quadruples in one growable Float64Array. */
export class DueList {
  data = new Float64Array(64);
  /** Numbers used (four per request). */
  length = 0;

  /** Returns the number of requests in the list. */
  get count(): number {
    return this.length / 4;
  }

  push(member: number, agent: number, units: number, owed: number): void {
    if (this.length + 4 > this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    const d = this.data;
    d[this.length] = member;
    d[this.length + 1] = agent;
    d[this.length + 2] = units;
    d[this.length + 3] = owed;
    this.length += 4;
  }
}

/**
 * A queue of redemption requests, each due at a tick: requests are kept by
 * due tick (first in, first out within a tick) with what they hand in
 * (`units`) and what they are owed (`owed`, 0 when the price is set only
 * when they are paid). `pendingUnits` and `pendingOwed` are the running
 * totals of requests not yet paid, so the queue's size costs O(1) to read;
 * emptied lists are reused, so a steady queue allocates nothing.
 */
export class RedemptionQueue {
  /** Units handed in by requests not yet paid. */
  pendingUnits = 0;
  /** Owed to requests not yet paid (those priced at request). */
  pendingOwed = 0;
  /** Requests not yet paid. */
  pendingCount = 0;
  private readonly unitsByMember: number[] = [];
  private readonly due = new Map<number, DueList>();
  private readonly spare: DueList[] = [];

  /** Queues a request of agent `agent` of member `member` handing in `units`, owed `owed`, due at `tick`. */
  push(tick: number, member: number, agent: number, units: number, owed: number): void {
    let list = this.due.get(tick);
    if (!list) this.due.set(tick, (list = this.spare.pop() ?? new DueList()));
    list.push(member, agent, units, owed);
    while (this.unitsByMember.length <= member) this.unitsByMember.push(0);
    this.unitsByMember[member] += units;
    this.pendingUnits += units;
    this.pendingOwed += owed;
    this.pendingCount++;
  }

  /** Removes and returns the requests due at `tick` (null when none); hand the list back with `recycle` once paid. */
  take(tick: number): DueList | null {
    const list = this.due.get(tick);
    if (!list) return null;
    this.due.delete(tick);
    return list;
  }

  /** Returns the units handed in by member `member`'s requests not yet paid. */
  pendingUnitsOf(member: number): number {
    return this.unitsByMember[member] ?? 0;
  }

  /** Notes that a request of member `member` handing in `units`, owed `owed`, was paid. */
  paid(member: number, units: number, owed: number): void {
    this.unitsByMember[member] -= units;
    this.pendingUnits -= units;
    this.pendingOwed -= owed;
    if (--this.pendingCount === 0) {
      // Rounding over many requests must not leave a phantom balance.
      this.pendingUnits = 0;
      this.pendingOwed = 0;
      this.unitsByMember.fill(0);
    }
  }

  /** Returns a paid list for reuse. */
  recycle(list: DueList): void {
    list.length = 0;
    this.spare.push(list);
  }
}

import type { Population } from '../../core/population';
import { votingPower } from './rules';
import type { VotingRule } from './params';

type Cols = Record<string, Float64Array | Int32Array | Uint8Array | undefined>;

/** Returns `pop[i]`'s tokens held: liquid + staked + unbonding, in tokens. */
export function holdingsOf(pop: Population, i: number): number {
  const c = pop.cols as unknown as Cols;
  return pop.cols.tokens[i] + (c.staked?.[i] ?? 0) + (c.unbonding?.[i] ?? 0);
}

/** A population that holds tokens but does not vote, and the one position all its agents share (for the capture measure). */
export interface HolderGroup {
  pop: Population;
  role: number;
}

/**
 * The members who may vote: one or more populations, each with a `role`
 * column (position index into `ROLES`), optionally `lockTicks` (vote-escrow
 * lock, ticks) and `delegate` (index of the member's delegate within the
 * same population, −1 for none). Member m of population k is agent
 * m − offset[k]. Offsets are fixed by `seal()`, called once every population
 * is initialised; agents added later are not members.
 */
export class Electorate {
  readonly pops: Population[] = [];
  /** Populations that hold tokens but do not vote; counted when measuring capture. */
  readonly bystanders: HolderGroup[] = [];
  private offsets = new Int32Array(0);
  private sizes = new Int32Array(0);
  /** Number of members, fixed by `seal()`. */
  size = 0;
  private sealed = false;

  /** Adds a voting population (before `seal`). */
  add(pop: Population): void {
    if (this.sealed) throw new Error(`electorate is sealed; cannot add population ${pop.name}`);
    if (!this.pops.includes(pop)) this.pops.push(pop);
  }

  /** Adds a non-voting population whose agents all hold position `role` (for capture). */
  addBystanders(pop: Population, role: number): void {
    this.bystanders.push({ pop, role });
  }

  /** Fixes the member numbering; later calls do nothing. */
  seal(): void {
    if (this.sealed) return;
    this.sealed = true;
    this.offsets = new Int32Array(this.pops.length);
    this.sizes = new Int32Array(this.pops.length);
    let n = 0;
    this.pops.forEach((p, k) => {
      this.offsets[k] = n;
      this.sizes[k] = p.size;
      n += p.size;
    });
    this.size = n;
  }

  /** Returns the member number of `pop[i]`, or −1 when it is not a member. */
  member(pop: Population, i: number): number {
    this.seal();
    const k = this.pops.indexOf(pop);
    if (k < 0 || i < 0 || i >= this.sizes[k]) return -1;
    return this.offsets[k] + i;
  }

  /** Returns the population number holding member m (−1 when out of range). */
  popOf(m: number): number {
    for (let k = this.pops.length - 1; k >= 0; k--) if (m >= this.offsets[k]) return m < this.offsets[k] + this.sizes[k] ? k : -1;
    return -1;
  }

  /** Returns the population of member m's agent index, after `popOf`. */
  offset(k: number): number {
    return this.offsets[k];
  }

  /** Returns member m's position (index into `ROLES`). */
  roleOf(m: number): number {
    const k = this.popOf(m);
    const role = (this.pops[k].cols as unknown as Cols).role;
    return role ? role[m - this.offsets[k]] : 0;
  }

  /** Returns member m's tokens held, in tokens. */
  holdings(m: number): number {
    const k = this.popOf(m);
    return holdingsOf(this.pops[k], m - this.offsets[k]);
  }

  /**
   * Fills `out[0..size)` with each member's own voting power under `rule`
   * (see `votingPower`) and returns the total; inactive agents have none.
   */
  powers(rule: VotingRule, maxLockTicks: number, out: Float64Array): number {
    this.seal();
    let total = 0;
    for (let k = 0; k < this.pops.length; k++) {
      const pop = this.pops[k];
      const c = pop.cols as unknown as Cols;
      const staked = c.staked;
      const lock = c.lockTicks;
      const off = this.offsets[k];
      for (let i = 0; i < this.sizes[k]; i++) {
        const w = pop.cols.active[i] ? votingPower(rule, holdingsOf(pop, i), staked?.[i] ?? 0, lock?.[i] ?? 0, maxLockTicks) : 0;
        out[off + i] = w;
        total += w;
      }
    }
    return total;
  }

  /** Fills `out[0..size)` with each member's delegate as a member number (−1 for none); returns whether anyone delegates. */
  delegates(out: Int32Array): boolean {
    this.seal();
    let any = false;
    for (let k = 0; k < this.pops.length; k++) {
      const d = (this.pops[k].cols as unknown as Cols).delegate as Int32Array | undefined;
      const off = this.offsets[k];
      for (let i = 0; i < this.sizes[k]; i++) {
        const to = d ? d[i] : -1;
        out[off + i] = to >= 0 && to < this.sizes[k] ? off + to : -1;
        if (to >= 0) any = true;
      }
    }
    return any;
  }
}

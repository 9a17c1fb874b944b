import type { Population } from '../../core/population';
import { votingPower } from './rules';
import type { VotingRule } from './params';

/** The columns a voting population has; spread them into the class's schema. */
export const electorateColumns = { role: 'u8', lockTicks: 'f64', delegate: 'i32' } as const;

/** A population whose agents vote. */
export type VotingPopulation = Population<typeof electorateColumns>;

/** Returns float64 column `name` of `pop`, or null when its class has none. */
function optionalF64(pop: Population, name: string): Float64Array | null {
  return pop.hasF64(name) ? pop.f64Columns[name] : null;
}

/** Returns `pop[i]`'s tokens held: liquid + staked + unbonding, in tokens. */
export function holdingsOf(pop: Population, i: number): number {
  const staked = optionalF64(pop, 'staked');
  const unbonding = optionalF64(pop, 'unbonding');
  return pop.cols.tokens[i] + (staked ? staked[i] : 0) + (unbonding ? unbonding[i] : 0);
}

/** A population that holds tokens but does not vote, and the one position all its agents share (for the capture measure). */
export interface HolderGroup {
  pop: Population;
  role: number;
}

/**
 * The members who may vote: one or more populations with the
 * `electorateColumns`: `role` (position index into `ROLES`), `lockTicks`
 * (vote-escrow lock, ticks) and `delegate` (index of the member's delegate
 * within the same population, −1 for none). Member m of population k is agent
 * m − offset[k]. Offsets are fixed by `seal()`, called once every population
 * is initialised; agents added later are not members.
 */
export class Electorate {
  readonly pops: VotingPopulation[] = [];
  /** Populations that hold tokens but do not vote; counted when measuring capture. */
  readonly bystanders: HolderGroup[] = [];
  private offsets = new Int32Array(0);
  private sizes = new Int32Array(0);
  /** Number of members, fixed by `seal()`. */
  size = 0;
  private sealed = false;

  /** Adds a voting population (before `seal`). */
  add(pop: VotingPopulation): void {
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
    const k = this.pops.findIndex((p) => p === pop);
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
    return this.pops[k].cols.role[m - this.offsets[k]];
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
      const staked = optionalF64(pop, 'staked');
      const lock = pop.cols.lockTicks;
      const off = this.offsets[k];
      for (let i = 0; i < this.sizes[k]; i++) {
        const w = pop.cols.active[i] ? votingPower(rule, holdingsOf(pop, i), staked ? staked[i] : 0, lock[i], maxLockTicks) : 0;
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
      const d = this.pops[k].cols.delegate;
      const off = this.offsets[k];
      for (let i = 0; i < this.sizes[k]; i++) {
        const to = d[i];
        out[off + i] = to >= 0 && to < this.sizes[k] ? off + to : -1;
        if (to >= 0) any = true;
      }
    }
    return any;
  }
}

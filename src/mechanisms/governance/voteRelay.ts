import type { Rng } from '../../core/rng';
import type { Proposal } from './proposal';
import type { Tally } from './rules';

/** One row of the `interchain_tallies` table: a proposal's tally at the hub against the full ballot's. */
export interface RelayTallyRow {
  tick: number;
  proposalId: number;
  /** The hub's result and the full ballot's: `passed`, `quorum_missed` or `threshold_missed`. */
  outcome: string;
  outcomeFull: string;
  /** Power cast / total power, at the hub and in the full ballot. */
  turnout: number;
  turnoutFull: number;
  votesRelayed: number;
  votesLost: number;
  votesLate: number;
}

/** One chain's voters and its relay to the hub (the hub's own delay and loss are 0). */
export interface RelayChain {
  readonly name: string;
  /** Share of members who vote on this chain (normalised over all chains). */
  readonly memberShare: number;
  /** Probability that a member on this chain who decides to vote goes through with it. */
  readonly participation: number;
  /** Ticks from a vote cast on this chain to its arrival at the hub. */
  readonly delayTicks: number;
  /** Probability that one relayed message never arrives. */
  readonly lossProbability: number;
}

/** What happened to one vote handed to the relay. */
export type RelayFate = 'direct' | 'abstained' | 'queued' | 'lost' | 'late';

/**
 * The votes of a hub-and-spoke governance on their way to the hub.
 *
 * Each member votes on one chain, drawn once (the block's `chains` stream)
 * by `memberShare`. A vote it casts at tick t on chain c:
 *
 * - is not cast at all with probability 1 − participation_c (`abstained`);
 * - on the hub (chain 0), reaches the tally at once (`direct`);
 * - on a spoke, is lost with probability q_c (`lost`), else arrives at
 *   t + d_c; it counts when t + d_c ≤ closesTick + graceTicks (`queued`,
 *   delivered at the start of the hub's tally phase of that tick) and is
 *   `late` otherwise, never reaching the tally.
 *
 * Every vote cast (whatever its fate but `abstained`) is kept in the
 * proposal's full ballot, the tally had every message arrived in time; a
 * proposal whose outcome under that ballot differs from the hub's is
 * `flipped`. Counts are of votes (messages), not of power.
 */
export class VoteRelay {
  /** Each member's chain (index into `chains`), drawn at first use. */
  chainOf = new Int32Array(0);
  /** Votes handed over on spokes (lost, late and delivered), lost, late, delivered, abstained; totals and this tick. */
  relayed = 0;
  lost = 0;
  late = 0;
  delivered = 0;
  abstained = 0;
  lostThisTick = 0;
  lateThisTick = 0;
  deliveredThisTick = 0;
  /** Proposals tallied, and those whose outcome the full ballot would have changed; passes and captures under the full ballot. */
  tallied = 0;
  flipped = 0;
  idealPassed = 0;
  idealCaptured = 0;
  /** Power of the votes in the hub's tally: from hub members, and in all (summed over tallied proposals). */
  hubPower = 0;
  tallyPower = 0;

  /** One row per proposal tallied. */
  readonly rows: RelayTallyRow[] = [];
  private readonly ballots = new Map<number, Int8Array>();
  /** Relayed, lost and late votes on each open proposal. */
  private readonly counts = new Map<number, Int32Array>();
  /** Members who abstained on each proposal (so that they do not retry). */
  private readonly skipped = new Map<number, Uint8Array>();
  private readonly qProposal: Proposal[] = [];
  private readonly qMember: number[] = [];
  private readonly qSupport: boolean[] = [];
  private readonly qArrive: number[] = [];

  constructor(
    readonly chains: readonly RelayChain[],
    /** Ticks after a proposal's voting window in which arriving votes still count. */
    readonly graceTicks: number,
    private readonly rng: Rng,
    private readonly assignRng: Rng,
    /** Returns the current tick. */
    readonly now: () => number,
  ) {}

  /** Draws each of `n` members' chain by `memberShare` (once; later calls with the same n do nothing). */
  assign(n: number): void {
    if (this.chainOf.length === n) return;
    const total = this.chains.reduce((s, c) => s + c.memberShare, 0);
    this.chainOf = new Int32Array(n);
    for (let m = 0; m < n; m++) {
      let u = this.assignRng.next() * total;
      let c = 0;
      while (c < this.chains.length - 1 && u >= this.chains[c].memberShare) u -= this.chains[c++].memberShare;
      this.chainOf[m] = c;
    }
  }

  /** Returns the full ballot of `p` (every vote cast, +1/−1/0 by member), opened on first use. */
  ballotOf(p: Proposal): Int8Array {
    let b = this.ballots.get(p.id);
    if (!b) this.ballots.set(p.id, (b = new Int8Array(p.choice.length)));
    return b;
  }

  /** Returns whether member m has handed a vote on `p` to the relay, or abstained from it. */
  hasSent(p: Proposal, m: number): boolean {
    const b = this.ballots.get(p.id);
    if (b !== undefined && m < b.length && b[m] !== 0) return true;
    const s = this.skipped.get(p.id);
    return s !== undefined && m < s.length && s[m] !== 0;
  }

  /** Takes member m's vote on `p` cast at `tick` and returns its fate; the caller counts a `direct` vote itself. */
  cast(p: Proposal, m: number, support: boolean, tick: number): RelayFate {
    this.assign(p.choice.length);
    const c = this.chains[this.chainOf[m]];
    const ballot = this.ballotOf(p);
    if (c.participation < 1 && !(this.rng.next() < c.participation)) {
      let s = this.skipped.get(p.id);
      if (!s) this.skipped.set(p.id, (s = new Uint8Array(p.choice.length)));
      s[m] = 1;
      this.abstained++;
      return 'abstained';
    }
    ballot[m] = support ? 1 : -1;
    if (this.chainOf[m] === 0) return 'direct';
    let n = this.counts.get(p.id);
    if (!n) this.counts.set(p.id, (n = new Int32Array(3)));
    this.relayed++;
    n[0]++;
    if (c.lossProbability > 0 && this.rng.next() < c.lossProbability) {
      this.lost++;
      this.lostThisTick++;
      n[1]++;
      return 'lost';
    }
    const arrive = tick + c.delayTicks;
    if (arrive > p.closesTick + this.graceTicks) {
      this.late++;
      this.lateThisTick++;
      n[2]++;
      return 'late';
    }
    this.qProposal.push(p);
    this.qMember.push(m);
    this.qSupport.push(support);
    this.qArrive.push(arrive);
    return 'queued';
  }

  /**
   * Counts every vote due by `tick` in its proposal's ballot (choice, power
   * for or against, voters), as a vote cast on the hub would have been, and
   * drops it from the queue; returns how many.
   */
  deliver(tick: number): number {
    let kept = 0;
    let n = 0;
    for (let k = 0; k < this.qArrive.length; k++) {
      if (this.qArrive[k] <= tick) {
        const p = this.qProposal[k];
        const m = this.qMember[k];
        if (p.outcome === 'active' && p.choice[m] === 0) {
          p.choice[m] = this.qSupport[k] ? 1 : -1;
          if (this.qSupport[k]) p.votesFor += p.power[m];
          else p.votesAgainst += p.power[m];
          p.voters++;
        }
        n++;
        continue;
      }
      this.qProposal[kept] = this.qProposal[k];
      this.qMember[kept] = this.qMember[k];
      this.qSupport[kept] = this.qSupport[k];
      this.qArrive[kept++] = this.qArrive[k];
    }
    this.qProposal.length = this.qMember.length = this.qSupport.length = this.qArrive.length = kept;
    this.delivered += n;
    this.deliveredThisTick += n;
    return n;
  }

  /** Returns the votes on their way to the hub that will count. */
  get inFlight(): number {
    return this.qArrive.length;
  }

  /**
   * Records the tally of `p` at `tick`, before its power snapshot is freed:
   * the hub's tally `t` and result, the full ballot's (a flip when one
   * passes and the other does not), a row of the tallies table, and the
   * power of the direct votes in the hub's tally, from hub members and in
   * all. Returns whether the full ballot passes.
   */
  settle(p: Proposal, tick: number, t: Tally, result: string, full: Tally, fullResult: string): boolean {
    const passed = result === 'passed';
    const idealPassed = fullResult === 'passed';
    this.tallied++;
    if (passed !== idealPassed) this.flipped++;
    if (idealPassed) this.idealPassed++;
    const n = this.counts.get(p.id);
    const turnout = (x: Tally) => (p.totalPower > 0 ? (x.votesFor + x.votesAgainst) / p.totalPower : 0);
    this.rows.push({
      tick,
      proposalId: p.id,
      outcome: result,
      outcomeFull: fullResult,
      turnout: turnout(t),
      turnoutFull: turnout(full),
      votesRelayed: n ? n[0] : 0,
      votesLost: n ? n[1] : 0,
      votesLate: n ? n[2] : 0,
    });
    this.counts.delete(p.id);
    for (let m = 0; m < p.choice.length; m++) {
      if (p.choice[m] === 0) continue;
      this.tallyPower += p.power[m];
      if (this.chainOf.length > m && this.chainOf[m] === 0) this.hubPower += p.power[m];
    }
    this.ballots.delete(p.id);
    this.skipped.delete(p.id);
    return idealPassed;
  }

  /** Counts `p`, once closed, as a capture under the full ballot when that ballot passes it and a token-weighted majority of holders opposed it. */
  settleCapture(p: Proposal, idealPassed: boolean): void {
    if (idealPassed && p.opposedShare > 0.5) this.idealCaptured++;
  }

  /** Resets the per-tick counters. */
  beginTick(): void {
    this.lostThisTick = this.lateThisTick = this.deliveredThisTick = 0;
  }
}

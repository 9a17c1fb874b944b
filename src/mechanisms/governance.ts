import { z } from 'zod';
import { getPath } from '../core/paths';
import type { Rng } from '../core/rng';
import type { World } from '../core/world';
import type { RunTable } from '../experiment/model';

/** Voter positions; preferences are declared per position. */
export const ROLES = ['holder', 'staker', 'nodeOperator'] as const;
export type Role = (typeof ROLES)[number];

/** A governable parameter and how each position feels about raising it (+1 for, −1 against, 0 indifferent). */
export const governanceTargetSchema = z
  .object({
    path: z.string(),
    holder: z.number().min(-1).max(1),
    staker: z.number().min(-1).max(1),
    nodeOperator: z.number().min(-1).max(1),
  })
  .strict();
export type GovernanceTarget = z.infer<typeof governanceTargetSchema>;

/** Parameters of token-weighted governance. */
export const governanceParamsSchema = z
  .object({
    enabled: z.boolean(),
    /** A proposal opens every this many ticks (when none is open). */
    proposalEveryTicks: z.number().int().min(1),
    /** Ticks a proposal stays open for votes. */
    votingTicks: z.number().int().min(1),
    /** Minimum turnout, as a share of total supply voting. */
    quorum: z.number().min(0).max(1),
    /** Share of votes cast that must be in favour (strictly more than this). */
    threshold: z.number().min(0).max(1),
    /** Relative size of a proposed change: new = old · (1 ± stepShare). */
    stepShare: z.number().gt(0).max(1),
    /** The parameters proposals may change. */
    targets: z.array(governanceTargetSchema),
  })
  .strict();
export type GovernanceParams = z.infer<typeof governanceParamsSchema>;

/** An open or closed proposal to set `path` from `before` to `after`. */
export interface Proposal {
  id: number;
  path: string;
  before: number;
  after: number;
  /** +1 raises the parameter, −1 lowers it. */
  direction: number;
  target: GovernanceTarget;
  openedTick: number;
  closesTick: number;
  votesFor: number;
  votesAgainst: number;
  voters: number;
  outcome: 'open' | 'passed' | 'rejected' | 'invalid';
}

/** One governance event, as recorded for the events table. */
export interface GovernanceEvent {
  tick: number;
  kind: 'created' | 'passed' | 'rejected' | 'executed';
  proposalId: number;
  path: string;
  oldValue: number;
  newValue: number;
  votesFor: number;
  votesAgainst: number;
  outcome: string;
}

/**
 * Token-weighted governance of protocol parameters.
 *
 * Every `proposalEveryTicks` ticks (phase `pre`, if none is open) a proposal
 * picks a target at random and proposes new = old · (1 ± stepShare), the sign
 * drawn with probability ½; proposals the parameter schema would reject are
 * not opened. Agents call `vote` while it is open, with weight = tokens they
 * hold (liquid + staked). At the end of the last voting tick (phase `post`) it
 * passes when turnout = (for + against) / supply ≥ quorum and
 * for / (for + against) > threshold. A passed proposal executes at the start
 * of the next tick through `world.changeParam` (immer), so the new value
 * applies from that tick on and is logged with tick, path, old and new value.
 */
export class Governance {
  readonly name = 'governance';
  open: Proposal | null = null;
  readonly proposals: Proposal[] = [];
  readonly events: GovernanceEvent[] = [];
  private pending: Proposal | null = null;
  private lastOpened = 0;

  constructor(
    private readonly params: () => GovernanceParams,
    private readonly rng: Rng,
  ) {}

  /** Casts `weight` votes for or against the open proposal (ignored when none is open). */
  vote(support: boolean, weight: number): void {
    const p = this.open;
    if (!p || !(weight > 0)) return;
    if (support) p.votesFor += weight;
    else p.votesAgainst += weight;
    p.voters++;
  }

  pre(world: World): void {
    const g = this.params();
    if (this.pending) {
      const p = this.pending;
      this.pending = null;
      world.changeParam(p.path, p.after, `proposal ${p.id}`);
      this.log(world.tick, 'executed', p);
    }
    if (!g.enabled || this.open || g.targets.length === 0) return;
    if (world.tick - this.lastOpened < g.proposalEveryTicks) return;
    this.lastOpened = world.tick;
    const target = g.targets[this.rng.int(g.targets.length)];
    const before = getPath(world.params, target.path);
    if (typeof before !== 'number') return;
    const direction = this.rng.chance(0.5) ? 1 : -1;
    const after = before === 0 ? (direction > 0 ? g.stepShare : 0) : before * (1 + direction * g.stepShare);
    if (after === before || !world.paramStore.wouldAccept(target.path, after)) return;
    const p: Proposal = {
      id: this.proposals.length + 1,
      path: target.path,
      before,
      after,
      direction,
      target,
      openedTick: world.tick,
      closesTick: world.tick + g.votingTicks - 1,
      votesFor: 0,
      votesAgainst: 0,
      voters: 0,
      outcome: 'open',
    };
    this.proposals.push(p);
    this.open = p;
    this.log(world.tick, 'created', p);
  }

  post(world: World): void {
    const p = this.open;
    if (!p || world.tick < p.closesTick) return;
    const g = this.params();
    const cast = p.votesFor + p.votesAgainst;
    const supply = world.ledger.supply;
    const quorate = supply > 0 && cast / supply >= g.quorum;
    const approved = cast > 0 && p.votesFor / cast > g.threshold;
    p.outcome = quorate && approved ? 'passed' : 'rejected';
    this.open = null;
    this.log(world.tick, p.outcome, p);
    if (p.outcome === 'passed') this.pending = p;
  }

  /** Returns how a voter in `role` feels about the open proposal: +1 for, −1 against, 0 indifferent. */
  preference(role: number): number {
    const p = this.open;
    if (!p) return 0;
    return p.direction * p.target[ROLES[role] ?? 'holder'];
  }

  private log(tick: number, kind: GovernanceEvent['kind'], p: Proposal): void {
    this.events.push({
      tick,
      kind,
      proposalId: p.id,
      path: p.path,
      oldValue: p.before,
      newValue: p.after,
      votesFor: p.votesFor,
      votesAgainst: p.votesAgainst,
      outcome: p.outcome,
    });
  }
}

/** Returns the governance events table (`events.arrow`): one row per created, passed, rejected or executed proposal. */
export function governanceEventsTable(governance: Governance): RunTable {
  return {
    name: 'events',
    columns: [
      { name: 'tick', kind: 'int32' },
      { name: 'kind', kind: 'utf8' },
      { name: 'proposal_id', kind: 'int32' },
      { name: 'path', kind: 'utf8', nullable: true },
      { name: 'old_value', kind: 'float64', nullable: true },
      { name: 'new_value', kind: 'float64', nullable: true },
      { name: 'votes_for', kind: 'float64' },
      { name: 'votes_against', kind: 'float64' },
      { name: 'outcome', kind: 'utf8' },
    ],
    collect() {
      const ev = governance.events;
      return {
        length: ev.length,
        data: {
          tick: Int32Array.from(ev, (e) => e.tick),
          kind: ev.map((e) => e.kind),
          proposal_id: Int32Array.from(ev, (e) => e.proposalId),
          path: ev.map((e) => e.path),
          old_value: ev.map((e) => e.oldValue),
          new_value: ev.map((e) => e.newValue),
          votes_for: Float64Array.from(ev, (e) => e.votesFor),
          votes_against: Float64Array.from(ev, (e) => e.votesAgainst),
          outcome: ev.map((e) => e.outcome),
        },
      };
    },
  };
}

import type { TableRows } from '../../core/block';
import type { ColumnSpec } from '../../io/columnData';
import type { Governance } from './governance';

/**
 * The columns of the governance events table (`events.arrow`): one row per event —
 * `created`, `invalid`, `passed`, `rejected`, `expired`, `executed`,
 * `failed`, `deposit_returned`, `deposit_slashed` — with the proposal's id
 * and kind (`param`, `grant`, `buyback`, `signal`), the parameter path and
 * old/new values (parameter proposals), the amount (grants: tokens;
 * buybacks: USD), power for and against (delegated power included once
 * closed), turnout and the share of holders' tokens opposed (once closed),
 * and the outcome (`open`, `passed`, `quorum_missed`, `threshold_missed`,
 * `expired`, `executed`, `failed: …`, `invalid: …`).
 */
export const governanceEventColumns: ColumnSpec[] = [
  { name: 'tick', kind: 'int32' },
  { name: 'kind', kind: 'utf8' },
  { name: 'proposal_id', kind: 'int32' },
  { name: 'path', kind: 'utf8', nullable: true },
  { name: 'old_value', kind: 'float64', nullable: true },
  { name: 'new_value', kind: 'float64', nullable: true },
  { name: 'votes_for', kind: 'float64' },
  { name: 'votes_against', kind: 'float64' },
  { name: 'outcome', kind: 'utf8' },
  { name: 'proposal_kind', kind: 'utf8' },
  { name: 'amount', kind: 'float64', nullable: true },
  { name: 'turnout', kind: 'float64', nullable: true },
  { name: 'opposed_share', kind: 'float64', nullable: true },
];

/** Returns the governance events of a run as `events.arrow` rows, column-wise (see `governanceEventColumns`). */
export function governanceEventRows(governance: Governance): TableRows {
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
      proposal_kind: ev.map((e) => e.proposalKind),
      amount: ev.map((e) => e.amount),
      turnout: ev.map((e) => e.turnout),
      opposed_share: ev.map((e) => e.opposedShare),
    },
  };
}

import type { Population } from '../../core/population';
import type { GovernanceTarget, ProposalKind } from './params';

/** Where a proposal is in its lifecycle. `active`: open for votes; `passed`: waiting out the timelock; then `executed` or `failed`. */
export type ProposalOutcome = 'active' | 'passed' | 'rejected' | 'executed' | 'failed' | 'expired' | 'invalid';

/** What a proposer asks for. Amounts: grants in tokens, buybacks in USD. */
export type ProposalSpec =
  | { kind: 'param'; path: string; value: number }
  | { kind: 'grant'; recipient: number; amountTokens: number; quality: number }
  | { kind: 'buyback'; amountUsd: number }
  | { kind: 'signal'; preferences?: readonly number[] };

/** A standing offer to pay voters who vote `side` (+1 for, −1 against) on a proposal, in USD per unit of voting power. */
export interface Bribe {
  side: number;
  usdPerPower: number;
  /** The most the payer will spend on this proposal, in USD. */
  budgetUsd: number;
  spentUsd: number;
  payer: Population;
  payerIndex: number;
}

/** A governance proposal and its tally. Voting power is in the rule's unit (tokens for token, stake, vote-escrow and conviction; √tokens for quadratic). */
export interface Proposal {
  id: number;
  kind: ProposalKind;
  /** Member number of the proposer, −1 for a scheduled proposal. */
  proposer: number;
  /** Parameter proposals: the path, its value when proposed, the proposed value, and +1/−1 for a raise/cut. */
  path: string | null;
  before: number;
  after: number;
  direction: number;
  target: GovernanceTarget | null;
  /** Grants: recipient member; tokens requested; quality in [0, 1] (good when ≥ ½). Buybacks: USD to spend in `amount`. */
  recipient: number;
  amount: number;
  quality: number;
  /** Preference of each position (index into ROLES) for this proposal, in [−1, 1]. */
  prefs: Float64Array;
  /** Tokens the proposer locked. */
  deposit: number;
  openedTick: number;
  /** Last tick of voting (conviction: the tick it expires if not passed). */
  closesTick: number;
  passedTick: number;
  executeTick: number;
  /** Power for and against (direct votes while open; delegated power added when it closes). */
  votesFor: number;
  votesAgainst: number;
  delegated: number;
  voters: number;
  /** The electorate's total power, and its tokens held, at the snapshot. */
  totalPower: number;
  totalHoldings: number;
  /** Power cast (conviction: power supporting) / total power, set when it closes. */
  turnout: number;
  /** Conviction voting: conviction y (token-ticks) and tokens supporting now x. */
  conviction: number;
  support: number;
  /** Each member's power at the snapshot (creation), and power delegated to it; freed when the proposal closes. */
  power: Float64Array;
  reach: Float64Array | null;
  /** Each member's vote: +1, −1 or 0. */
  choice: Int8Array;
  bribe: Bribe | null;
  outcome: ProposalOutcome;
  /** Why it ended as it did (quorum_missed, threshold_missed, out of range, ...). */
  reason: string;
  /** Share of holders' tokens (all holders with a view, voting or not) opposed to it, measured when it closed. */
  opposedShare: number;
  /** Passed although a token-weighted majority of holders opposed it. */
  captured: boolean;
}

/** The kinds of governance event in `events.arrow`. */
export type GovernanceEventKind = 'created' | 'invalid' | 'passed' | 'rejected' | 'expired' | 'executed' | 'failed' | 'deposit_returned' | 'deposit_slashed';

/** One governance event, as recorded for the events table. */
export interface GovernanceEvent {
  tick: number;
  kind: GovernanceEventKind;
  proposalId: number;
  proposalKind: ProposalKind;
  path: string | null;
  oldValue: number | null;
  newValue: number | null;
  amount: number | null;
  votesFor: number;
  votesAgainst: number;
  turnout: number | null;
  opposedShare: number | null;
  outcome: string;
}

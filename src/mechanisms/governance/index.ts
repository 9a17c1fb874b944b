// Governance: proposals, voting rules, delegation, timelock, execution and capture metrics.
export { Governance } from './governance';
export { Electorate, holdingsOf, type HolderGroup } from './electorate';
export {
  ROLES,
  VOTING_RULES,
  PROPOSAL_KINDS,
  governanceParamsSchema,
  governanceTargetSchema,
  rolePreferencesSchema,
  type Role,
  type VotingRule,
  type ProposalKind,
  type GovernanceParams,
  type GovernanceTarget,
  type RolePreferences,
} from './params';
export type { Proposal, ProposalSpec, ProposalOutcome, Bribe, GovernanceEvent, GovernanceEventKind } from './proposal';
export { votingPower, tallyBallot, voteOutcome, convictionStep, convictionThreshold, type Tally } from './rules';
export { executeProposal } from './execute';
export { GovernanceStats, powerConcentration } from './stats';
export { governanceMetrics, governanceSummary, votingPowerConcentration } from './metrics';
export { governanceEventsTable } from './events';

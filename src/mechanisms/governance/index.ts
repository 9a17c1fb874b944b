// Governance: proposals, voting rules, delegation, timelock, execution and capture metrics.
export { Governance } from './governance';
export { Electorate, electorateColumns, holdingsOf, type HolderGroup, type VotingPopulation } from './electorate';
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
export { votingPowerConcentration } from './concentration';
export { governanceEventColumns, governanceEventRows } from './events';
export { governance, governanceDefaults, BYSTANDER_ROLES } from './governanceBlock';

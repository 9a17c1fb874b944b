import { z } from '../../core/zod';

/** Voter positions, by the small integer stored in a population's `role` column. */
export const ROLES = ['holder', 'staker', 'nodeOperator', 'grantee'] as const;
/** A voter position: `holder`, `staker`, `nodeOperator` or `grantee`. */
export type Role = (typeof ROLES)[number];

/** How each position feels about a proposal kind or a raise of a parameter: +1 for, −1 against, 0 indifferent (any value in [−1, 1]; its sign decides). */
const rolePreferencesShape = {
  holder: z.number().min(-1).max(1),
  staker: z.number().min(-1).max(1),
  nodeOperator: z.number().min(-1).max(1),
  /** Optional so that older experiment files stay valid; absent means 0. */
  grantee: z.number().min(-1).max(1).optional(),
};
/** Validates a preference per position, each in [−1, 1]. */
export const rolePreferencesSchema = z.object(rolePreferencesShape).strict();
/** A preference per position, each in [−1, 1] (grantee optional, 0 when absent). */
export type RolePreferences = z.infer<typeof rolePreferencesSchema>;

/** A governable parameter and how each position feels about raising it. */
export const governanceTargetSchema = z.object({ path: z.string(), ...rolePreferencesShape }).strict();
/** A governable parameter path and each position's feeling about raising it. */
export type GovernanceTarget = z.infer<typeof governanceTargetSchema>;

/** The voting rules a DAO can use; chosen per experiment (`governance.rule`). */
export const VOTING_RULES = ['token', 'stake', 'quadratic', 'voteEscrow', 'conviction'] as const;
/** One of `VOTING_RULES`. */
export type VotingRule = (typeof VOTING_RULES)[number];

/** The proposal kinds. `param`: set a protocol parameter; `grant`/`buyback`: spend from the treasury; `signal`: no effect. */
export const PROPOSAL_KINDS = ['param', 'grant', 'buyback', 'signal'] as const;
/** One of `PROPOSAL_KINDS`. */
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

/** Parameters of governance: the rule, the lifecycle, scheduled proposals and what positions prefer. */
export const governanceParamsSchema = z
  .object({
    enabled: z.boolean(),
    /** How voting power is counted (see `votingPower` and `convictionThreshold`). */
    rule: z.enum(VOTING_RULES),
    /** A scheduled proposal opens every this many ticks (none when every `scheduledKinds` weight is 0). */
    proposalEveryTicks: z.number().int().min(1),
    /** Ticks a proposal stays open for votes (all rules but conviction). */
    votingTicks: z.number().int().min(1),
    /** Minimum turnout: share of the electorate's voting power (at the snapshot) cast, delegated power included. */
    quorum: z.number().min(0).max(1),
    /** Share of power cast that must be in favour (strictly more than this). */
    threshold: z.number().min(0).max(1),
    /** Ticks between passing and execution (0: executes at the start of the next tick). */
    timelockTicks: z.number().int().min(0),
    /** Relative size of a scheduled parameter change: new = old · (1 ± stepShare). */
    stepShare: z.number().gt(0).max(1),
    /** The parameters proposals may change, and how positions feel about raising each. */
    targets: z.array(governanceTargetSchema),
    /** Relative frequency of each kind among scheduled proposals. */
    scheduledKinds: z
      .object({ param: z.number().min(0), grant: z.number().min(0), buyback: z.number().min(0), signal: z.number().min(0) })
      .strict(),
    /** A scheduled or agent grant asks for this share of the treasury's tokens. */
    grantShare: z.number().gt(0).max(1),
    /** A scheduled buyback spends this share of the treasury's USD on tokens. */
    buybackShare: z.number().gt(0).max(1),
    /** Burn the tokens a buyback buys (else they stay in the treasury). */
    buybackBurn: z.boolean(),
    /**
     * How positions feel about a good grant (quality ≥ ½; the sign flips for
     * a bad one, except for grantees, whose value applies whatever the
     * quality; a grant's recipient always favours it) and about a buyback.
     */
    spendPreferences: z.object({ grant: rolePreferencesSchema, buyback: rolePreferencesSchema }).strict(),
    /** Voting power an agent needs to propose, as a share of the electorate's power now. */
    proposalThreshold: z.number().min(0).max(1),
    /** Tokens a proposing agent locks; returned when its proposal reaches quorum (or passes, under conviction), else paid to the treasury. */
    depositTokens: z.number().min(0),
    /** Vote-escrow: the lock length, in ticks, that gives full weight. */
    maxLockTicks: z.number().int().min(1),
    /** Conviction voting: decay per tick α, spending limit β (share of funds), weight ρ, and ticks before an unpassed proposal expires. */
    conviction: z
      .object({
        alpha: z.number().gt(0).lt(1),
        beta: z.number().gt(0).max(1),
        rho: z.number().gt(0),
        maxTicks: z.number().int().min(1),
      })
      .strict(),
  })
  .strict();
/** Governance parameters as validated by `governanceParamsSchema`. */
export type GovernanceParams = z.infer<typeof governanceParamsSchema>;

import { z } from '../core/zod';

/** A proposal to whitelist a reward vault (or remove one from the whitelist), submitted by the vault's protocol. */
export const vaultProposalSchema = z
  .object({
    /** The vault, by its name in `proofOfLiquidity.vaults`. */
    vault: z.string().min(1),
    /** `whitelist`: add the vault to the whitelist; `remove`: take it off. */
    action: z.enum(['whitelist', 'remove']),
    /** Tick at which the proposal is submitted, ≥ 1. */
    submitTick: z.number().int().min(1),
    /** BGT voting power the proposer holds or has delegated to it (outside the vaults' depositors), checked against `proposalThresholdBgt`. */
    proposerBgt: z.number().min(0),
    /** What the protocol pays per BGT voting for, in USD/BGT, to each holder group that votes for (paid at the vote's end). */
    bribeUsdPerBgtVote: z.number().min(0),
    /** Incentive per BGT the protocol pre-commits to pay once whitelisted, in USD/BGT (becomes the vault's `bribeUsdPerBgt` on execution). */
    incentiveUsdPerBgt: z.number().min(0),
  })
  .strict();
export type VaultProposal = z.infer<typeof vaultProposalSchema>;

/** Parameters of BGT governance over the reward-vault whitelist. */
export const bgtGovernanceParamsSchema = z
  .object({
    /** BGT a proposer needs to submit (Governor `proposalThreshold`). */
    proposalThresholdBgt: z.number().min(0),
    /** Share of BGT outstanding at the snapshot that must vote for (GovernorVotesQuorumFraction with GovernorCountingSimple's `_quorumReached`: for + abstain; abstaining holders cast nothing here), in [0, 1]. */
    quorum: z.number().min(0).max(1),
    /** Share of the votes cast (for + against) that the votes for must reach (BerachainGovernance `_voteSucceeded`: 51%), in [0, 1]. */
    majority: z.number().min(0).max(1),
    /** Ticks from submission to the snapshot and start of the vote (Governor `votingDelay`). */
    votingDelayTicks: z.number().int().min(0),
    /** Ticks the vote stays open (Governor `votingPeriod`), ≥ 1. */
    votingPeriodTicks: z.number().int().min(1),
    /** Ticks from a passed vote's end to execution (TimelockController `minDelay`). */
    timelockTicks: z.number().int().min(0),
    /** Ticks over which a holder values a change of its BGT and incentive income when it decides its vote, ≥ 1. */
    horizonTicks: z.number().int().min(1),
    proposals: z.array(vaultProposalSchema),
  })
  .strict();
export type BgtGovernanceParams = z.infer<typeof bgtGovernanceParamsSchema>;

/** Berachain's governance values (berachain/docs learn/governance/index.md, "Governance Values"; the 51% of BerachainGovernance `_voteSucceeded`), 3-hour stages rounded up to one tick; no proposals. */
export const bgtGovernanceDefaults: BgtGovernanceParams = {
  proposalThresholdBgt: 1500,
  quorum: 0.2,
  majority: 0.51,
  votingDelayTicks: 1,
  votingPeriodTicks: 1,
  timelockTicks: 1,
  horizonTicks: 365,
  proposals: [],
};

/** Returns the problems of a BGT-governance parameter set (paths under the block's key): each proposal's vault must exist in `proofOfLiquidity.vaults`, and a removal must not leave a fixed-rule validator weighting it. */
export function bgtGovernanceProblems(p: BgtGovernanceParams, all: Readonly<Record<string, unknown>>): { path: string; message: string }[] {
  const pol = all.proofOfLiquidity as { vaults: { name: string }[]; validators: { rule: string; weights: number[] }[] } | undefined;
  if (!pol) return [];
  const names = pol.vaults.map((v) => v.name);
  const problems: { path: string; message: string }[] = [];
  p.proposals.forEach((q, i) => {
    const k = names.indexOf(q.vault);
    if (k < 0) {
      problems.push({ path: `proposals.${i}.vault`, message: `no reward vault named ${q.vault}; expected one of ${names.join(', ')}` });
      return;
    }
    if (q.action === 'remove') {
      const v = pol.validators.findIndex((x) => x.rule === 'fixed' && (x.weights[k] ?? 0) > 0);
      if (v >= 0) problems.push({ path: `proposals.${i}.vault`, message: `removing ${q.vault}, which validator ${v} weights under rule fixed; expected a vault no fixed allocation uses` });
    }
  });
  return problems;
}

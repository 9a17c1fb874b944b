import { defineBlock } from '../core/block';
import type { Ledger } from '../core/ledger';
import type { Route } from '../core/route';
import type { AnyWorld } from '../core/world';
import { marketPort } from '../market/amm';
import type { ConstantProductPool } from '../market/constantProductPool';
import { tallyBallot, type Tally } from './governance/rules';
import { bgtGovernanceDefaults, bgtGovernanceParamsSchema, bgtGovernanceProblems, type BgtGovernanceParams, type VaultProposal } from './bgtGovernanceParams';
import { bribeMaxWeights, proofOfLiquidity, uniformWeights, type ProofOfLiquidity } from './proofOfLiquidity';
import type { ProofOfLiquidityParams, RewardVault } from './proofOfLiquidityParams';

/**
 * Writes into `out` the BGT per tick each vault would receive under the
 * vault list `vaults` (whitelist and incentive rates) at the validators'
 * current stake shares and rules: B_k = Σ_v E_v · w_vk (the allocation of
 * `ProofOfLiquidity.pre`, weights from `bribeMaxWeights`, `uniformWeights`
 * or the fixed weights). Returns Σ_k B_k · bribe_k, the incentives per tick in USD.
 */
export function projectedBgtPerVault(pol: ProofOfLiquidity, p: ProofOfLiquidityParams, vaults: readonly RewardVault[], out: Float64Array): number {
  const n = vaults.length;
  const w = new Float64Array(n);
  out.fill(0);
  p.validators.forEach((val, v) => {
    const e = pol.emissionAt(p, pol.stakeShare(v));
    if (!(e > 0)) return;
    if (val.rule === 'bribe-max') bribeMaxWeights(vaults, p.maxWeightPerVault, w);
    else if (val.rule === 'uniform') uniformWeights(vaults, w);
    else for (let k = 0; k < n; k++) w[k] = vaults[k].whitelisted ? (val.weights[k] ?? 0) : 0;
    for (let k = 0; k < n; k++) out[k] += e * w[k];
  });
  let usd = 0;
  for (let k = 0; k < n; k++) usd += out[k] * vaults[k].bribeUsdPerBgt;
  return usd;
}

/**
 * Returns the net gain, in USD, that holder group k (the depositors of vault
 * k, holding P_k BGT) expects from a proposal passing:
 *
 *   net_k = b · P_k + H · (δ · ΔI · P_k / ΣP + price · ΔB_k)
 *
 * b the bribe per BGT voting for (USD/BGT), H the horizon (ticks), δ the
 * boosters' share of incentives (the group boosts with its BGT, so it gets
 * P_k / ΣP of the boosters' share), ΔI the change of incentives paid per
 * tick (USD), ΔB_k the change of BGT per tick to vault k (< 0: dilution),
 * price the BERA price (BGT redeems 1:1). The group votes for when
 * net_k > 0, against when net_k < 0, abstains at 0; so it flips to for at
 * b* = −H · (δ · ΔI / ΣP + price · ΔB_k / P_k).
 */
export function voteNetUsd(bribeUsdPerBgt: number, powerBgt: number, totalPowerBgt: number, horizonTicks: number, delegatorShare: number, deltaIncentiveUsd: number, price: number, deltaBgt: number): number {
  const boost = totalPowerBgt > 0 ? (delegatorShare * deltaIncentiveUsd * powerBgt) / totalPowerBgt : 0;
  return bribeUsdPerBgt * powerBgt + horizonTicks * (boost + price * deltaBgt);
}

/**
 * Returns the outcome of a whitelist vote as BerachainGovernance counts it:
 * quorum reached when for ≥ quorum · ΣP (GovernorCountingSimple
 * `_quorumReached` counts for and abstain; abstaining holders cast nothing
 * here), succeeded when for ≥ majority · (for + against) (`_voteSucceeded`,
 * majority 51%); both needed (Governor `state`: Defeated otherwise).
 */
export function whitelistVoteOutcome(votesFor: number, votesAgainst: number, totalPowerBgt: number, quorum: number, majority: number): 'passed' | 'quorum_missed' | 'majority_missed' {
  if (!(votesFor >= quorum * totalPowerBgt)) return 'quorum_missed';
  return votesFor >= majority * (votesFor + votesAgainst) ? 'passed' : 'majority_missed';
}

/** How a proposal stands: before submission, below the proposal threshold, waiting for its vote, voting, failed (quorum or majority), queued in the timelock, executed, or not executable at execution. */
export type VaultProposalStatus = 'scheduled' | 'below_threshold' | 'pending' | 'active' | 'quorum_missed' | 'majority_missed' | 'queued' | 'executed' | 'not_executable';

/**
 * BGT governance over the reward-vault whitelist (phase `post`), per
 * proposal, with S = submitTick + votingDelayTicks and E = S + votingPeriodTicks:
 *
 * 1. at submitTick: submitted when proposerBgt ≥ proposalThresholdBgt;
 * 2. at S: snapshot of each vault's depositors' BGT P_k (the holder groups'
 *    voting power) and their votes by `voteNetUsd`, with ΔB and ΔI from
 *    `projectedBgtPerVault` with and without the change (a whitelisted
 *    vault at the proposal's pre-committed incentive);
 * 3. at E: tally (`tallyBallot`), passed when for ≥ quorum · ΣP and
 *    for ≥ majority · (for + against) (`whitelistVoteOutcome`); the protocol pays
 *    b · P_k USD to each group that voted for (outside → depositors, `BGT
 *    vote bribe`);
 * 4. at E + timelockTicks: executed (`world.changeParam` on the vault's
 *    `whitelisted` and `bribeUsdPerBgt`, logged), so validators may direct
 *    BGT to it from the tick after. A removal that would leave bribe-max or
 *    uniform validators too few vaults for a full allocation is not executed.
 */
export class BgtGovernance {
  readonly status: VaultProposalStatus[];
  readonly votesFor: Float64Array;
  readonly votesAgainst: Float64Array;
  readonly totalPower: Float64Array;
  readonly bribesPaidUsd: Float64Array;
  readonly executedTick: Int32Array;
  /** Vote bribes paid this tick and over the run, in USD. */
  bribesTickUsd = 0;
  totalBribesUsd = 0;
  private readonly choices: Int8Array[];
  private readonly powers: Float64Array[];
  private readonly tally: Tally = { votesFor: 0, votesAgainst: 0, delegated: 0, voters: 0 };
  private readonly bribeRoute: Route;
  /** Vaults whitelisted by an executed proposal (and not removed since). */
  private readonly listed = new Set<number>();

  constructor(
    readonly params: () => BgtGovernanceParams,
    ledger: Ledger,
    private readonly pol: ProofOfLiquidity,
    private readonly market: ConstantProductPool,
  ) {
    const m = params().proposals.length;
    const n = pol.params().vaults.length;
    this.status = new Array<VaultProposalStatus>(m).fill('scheduled');
    this.votesFor = new Float64Array(m);
    this.votesAgainst = new Float64Array(m);
    this.totalPower = new Float64Array(m);
    this.bribesPaidUsd = new Float64Array(m);
    this.executedTick = new Int32Array(m).fill(-1);
    this.choices = Array.from({ length: m }, () => new Int8Array(n));
    this.powers = Array.from({ length: m }, () => new Float64Array(n));
    this.bribeRoute = ledger.route('outside', pol.accounts.depositors, 'BGT vote bribe', 'usd');
  }

  /** Returns the vault list with proposal q applied. */
  private applied(vaults: readonly RewardVault[], q: VaultProposal): RewardVault[] {
    return vaults.map((v) => (v.name !== q.vault ? v : q.action === 'whitelist' ? { ...v, whitelisted: true, bribeUsdPerBgt: q.incentiveUsdPerBgt } : { ...v, whitelisted: false }));
  }

  /** Phase `post`: submissions, snapshots and votes, tallies and bribes, executions due this tick. */
  post(world: AnyWorld): void {
    const g = this.params();
    this.bribesTickUsd = 0;
    const t = world.tick;
    g.proposals.forEach((q, i) => {
      const start = q.submitTick + g.votingDelayTicks;
      const end = start + g.votingPeriodTicks;
      if (t === q.submitTick) this.status[i] = q.proposerBgt >= g.proposalThresholdBgt ? 'pending' : 'below_threshold';
      if (t === start && this.status[i] === 'pending') this.snapshot(g, q, i);
      if (t === end && this.status[i] === 'active') this.close(g, q, i);
      if (t === end + g.timelockTicks && this.status[i] === 'queued') this.execute(world, q, i);
    });
    this.totalBribesUsd += this.bribesTickUsd;
  }

  /** Takes proposal i's snapshot of voting power and decides each group's vote. */
  private snapshot(g: BgtGovernanceParams, q: VaultProposal, i: number): void {
    const p = this.pol.params();
    const n = p.vaults.length;
    const before = new Float64Array(n);
    const after = new Float64Array(n);
    const dI = projectedBgtPerVault(this.pol, p, this.applied(p.vaults, q), after) - projectedBgtPerVault(this.pol, p, p.vaults, before);
    const power = this.powers[i];
    const bgt = this.pol.vaults.cols.bgt;
    let total = 0;
    for (let k = 0; k < n; k++) total += power[k] = bgt[k] > 0 ? bgt[k] : 0;
    const price = this.market.price;
    for (let k = 0; k < n; k++) {
      const net = power[k] > 0 ? voteNetUsd(q.bribeUsdPerBgtVote, power[k], total, g.horizonTicks, p.delegatorShare, dI, price, after[k] - before[k]) : 0;
      this.choices[i][k] = net > 0 ? 1 : net < 0 ? -1 : 0;
    }
    this.totalPower[i] = total;
    this.status[i] = 'active';
  }

  /** Tallies proposal i, pays its vote bribes and queues it when it passed. */
  private close(g: BgtGovernanceParams, q: VaultProposal, i: number): void {
    const power = this.powers[i];
    const choice = this.choices[i];
    tallyBallot(power, choice, null, power.length, this.tally);
    this.votesFor[i] = this.tally.votesFor;
    this.votesAgainst[i] = this.tally.votesAgainst;
    for (let k = 0; k < power.length; k++) {
      const usd = choice[k] > 0 ? q.bribeUsdPerBgtVote * power[k] : 0;
      if (usd > 0) {
        this.bribeRoute.move(usd);
        this.bribesPaidUsd[i] += usd;
        this.bribesTickUsd += usd;
      }
    }
    const outcome = whitelistVoteOutcome(this.tally.votesFor, this.tally.votesAgainst, this.totalPower[i], g.quorum, g.majority);
    this.status[i] = outcome === 'passed' ? 'queued' : outcome;
  }

  /** Executes proposal i: changes the vault's whitelisting (and incentive), unless a removal would leave too few vaults. */
  private execute(world: AnyWorld, q: VaultProposal, i: number): void {
    const p = this.pol.params();
    const k = p.vaults.findIndex((v) => v.name === q.vault);
    if (q.action === 'remove') {
      const left = p.vaults.filter((v, j) => j !== k && v.whitelisted).length;
      if (p.validators.some((v) => v.rule !== 'fixed') && left * p.maxWeightPerVault < 1 - 1e-12) {
        this.status[i] = 'not_executable';
        return;
      }
      world.changeParam(`proofOfLiquidity.vaults.${k}.whitelisted`, false, `vault proposal ${i}`);
      this.listed.delete(k);
    } else {
      world.changeParam(`proofOfLiquidity.vaults.${k}.bribeUsdPerBgt`, q.incentiveUsdPerBgt, `vault proposal ${i}`);
      world.changeParam(`proofOfLiquidity.vaults.${k}.whitelisted`, true, `vault proposal ${i}`);
      this.listed.add(k);
    }
    this.status[i] = 'executed';
    this.executedTick[i] = world.tick;
  }

  /** Returns the share of the run's BGT that went to vaults proposals whitelisted (0 before any BGT). */
  get listedBgtShare(): number {
    if (!(this.pol.totalBgt > 0)) return 0;
    let b = 0;
    for (const k of this.listed) b += this.pol.vaults.cols.bgtReceived[k];
    return b / this.pol.totalBgt;
  }

  /** Returns the LP capital now in vaults proposals whitelisted, in USD. */
  get listedLiquidityUsd(): number {
    let c = 0;
    for (const k of this.listed) c += this.pol.liquidityUsd(k);
    return c;
  }

  /** Returns the proposals executed so far. */
  get executed(): number {
    let c = 0;
    for (const s of this.status) if (s === 'executed') c++;
    return c;
  }

  /** Returns the share of proposals submitted (above the threshold) that were executed, 0 when none was submitted. */
  get passedShare(): number {
    let submitted = 0;
    for (const s of this.status) if (s !== 'scheduled' && s !== 'below_threshold') submitted++;
    return submitted > 0 ? this.executed / submitted : 0;
  }
}

/** The BGT-governance block: holders of BGT vote on whitelisting reward vaults, protocols bribe them for it. */
export const bgtGovernance = defineBlock({
  key: 'bgtGovernance',
  kind: 'mechanism',
  description: "BGT governance over the reward-vault whitelist: proposal threshold, voting delay and period, quorum and majority of BGT, timelock; holders vote by bribe plus expected gain against the dilution of their vault's BGT; a whitelisted vault enters the allocation the tick after the timelock",
  sources: [
    'berachain/docs apps/core/content/learn/governance/index.md (Governance Process, Governance Values: 1500 BGT to propose, 20% of BGT for quorum, 3-hour delay, period and timelock; commit 0ef0ea8, read 2026-12-03)',
    'berachain/contracts src/gov/BerachainGovernance.sol (initialize: GovernorSettings votingDelay, votingPeriod, proposalThreshold, GovernorVotesQuorumFraction, GovernorTimelockControl; _voteSucceeded: for ≥ 51% of for + against; commit 61f6c51, read 2026-12-03)',
    'berachain/docs apps/core/content/developers/contracts/governance.md (BerachainGovernance: OpenZeppelin Governor with BGT votes; propose, castVote; read 2026-12-03)',
    'berachain/docs apps/core/content/learn/governance/rewardvault.md (a reward vault receives BGT only once whitelisted by a governance proposal; read 2026-12-03)',
  ],
  params: { schema: bgtGovernanceParamsSchema, defaults: bgtGovernanceDefaults },
  needs: { market: marketPort, proofOfLiquidity },
  metrics: {
    bgtgov_proposals_executed: { unit: 'count', description: 'vault proposals executed so far' },
    bgtgov_vote_bribes_usd: { unit: 'USD', kind: 'flow', description: 'bribes protocols paid BGT holders for votes since the previous row' },
  },
  kpis: {
    final_bgtgov_proposals_executed: { unit: 'count', description: 'vault proposals executed over the run' },
    final_bgtgov_passed_share: { unit: 'share', description: 'share of the proposals submitted that were executed' },
    total_bgtgov_vote_bribes_usd: { unit: 'USD', description: 'bribes protocols paid BGT holders for votes over the run' },
    final_bgtgov_listed_bgt_share: { unit: 'share', description: "share of the run's BGT that went to vaults proposals whitelisted" },
    final_bgtgov_listed_liquidity_usd: { unit: 'USD', description: 'LP capital at the end in vaults proposals whitelisted' },
  },
  tables: {
    bgtgov_proposals: {
      description: 'vault proposals at the end of a run: one row per proposal',
      columns: [
        { name: 'proposal', kind: 'int32' },
        { name: 'vault', kind: 'utf8' },
        { name: 'action', kind: 'utf8' },
        { name: 'status', kind: 'utf8' },
        { name: 'votes_for', kind: 'float64' },
        { name: 'votes_against', kind: 'float64' },
        { name: 'total_power', kind: 'float64' },
        { name: 'bribes_usd', kind: 'float64' },
        { name: 'executed_tick', kind: 'int32' },
      ],
    },
  },
  check: (p, all) => bgtGovernanceProblems(p, all),
  build(ctx) {
    const gov = new BgtGovernance(ctx.params, ctx.ledger, ctx.deps.proofOfLiquidity, ctx.deps.market);
    return {
      api: gov,
      hooks: { post: (w) => gov.post(w) },
      metrics: {
        bgtgov_proposals_executed: () => gov.executed,
        bgtgov_vote_bribes_usd: () => gov.bribesTickUsd,
      },
      summary: () => ({
        final_bgtgov_proposals_executed: gov.executed,
        final_bgtgov_passed_share: gov.passedShare,
        total_bgtgov_vote_bribes_usd: gov.totalBribesUsd,
        final_bgtgov_listed_bgt_share: gov.listedBgtShare,
        final_bgtgov_listed_liquidity_usd: gov.listedLiquidityUsd,
      }),
      tables: {
        bgtgov_proposals: () => {
          const qs = ctx.params().proposals;
          return {
            length: qs.length,
            data: {
              proposal: Int32Array.from(qs, (_, i) => i),
              vault: qs.map((q) => q.vault),
              action: qs.map((q) => q.action),
              status: [...gov.status],
              votes_for: gov.votesFor.slice(),
              votes_against: gov.votesAgainst.slice(),
              total_power: gov.totalPower.slice(),
              bribes_usd: gov.bribesPaidUsd.slice(),
              executed_tick: gov.executedTick.slice(),
            },
          };
        },
      },
    };
  },
});

import { z } from '../../core/zod';
import { defineBlock, type TableRows } from '../../core/block';
import { chainKey, chainOf } from '../../chains/chainRegistry';
import { governance } from './governanceBlock';
import { VoteRelay, type RelayChain } from './voteRelay';

const share = z.number().min(0).max(1);

/** Parameters of hub-and-spoke governance: the hub chain, each spoke's relay, and how long the hub waits for late votes. */
export const interchainGovernanceParamsSchema = z
  .object({
    /** The chain that holds the tally, and the share of members who vote on it and their participation. */
    hub: z.object({ chain: z.string().min(1), memberShare: share, participation: share }).strict(),
    /** The other chains: share of members voting there, participation, relay delay to the hub (ticks) and loss probability per message. */
    spokes: z.array(
      z
        .object({
          chain: z.string().min(1),
          memberShare: share,
          participation: share,
          delayTicks: z.number().int().min(0).max(365),
          lossProbability: share,
        })
        .strict(),
    ),
    /** Ticks after a proposal's voting window the hub waits before it tallies; a vote arriving later is late and not counted (0: late votes are dropped). */
    graceTicks: z.number().int().min(0).max(365),
  })
  .strict();
/** Interchain governance parameters as validated by `interchainGovernanceParamsSchema`. */
export type InterchainGovernanceParams = z.infer<typeof interchainGovernanceParamsSchema>;

/** Default: half the members on `main` (the hub), half on `side`, one tick of relay delay, no loss, no grace. */
export const interchainGovernanceDefaults: InterchainGovernanceParams = {
  hub: { chain: 'main', memberShare: 0.5, participation: 1 },
  spokes: [{ chain: 'side', memberShare: 0.5, participation: 1, delayTicks: 1, lossProbability: 0 }],
  graceTicks: 0,
};

/** Returns the relay's chains, hub first (delay and loss 0), from the block's parameters. */
export function relayChains(p: InterchainGovernanceParams): RelayChain[] {
  return [{ name: p.hub.chain, memberShare: p.hub.memberShare, participation: p.hub.participation, delayTicks: 0, lossProbability: 0 }, ...p.spokes.map((s) => ({ name: s.chain, ...s }))];
}

/**
 * Interchain governance (key `interchainGovernance`; needs `governance`):
 * members vote on one of several chains and only the hub tallies. Each
 * member's chain is drawn once by `memberShare`; a vote on chain c is cast
 * with probability participation_c; from a spoke it is lost with
 * probability q_c (the block's own stream) or arrives d_c ticks later, and
 * it counts when cast at t with t + d_c ≤ closesTick + graceTicks (see
 * `VoteRelay`). Quorum and approval are the governance block's, over the
 * delivered votes. A proposal is flipped when the tally of every vote cast
 * (all delivered in time) would have decided otherwise. Token-style ballots
 * only: conviction voting is refused before a run.
 *
 * Units: delays in ticks; shares and probabilities in [0, 1]; counts of
 * votes are messages, not voting power.
 */
export const interchainGovernance = defineBlock({
  key: 'interchainGovernance',
  kind: 'mechanism',
  description: 'hub-and-spoke governance: votes on spoke chains relayed to the hub with delay and loss; quorum and tally at the hub',
  sources: [
    'hub-and-spoke voting: Wormhole MultiGov (2024; github.com/wormhole-foundation/multigov, evm/src/HubGovernor.sol, HubVotePool.sol, SpokeVoteAggregator.sol; HubProposalExtender.sol extends a vote end for late spoke votes, here graceTicks)',
    'governance over bridge messages: Uniswap Foundation, Cross-chain Bridge Assessment Report (2023; Wormhole and Axelar approved for its governance messages); delay and loss of a message are parameters here, not measured',
  ],
  params: { schema: interchainGovernanceParamsSchema, defaults: interchainGovernanceDefaults },
  needs: { governance },
  metrics: {
    ic_in_flight: { unit: 'votes', description: 'votes relayed from spokes that are on their way and will arrive in time' },
    ic_delivered: { unit: 'votes', kind: 'flow', description: 'relayed votes delivered to the hub since the previous row' },
    ic_lost: { unit: 'votes', kind: 'flow', description: 'relayed votes lost since the previous row' },
    ic_late: { unit: 'votes', kind: 'flow', description: 'relayed votes that will arrive after the hub tallies, since the previous row' },
  },
  kpis: {
    ic_votes_relayed: { unit: 'votes', description: 'votes cast on spoke chains over the run' },
    ic_lost_share: { unit: 'share', description: 'lost / relayed votes (0 when none relayed)' },
    ic_late_share: { unit: 'share', description: 'late / relayed votes (0 when none relayed)' },
    ic_abstained: { unit: 'votes', description: 'votes not cast for want of participation on the voter’s chain' },
    ic_flipped: { unit: 'proposals', description: 'proposals whose outcome differs from the tally of every vote cast' },
    ic_flip_rate: { unit: 'share', description: 'flipped / tallied proposals (0 when none tallied)' },
    ic_passed_full: { unit: 'proposals', description: 'proposals the tally of every vote cast would have passed' },
    ic_captured_full: { unit: 'proposals', description: 'of those, opposed by a token-weighted majority of holders (compare gov_captured)' },
    ic_hub_power_share: { unit: 'share', description: "share of the power of direct votes in the hub's tallies cast by hub members (0 when none)" },
  },
  tables: {
    interchain_tallies: {
      description: "one row per proposal tallied at the hub: its result and turnout there and under the full ballot (every vote cast delivered in time), and its votes relayed, lost and late",
      columns: [
        { name: 'tick', kind: 'int32' },
        { name: 'proposal_id', kind: 'int32' },
        { name: 'outcome', kind: 'utf8' },
        { name: 'outcome_full', kind: 'utf8' },
        { name: 'turnout', kind: 'float64' },
        { name: 'turnout_full', kind: 'float64' },
        { name: 'votes_relayed', kind: 'int32' },
        { name: 'votes_lost', kind: 'int32' },
        { name: 'votes_late', kind: 'int32' },
      ],
    },
  },
  check(p, all, blocks) {
    const problems: { path: string; message: string }[] = [];
    const chains = [...blocks].filter((k) => k.endsWith('Chain')).map((k) => k.slice(0, -'Chain'.length));
    const known = (name: string, path: string) => {
      if (!blocks.has(chainKey(name))) problems.push({ path, message: `no chain ${JSON.stringify(name)} in this model; expected one of ${chains.join(', ') || '(none: add chain blocks)'}` });
    };
    known(p.hub.chain, 'hub.chain');
    const seen = new Set([p.hub.chain]);
    p.spokes.forEach((s, k) => {
      known(s.chain, `spokes.${k}.chain`);
      if (seen.has(s.chain)) problems.push({ path: `spokes.${k}.chain`, message: `chain ${JSON.stringify(s.chain)} is listed twice (hub and spokes must be different chains)` });
      seen.add(s.chain);
    });
    if (p.hub.memberShare + p.spokes.reduce((t, s) => t + s.memberShare, 0) <= 0) problems.push({ path: 'hub.memberShare', message: 'member shares of the hub and spokes are all 0; expected at least one above 0' });
    const g = all.governance;
    if (g !== null && typeof g === 'object' && 'rule' in g && g.rule === 'conviction') problems.push({ path: 'hub', message: 'the hub tallies ballots; conviction voting (governance.rule conviction) is not relayed; expected token, stake, quadratic or voteEscrow' });
    return problems;
  },
  build(ctx) {
    const p0 = ctx.params();
    const relay = new VoteRelay(relayChains(p0), p0.graceTicks, ctx.rng, ctx.rng.fork('chains'), () => ctx.world.tick);
    const gov = ctx.deps.governance;
    gov.relay = relay;
    const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
    return {
      api: relay,
      hooks: { exogenous: () => relay.beginTick() },
      genesis: (w) => {
        // Every block is built: a chain the model lacks fails here, before tick 1 (the check catches it first).
        for (const c of relay.chains) chainOf(w, c.name);
      },
      metrics: {
        ic_in_flight: () => relay.inFlight,
        ic_delivered: () => relay.deliveredThisTick,
        ic_lost: () => relay.lostThisTick,
        ic_late: () => relay.lateThisTick,
      },
      summary: () => ({
        ic_votes_relayed: relay.relayed,
        ic_lost_share: ratio(relay.lost, relay.relayed),
        ic_late_share: ratio(relay.late, relay.relayed),
        ic_abstained: relay.abstained,
        ic_flipped: relay.flipped,
        ic_flip_rate: ratio(relay.flipped, relay.tallied),
        ic_passed_full: relay.idealPassed,
        ic_captured_full: relay.idealCaptured,
        ic_hub_power_share: ratio(relay.hubPower, relay.tallyPower),
      }),
      tables: {
        interchain_tallies: (): TableRows => {
          const r = relay.rows;
          return {
            data: {
              tick: Int32Array.from(r, (x) => x.tick),
              proposal_id: Int32Array.from(r, (x) => x.proposalId),
              outcome: r.map((x) => x.outcome),
              outcome_full: r.map((x) => x.outcomeFull),
              turnout: Float64Array.from(r, (x) => x.turnout),
              turnout_full: Float64Array.from(r, (x) => x.turnoutFull),
              votes_relayed: Int32Array.from(r, (x) => x.votesRelayed),
              votes_lost: Int32Array.from(r, (x) => x.votesLost),
              votes_late: Int32Array.from(r, (x) => x.votesLate),
            },
            length: r.length,
          };
        },
      },
    };
  },
});

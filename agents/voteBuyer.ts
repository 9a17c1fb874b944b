import { z } from '../src/core/zod';
import { distributionSchema } from '../src/core/distributions';
import { defineBlock } from '../src/core/block';
import { addEndowed } from '../src/core/genesis';
import type { Population } from '../src/core/population';
import type { Rng } from '../src/core/rng';
import type { AgentClass, World } from '../src/core/world';
import { electorateColumns } from '../src/mechanisms/governance/electorate';
import type { Governance } from '../src/mechanisms/governance/governance';
import { governance } from '../src/mechanisms/governance/governanceBlock';
import { ROLES } from '../src/mechanisms/governance/params';
import type { Proposal } from '../src/mechanisms/governance/proposal';
import { convictionThreshold, votingPower } from '../src/mechanisms/governance/rules';

/** Parameters of the vote-buying agents (none when `count` is 0). */
export const voteBuyerParamsSchema = z
  .object({
    count: z.number().int().min(0),
    initialTokens: distributionSchema,
    /** USD each buyer starts with: its whole bribe budget. */
    initialUsd: distributionSchema,
    /** The position whose preferences the buyer pursues (a grantee wants grants, above all to itself). */
    role: z.enum(ROLES),
    /**
     * Opening offer, in USD per token's worth of voting power: per unit of
     * power it is this × (electorate tokens / electorate power) at the
     * snapshot, the same under every rule (delegated power counts with its
     * delegate).
     */
    bribeUsdPerVote: z.number().min(0),
    /** Relative raise of the offer each tick the buyer's side is behind (0.2: +20% a tick). */
    raiseShare: z.number().min(0),
    /** Most a buyer spends on one proposal, in USD. */
    maxUsdPerProposal: z.number().min(0),
    /** Probability per tick that a buyer with no proposal of its own open proposes a grant to itself (quality 0: pure extraction). */
    proposeProbability: z.number().min(0).max(1),
    /** Vote-escrow lock the buyer keeps, in ticks (0: none, so it has no vote-escrow power of its own). */
    lockTicks: z.number().min(0),
  })
  .strict();
/** Vote-buyer parameters as validated by `voteBuyerParamsSchema`. */
export type VoteBuyerParams = z.infer<typeof voteBuyerParamsSchema>;

/** The vote buyers' columns: the electorate's. */
export const voteBuyerSchema = { ...electorateColumns } as const;

/**
 * Vote buyers. Each tick, for every open proposal its position has a view on
 * (for its own grant: for), a buyer votes its own power and posts a bribe on
 * the side it wants, at `bribeUsdPerVote` USD per unit of power; voters take
 * it or not (see `Voters`). While its side is behind — power against ≥ power
 * for it, or under conviction voting while conviction is below the
 * threshold — it raises the offer by `raiseShare` a tick, spending at most
 * `maxUsdPerProposal` per proposal and never more than it holds. It may also
 * propose grants to itself, subject to the proposal threshold and deposit.
 * Payments move USD between agents, so USD is conserved.
 */
export class VoteBuyer implements AgentClass {
  readonly name: string;

  constructor(
    readonly population: Population<typeof voteBuyerSchema>,
    private readonly params: () => VoteBuyerParams,
    private readonly governance: Governance,
    private readonly rng: Rng,
  ) {
    this.name = population.name;
    governance.electorate.add(population);
  }

  /** Creates the buyers with their tokens, budget, position and lock. */
  init(world: World, rng: Rng): void {
    const p = this.params();
    const pop = this.population;
    const [first, end] = addEndowed(world.ledger, pop, p.count, p.initialTokens, p.initialUsd, rng);
    pop.cols.role.fill(ROLES.indexOf(p.role), first, end);
    pop.cols.lockTicks.fill(p.lockTicks, first, end);
    pop.cols.delegate.fill(-1, first, end);
  }

  act(world: World, order: Int32Array | null, count: number): void {
    const p = this.params();
    const g = this.governance;
    const gp = g.params();
    const pop = this.population;
    for (let k = 0; k < count; k++) {
      const i = order === null ? k : order[k];
      if (pop.cols.active[i] === 0) continue;
      const m = g.electorate.member(pop, i);
      if (m < 0) continue;
      let ownOpen = false;
      for (let q = 0; q < g.active.length; q++) {
        const prop = g.active[q];
        if (prop.proposer === m) ownOpen = true;
        const pref = g.preferenceOf(prop, m);
        // Conviction voting has no votes against: there is nothing to buy for a buyer who opposes.
        if (pref === 0 || (pref < 0 && gp.rule === 'conviction')) continue;
        const side = pref > 0 ? 1 : -1;
        if (g.canVote(prop, m)) g.castVote(prop, m, side > 0);
        const b = prop.bribe;
        if (b === null) {
          // Priced per token's worth of power, so that one offer means the same under every rule.
          const tokensPerPower = prop.totalPower > 0 ? prop.totalHoldings / prop.totalPower : 1;
          prop.bribe = { side, usdPerPower: p.bribeUsdPerVote * tokensPerPower, budgetUsd: p.maxUsdPerProposal, spentUsd: 0, payer: pop, payerIndex: i };
        } else if (b.payer === pop && b.payerIndex === i && this.behind(world, prop)) {
          b.usdPerPower *= 1 + p.raiseShare;
        }
      }
      if (!ownOpen && gp.enabled && p.proposeProbability > 0 && this.rng.next() < p.proposeProbability) this.propose(world, i, m);
    }
  }

  /** Returns whether the buyer's side of `prop` is behind now. */
  private behind(world: World, prop: Proposal): boolean {
    const g = this.governance;
    const gp = g.params();
    if (gp.rule === 'conviction') {
      const c = gp.conviction;
      return prop.conviction < convictionThreshold(prop.totalPower, g.requestedShare(world, prop), c.alpha, c.beta, c.rho);
    }
    return prop.bribe!.side > 0 ? prop.votesFor <= prop.votesAgainst : prop.votesAgainst <= prop.votesFor;
  }

  private propose(world: World, i: number, m: number): void {
    const g = this.governance;
    const gp = g.params();
    const pop = this.population;
    if (pop.cols.tokens[i] < gp.depositTokens) return;
    if (gp.proposalThreshold > 0) {
      const power = votingPower(gp.rule, pop.cols.tokens[i], 0, pop.cols.lockTicks[i], gp.maxLockTicks);
      const e = g.electorate;
      const total = e.powers(gp.rule, gp.maxLockTicks, g.stats.powerBuffer(e.size));
      if (power < gp.proposalThreshold * total) return;
    }
    g.propose(world, { kind: 'grant', recipient: m, amountTokens: gp.grantShare * g.funds.tokens, quality: 0 }, m);
  }
}

/** Default vote buyers: none (set `count` to add one with a $500k budget). */
export const voteBuyerDefaults: VoteBuyerParams = {
  count: 0,
  initialTokens: { dist: 'constant', value: 0 },
  initialUsd: { dist: 'constant', value: 500_000 },
  role: 'grantee',
  bribeUsdPerVote: 0.01,
  raiseShare: 0.2,
  maxUsdPerProposal: 100_000,
  proposeProbability: 0.05,
  lockTicks: 0,
};

/** The vote-buyer agent block. */
export const voteBuyer = defineBlock({
  key: 'voteBuyer',
  kind: 'agents',
  description: 'vote buyers: bribe voters per unit of power on the side they want, raising the offer while behind',
  sources: ['Daian et al. (2018), "On-chain vote buying and the rise of dark DAOs"; the Curve wars bribe markets (Votium)'],
  params: { schema: voteBuyerParamsSchema, defaults: voteBuyerDefaults },
  needs: { governance },
  population: { schema: voteBuyerSchema, count: (p) => p.count },
  build(ctx) {
    const { pop } = ctx.population(voteBuyerSchema);
    const cls = new VoteBuyer(pop, ctx.params, ctx.deps.governance, ctx.rng);
    return { api: cls, agents: cls, genesis: (w) => cls.init(w, ctx.rng.fork('genesis')) };
  },
});

import { z } from '../src/core/zod';
import { distributionSchema } from '../src/core/distributions';
import { drawTrait, endow } from '../src/core/genesis';
import { defineBlock } from '../src/core/block';
import { getPath } from '../src/core/paths';
import type { Population } from '../src/core/population';
import type { Rng } from '../src/core/rng';
import type { AgentClass, World } from '../src/core/world';
import { marketPort } from '../src/market/amm';
import type { ConstantProductPool } from '../src/market/constantProductPool';
import { sellTokens } from '../src/market/trade';
import { electorateColumns } from '../src/mechanisms/governance/electorate';
import type { Governance } from '../src/mechanisms/governance/governance';
import { governance } from '../src/mechanisms/governance/governanceBlock';
import { staking, stakingColumns, type StakeAccount } from '../src/mechanisms/staking';
import { ROLES } from '../src/mechanisms/governance/params';
import type { Proposal, ProposalSpec } from '../src/mechanisms/governance/proposal';
import { votingPower } from '../src/mechanisms/governance/rules';

const roleEnum = z.enum(ROLES);

/** Parameters of the governance voters class. */
export const votersParamsSchema = z
  .object({
    count: z.number().int().min(0),
    initialTokens: distributionSchema,
    initialUsd: distributionSchema,
    /** Shares of holders, stakers, node operators and grantees among voters (normalised to sum 1). */
    roles: z
      .object({ holder: z.number().min(0), staker: z.number().min(0), nodeOperator: z.number().min(0), grantee: z.number().min(0) })
      .strict()
      .refine((r) => r.holder + r.staker + r.nodeOperator + r.grantee > 0, { message: 'voter roles must not be all zero' }),
    /** Probability per tick that a voter pays attention to governance (and then considers every open proposal it has not voted on). */
    turnout: distributionSchema,
    /** Probability a voter votes against its position's preference (or at random when indifferent). */
    noise: z.number().min(0).max(1),
    /** What voting costs a voter (gas and time), in USD; it votes only when the outcome means at least this much to it. Not paid out of its balance. */
    participationCostUsd: z.number().min(0),
    /** Share of the value of its tokens a voter reckons a proposal it cares about is worth to it. */
    outcomeShare: z.number().min(0).max(1),
    /** USD a voter wants before selling its vote (on top of what the outcome is worth to it when the buyer wants the other side). */
    bribeReservationUsd: distributionSchema,
    /** Vote-escrow lock a voter keeps, in ticks (weight = min(lock, maxLockTicks) / maxLockTicks). */
    lockTicks: distributionSchema,
    /** Probability per tick that a voter proposes something its position favours (when it meets the proposal threshold and can pay the deposit). */
    proposeProbability: z.number().min(0).max(1),
    /** Share of its liquid tokens a grantee sells each tick (to pay for its work). */
    granteeSellShare: z.number().min(0).max(1),
    /** A few large holders, added after the `count` ordinary voters, all holding one position. */
    whales: z
      .object({ count: z.number().int().min(0), tokens: distributionSchema, role: roleEnum, turnout: z.number().min(0).max(1) })
      .strict(),
    /**
     * Delegation: `delegates` ordinary voters are delegates (attention
     * `turnout` per tick); a `share` of the other ordinary voters delegate to
     * one, of their own position with probability `alignment`. A delegator
     * re-delegates with probability `redelegateProbability` per tick, and
     * whenever (on review, when attentive) its delegate voted against its
     * position on the last proposal closed.
     */
    delegation: z
      .object({
        delegates: z.number().int().min(0),
        share: z.number().min(0).max(1),
        alignment: z.number().min(0).max(1),
        turnout: z.number().min(0).max(1),
        redelegateProbability: z.number().min(0).max(1),
      })
      .strict(),
  })
  .strict();
/** Voter parameters as validated by `votersParamsSchema`. */
export type VotersParams = z.infer<typeof votersParamsSchema>;

const GRANTEE = ROLES.indexOf('grantee');
const STAKER = ROLES.indexOf('staker');
/** The voters' columns: the staking pool's, the electorate's and their own. */
export const votersSchema = { ...stakingColumns, ...electorateColumns, turnout: 'f64', reservation: 'f64', isDelegate: 'u8', reviewed: 'i32' } as const;

/**
 * Governance voters. Each has a position (`role`: holder, staker, node
 * operator, grantee; stakers keep their tokens staked) and, each tick with
 * probability `turnout`, considers every open proposal it has not voted on.
 * Its preference is its position's (±1, or indifferent); it votes for or
 * against accordingly (flipped with probability `noise`; at random when
 * indifferent) when the outcome is worth at least the participation cost:
 *
 *   interest = |pref| · h · price · outcomeShare ≥ participationCostUsd,
 *
 * h its tokens held. When a buyer offers a bribe on the proposal, the voter
 * sells its vote (votes the buyer's side and is paid) when
 *
 *   offer ≥ reservation + (interest if the buyer wants the other side),
 *
 * which also brings out voters whom the cost alone would keep home. Under
 * conviction voting it supports (stakes on) one proposal it favours at a
 * time; delegators leave that to their delegate. Grantees sell
 * `granteeSellShare` of their liquid tokens each tick; any voter proposes
 * with probability `proposeProbability` (grantees a grant to themselves,
 * others a parameter change their position favours).
 */
export class Voters implements AgentClass {
  readonly name: string;
  /** Delegates of each position, and all delegates (voter indices). */
  private delegatesByRole: Int32Array[] = [];
  private allDelegates = new Int32Array(0);
  private thresholdTick = -1;
  private thresholdPower = 0;

  constructor(
    readonly population: Population<typeof votersSchema>,
    private readonly params: () => VotersParams,
    private readonly governance: Governance,
    private readonly staking: StakeAccount,
    private readonly rng: Rng,
    private readonly pool: ConstantProductPool | null = null,
  ) {
    this.name = population.name;
    governance.electorate.add(population);
  }

  /** Creates the ordinary voters and the whales with their positions, balances and traits; stakers stake everything; assigns delegates. */
  init(world: World, rng: Rng): void {
    const p = this.params();
    const pop = this.population;
    const first = pop.add(p.count + p.whales.count);
    const end = first + p.count;
    const wEnd = end + p.whales.count;
    endow(world.ledger, pop, first, end, p.initialTokens, p.initialUsd, rng);
    endow(world.ledger, pop, end, wEnd, p.whales.tokens, p.initialUsd, rng);
    drawTrait(pop.cols.turnout, first, end, p.turnout, rng);
    drawTrait(pop.cols.reservation, first, wEnd, p.bribeReservationUsd, rng);
    drawTrait(pop.cols.lockTicks, first, wEnd, p.lockTicks, rng);
    pop.cols.delegate.fill(-1, first, wEnd);
    const r = p.roles;
    const total = r.holder + r.staker + r.nodeOperator + r.grantee;
    const { role, tokens, turnout } = pop.cols;
    for (let i = first; i < end; i++) {
      const u = rng.next() * total;
      role[i] = u < r.holder ? 0 : u < r.holder + r.staker ? 1 : u < r.holder + r.staker + r.nodeOperator ? 2 : 3;
    }
    role.fill(ROLES.indexOf(p.whales.role), end, wEnd);
    turnout.fill(p.whales.turnout, end, wEnd);
    for (let i = first; i < wEnd; i++) if (role[i] === STAKER) this.staking.stake(i, tokens[i]);
    this.assignDelegates(first, end, rng);
  }

  private assignDelegates(first: number, end: number, rng: Rng): void {
    const d = this.params().delegation;
    const pop = this.population;
    const n = end - first;
    const k = Math.min(d.delegates, n);
    if (k === 0) return;
    // Partial Fisher–Yates: the first k of a shuffled index list are the delegates (init only, so the allocation is fine).
    const idx = Int32Array.from({ length: n }, (_, j) => first + j);
    for (let j = 0; j < k; j++) {
      const s = j + rng.int(n - j);
      const t = idx[j];
      idx[j] = idx[s];
      idx[s] = t;
    }
    this.allDelegates = idx.slice(0, k).sort();
    const { role, isDelegate, turnout, delegate } = pop.cols;
    for (const i of this.allDelegates) {
      isDelegate[i] = 1;
      turnout[i] = d.turnout;
    }
    this.delegatesByRole = ROLES.map((_, r) => this.allDelegates.filter((i) => role[i] === r));
    for (let i = first; i < end; i++) if (!isDelegate[i] && rng.chance(d.share)) delegate[i] = this.pickDelegate(role[i], rng);
  }

  /** Returns a delegate for a voter of position `role`: of the same position with probability `alignment` (when there is one), else any. */
  private pickDelegate(role: number, rng: Rng): number {
    const same = this.delegatesByRole[role];
    const list = same && same.length > 0 && rng.chance(this.params().delegation.alignment) ? same : this.allDelegates;
    return list.length > 0 ? list[rng.int(list.length)] : -1;
  }

  act(world: World, order: Int32Array | null, count: number): void {
    const p = this.params();
    const g = this.governance;
    const conviction = g.params().rule === 'conviction';
    const pop = this.population;
    const rng = this.rng;
    const { role, turnout, active, tokens, delegate, reviewed } = pop.cols;
    const base = g.electorate.member(pop, 0);
    const sell = this.pool !== null && p.granteeSellShare > 0;
    const redelegate = p.delegation.redelegateProbability;
    const last = g.lastClosed;
    for (let k = 0; k < count; k++) {
      const i = order === null ? k : order[k];
      if (active[i] === 0) continue;
      if (sell && role[i] === GRANTEE && tokens[i] > 0) sellTokens(this.pool!, pop, i, tokens[i] * p.granteeSellShare);
      if (p.proposeProbability > 0 && rng.next() < p.proposeProbability) this.propose(world, i);
      if (delegate[i] >= 0 && redelegate > 0 && rng.next() < redelegate) delegate[i] = this.pickDelegate(role[i], rng);
      if (rng.next() >= turnout[i]) continue;
      if (delegate[i] >= 0 && last !== null && last.id > reviewed[i] && base >= 0) {
        reviewed[i] = last.id;
        const theirs = last.choice.length > 0 ? last.choice[base + delegate[i]] : 0;
        const mine = g.preferenceOf(last, base + i);
        if (theirs !== 0 && mine !== 0 && theirs !== Math.sign(mine)) delegate[i] = this.pickDelegate(role[i], rng);
      }
      if (g.active.length === 0 || base < 0) continue;
      if (conviction && delegate[i] >= 0) continue;
      for (let q = 0; q < g.active.length; q++) {
        const prop = g.active[q];
        if (g.canVote(prop, base + i)) this.consider(world, prop, base + i, i, conviction);
      }
    }
  }

  /** Voter i (member m) decides whether and how to vote on `prop`, selling its vote when the bribe is worth it. */
  private consider(world: World, prop: Proposal, m: number, i: number, conviction: boolean): void {
    const p = this.params();
    const g = this.governance;
    const rng = this.rng;
    const pref = g.preferenceOf(prop, m);
    let support = pref > 0 ? true : pref < 0 ? false : rng.next() < 0.5;
    if (p.noise > 0 && rng.next() < p.noise) support = !support;
    const pop = this.population;
    const { staked, unbonding } = pop.cols;
    const holdings = pop.cols.tokens[i] + staked[i] + unbonding[i];
    const interest = Math.abs(pref) * holdings * world.priceAt(world.tick - 1) * p.outcomeShare;
    let bought = false;
    const b = prop.bribe;
    if (b !== null) {
      const offer = g.bribeOffer(prop, m);
      const need = pop.cols.reservation[i] + ((support ? 1 : -1) !== b.side ? interest : 0);
      if (offer > 0 && offer >= need) {
        bought = true;
        support = b.side > 0;
      }
    }
    if (!bought && interest < p.participationCostUsd) return;
    if (conviction && !support) return;
    if (g.castVote(prop, m, support) > 0 && bought) g.payBribe(prop, m, pop, i);
  }

  /** Voter i proposes what its position favours, when it can pay the deposit and meets the proposal threshold. */
  private propose(world: World, i: number): void {
    const g = this.governance;
    const gp = g.params();
    if (!gp.enabled) return;
    const pop = this.population;
    const { role, tokens, lockTicks } = pop.cols;
    if (tokens[i] < gp.depositTokens) return;
    const staked = pop.cols.staked[i];
    const power = votingPower(gp.rule, tokens[i] + staked + pop.cols.unbonding[i], staked, lockTicks[i], gp.maxLockTicks);
    if (power < this.proposalThresholdPower(world)) return;
    const m = g.electorate.member(pop, i);
    let spec: ProposalSpec | null = null;
    if (role[i] === GRANTEE) {
      spec = { kind: 'grant', recipient: m, amountTokens: gp.grantShare * g.funds.tokens, quality: this.rng.next() };
    } else if (gp.targets.length > 0) {
      const target = gp.targets[this.rng.int(gp.targets.length)];
      const pref = target[ROLES[role[i]]] ?? 0;
      const current = getPath(world.params, target.path);
      if (pref === 0 || typeof current !== 'number') return;
      const direction = pref > 0 ? 1 : -1;
      const value = current === 0 ? (direction > 0 ? gp.stepShare : 0) : current * (1 + direction * gp.stepShare);
      if (value !== current) spec = { kind: 'param', path: target.path, value };
    }
    if (spec) g.propose(world, spec, m);
  }

  /** Returns the power needed to propose this tick (computed once per tick, O(members)). */
  private proposalThresholdPower(world: World): number {
    const gp = this.governance.params();
    if (!(gp.proposalThreshold > 0)) return 0;
    if (this.thresholdTick !== world.tick) {
      this.thresholdTick = world.tick;
      const e = this.governance.electorate;
      const total = e.powers(gp.rule, gp.maxLockTicks, this.governance.stats.powerBuffer(e.size));
      this.thresholdPower = gp.proposalThreshold * total;
    }
    return this.thresholdPower;
  }
}

/** Default voters: 500 with Pareto holdings (x_m = 1,000, α = 1.5), half holders, 35% stakers, 15% node operators, no whales or delegation. */
export const votersDefaults: VotersParams = {
  count: 500,
  initialTokens: { dist: 'pareto', xm: 1000, alpha: 1.5 },
  initialUsd: { dist: 'constant', value: 0 },
  roles: { holder: 0.5, staker: 0.35, nodeOperator: 0.15, grantee: 0 },
  turnout: { dist: 'uniform', min: 0.02, max: 0.3 },
  noise: 0.1,
  participationCostUsd: 0,
  outcomeShare: 0.01,
  bribeReservationUsd: { dist: 'lognormal', mu: Math.log(20), sigma: 1 },
  lockTicks: { dist: 'uniform', min: 0, max: 4 * 365 },
  proposeProbability: 0,
  granteeSellShare: 0.05,
  whales: { count: 0, tokens: { dist: 'constant', value: 1_000_000 }, role: 'holder', turnout: 0.5 },
  delegation: { delegates: 0, share: 0, alignment: 0.8, turnout: 0.5, redelegateProbability: 0 },
};

/** The governance voters agent block. */
export const voters = defineBlock({
  key: 'voters',
  kind: 'agents',
  description: 'governance voters: vote their position when the outcome is worth the cost, sell votes above a reservation, delegate',
  sources: ['rational abstention (cost vs stake in the outcome): Downs (1957); vote buying: Daian et al. (2018), "On-chain vote buying and the rise of dark DAOs'],
  params: { schema: votersParamsSchema, defaults: votersDefaults },
  needs: { governance, staking },
  uses: { market: marketPort },
  population: { schema: votersSchema, count: (p) => p.count + p.whales.count },
  build(ctx) {
    const { pop } = ctx.population(votersSchema);
    const cls = new Voters(pop, ctx.params, ctx.deps.governance, ctx.deps.staking.attach(pop), ctx.rng, ctx.deps.market);
    return { api: cls, agents: cls, genesis: (w) => cls.init(w, ctx.rng.fork('genesis')) };
  },
});

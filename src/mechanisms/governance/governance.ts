import type { Account } from '../../core/account';
import type { Ledger } from '../../core/ledger';
import { getPath } from '../../core/paths';
import type { Population } from '../../core/population';
import type { Rng } from '../../core/rng';
import type { Route } from '../../core/route';
import type { World } from '../../core/world';
import type { ConstantProductPool, PoolTrader } from '../../market/constantProductPool';
import type { Treasury } from '../treasury';
import { Electorate } from './electorate';
import { ROLES, type GovernanceParams } from './params';
import type { GovernanceEvent, GovernanceEventKind, Proposal, ProposalSpec } from './proposal';
import { convictionStep, convictionThreshold, tallyBallot, voteOutcome, type Tally } from './rules';
import { executeProposal } from './execute';
import { opposedShare } from './capture';
import { scheduledSpec } from './schedule';
import { GovernanceStats } from './stats';
import type { VoteRelay } from './voteRelay';

const GRANTEE = ROLES.indexOf('grantee');

/** The routes governance moves a population's money along: deposits in and out, grants, and bribes between agents. */
interface MemberRoutes {
  deposit: Route;
  refund: Route;
  grant: Route;
  /** Bribes paid to this population's agents, by payer population. */
  bribes: Map<Population, Route>;
}
const EMPTY_F64 = new Float64Array(0);
const EMPTY_I8 = new Int8Array(0);

/**
 * Governance of a protocol: proposals, votes, timelock and execution.
 *
 * Lifecycle. A proposal is created by an agent (`propose`, which checks the
 * proposer's power against `proposalThreshold` and locks `depositTokens`)
 * or on the schedule (every `proposalEveryTicks` ticks, phase `pre`, a kind
 * drawn by `scheduledKinds`). It is checked when created: a parameter
 * proposal must name a numeric parameter and a value the model's schema
 * accepts (`ParamStore.wouldAccept`: type and range), a grant must not
 * exceed the treasury; otherwise it is logged `invalid` and never opens.
 * Each member's voting power is snapshotted at creation (`votingPower`
 * under `rule`), so tokens bought later carry no vote on it.
 *
 * Voting (rules token, stake, quadratic, voteEscrow). Members call
 * `castVote` while it is open, ticks openedTick..openedTick+votingTicks−1.
 * At the end of the last one (phase `post`) the ballot is tallied with
 * delegation (`tallyBallot`) and passes when turnout = cast / total power ≥
 * quorum and for / cast > threshold (`voteOutcome`).
 *
 * Conviction voting. Members stake their power in support of one proposal at
 * a time; each tick (phase `post`) y ← α·y + x and the proposal passes when
 * y ≥ ρ·S / ((1 − α)(β − r)²) (`convictionThreshold`; S the total power,
 * r the share of the treasury requested). Unpassed, it expires after
 * `conviction.maxTicks`; supporters' stakes are freed when it ends.
 *
 * Execution. A proposal passed at tick t executes in phase `pre` of tick
 * t + timelockTicks + 1: parameter changes through `world.changeParam`
 * (immer; logged; earlier snapshots unchanged), grants from the treasury's
 * tokens to the recipient, buybacks as a swap of treasury USD for tokens on
 * the AMM (burned or kept). One that is no longer valid then is `failed`.
 *
 * Capture. When a proposal closes, the token-weighted opinion of every
 * holder (voting members and the bystander populations, by position) is
 * measured; a passed proposal is `captured` when the tokens of holders
 * opposed exceed those of holders in favour.
 *
 * Interchain. With a `relay` (the `interchainGovernance` block), votes cast
 * on a spoke chain reach the tally only when the relay delivers them (start
 * of phase `post`); voting closes after closesTick and the tally waits
 * `relay.graceTicks` more. Without one, every vote counts when cast.
 */
export class Governance {
  readonly electorate = new Electorate();
  readonly stats = new GovernanceStats();
  /** Proposals open for votes. */
  readonly active: Proposal[] = [];
  /** Passed proposals waiting for their execution tick. */
  readonly queued: Proposal[] = [];
  readonly proposals: Proposal[] = [];
  readonly events: GovernanceEvent[] = [];
  /** The proposal that closed most recently (its ballot is kept, for delegators to review their delegate). */
  lastClosed: Proposal | null = null;
  /** Conviction voting: the id of the proposal each member supports (0: none). */
  supporting = new Int32Array(0);
  private lastScheduled = 0;
  /** Ids are unique over valid and invalid proposals alike, so event rows never mix two proposals. */
  private nextId = 1;
  private delegateBuf = new Int32Array(0);
  private readonly tally: Tally = { votesFor: 0, votesAgainst: 0, delegated: 0, voters: 0 };
  /** Hub-and-spoke voting: where votes cast on other chains wait for delivery; null when every vote counts when cast. */
  relay: VoteRelay | null = null;
  private readonly fullTally: Tally = { votesFor: 0, votesAgainst: 0, delegated: 0, voters: 0 };

  private readonly routes = new Map<Population, MemberRoutes>();
  private readonly slashRoute: Route;
  /** The treasury's trades on the pool for buyback proposals: tokens to the treasury, or burned. */
  readonly buyback: { keep: PoolTrader; burn: PoolTrader } | null;

  constructor(
    readonly params: () => GovernanceParams,
    private readonly rng: Rng,
    private readonly ledger: Ledger,
    /** Proposal deposits held until a proposal closes. */
    readonly escrow: Account,
    readonly treasury: Treasury,
    readonly pool: ConstantProductPool | null = null,
  ) {
    this.slashRoute = treasury.incomeFrom(escrow, 'deposit');
    this.buyback = pool ? { keep: treasury.poolTrader(pool, 'governance buyback', 'treasury'), burn: treasury.poolTrader(pool, 'governance buyback', 'burn') } : null;
  }

  /** Returns the treasury's holdings (what grants and buybacks draw on). */
  get funds(): Account {
    return this.treasury.account;
  }

  /** Returns tokens held in escrow (deposits), in tokens. */
  get escrowTokens(): number {
    return this.escrow.tokens;
  }

  /** Returns the routes of population `pop`'s agents (opened on first use). */
  routesOf(pop: Population): MemberRoutes {
    let r = this.routes.get(pop);
    if (!r) {
      const tokens = this.ledger.pocket(pop.account!, pop, 'tokens');
      r = {
        deposit: this.ledger.route(tokens, this.escrow, 'proposal deposit'),
        refund: this.ledger.route(this.escrow, tokens, 'deposit returned'),
        grant: this.treasury.spendToAgents(pop, 'grant'),
        bribes: new Map(),
      };
      this.routes.set(pop, r);
    }
    return r;
  }

  pre(world: World): void {
    this.stats.beginTick();
    this.electorate.seal();
    for (let k = 0; k < this.queued.length; k++) {
      const p = this.queued[k];
      if (p.executeTick > world.tick) continue;
      this.queued.splice(k--, 1);
      const failure = executeProposal(this, world, p);
      p.outcome = failure ? 'failed' : 'executed';
      p.reason = failure ?? 'executed';
      if (failure) this.stats.failed++;
      else this.stats.executed++;
      this.log(world.tick, p.outcome, p);
    }
    const g = this.params();
    if (g.enabled && world.tick - this.lastScheduled >= g.proposalEveryTicks) {
      this.lastScheduled = world.tick;
      const spec = scheduledSpec(this, world, this.rng);
      if (spec) this.propose(world, spec, -1);
    }
  }

  post(world: World): void {
    const g = this.params();
    const relay = this.relay;
    if (relay) relay.deliver(world.tick);
    for (let k = 0; k < this.active.length; k++) {
      const p = this.active[k];
      if (g.rule === 'conviction') {
        p.conviction = convictionStep(p.conviction, p.support, g.conviction.alpha);
        const tau = convictionThreshold(p.totalPower, this.requestedShare(world, p), g.conviction.alpha, g.conviction.beta, g.conviction.rho);
        if (p.conviction >= tau) this.close(world, p, 'passed', 'conviction_reached');
        else if (world.tick >= p.closesTick) this.close(world, p, 'expired', 'conviction_short');
        else continue;
      } else {
        if (world.tick < p.closesTick + (relay ? relay.graceTicks : 0)) continue;
        const n = p.choice.length;
        const delegated = this.delegateMap(n);
        const t = tallyBallot(p.power, p.choice, delegated, n, this.tally);
        p.votesFor = t.votesFor;
        p.votesAgainst = t.votesAgainst;
        p.delegated = t.delegated;
        const result = voteOutcome(t, p.totalPower, g.quorum, g.threshold);
        let fullPassed = false;
        if (relay) {
          const full = tallyBallot(p.power, relay.ballotOf(p), delegated, n, this.fullTally);
          fullPassed = relay.settle(p, world.tick, t, result, full, voteOutcome(full, p.totalPower, g.quorum, g.threshold));
        }
        this.close(world, p, result === 'passed' ? 'passed' : 'rejected', result);
        if (relay) relay.settleCapture(p, fullPassed);
      }
      k--;
    }
  }

  /**
   * Submits a proposal from member `proposer` (−1: the schedule) and returns
   * it: `active` when it opened, `invalid` (logged, with the reason) when the
   * proposer lacks power or deposit or the spec fails its checks.
   */
  propose(world: World, spec: ProposalSpec, proposer: number): Proposal {
    const g = this.params();
    this.electorate.seal();
    const p = this.newProposal(world, spec, proposer);
    const invalid = this.check(world, spec, p);
    if (invalid) {
      p.outcome = 'invalid';
      p.reason = invalid;
      this.stats.invalid++;
      this.log(world.tick, 'invalid', p);
      return p;
    }
    if (proposer >= 0 && g.depositTokens > 0) {
      const { pop, i } = this.locate(proposer);
      this.routesOf(pop).deposit.take(i, g.depositTokens);
      p.deposit = g.depositTokens;
    }
    this.snapshot(p);
    this.proposals.push(p);
    this.active.push(p);
    this.stats.created++;
    this.log(world.tick, 'created', p);
    return p;
  }

  /**
   * Records member m's vote on `p` (for when `support`) and returns the power
   * cast; 0 when it has voted already, is not a member, or `p` is closed.
   * Under conviction voting only support counts, and a member supports one
   * proposal at a time, with its own power plus what is delegated to it.
   * With a relay, a vote sent from a spoke returns its power (it counts on
   * arrival, if ever); one the voter's chain lets it skip returns 0.
   */
  castVote(p: Proposal, m: number, support: boolean): number {
    if (p.outcome !== 'active' || m < 0 || m >= p.choice.length || p.choice[m] !== 0) return 0;
    if (this.params().rule === 'conviction') {
      if (!support || this.supporting[m] !== 0) return 0;
      const w = this.reachOf(p, m);
      this.supporting[m] = p.id;
      p.choice[m] = 1;
      p.support += w;
      p.votesFor += w;
      p.voters++;
      return w;
    }
    const w = p.power[m];
    if (this.relay) {
      if (!this.canVote(p, m)) return 0;
      const fate = this.relay.cast(p, m, support, this.relay.now());
      if (fate === 'abstained') return 0;
      if (fate !== 'direct') return w;
    }
    p.choice[m] = support ? 1 : -1;
    if (support) p.votesFor += w;
    else p.votesAgainst += w;
    p.voters++;
    return w;
  }

  /** Returns whether member m can still vote on `p` (not voted; under conviction, not supporting another proposal). */
  canVote(p: Proposal, m: number): boolean {
    if (m < 0 || m >= p.choice.length || p.choice[m] !== 0) return false;
    if (this.relay && (this.relay.hasSent(p, m) || this.relay.now() > p.closesTick)) return false;
    return this.params().rule !== 'conviction' || this.supporting[m] === 0;
  }

  /** Returns member m's power on `p` including what is delegated to it at the snapshot (the power a bribe buys). */
  reachOf(p: Proposal, m: number): number {
    if (m < 0 || m >= p.power.length) return 0;
    return p.power[m] + (p.reach ? p.reach[m] : 0);
  }

  /** Returns how member m's position feels about `p`, in [−1, 1]: its role's preference, +1 for a grant's recipient. */
  preferenceOf(p: Proposal, m: number): number {
    if (m === p.recipient && p.kind === 'grant') return 1;
    return p.prefs[this.electorate.roleOf(m)] ?? 0;
  }

  /**
   * Pays member m (agent `pop[i]`) the bribe on `p` for its vote, capped by
   * the payer's remaining budget and USD; returns the USD paid (USD moves
   * between the two agents, so it is conserved).
   */
  payBribe(p: Proposal, m: number, pop: Population, i: number): number {
    const pay = this.bribeOffer(p, m);
    if (!(pay > 0)) return 0;
    const b = p.bribe!;
    this.bribeRoute(b.payer, pop).between(b.payerIndex, i, pay);
    b.spentUsd += pay;
    this.stats.bribesUsd += pay;
    this.stats.bribesThisTick += pay;
    return pay;
  }

  private bribeRoute(payer: Population, to: Population): Route {
    const bribes = this.routesOf(to).bribes;
    let r = bribes.get(payer);
    if (!r) {
      const l = this.ledger;
      bribes.set(payer, (r = l.route(l.pocket(payer.account!, payer, 'usd', 'usd'), l.pocket(to.account!, to, 'usd', 'usd'), 'bribe', 'usd')));
    }
    return r;
  }

  /** Returns the USD the bribe on `p` would pay member m now (0 when there is none or its budget is spent). */
  bribeOffer(p: Proposal, m: number): number {
    const b = p.bribe;
    if (!b) return 0;
    const left = Math.min(b.budgetUsd - b.spentUsd, b.payer.cols.usd[b.payerIndex]);
    const offer = b.usdPerPower * this.reachOf(p, m);
    return offer < left ? offer : left > 0 ? left : 0;
  }

  /** Returns the agent behind member m. */
  locate(m: number): { pop: Population; i: number } {
    const k = this.electorate.popOf(m);
    return { pop: this.electorate.pops[k], i: m - this.electorate.offset(k) };
  }

  /** Returns the share of the treasury's funds `p` requests (0 for parameter and signal proposals). */
  requestedShare(_world: World, p: Proposal): number {
    const f = this.funds;
    if (p.kind === 'grant') return f.tokens > 0 ? p.amount / f.tokens : Infinity;
    if (p.kind === 'buyback') return f.usd > 0 ? p.amount / f.usd : Infinity;
    return 0;
  }

  private check(world: World, spec: ProposalSpec, p: Proposal): string | null {
    const g = this.params();
    if (p.proposer >= 0) {
      if (p.proposer >= this.electorate.size) return 'proposer is not a member';
      const { pop, i } = this.locate(p.proposer);
      if (pop.cols.tokens[i] < g.depositTokens) return `deposit of ${g.depositTokens} tokens exceeds the proposer's ${pop.cols.tokens[i]}`;
      if (g.proposalThreshold > 0) {
        const powers = this.stats.powerBuffer(this.electorate.size);
        const total = this.electorate.powers(g.rule, g.maxLockTicks, powers);
        if (!(powers[p.proposer] >= g.proposalThreshold * total)) return `proposer's power is below the proposal threshold ${g.proposalThreshold}`;
      }
    }
    switch (spec.kind) {
      case 'param': {
        const current = getPath(world.params, spec.path);
        if (typeof current !== 'number') return `${spec.path} is not a numeric parameter`;
        if (!(typeof spec.value === 'number' && Number.isFinite(spec.value))) return `${spec.path}=${spec.value} is not a finite number`;
        if (!world.paramStore.wouldAccept(spec.path, spec.value)) return `${spec.path}=${spec.value} is outside the parameter's allowed range`;
        return null;
      }
      case 'grant':
        if (!(spec.amountTokens > 0)) return `grant of ${spec.amountTokens} tokens must be positive`;
        if (spec.recipient < 0 || spec.recipient >= this.electorate.size) return `grant recipient ${spec.recipient} is not a member`;
        if (spec.amountTokens > this.funds.tokens) return `grant of ${spec.amountTokens} tokens exceeds the treasury's ${this.funds.tokens}`;
        return null;
      case 'buyback':
        if (!this.pool) return 'no AMM pool to buy back on';
        if (!(spec.amountUsd > 0)) return `buyback of ${spec.amountUsd} USD must be positive`;
        return null;
      case 'signal':
        return null;
    }
  }

  private newProposal(world: World, spec: ProposalSpec, proposer: number): Proposal {
    const g = this.params();
    const prefs = new Float64Array(ROLES.length);
    const p: Proposal = {
      id: this.nextId++,
      kind: spec.kind,
      proposer,
      path: null,
      before: NaN,
      after: NaN,
      direction: 0,
      target: null,
      recipient: -1,
      amount: NaN,
      quality: NaN,
      prefs,
      deposit: 0,
      openedTick: world.tick,
      closesTick: world.tick + (g.rule === 'conviction' ? g.conviction.maxTicks : g.votingTicks) - 1,
      passedTick: -1,
      executeTick: -1,
      votesFor: 0,
      votesAgainst: 0,
      delegated: 0,
      voters: 0,
      totalPower: 0,
      totalHoldings: 0,
      turnout: NaN,
      conviction: 0,
      support: 0,
      power: EMPTY_F64,
      reach: null,
      choice: EMPTY_I8,
      bribe: null,
      outcome: 'active',
      reason: '',
      opposedShare: NaN,
      captured: false,
    };
    if (spec.kind === 'param') {
      const before = getPath(world.params, spec.path);
      p.path = spec.path;
      p.before = typeof before === 'number' ? before : NaN;
      p.after = spec.value;
      p.direction = spec.value > p.before ? 1 : spec.value < p.before ? -1 : 0;
      p.target = g.targets.find((t) => t.path === spec.path) ?? null;
      if (p.target) for (let r = 0; r < ROLES.length; r++) prefs[r] = p.direction * (p.target[ROLES[r]] ?? 0);
    } else if (spec.kind === 'grant') {
      p.recipient = spec.recipient;
      p.amount = spec.amountTokens;
      p.quality = spec.quality;
      const sign = spec.quality >= 0.5 ? 1 : -1;
      for (let r = 0; r < ROLES.length; r++) prefs[r] = r === GRANTEE ? g.spendPreferences.grant.grantee ?? 0 : sign * (g.spendPreferences.grant[ROLES[r]] ?? 0);
    } else if (spec.kind === 'buyback') {
      p.amount = spec.amountUsd;
      for (let r = 0; r < ROLES.length; r++) prefs[r] = g.spendPreferences.buyback[ROLES[r]] ?? 0;
    } else {
      for (let r = 0; r < ROLES.length; r++) prefs[r] = spec.preferences?.[r] ?? this.rng.int(3) - 1;
    }
    return p;
  }

  /** Takes the power snapshot of a new proposal (and, with delegation, the power each delegate carries). */
  private snapshot(p: Proposal): void {
    const g = this.params();
    const n = this.electorate.size;
    if (this.supporting.length !== n) this.supporting = new Int32Array(n);
    p.power = new Float64Array(n);
    p.choice = new Int8Array(n);
    p.totalPower = this.electorate.powers(g.rule, g.maxLockTicks, p.power);
    for (let m = 0; m < n; m++) p.totalHoldings += this.electorate.holdings(m);
    const d = this.delegateMap(n);
    if (d) {
      p.reach = new Float64Array(n);
      for (let m = 0; m < n; m++) if (d[m] >= 0) p.reach[d[m]] += p.power[m];
    }
  }

  /** Returns each member's delegate (member numbers, −1 none) in a reused buffer, or null when nobody delegates. */
  private delegateMap(n: number): Int32Array | null {
    if (this.delegateBuf.length < n) this.delegateBuf = new Int32Array(n);
    return this.electorate.delegates(this.delegateBuf) ? this.delegateBuf : null;
  }

  private close(world: World, p: Proposal, outcome: 'passed' | 'rejected' | 'expired', reason: string): void {
    const g = this.params();
    this.active.splice(this.active.indexOf(p), 1);
    p.outcome = outcome;
    p.reason = reason;
    const cast = g.rule === 'conviction' ? p.support : p.votesFor + p.votesAgainst;
    p.turnout = p.totalPower > 0 ? cast / p.totalPower : 0;
    p.opposedShare = opposedShare(this, p);
    if (outcome === 'passed') {
      p.passedTick = world.tick;
      p.executeTick = world.tick + g.timelockTicks + 1;
      p.captured = p.opposedShare > 0.5;
      this.queued.push(p);
    }
    this.stats.closed(p);
    this.log(world.tick, outcome, p);
    if (g.rule === 'conviction') for (let m = 0; m < this.supporting.length; m++) if (this.supporting[m] === p.id) this.supporting[m] = 0;
    this.settleDeposit(world, p, g.rule === 'conviction' ? outcome === 'passed' : reason !== 'quorum_missed');
    // Keep the latest ballot for delegators to review; free the rest so memory does not grow with proposals.
    if (this.lastClosed) this.lastClosed.choice = EMPTY_I8;
    this.lastClosed = p;
    p.power = EMPTY_F64;
    p.reach = null;
  }

  private settleDeposit(world: World, p: Proposal, returned: boolean): void {
    if (!(p.deposit > 0)) return;
    if (returned) {
      const { pop, i } = this.locate(p.proposer);
      this.routesOf(pop).refund.pay(i, p.deposit);
    } else {
      this.slashRoute.move(p.deposit);
    }
    this.log(world.tick, returned ? 'deposit_returned' : 'deposit_slashed', p);
  }

  private log(tick: number, kind: GovernanceEventKind, p: Proposal): void {
    const closed = kind !== 'created' && kind !== 'invalid';
    this.events.push({
      tick,
      kind,
      proposalId: p.id,
      proposalKind: p.kind,
      path: p.path,
      oldValue: p.kind === 'param' && Number.isFinite(p.before) ? p.before : null,
      newValue: p.kind === 'param' && Number.isFinite(p.after) ? p.after : null,
      amount: Number.isFinite(p.amount) ? p.amount : null,
      votesFor: p.votesFor,
      votesAgainst: p.votesAgainst,
      turnout: closed && Number.isFinite(p.turnout) ? p.turnout : null,
      opposedShare: closed && Number.isFinite(p.opposedShare) ? p.opposedShare : null,
      outcome: kind === 'invalid' || kind === 'failed' ? `${kind}: ${p.reason}` : kind === 'rejected' ? p.reason : p.outcome === 'active' ? 'open' : p.outcome,
    });
  }
}

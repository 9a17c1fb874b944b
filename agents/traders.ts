import { z } from '../src/core/zod';
import { defineBlock } from '../src/core/block';
import { distributionSchema, sample } from '../src/core/distributions';
import { addEndowed } from '../src/core/genesis';
import type { Ledger } from '../src/core/ledger';
import type { Population } from '../src/core/population';
import type { Rng } from '../src/core/rng';
import type { Route } from '../src/core/route';
import type { AgentClass, World } from '../src/core/world';
import { marketPort } from '../src/market/amm';
import { Beliefs, switchingParamsSchema } from '../src/market/beliefs';
import { exchange } from '../src/market/exchange';
import { factor, type FactorState } from '../src/market/factor';
import { fundamentals, type FundamentalValue } from '../src/market/fundamentals';
import { OrderRouter } from '../src/market/orderRouter';
import { staking } from '../src/mechanisms/staking';
import { ACCESS, accessRules, type AccessRules } from '../src/policy/accessRules';
import { taxRules, type TaxPayer } from '../src/policy/taxRules';
import { arrivalRate, departureProbability, poissonDraw } from '../src/market/participantFlow';
import { unitStudentT } from '../src/market/studentT';
import { last, total } from '../src/metrics/series';
import { mean } from '../src/metrics/stats';
import { IdleStake, idleStakeColumns, joinStakingPool, stakeIdleDefaults, stakeIdleIssues, stakeIdleSchema, type TraderStaking } from './traderStaking';

/** E|z| of a standard normal, √(2/π): the usual |log return| starts at this many factor sds. */
const CALM_ABS_Z = Math.sqrt(2 / Math.PI);

/** Trading rules, stored as the `kind` column. Noise traders keep theirs; the others switch (see `Beliefs`). */
export const TRADER_KINDS = { noise: 0, chartist: 1, fundamentalist: 2 } as const;

const kindShares = z
  .object({ noise: z.number().min(0), chartist: z.number().min(0), fundamentalist: z.number().min(0) })
  .strict();

/** Parameters of the traders class. */
export const tradersParamsSchema = z
  .object({
    /** Traders at genesis. */
    count: z.number().int().min(0).max(100_000_000),
    initialTokens: distributionSchema,
    initialUsd: distributionSchema,
    /** Shares of noise, chartist and fundamentalist traders at genesis (normalised); noise traders never switch. */
    mix: kindShares.refine((m) => m.noise + m.chartist + m.fundamentalist > 0, { message: 'trader mix must not be all zero' }),
    /** Probability a trader trades in a tick, in a calm market. */
    activity: z.number().min(0).max(1),
    /**
     * Attention: activity scales with A_t^κ, A_t the recent size of moves
     * (an EWMA of |log returns| with half-life `halfLifeTicks`) over their
     * usual size (the same with half-life `baselineTicks`) — traders watch a
     * moving market more.
     */
    attention: z
      .object({ elasticity: z.number().min(0).max(10), halfLifeTicks: z.number().positive().max(10_000), baselineTicks: z.number().positive().max(100_000) })
      .strict(),
    /** Order size per unit of mispricing ln(V/p), as a share of the trader's wealth (fundamentalists). */
    fundamentalistGain: z.number().min(0).max(100),
    /** Order size per unit of the trend ln(p_{t−1}/p_{t−1−L}), as a share of wealth (chartists). */
    chartistGain: z.number().min(0).max(1000),
    /** Ticks L of the chartists' trend. */
    chartistLookback: z.number().int().min(1).max(10_000),
    /** Scale of each rule's random order component, as a share of wealth per unit-variance draw. */
    orderNoise: kindShares,
    /** Correlation of the random component among traders following the same rule, in [0, 1]. */
    noiseCorrelation: z.number().min(0).max(1),
    /** Degrees of freedom ν > 2 of the Student-t random component (smaller: fatter-tailed orders). */
    orderTail: z.number().gt(2).max(1000),
    /** Order size per unit of the market factor's log return this tick, as a share of wealth (every rule). */
    factorResponse: z.number().min(-100).max(100),
    /** Share of traders (genesis and newcomers) who trade only on the AMM (on-chain users); the others route across venues. */
    dexShare: z.number().min(0).max(1),
    /** Largest order, as a share of the trader's wealth. */
    maxOrderShare: z.number().gt(0).max(1),
    /** Spread σ of fundamentalists' perceived value around the fundamental value (lognormal, median 1). */
    valueSpread: z.number().min(0).max(5),
    switching: switchingParamsSchema,
    /** New participants: a Poisson flow growing with usage and sentiment, each bringing USD from outside. */
    arrivals: z
      .object({
        perYear: z.number().min(0).max(1e9),
        usd: distributionSchema,
        /** Share of its USD a newcomer spends on tokens on arrival. */
        entryShare: z.number().min(0).max(1),
        /** Elasticity κ of the arrival rate to sentiment. */
        sentimentElasticity: z.number().min(-10).max(10),
        /** Elasticity ε of the arrival rate to the usage index. */
        usageElasticity: z.number().min(-10).max(10),
      })
      .strict(),
    /** Participants leaving: a hazard falling with sentiment, and capitulation after losses; leavers sell their tokens and take their USD out. */
    departures: z
      .object({
        perYear: z.number().min(0).max(1e6),
        sentimentElasticity: z.number().min(-10).max(10),
        /** Share of entry wealth lost at which a trader gives up and leaves, in (0, 1]; 1: never. */
        capitulation: z.number().gt(0).max(1),
      })
      .strict(),
    /** Staking idle tokens while the staking APR beats each trader's hurdle (see `stakeIdleSchema`); share 0: traders never stake. */
    stakeIdle: stakeIdleSchema,
  })
  .strict();
export type TradersParams = z.infer<typeof tradersParamsSchema>;

/** The traders' columns: rule, whether it trades on the AMM only, perceived-value multiple, the wealth it came in with, and its stake and staking hurdle (`idleStakeColumns`). */
export const tradersSchema = { kind: 'u8', dexOnly: 'u8', fairValue: 'f64', entryWealth: 'f64', ...idleStakeColumns } as const;

/** What the traders did in the current tick. */
interface TickCounts {
  arrivals: number;
  departures: number;
  inflowUsd: number;
  outflowUsd: number;
}

/**
 * Traders: an open population of noise traders, chartists and
 * fundamentalists whose rules' popularity follows their performance (see
 * `Beliefs`). Each tick a trader trades with probability `activity` · A_t^κ
 * (attention: A_t the recent size of moves against a calm market's), an
 * order of q = W · clamp(d, ±maxOrderShare) USD (W: its wealth, USD plus
 * tokens at the price; q > 0 buys, q < 0 sells, through the order router),
 *
 *   d = g_k · signal_k + σ_k (√ρ η_k + √(1 − ρ) ε_i) + g_F · r^F_t,
 *
 * with signal ln(m_i V_t / p) for fundamentalists (V_t the fundamental
 * value, m_i its own perception), the trend ln(p_{t−1} / p_{t−1−L}) for
 * chartists and none for noise traders; ε_i and the rule's common shock η_k
 * unit Student-t draws (fat-tailed, so order sizes are fat-tailed and, with
 * W, wealth-dependent); r^F_t the market factor's return (sentiment moves
 * everyone's demand). A share `dexShare` of traders trade on the AMM only
 * (on-chain users); the others' orders are split across the venues. Chartists' orders carry more noise than
 * fundamentalists' (structural stochastic volatility: Franke & Westerhoff
 * 2012), so volatility rises with the chartists' share.
 *
 * The market is open (after Cocco, Concas & Marchesi 2017, whose traders
 * enter over time with wealth drawn from a fat-tailed law): newcomers arrive
 * as a Poisson flow (`arrivalRate`) with USD from outside and spend
 * `entryShare` of it at once; each trader leaves with probability
 * `departureProbability` a tick, or when its wealth has fallen by
 * `capitulation` from what it brought; a leaver sells its tokens and its USD
 * leaves the model. Leavers' slots are reused by later arrivals.
 *
 * With `stakeIdle` (and a staking pool in the model) a trader who trades in
 * a tick then reviews its stake against its hurdle (see `IdleStake`); its
 * wealth W counts its stake at the price. A leaver unstakes everything;
 * what is still unbonding is sold and its USD taken out when it is released
 * (its slot is reused only then).
 */
export class Traders implements AgentClass {
  readonly name: string;
  readonly beliefs: Beliefs;
  /** Current shares of the rules among active traders. */
  shareChartist = 0;
  shareFundamentalist = 0;
  /** Active traders. */
  activeCount = 0;
  readonly counts: TickCounts = { arrivals: 0, departures: 0, inflowUsd: 0, outflowUsd: 0 };
  private readonly free: number[] = [];
  private readonly arrive: Route;
  private readonly leave: Route;
  private target = 0.5;
  private mispricing = 0;
  private trend = 0;
  private commonShock = new Float64Array(3);
  private readonly tickSd: number;
  /** EWMAs of |r|, recent and usual. */
  private recentMove = NaN;
  private usualMove = NaN;
  private activityNow = 0;
  /** The traders' idle tokens in the staking pool, and leavers waiting out unbonding. */
  private readonly idle: IdleStake;

  constructor(
    readonly population: Population<typeof tradersSchema>,
    private readonly params: () => TradersParams,
    private readonly router: OrderRouter,
    /** The AMM alone, for traders who trade only on-chain. */
    private readonly dex: OrderRouter,
    private readonly rng: Rng,
    ledger: Ledger,
    private readonly factor: FactorState | null,
    private readonly value: FundamentalValue | null,
    ticksPerYear: number,
    /** Access rules for a restricted jurisdiction, when the model has them. */
    private readonly access: AccessRules | null = null,
    /** The traders' taxpayers under tax rules (gains tax on every sale over its basis); null without them. */
    private readonly tax: TaxPayer | null = null,
    /** The traders' place in the staking pool; null when they do not stake. */
    staking: TraderStaking | null = null,
  ) {
    this.name = population.name;
    this.beliefs = new Beliefs(() => this.params().switching);
    const usd = ledger.pocket(population.account!, population, 'usd', 'usd');
    this.arrive = ledger.route('outside', usd, 'arrival', 'usd');
    this.leave = ledger.route(usd, 'outside', 'departure', 'usd');
    this.tickSd = factor ? factor.tickSd : 0.7 / Math.sqrt(ticksPerYear);
    this.idle = new IdleStake(population, staking, tax);
  }

  /** Creates the genesis traders with their rules, perceptions and balances. */
  init(world: World, rng: Rng): void {
    const p = this.params();
    const pop = this.population;
    const [first, end] = addEndowed(world.ledger, pop, p.count, p.initialTokens, p.initialUsd, rng);
    const { kind, dexOnly, fairValue, entryWealth, tokens, usd } = pop.cols;
    const m = p.mix;
    const sum = m.noise + m.chartist + m.fundamentalist;
    const price = this.router.price;
    for (let i = first; i < end; i++) {
      const u = rng.next() * sum;
      kind[i] = u < m.noise ? TRADER_KINDS.noise : u < m.noise + m.chartist ? TRADER_KINDS.chartist : TRADER_KINDS.fundamentalist;
      fairValue[i] = Math.exp(p.valueSpread * rng.normal());
      entryWealth[i] = usd[i] + tokens[i] * price;
    }
    // Venue choices from their own stream, so the other genesis draws do not depend on them.
    const venues = rng.fork('venue');
    for (let i = first; i < end; i++) dexOnly[i] = venues.chance(p.dexShare) ? 1 : 0;
    this.idle.drawHurdles(p.stakeIdle, first, end);
    this.activeCount = p.count;
    this.recount();
  }

  /** Phase `pre`: scores the rules on last tick's return, sets their signals and the target share, and draws each rule's common shock. */
  pre(world: World): void {
    const p = this.params();
    const t = world.tick;
    const p1 = world.priceAt(t - 1);
    const r = Math.log(p1 / world.priceAt(t - 2));
    const v = this.value ? this.value.value : world.priceAt(0);
    this.mispricing = Math.log(p1 / v);
    this.trend = Math.log(p1 / world.priceAt(t - 1 - p.chartistLookback));
    this.beliefs.update(t >= 2 ? r : 0, this.tickSd, -Math.sign(this.mispricing), Math.sign(this.trend));
    if (!(this.usualMove > 0)) this.recentMove = this.usualMove = CALM_ABS_Z * this.tickSd;
    if (t >= 2) {
      const a = p.attention;
      const ws = 1 - Math.pow(2, -1 / a.halfLifeTicks);
      const wl = 1 - Math.pow(2, -1 / a.baselineTicks);
      this.recentMove = (1 - ws) * this.recentMove + ws * Math.abs(r);
      this.usualMove = (1 - wl) * this.usualMove + wl * Math.abs(r);
    }
    const level = this.usualMove > 0 ? this.recentMove / this.usualMove : 1;
    this.activityNow = Math.min(1, p.activity * Math.pow(level, p.attention.elasticity));
    this.recount();
    const switchers = this.shareFundamentalist + this.shareChartist;
    const f = switchers > 0 ? this.shareFundamentalist / switchers : 0.5;
    this.target = this.beliefs.targetFundamentalistShare(f, 1 - f, this.mispricing);
    for (let k = 0; k < 3; k++) this.commonShock[k] = unitStudentT(this.rng, p.orderTail);
  }

  act(world: World, order: Int32Array | null, count: number): void {
    const p = this.params();
    const c = this.counts;
    c.arrivals = 0;
    c.departures = 0;
    c.inflowUsd = 0;
    c.outflowUsd = 0;
    const rng = this.rng;
    const router = this.router;
    const pop = this.population;
    const sentiment = this.factor ? this.factor.sentiment : 0;
    const factorMove = this.factor ? p.factorResponse * this.factor.returnThisTick : 0;
    const leaveP = departureProbability(p.departures.perYear, world.ticksPerYear, sentiment, p.departures.sentimentElasticity);
    const value = this.value ? this.value.value : world.priceAt(0);
    const rho = Math.sqrt(p.noiseCorrelation);
    const own = Math.sqrt(1 - p.noiseCorrelation);
    const noise = [p.orderNoise.noise, p.orderNoise.chartist, p.orderNoise.fundamentalist];
    const common = this.commonShock;
    const cap = p.maxOrderShare;
    const switchRate = p.switching.rate;
    // Incumbents are screened once, at the access rules' start tick.
    const screening = this.access !== null && this.access.active && this.access.screensIncumbents;
    const idle = this.idle;
    idle.beginTick(p.stakeIdle);
    if (idle.waiting > 0) idle.releaseLeavers((i) => this.sellOut(i, world.tick));
    for (let k = 0; k < count; k++) {
      const i = order === null ? k : order[k];
      const cols = pop.cols;
      if (cols.active[i] === 0) continue;
      const kd = cols.kind[i];
      if (kd !== TRADER_KINDS.noise && rng.next() < switchRate) cols.kind[i] = rng.next() < this.target ? TRADER_KINDS.fundamentalist : TRADER_KINDS.chartist;
      const price = router.price;
      // The stake counts at the price (0 for a trader that does not stake, which leaves the sum as it was).
      const wealth = cols.usd[i] + cols.tokens[i] * price + (cols.staked[i] + cols.unbonding[i]) * price;
      if (screening && this.access!.screen(pop, i, wealth) === ACCESS.barred) {
        this.depart(i, world.tick);
        continue;
      }
      if (rng.next() < leaveP || wealth < (1 - p.departures.capitulation) * cols.entryWealth[i]) {
        this.depart(i, world.tick);
        continue;
      }
      if (rng.next() >= this.activityNow) continue;
      const kind = cols.kind[i];
      let d = kind === TRADER_KINDS.fundamentalist ? p.fundamentalistGain * Math.log((cols.fairValue[i] * value) / price) : kind === TRADER_KINDS.chartist ? p.chartistGain * this.trend : 0;
      d += noise[kind] * (rho * common[kind] + own * unitStudentT(rng, p.orderTail)) + factorMove;
      if (d > cap) d = cap;
      else if (d < -cap) d = -cap;
      const q = d * wealth;
      const via = cols.dexOnly[i] === 1 ? this.dex : router;
      if (q > 0) this.buy(via, i, q, world.tick);
      else if (q < 0) this.sell(via, i, -q / price, world.tick);
      idle.review(i, world.tick);
    }
    this.arrivals(world, p, sentiment);
  }

  /** Leaver i, its unbonding released, sells its tokens (paying any gains tax) and takes its USD out; its slot is then reused. */
  private sellOut(i: number, tick: number): void {
    const cols = this.population.cols;
    if (cols.tokens[i] > 0) this.sell(cols.dexOnly[i] === 1 ? this.dex : this.router, i, cols.tokens[i], tick);
    const usd = cols.usd[i];
    if (usd > 0) this.leave.take(i, usd);
    this.counts.outflowUsd += usd;
    if (cols.tokens[i] === 0 && cols.usd[i] === 0) this.free.push(i);
  }

  /** Brings in this tick's newcomers: each gets USD from outside and spends `entryShare` of it on tokens. */
  private arrivals(world: World, p: TradersParams, sentiment: number): void {
    const a = p.arrivals;
    const usage = this.value ? this.value.usage : 1;
    const n = poissonDraw(this.rng, arrivalRate(a.perYear, world.ticksPerYear, usage, a.usageElasticity, sentiment, a.sentimentElasticity));
    const pop = this.population;
    for (let k = 0; k < n; k++) {
      const i = this.free.length ? this.free.pop()! : pop.add(1);
      const cols = pop.cols;
      cols.active[i] = 1;
      cols.kind[i] = this.rng.next() < this.noiseShare(p) ? TRADER_KINDS.noise : this.rng.next() < this.target ? TRADER_KINDS.fundamentalist : TRADER_KINDS.chartist;
      cols.fairValue[i] = Math.exp(p.valueSpread * this.rng.normal());
      cols.dexOnly[i] = this.rng.chance(p.dexShare) ? 1 : 0;
      this.idle.drawHurdle(p.stakeIdle, i);
      const usd = Math.max(0, sample(a.usd, this.rng));
      const standing = this.access !== null && this.access.active ? this.access.screenNewcomer(usd) : ACCESS.free;
      if (standing === ACCESS.barred) {
        // Turned away: it never brings its USD in, and its slot stays free.
        cols.active[i] = 0;
        this.free.push(i);
        continue;
      }
      cols.entryWealth[i] = usd;
      if (usd > 0) this.arrive.pay(i, usd);
      if (standing === ACCESS.checked) this.access!.chargeNewcomer(pop, i);
      this.buy(cols.dexOnly[i] === 1 ? this.dex : this.router, i, standing === ACCESS.checked ? Math.min(usd * a.entryShare, cols.usd[i]) : usd * a.entryShare, world.tick);
      this.counts.arrivals++;
      this.counts.inflowUsd += usd;
      this.activeCount++;
    }
  }

  /** Trader i spends up to `usd` on tokens through `via`; under tax rules the tokens join its cost basis. */
  private buy(via: OrderRouter, i: number, usd: number, tick: number): void {
    const tax = this.tax;
    if (tax === null) {
      via.buy(this.population, i, usd);
      return;
    }
    const cols = this.population.cols;
    const before = cols.usd[i];
    const got = via.buy(this.population, i, usd);
    if (got > 0) tax.onBuy(i, got, before - cols.usd[i], tick);
  }

  /** Trader i sells up to `tokens` through `via`; under tax rules it pays the gains tax on the sale. */
  private sell(via: OrderRouter, i: number, tokens: number, tick: number): void {
    const tax = this.tax;
    if (tax === null) {
      via.sell(this.population, i, tokens);
      return;
    }
    const cols = this.population.cols;
    const before = cols.tokens[i];
    const got = via.sell(this.population, i, tokens);
    if (got > 0) tax.onSale(i, before - cols.tokens[i], got, tick);
  }

  /** Trader i sells its tokens (paying any gains tax), takes its USD out of the model and leaves; its slot is reused once it holds nothing. */
  private depart(i: number, tick: number): void {
    const cols = this.population.cols;
    // A leaver's stake comes out first (its reward with it); what must wait out unbonding is sold when released.
    this.idle.leave(i, tick);
    if (cols.tokens[i] > 0) this.sell(cols.dexOnly[i] === 1 ? this.dex : this.router, i, cols.tokens[i], tick);
    const usd = cols.usd[i];
    if (usd > 0) this.leave.take(i, usd);
    cols.active[i] = 0;
    if (cols.tokens[i] === 0 && cols.usd[i] === 0 && cols.unbonding[i] === 0) this.free.push(i);
    this.counts.departures++;
    this.counts.outflowUsd += usd;
    this.activeCount--;
  }

  private noiseShare(p: TradersParams): number {
    const m = p.mix;
    return m.noise / (m.noise + m.chartist + m.fundamentalist);
  }

  /** Recounts the rules' shares among active traders. */
  private recount(): void {
    const { active, kind } = this.population.cols;
    let n = 0;
    let c = 0;
    let f = 0;
    for (let i = 0; i < this.population.size; i++) {
      if (active[i] === 0) continue;
      n++;
      if (kind[i] === TRADER_KINDS.chartist) c++;
      else if (kind[i] === TRADER_KINDS.fundamentalist) f++;
    }
    this.shareChartist = n > 0 ? c / n : 0;
    this.shareFundamentalist = n > 0 ? f / n : 0;
  }
}

/** Default traders: 2,000 at genesis (40% noise, 30% chartists, 30% fundamentalists), newcomers and leavers about 1,000 a year each. */
export const tradersDefaults: TradersParams = {
  count: 2000,
  initialTokens: { dist: 'lognormal', mu: Math.log(5000), sigma: 1 },
  initialUsd: { dist: 'lognormal', mu: Math.log(5000), sigma: 1 },
  mix: { noise: 0.4, chartist: 0.3, fundamentalist: 0.3 },
  activity: 0.2,
  attention: { elasticity: 0.8, halfLifeTicks: 5, baselineTicks: 90 },
  fundamentalistGain: 0.03,
  chartistGain: 0.05,
  chartistLookback: 1,
  orderNoise: { noise: 0.09, chartist: 0.35, fundamentalist: 0.06 },
  noiseCorrelation: 0.2,
  orderTail: 4,
  factorResponse: 0.7,
  dexShare: 0.3,
  maxOrderShare: 0.5,
  valueSpread: 0.1,
  switching: { intensity: 1, memory: 0.9, predisposition: -0.3, herding: 2, misalignment: 18, rate: 0.05 },
  arrivals: { perYear: 1000, usd: { dist: 'pareto', xm: 2000, alpha: 1.5 }, entryShare: 0.5, sentimentElasticity: 0.3, usageElasticity: 0.5 },
  departures: { perYear: 0.5, sentimentElasticity: 0.3, capitulation: 0.6 },
  stakeIdle: stakeIdleDefaults,
};

/** The traders agent block: an open population of noise traders, chartists and fundamentalists switching by performance. */
export const traders = defineBlock({
  key: 'traders',
  kind: 'agents',
  description: 'traders: noise, chartist and fundamentalist rules switching by performance; arrive and leave with USD; optionally stake a share of their tokens when the staking APR beats a hurdle',
  sources: [
    'Brock & Hommes (1998), "Heterogeneous beliefs and routes to chaos in a simple asset pricing model", J. Econ. Dynamics and Control 22',
    'Franke & Westerhoff (2012), "Structural stochastic volatility in asset pricing dynamics", J. Econ. Dynamics and Control 36',
    'Lux & Marchesi (1999), "Scaling and criticality in a stochastic multi-agent model of a financial market", Nature 397',
    'Cocco, Concas & Marchesi (2017), "Using an artificial financial market for studying a cryptocurrency market", J. Econ. Interaction and Coordination 12',
  ],
  params: { schema: tradersParamsSchema, defaults: tradersDefaults },
  needs: { market: marketPort },
  uses: { exchange, factor, fundamentals, accessRules, taxRules, staking },
  check(p, _all, blocks) {
    return stakeIdleIssues(p.stakeIdle, blocks);
  },
  population: { schema: tradersSchema, count: (p) => p.count + p.arrivals.perYear },
  metrics: {
    traders: { unit: 'agents', description: 'active traders' },
    chartist_share: { unit: 'share', description: 'share of active traders following the chartist rule' },
    fundamentalist_share: { unit: 'share', description: 'share of active traders following the fundamentalist rule' },
    arrivals: { unit: 'agents', kind: 'flow', description: 'traders who arrived since the previous row' },
    departures: { unit: 'agents', kind: 'flow', description: 'traders who left since the previous row' },
    inflow_usd: { unit: 'USD', kind: 'flow', description: 'USD newcomers brought into the model since the previous row' },
    outflow_usd: { unit: 'USD', kind: 'flow', description: 'USD leavers took out of the model since the previous row' },
  },
  kpis: {
    final_traders: { unit: 'agents', description: 'active traders at the last tick' },
    mean_chartist_share: { unit: 'share', description: 'mean chartist share over the recorded rows' },
    total_inflow_usd: { unit: 'USD', description: 'USD brought in by newcomers over the run' },
    total_outflow_usd: { unit: 'USD', description: 'USD taken out by leavers over the run' },
  },
  build(ctx) {
    const { pop } = ctx.population(tradersSchema);
    const d = ctx.deps;
    const router = new OrderRouter(d.market, d.exchange);
    const dex = new OrderRouter(d.market, null);
    // Tax is sold for on the venue the trader uses.
    const tax = d.taxRules?.attach(pop, (i, t) => (pop.cols.dexOnly[i] === 1 ? dex : router).sell(pop, i, t), () => router.price, (i) => pop.cols.tokens[i]) ?? null;
    const stake = joinStakingPool(ctx.params().stakeIdle, d.staking, pop, ctx.rng);
    const cls = new Traders(pop, ctx.params, router, dex, ctx.rng, ctx.ledger, d.factor, d.fundamentals, ctx.world.ticksPerYear, d.accessRules, tax, stake);
    return {
      api: cls,
      agents: cls,
      hooks: { pre: (w) => cls.pre(w) },
      genesis: (w) => cls.init(w, ctx.rng.fork('genesis')),
      metrics: {
        traders: () => cls.activeCount,
        chartist_share: () => cls.shareChartist,
        fundamentalist_share: () => cls.shareFundamentalist,
        arrivals: () => cls.counts.arrivals,
        departures: () => cls.counts.departures,
        inflow_usd: () => cls.counts.inflowUsd,
        outflow_usd: () => cls.counts.outflowUsd,
      },
      summary: ({ series }) => ({
        final_traders: last(series, 'traders'),
        mean_chartist_share: mean(series.chartist_share),
        total_inflow_usd: total(series, 'inflow_usd'),
        total_outflow_usd: total(series, 'outflow_usd'),
      }),
    };
  },
});

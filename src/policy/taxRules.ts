import { z } from '../core/zod';
import { defineBlock, type TableRows } from '../core/block';
import type { Ledger } from '../core/ledger';
import type { Population } from '../core/population';
import type { Rng } from '../core/rng';
import type { Route } from '../core/route';
import { spanYears, total } from '../metrics/series';

/** One jurisdiction's declared tax rules on token income. */
export const jurisdictionSchema = z
  .object({
    /** Its name, as written in the `tax <name>` flows and the `tax_by_jurisdiction` table. */
    name: z.string().min(1).max(40),
    /** Share of the agents of each served population resident there, in [0, 1]; the shares of all jurisdictions sum to at most 1, the rest pay no tax. */
    share: z.number().min(0).max(1),
    /** Rate on staking rewards, taxed as income at receipt on their USD value, in [0, 1]. */
    stakingRewardRate: z.number().min(0).max(1),
    /** Rate on a sale's gain over its cost basis, in [0, 1]. */
    tradingGainsRate: z.number().min(0).max(1),
    /** Ticks tokens must be held for the long-term discount (0: every gain is long-term). */
    holdingPeriodTicks: z.number().int().min(0).max(100_000),
    /** Share of the gains rate forgiven on tokens held at least `holdingPeriodTicks`, in [0, 1] (1: exempt, as in Germany after a year). */
    longTermDiscount: z.number().min(0).max(1),
    /** Rate on a node operator's net income (token income at the price, USD income, less cash costs and depreciation), in [0, 1]. */
    nodeIncomeRate: z.number().min(0).max(1),
    /** Share of the hardware cost of a unit run on the operator's own renewables paid back as a credit when it is bought, in [0, 1]. */
    renewableCreditShare: z.number().min(0).max(1),
  })
  .strict();
export type Jurisdiction = z.infer<typeof jurisdictionSchema>;

/** Parameters of the tax rules: the jurisdictions agents belong to. */
export const taxRulesParamsSchema = z
  .object({
    /** The jurisdictions, at most 16; none: the block is inert. */
    jurisdictions: z.array(jurisdictionSchema).max(16),
  })
  .strict();
export type TaxRulesParams = z.infer<typeof taxRulesParamsSchema>;

/** No jurisdictions: nobody is taxed and the block is inert. */
export const taxRulesDefaults: TaxRulesParams = { jurisdictions: [] };

/** A jurisdiction with every rate 0, for experiments to override. */
export const untaxedJurisdiction: Jurisdiction = {
  name: 'untaxed',
  share: 1,
  stakingRewardRate: 0,
  tradingGainsRate: 0,
  holdingPeriodTicks: 0,
  longTermDiscount: 0,
  nodeIncomeRate: 0,
  renewableCreditShare: 0,
};

/** What a tax is levied on: the columns of the per-jurisdiction totals. */
export const TAX_KINDS = ['staking', 'gains', 'node', 'credit'] as const;
const STAKING = 0;
const GAINS = 1;
const NODE = 2;
const CREDIT = 3;

/** Returns the tax on a staking reward of `tokens` at `priceUsd`, in USD: rate · tokens · price. */
export function stakingRewardTaxUsd(j: Jurisdiction, tokens: number, priceUsd: number): number {
  return j.stakingRewardRate * tokens * priceUsd;
}

/**
 * Returns the rate on a gain from tokens held `heldTicks`: the gains rate,
 * times (1 − longTermDiscount) once heldTicks ≥ holdingPeriodTicks.
 */
export function gainsRate(j: Jurisdiction, heldTicks: number): number {
  return heldTicks >= j.holdingPeriodTicks ? j.tradingGainsRate * (1 - j.longTermDiscount) : j.tradingGainsRate;
}

/** Returns the tax on selling at `proceedsUsd` tokens of cost basis `basisUsd` held `heldTicks`, in USD: gainsRate · max(0, proceeds − basis); losses are not credited. */
export function gainsTaxUsd(j: Jurisdiction, proceedsUsd: number, basisUsd: number, heldTicks: number): number {
  const gain = proceedsUsd - basisUsd;
  return gain > 0 ? gainsRate(j, heldTicks) * gain : 0;
}

/** Returns the tax on a node operator's income for one tick, in USD: nodeIncomeRate · max(0, income − cash cost − depreciation); a loss is not carried forward. */
export function nodeIncomeTaxUsd(j: Jurisdiction, incomeUsd: number, cashCostUsd: number, depreciationUsd: number): number {
  const net = incomeUsd - cashCostUsd - depreciationUsd;
  return net > 0 ? j.nodeIncomeRate * net : 0;
}

/**
 * Returns a unit's cash margin per tick after node income tax, in USD:
 * m − t · max(0, m − d) for a margin m before tax and depreciation d per
 * tick (depreciation is deducted, so a unit earning no more than it
 * depreciates pays nothing).
 */
export function afterTaxMarginUsd(j: Jurisdiction, marginUsd: number, depreciationUsd: number): number {
  const net = marginUsd - depreciationUsd;
  return net > 0 ? marginUsd - j.nodeIncomeRate * net : marginUsd;
}

/** Index of the jurisdiction with no tax (an agent drawn into none of the declared ones). */
const NONE = 0;

/**
 * One population's taxpayers: each agent's jurisdiction, its cost basis
 * for gains, and the routes its tax is paid along. Agent i's jurisdiction
 * is the i-th draw of the block's stream forked by the population's name
 * (u < s_1: the first, u < s_1 + s_2: the second, …, else none), whatever
 * order agents are reached in.
 */
export class TaxPayer {
  /** Jurisdiction of each agent reached so far, plus 1 (0: none). */
  private home = new Uint8Array(0);
  private assigned = 0;
  /** Average cost basis per token and mean acquisition tick, per agent (NaN: not opened yet). */
  private basis = new Float64Array(0);
  private since = new Float64Array(0);
  private readonly pay: Route[];
  private readonly credit: Route[];

  constructor(
    readonly population: Population,
    private readonly rules: TaxRules,
    private readonly rng: Rng,
    /** Sells up to `tokens` of agent i's tokens for USD (the agent's order router); returns the USD got. */
    private readonly sell: (i: number, tokens: number) => number,
    /** Returns the token price, in USD. */
    private readonly price: () => number,
    /** Returns agent i's token holdings the basis is spread over (liquid, staked, unbonding). */
    private readonly holdings: (i: number) => number,
    ledger: Ledger,
  ) {
    const usd = ledger.pocket(population.account!, population, 'usd', 'usd');
    this.pay = rules.jurisdictions.map((j) => ledger.route(usd, 'outside', `tax ${j.name}`, 'usd'));
    this.credit = rules.jurisdictions.map((j) => ledger.route('outside', usd, `tax credit ${j.name}`, 'usd'));
  }

  /** Returns the index of agent i's jurisdiction in the rules, or −1 when it has none. */
  jurisdictionOf(i: number): number {
    if (i >= this.assigned) this.assignTo(i);
    return this.home[i] - 1;
  }

  /** Returns the share of a staking reward agent i keeps after tax: 1 − its staking rate (1 untaxed). */
  rewardKeep(i: number): number {
    const j = this.jurisdictionOf(i);
    return j < 0 ? 1 : 1 - this.rules.jurisdictions[j].stakingRewardRate;
  }

  /** Agent i received a staking reward of `tokens`: pays the tax on it at the price now and adds it to its cost basis at that price. */
  onStakingReward(i: number, tokens: number, tick: number): void {
    const j = this.jurisdictionOf(i);
    if (j < 0 || !(tokens > 0)) return;
    const p = this.price();
    this.acquire(i, tokens, tokens * p, tick);
    this.charge(i, j, STAKING, stakingRewardTaxUsd(this.rules.jurisdictions[j], tokens, p));
  }

  /** Agent i bought `tokens` for `usd`: adds them to its cost basis. */
  onBuy(i: number, tokens: number, usd: number, tick: number): void {
    if (this.jurisdictionOf(i) < 0 || !(tokens > 0)) return;
    this.acquire(i, tokens, usd, tick);
  }

  /** Agent i sold `tokens` (already gone from its holdings) for `proceedsUsd`: pays the gains tax on proceeds over their average basis. */
  onSale(i: number, tokens: number, proceedsUsd: number, tick: number): void {
    const j = this.jurisdictionOf(i);
    if (j < 0 || !(tokens > 0)) return;
    this.open(i);
    const tax = gainsTaxUsd(this.rules.jurisdictions[j], proceedsUsd, this.basis[i] * tokens, tick - this.since[i]);
    this.charge(i, j, GAINS, tax);
  }

  /** Returns agent i's (a node operator's) cash margin per tick after node income tax (`afterTaxMarginUsd`), in USD. */
  afterTaxMargin(i: number, marginUsd: number, depreciationUsd: number): number {
    const j = this.jurisdictionOf(i);
    return j < 0 ? marginUsd : afterTaxMarginUsd(this.rules.jurisdictions[j], marginUsd, depreciationUsd);
  }

  /** Returns the share of a renewable-powered unit's hardware cost agent i gets back as a credit (0 untaxed). */
  hardwareCreditShare(i: number): number {
    const j = this.jurisdictionOf(i);
    return j < 0 ? 0 : this.rules.jurisdictions[j].renewableCreditShare;
  }

  /** Agent i (a node operator) earned `incomeUsd` this tick against `cashCostUsd` and `depreciationUsd`: pays the node income tax. */
  onNodeIncome(i: number, incomeUsd: number, cashCostUsd: number, depreciationUsd: number): void {
    const j = this.jurisdictionOf(i);
    if (j < 0) return;
    this.charge(i, j, NODE, nodeIncomeTaxUsd(this.rules.jurisdictions[j], incomeUsd, cashCostUsd, depreciationUsd));
  }

  /** Agent i bought renewable-powered hardware worth `hardwareUsd`: its jurisdiction pays it the credit (USD from outside the model). */
  onRenewableHardware(i: number, hardwareUsd: number): void {
    const j = this.jurisdictionOf(i);
    if (j < 0) return;
    const usd = this.rules.jurisdictions[j].renewableCreditShare * hardwareUsd;
    if (!(usd > 0)) return;
    this.credit[j].pay(i, usd);
    this.rules.note(j, CREDIT, usd);
  }

  /** Agent i pays `usd` of tax of kind k to jurisdiction j, selling tokens for what its USD lacks; what it still cannot pay is noted unpaid. */
  private charge(i: number, j: number, k: number, usd: number): void {
    if (!(usd > 0)) return;
    const c = this.population.cols;
    if (c.usd[i] < usd && c.tokens[i] > 0) {
      const p = this.price();
      if (p > 0) this.sell(i, Math.min(c.tokens[i], (usd - c.usd[i]) / (p * (1 - 0.01))));
    }
    const paid = c.usd[i] < usd ? c.usd[i] : usd;
    if (paid > 0) this.pay[j].take(i, paid);
    this.rules.note(j, k, paid);
    this.rules.unpaidUsd += usd - paid;
  }

  /** Adds `tokens` bought for (or valued at) `usd` at `tick` to agent i's average basis and mean acquisition tick. */
  private acquire(i: number, tokens: number, usd: number, tick: number): void {
    this.open(i);
    const before = this.holdings(i) - tokens;
    const held = before > 0 ? before : 0;
    const all = held + tokens;
    this.basis[i] = (this.basis[i] * held + usd) / all;
    this.since[i] = (this.since[i] * held + tick * tokens) / all;
  }

  /** Opens agent i's basis the first time it is reached: the tokens it holds count as bought at the genesis price at tick 0. */
  private open(i: number): void {
    if (this.basis[i] === this.basis[i]) return;
    this.basis[i] = this.rules.genesisPrice;
    this.since[i] = 0;
  }

  /** Draws the jurisdictions of agents up to i, in index order. */
  private assignTo(i: number): void {
    if (i >= this.home.length) this.grow(Math.max(i + 1, 2 * this.home.length, 64));
    const js = this.rules.jurisdictions;
    for (let a = this.assigned; a <= i; a++) {
      const u = this.rng.next();
      let cum = 0;
      let h = NONE;
      for (let k = 0; k < js.length; k++) {
        cum += js[k].share;
        if (u < cum) {
          h = k + 1;
          break;
        }
      }
      this.home[a] = h;
      this.rules.residents[h]++;
    }
    this.assigned = i + 1;
  }

  private grow(n: number): void {
    const home = new Uint8Array(n);
    home.set(this.home);
    this.home = home;
    const basis = new Float64Array(n).fill(NaN);
    basis.set(this.basis);
    this.basis = basis;
    const since = new Float64Array(n);
    since.set(this.since);
    this.since = since;
  }
}

/**
 * Tax rules by jurisdiction on token income. Each agent of a served
 * population (stakers, traders, node operators) belongs to one jurisdiction, drawn
 * once from the block's own stream by the declared shares (`TaxPayer`), or
 * to none (the shares' remainder), which pays nothing. Taxes are paid in
 * USD out of the model along `tax <jurisdiction>` (an agent short of USD
 * sells tokens for it); credits come in along `tax credit <jurisdiction>`.
 *
 * - Staking rewards are income at receipt: tax = t_s · reward · price, and
 *   the reward's cost basis is its value then (`stakingRewardTaxUsd`).
 * - A sale pays t_g · max(0, proceeds − basis), the rate times
 *   (1 − discount) on tokens held at least the holding period
 *   (`gainsTaxUsd`); the basis is the agent's average cost per token and
 *   its holding period the mean acquisition tick of what it holds.
 * - A node operator pays t_n · max(0, income − cash costs − depreciation)
 *   each tick (`nodeIncomeTaxUsd`; no loss carried forward); a unit bought
 *   to run on the operator's own renewables earns a credit of
 *   `renewableCreditShare` of its hardware cost, paid when it is bought
 *   (refundable).
 *
 * Stakers pay the gains tax on their reward and exit sales, traders on
 * every sale (their trades and their exit), buys adding to their basis.
 * Agents decide on after-tax returns: stakers compare (1 − t_s) · apr with
 * their hurdle (`rewardKeep`); operators' payback and exit rules use the
 * after-tax margin (`afterTaxMarginUsd`) and the hardware cost less the
 * credit. Without jurisdictions (the default) no agent is reached and no
 * draw or transfer happens.
 *
 * Sources: US IRS Revenue Ruling 2023-14 (31 July 2023): staking rewards
 * are gross income when the taxpayer gains dominion and control, at their
 * fair market value then. Germany § 23 (1) no. 2 EStG: private sales of
 * assets held more than a year are not taxed (BMF letters on crypto assets
 * of 10 May 2022 and 6 March 2025). Portugal, Lei 24-D/2022 (State Budget 2023): 28% on
 * gains from crypto assets held under 365 days, long-held gains exempt.
 * The renewable credit is an assumption (by analogy with US clean-energy
 * investment credits, IRC § 48E, and their elective payment, § 6417).
 */
export class TaxRules {
  /** Tax collected this tick, by jurisdiction and kind (`TAX_KINDS`), in USD; kind `credit` is paid out. */
  readonly tickUsd: Float64Array;
  /** The same since the start. */
  readonly totalUsd: Float64Array;
  /** Agents reached, by jurisdiction plus 1 (0: none). */
  readonly residents: Float64Array;
  /** Tax owed and not paid (agents with neither USD nor tokens), this tick, in USD. */
  unpaidUsd = 0;
  /** The token price when the run started, in USD: the cost basis of genesis holdings. */
  genesisPrice = NaN;
  readonly jurisdictions: readonly Jurisdiction[];
  private readonly payers: TaxPayer[] = [];

  constructor(
    params: TaxRulesParams,
    private readonly ledger: Ledger,
    private readonly rng: Rng,
  ) {
    this.jurisdictions = params.jurisdictions;
    const n = this.jurisdictions.length;
    this.tickUsd = new Float64Array(n * TAX_KINDS.length);
    this.totalUsd = new Float64Array(n * TAX_KINDS.length);
    this.residents = new Float64Array(n + 1);
  }

  /** Returns whether any jurisdiction is declared (an agent class calls nothing otherwise). */
  get active(): boolean {
    return this.jurisdictions.length > 0;
  }

  /**
   * Returns the taxpayers of `pop` (called by the agent class when it is
   * built), or null when no jurisdiction is declared: `sell` and `price`
   * are the class's market, `holdings` what agent i's basis is spread over.
   */
  attach(pop: Population, sell: (i: number, tokens: number) => number, price: () => number, holdings: (i: number) => number): TaxPayer | null {
    if (!this.active) return null;
    const t = new TaxPayer(pop, this, this.rng.fork(pop.name), sell, price, holdings, this.ledger);
    this.payers.push(t);
    return t;
  }

  /** Adds `usd` of kind k for jurisdiction j to this tick's and the run's totals. */
  note(j: number, k: number, usd: number): void {
    const at = j * TAX_KINDS.length + k;
    this.tickUsd[at] += usd;
    this.totalUsd[at] += usd;
  }

  /** Returns this tick's tax of kind k (all jurisdictions), in USD. */
  tickOf(k: number): number {
    let s = 0;
    for (let j = 0; j < this.jurisdictions.length; j++) s += this.tickUsd[j * TAX_KINDS.length + k];
    return s;
  }

  /** Phase `pre`: resets this tick's totals; notes the genesis price. */
  pre(price: number): void {
    if (this.genesisPrice !== this.genesisPrice) this.genesisPrice = price;
    this.tickUsd.fill(0);
    this.unpaidUsd = 0;
  }

  /** Returns the rows of `tax_by_jurisdiction`: one per jurisdiction and one for agents in none; no rows without jurisdictions. */
  rows(): TableRows {
    const names = this.active ? [...this.jurisdictions.map((j) => j.name), '(none)'] : [];
    const n = names.length;
    const col = (k: number) => Float64Array.from(names, (_, j) => (j < n - 1 ? this.totalUsd[j * TAX_KINDS.length + k] : 0));
    return {
      data: {
        jurisdiction: names,
        agents: Int32Array.from(names, (_, j) => (j < n - 1 ? this.residents[j + 1] : this.residents[0])),
        staking_tax_usd: col(STAKING),
        gains_tax_usd: col(GAINS),
        node_tax_usd: col(NODE),
        credits_usd: col(CREDIT),
      },
      length: n,
    };
  }
}

/** The tax-rules policy block: jurisdictions with rates on staking rewards, trading gains and node income, and a renewable-hardware credit. */
export const taxRules = defineBlock({
  key: 'taxRules',
  kind: 'policy',
  description: 'jurisdictions with tax on staking rewards (income at receipt), trading gains (holding-period discount) and node income, and a credit for renewable hardware; agents decide after tax; tax leaves the model',
  sources: [
    'US IRS Revenue Ruling 2023-14 (31 July 2023): staking rewards are income at fair market value when received',
    'Germany § 23 (1) no. 2 EStG and BMF letter of 10 May 2022: gains on crypto assets held more than one year are not taxed',
    'Portugal Lei 24-D/2022 (State Budget 2023): 28% on crypto gains held under 365 days, exempt after',
    'renewable-hardware credit: an assumption, by analogy with US IRC § 48E investment credit and § 6417 elective payment',
  ],
  params: { schema: taxRulesParamsSchema, defaults: taxRulesDefaults },
  metrics: {
    tax_usd: { unit: 'USD', kind: 'flow', description: 'tax paid, all kinds and jurisdictions, since the previous row (credits not netted)' },
    tax_staking_usd: { unit: 'USD', kind: 'flow', description: 'tax paid on staking rewards since the previous row' },
    tax_gains_usd: { unit: 'USD', kind: 'flow', description: 'tax paid on trading gains since the previous row' },
    tax_node_usd: { unit: 'USD', kind: 'flow', description: 'tax paid on node income since the previous row' },
    tax_credits_usd: { unit: 'USD', kind: 'flow', description: 'renewable-hardware credits paid to operators since the previous row' },
    tax_unpaid_usd: { unit: 'USD', kind: 'flow', description: 'tax owed by agents with neither USD nor tokens, not paid, since the previous row' },
  },
  kpis: {
    total_tax_usd: { unit: 'USD', description: 'tax paid over the run, all kinds and jurisdictions' },
    net_tax_usd_per_year: { unit: 'USD/year', description: 'tax paid less credits, per year' },
    total_tax_credits_usd: { unit: 'USD', description: 'renewable-hardware credits paid over the run' },
  },
  tables: {
    tax_by_jurisdiction: {
      description: 'tax paid over the run by jurisdiction and kind, and the agents resident there (reached by a served class); one set of rows per run with jurisdictions',
      columns: [
        { name: 'jurisdiction', kind: 'utf8' },
        { name: 'agents', kind: 'int32' },
        { name: 'staking_tax_usd', kind: 'float64' },
        { name: 'gains_tax_usd', kind: 'float64' },
        { name: 'node_tax_usd', kind: 'float64' },
        { name: 'credits_usd', kind: 'float64' },
      ],
    },
  },
  check(p) {
    let sum = 0;
    const seen = new Set<string>();
    const out: { path: string; message: string }[] = [];
    p.jurisdictions.forEach((j, k) => {
      sum += j.share;
      if (seen.has(j.name)) out.push({ path: `jurisdictions.${k}.name`, message: `is "${j.name}", named twice; expected a name of its own` });
      seen.add(j.name);
    });
    if (sum > 1 + 1e-12) out.push({ path: 'jurisdictions', message: `shares sum to ${sum}; expected at most 1 (the rest pay no tax)` });
    return out;
  },
  build(ctx) {
    const t = new TaxRules(ctx.params(), ctx.ledger, ctx.rng);
    return {
      api: t,
      hooks: { pre: (w) => t.pre(w.priceAt(0)) },
      metrics: {
        tax_usd: () => t.tickOf(STAKING) + t.tickOf(GAINS) + t.tickOf(NODE),
        tax_staking_usd: () => t.tickOf(STAKING),
        tax_gains_usd: () => t.tickOf(GAINS),
        tax_node_usd: () => t.tickOf(NODE),
        tax_credits_usd: () => t.tickOf(CREDIT),
        tax_unpaid_usd: () => t.unpaidUsd,
      },
      summary: ({ series, ticks, world }) => {
        const years = spanYears(ticks, world.ticksPerYear);
        const paid = total(series, 'tax_usd');
        const credits = total(series, 'tax_credits_usd');
        return { total_tax_usd: paid, net_tax_usd_per_year: years > 0 ? (paid - credits) / years : 0, total_tax_credits_usd: credits };
      },
      tables: { tax_by_jurisdiction: () => t.rows() },
    };
  },
});

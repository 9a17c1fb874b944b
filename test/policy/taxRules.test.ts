import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/core/ledger';
import { Population } from '../../src/core/population';
import { Rng } from '../../src/core/rng';
import { applyOverrides } from '../../src/experiment/define';
import type { RunResult } from '../../src/experiment/runOne';
import { economyParts } from '../helpers/parts';
import { depinNetwork } from '../../src/models/depinNetwork';
import { afterTaxMarginUsd, gainsRate, gainsTaxUsd, nodeIncomeTaxUsd, stakingRewardTaxUsd, TaxRules, taxRules, untaxedJurisdiction, type Jurisdiction } from '../../src/policy/taxRules';
import { policyRuns, SMALL_DEPIN } from './policyRuns';

const j = (rules: Partial<Jurisdiction>): Jurisdiction => ({ ...untaxedJurisdiction, name: 'home', ...rules });
// Before the operators, as the other policy blocks (appended last, an inert block moves the last bit of `circulating`, a sum over accounts).
const taxed = depinNetwork.with({ before: 'nodeOperators' }, taxRules);
const sum = (x: Float64Array | number[]) => Array.from(x).reduce((a, b) => a + b, 0);

describe('tax arithmetic', () => {
  it('taxes a staking reward as income at receipt: rate · tokens · price', () => {
    // 30% of 100 tokens at 2 USD = 60 USD.
    expect(stakingRewardTaxUsd(j({ stakingRewardRate: 0.3 }), 100, 2)).toBeCloseTo(60, 12);
    expect(stakingRewardTaxUsd(j({}), 100, 2)).toBe(0);
  });

  it('discounts the gains rate once the holding period is reached', () => {
    const de = j({ tradingGainsRate: 0.3, holdingPeriodTicks: 365, longTermDiscount: 1 });
    // Sold for 500 USD against a basis of 300: 30% of 200 = 60 USD when held 100 ticks, nothing after a year.
    expect(gainsTaxUsd(de, 500, 300, 100)).toBeCloseTo(60, 12);
    expect(gainsTaxUsd(de, 500, 300, 364)).toBeCloseTo(60, 12);
    expect(gainsTaxUsd(de, 500, 300, 365)).toBe(0);
    // Half the rate after the period: 15% of 200 = 30 USD.
    expect(gainsRate({ ...de, longTermDiscount: 0.5 }, 400)).toBeCloseTo(0.15, 15);
    expect(gainsTaxUsd({ ...de, longTermDiscount: 0.5 }, 500, 300, 400)).toBeCloseTo(30, 12);
    // A loss pays nothing and is not credited.
    expect(gainsTaxUsd(de, 200, 300, 10)).toBe(0);
  });

  it('taxes node income net of cash costs and depreciation, and never a loss', () => {
    // 25% of (100 − 30 − 20) = 12.5 USD.
    const n = j({ nodeIncomeRate: 0.25 });
    expect(nodeIncomeTaxUsd(n, 100, 30, 20)).toBeCloseTo(12.5, 12);
    expect(nodeIncomeTaxUsd(n, 40, 30, 20)).toBe(0);
  });

  it("takes the tax off a unit's margin above its depreciation", () => {
    // Margin 50, depreciation 20, 30%: 50 − 0.3 · 30 = 41; a margin below depreciation is untouched.
    const n = j({ nodeIncomeRate: 0.3 });
    expect(afterTaxMarginUsd(n, 50, 20)).toBeCloseTo(41, 12);
    expect(afterTaxMarginUsd(n, 10, 20)).toBe(10);
    expect(afterTaxMarginUsd(n, -5, 20)).toBe(-5);
  });
});

/** One population of `n` agents with `tokens` and `usd` each, taxed by `rules`; sales at a fixed `price` (tokens burned, USD from outside). */
function taxpayers(rules: Jurisdiction[], n: number, tokens: number, usd: number, price: number) {
  const ledger = new Ledger();
  const pop = new Population('p', {});
  pop.add(n);
  const own = ledger.openPopulation(pop, { owner: 'p', circulating: true });
  const liquid = ledger.pocket(own, pop, 'tokens');
  const cash = ledger.pocket(own, pop, 'usd', 'usd');
  const mint = ledger.route('mint', liquid, 'genesis');
  for (let i = 0; i < n; i++) mint.pay(i, tokens);
  if (usd > 0) for (let i = 0; i < n; i++) ledger.route('outside', cash, 'genesis', 'usd').pay(i, usd);
  const burn = ledger.route(liquid, 'burn', 'sale');
  const proceeds = ledger.route('outside', cash, 'sale', 'usd');
  const sold: number[] = [];
  const sell = (i: number, q: number) => {
    burn.take(i, q);
    proceeds.pay(i, q * price);
    sold.push(q);
    return q * price;
  };
  const t = new TaxRules({ jurisdictions: rules }, ledger, new Rng(1));
  t.pre(2);
  const payer = t.attach(pop, sell, () => price, (i) => pop.cols.tokens[i])!;
  return { ledger, pop, t, payer, sell, sold, mint };
}

describe('a taxpayer', () => {
  const de = j({ stakingRewardRate: 0.5, tradingGainsRate: 0.3, holdingPeriodTicks: 10, longTermDiscount: 1 });

  it('taxes a reward at receipt, adds it to the basis, and taxes gains over that basis until the holding period', () => {
    // 100 tokens from genesis at 2 USD (tick 0). Tick 5: a reward of 100 tokens at 5 USD pays 0.5 · 100 · 5 = 250 USD;
    // basis (100 · 2 + 100 · 5) / 200 = 3.5 USD a token, mean acquisition tick (0 + 500) / 200 = 2.5.
    const { ledger, pop, t, payer, sell, mint } = taxpayers([de], 1, 100, 1000, 5);
    mint.pay(0, 100);
    payer.onStakingReward(0, 100, 5);
    expect(pop.cols.usd[0]).toBeCloseTo(750, 9);
    // Tick 8 (held 5.5 < 10): 50 tokens sold for 250 USD against a basis of 175: 0.3 · 75 = 22.5 USD.
    payer.onSale(0, 50, sell(0, 50), 8);
    expect(pop.cols.usd[0]).toBeCloseTo(750 + 250 - 22.5, 9);
    // Tick 13 (held 10.5 ≥ 10): exempt.
    payer.onSale(0, 50, sell(0, 50), 13);
    expect(pop.cols.usd[0]).toBeCloseTo(750 + 500 - 22.5, 9);
    expect(t.totalUsd[0]).toBeCloseTo(250, 9);
    expect(t.totalUsd[1]).toBeCloseTo(22.5, 9);
    expect(() => ledger.check(1)).not.toThrow();
    expect(ledger.routes.filter((r) => r.reason === 'tax home').reduce((a, r) => a + r.tick, 0)).toBeCloseTo(272.5, 9);
  });

  it('sells tokens for a tax its USD does not cover', () => {
    // No USD: a tax of 0.5 · 10 · 4 = 20 USD at 4 USD a token sells 20 / (4 · 0.99) tokens and pays 20.
    const { pop, payer, sold, t } = taxpayers([de], 1, 100, 0, 4);
    payer.onStakingReward(0, 10, 1);
    expect(sold[0]).toBeCloseTo(20 / (4 * 0.99), 12);
    expect(t.totalUsd[0]).toBeCloseTo(20, 12);
    expect(pop.cols.usd[0]).toBeCloseTo(20 / 0.99 - 20, 9);
    expect(t.unpaidUsd).toBe(0);
  });

  it('pays the renewable credit on hardware', () => {
    // 30% of a 2,500 USD unit: 750 USD from outside.
    const { pop, payer, t } = taxpayers([j({ renewableCreditShare: 0.3 })], 1, 0, 0, 1);
    payer.onRenewableHardware(0, 2500);
    expect(pop.cols.usd[0]).toBeCloseTo(750, 12);
    expect(t.totalUsd[3]).toBeCloseTo(750, 12);
  });

  it("draws each agent's jurisdiction by its index, whatever order agents are reached in", () => {
    const rules = [{ ...de, name: 'a', share: 0.3 }, { ...de, name: 'b', share: 0.5 }];
    const first = taxpayers(rules, 400, 0, 0, 1).payer;
    const second = taxpayers(rules, 400, 0, 0, 1).payer;
    const late = second.jurisdictionOf(399);
    const inOrder = Array.from({ length: 400 }, (_, i) => first.jurisdictionOf(i));
    expect(late).toBe(inOrder[399]);
    expect(Array.from({ length: 400 }, (_, i) => second.jurisdictionOf(i))).toEqual(inOrder);
    const count = (k: number) => inOrder.filter((x) => x === k).length / 400;
    expect(count(0)).toBeGreaterThan(0.24);
    expect(count(0)).toBeLessThan(0.36);
    expect(count(-1)).toBeGreaterThan(0.15);
    expect(count(-1)).toBeLessThan(0.25);
  });
});

/** Returns Σ of the USD flows of `run` whose reason starts with `prefix`. */
function flowUsd(run: RunResult, prefix: string): number {
  const f = run.tables.flows;
  const reasons = f.data.reason as string[];
  const usd = f.data.usd as Float64Array;
  let s = 0;
  for (let k = 0; k < f.length; k++) if (reasons[k].startsWith(prefix)) s += usd[k];
  return s;
}

describe('tax rules in a run', () => {
  const both = [
    { ...j({ stakingRewardRate: 0.3, tradingGainsRate: 0.3, nodeIncomeRate: 0.3, renewableCreditShare: 0.3 }), name: 'high', share: 0.4 },
    { ...j({ stakingRewardRate: 0.1, tradingGainsRate: 0.2, holdingPeriodTicks: 20, longTermDiscount: 1, nodeIncomeRate: 0.1 }), name: 'low', share: 0.4 },
  ];
  const runs = policyRuns(
    {
      none: {},
      empty: { taxRules: { jurisdictions: [] } },
      zero: { taxRules: { jurisdictions: [j({})] } },
      both: { taxRules: { jurisdictions: both } },
    },
    { model: taxed, ticks: 60, params: { ...SMALL_DEPIN, nodeOperators: { ...SMALL_DEPIN.nodeOperators, renewableShare: 0.5 } } },
  );

  it('runs with conservation checked every tick', () => {
    for (const [v, r] of runs) expect(r.status, `${v}: ${r.error}`).toBe('ok');
  });

  it('without jurisdictions leaves every metric of the model without the block bit for bit', () => {
    const plain = policyRuns({ none: {} }, { model: depinNetwork, ticks: 60, params: { ...SMALL_DEPIN, nodeOperators: { ...SMALL_DEPIN.nodeOperators, renewableShare: 0.5 } } }).get('none')!;
    for (const v of ['none', 'empty']) {
      const r = runs.get(v)!;
      for (const [name, values] of Object.entries(plain.series)) {
        for (let k = 0; k < values.length; k++) if (!Object.is(values[k], r.series[name][k])) throw new Error(`${v}: ${name} differs at row ${k}`);
      }
    }
  });

  it('a jurisdiction with every rate 0 changes no decision and collects nothing', () => {
    const zero = runs.get('zero')!;
    const none = runs.get('none')!;
    for (const name of ['price', 'staked', 'node_count', 'capacity']) expect(Array.from(zero.series[name])).toEqual(Array.from(none.series[name]));
    expect(zero.summary.total_tax_usd).toBe(0);
    expect(runs.get('none')!.tables.tax_by_jurisdiction.length).toBe(0);
  });

  it('records what it collects by jurisdiction: the table, the metrics and the ledger flows agree', () => {
    const r = runs.get('both')!;
    const t = r.tables.tax_by_jurisdiction;
    expect(t.data.jurisdiction).toEqual(['high', 'low', '(none)']);
    const col = (c: string) => Array.from(t.data[c] as Float64Array);
    const paid = (k: number) => col('staking_tax_usd')[k] + col('gains_tax_usd')[k] + col('node_tax_usd')[k];
    expect(paid(0)).toBeGreaterThan(0);
    expect(paid(1)).toBeGreaterThan(0);
    expect(paid(2)).toBe(0);
    expect(paid(0) + paid(1)).toBeCloseTo(r.summary.total_tax_usd, 6);
    expect(sum(col('staking_tax_usd'))).toBeCloseTo(sum(r.series.tax_staking_usd), 6);
    // The flows out of the model carry the jurisdiction's name.
    expect(flowUsd(r, 'tax high')).toBeCloseTo(paid(0), 6);
    expect(flowUsd(r, 'tax low')).toBeCloseTo(paid(1), 6);
    expect(flowUsd(r, 'tax credit high')).toBeCloseTo(col('credits_usd')[0], 6);
    // Shares 0.4 / 0.4 / 0.2 of the agents reached.
    const agents = Array.from(t.data.agents as Int32Array);
    const n = agents[0] + agents[1] + agents[2];
    expect(agents[0] / n).toBeGreaterThan(0.3);
    expect(agents[0] / n).toBeLessThan(0.5);
    expect(agents[2] / n).toBeGreaterThan(0.12);
    expect(agents[2] / n).toBeLessThan(0.28);
  });

  it('taxes the traders\' gains too, on their own trades and exits, and only where a gains rate bites', () => {
    const r = runs.get('both')!;
    const f = r.tables.flows;
    const from = f.data.from as string[];
    const reasons = f.data.reason as string[];
    const usd = f.data.usd as Float64Array;
    let traders = 0;
    for (let k = 0; k < f.length; k++) if (from[k] === 'traders' && reasons[k].startsWith('tax ') && !reasons[k].startsWith('tax credit')) traders += usd[k];
    expect(traders).toBeGreaterThan(0);
    // Traders pay gains tax only: what they pay is at most the gains tax collected.
    expect(traders).toBeLessThanOrEqual(sum(r.series.tax_gains_usd) * (1 + 1e-12));
    // Every gain long-term and fully exempt: nobody pays gains tax.
    const exempt = policyRuns({ exempt: { taxRules: { jurisdictions: [j({ tradingGainsRate: 0.5, holdingPeriodTicks: 0, longTermDiscount: 1 })] } } }, { model: taxed, ticks: 60 }).get('exempt')!;
    expect(exempt.status).toBe('ok');
    expect(exempt.summary.total_tax_usd).toBe(0);
  });

  it('is deterministic: the same seed gives the same tax', () => {
    const again = policyRuns({ both: { taxRules: { jurisdictions: both } } }, { model: taxed, ticks: 60, params: { ...SMALL_DEPIN, nodeOperators: { ...SMALL_DEPIN.nodeOperators, renewableShare: 0.5 } } }).get('both')!;
    expect(Array.from(again.series.tax_usd)).toEqual(Array.from(runs.get('both')!.series.tax_usd));
  });
});

describe("a staker's after-tax decision", () => {
  // One staker with 1,000 tokens and no rival stake: apr = R / 1,000 = 0.2 for R = 200 tokens a year.
  // It stakes when (1 − t) · 0.2 > h + band / 2 = 0.1 + 0.01, i.e. below t* = 1 − 0.11 / 0.2 = 0.45.
  const params = {
    ...SMALL_DEPIN,
    consensus: { rewardPerYear: 200 },
    stakers: {
      count: 1,
      initialTokens: { dist: 'constant', value: 1000 },
      initialUsd: { dist: 'constant', value: 1000 },
      hurdle: { dist: 'constant', value: 0.1 },
      band: 0.02,
      buyMargin: 10,
    },
  };
  const runs = policyRuns(
    { below: { taxRules: { jurisdictions: [j({ stakingRewardRate: 0.44 })] } }, above: { taxRules: { jurisdictions: [j({ stakingRewardRate: 0.46 })] } } },
    { model: taxed, ticks: 5, params },
  );

  it('stakes at 44% and does not at 46%, either side of the hand-computed 45%', () => {
    expect(runs.get('below')!.status).toBe('ok');
    expect(runs.get('below')!.series.staked[5]).toBeGreaterThan(0);
    expect(runs.get('above')!.series.staked[5]).toBe(0);
  });

  it('pays 44% of each reward at the price', () => {
    const s = runs.get('below')!.series;
    // Distributed this tick: apr · staked / 365; its tax over 0.44 of it is the price the reward was valued at (within the tick's trades).
    for (const k of [3, 4, 5]) {
      const reward = (s.staking_apr[k] * s.staked[k]) / 365;
      expect(reward).toBeGreaterThan(0);
      expect(s.tax_staking_usd[k] / (0.44 * reward) / s.price[k]).toBeCloseTo(1, 1);
    }
  });
});

describe("a node operator's after-tax entry", () => {
  // One operator as in test/agents/nodeOperators.test.ts: a unit earns $200 a tick against $50 opex, a $150 margin;
  // hardware $54,750 depreciates over 1e6 ticks (d = 0.05475 a tick). With hurdle 0.5 it needs a payback under
  // 1 / (0.5 + 365 / 1e6) = 1.99854 years. After tax the margin is 150 − t · (150 − d), so it enters while
  // 54,750 / (365 · m') < 1.99854, i.e. t < 0.4998. At t = 0.55 (m' = 67.53, payback 2.221 years) a credit of
  // c on renewable hardware brings the payback to 2.221 · (1 − c): it enters for c > 0.100.
  const lone = (rules: Partial<Jurisdiction>) => {
    const base = applyOverrides(taxed.defaults, {
      amm: { tokenReserve: 100_000, usdReserve: 100_000, feeBps: 0 },
      consensus: { rewardPerYear: 0 },
      stakers: { count: 0 },
      traders: { count: 0, arrivals: { perYear: 0 } },
      service: { adoption: 'logistic', initialDemand: 1000, marketSize: 1000, shockSd: 0, priceUsdPerUnit: 2 },
      depinRewards: { model: 'fixedEmission', emission: { ratePerYear: 0 }, protocolFeeShare: 0 },
      nodeOperators: {
        candidates: 1,
        initialNodes: 0,
        initialTokens: { dist: 'constant', value: 0 },
        initialUsd: { dist: 'constant', value: 60_000 },
        capacity: { dist: 'constant', value: 100 },
        hardwareUsd: { dist: 'constant', value: 54_750 },
        amortisationTicks: 1_000_000,
        opexUsdPerTick: { dist: 'constant', value: 50 },
        energyKwhPerTick: { dist: 'constant', value: 0 },
        downtime: { dist: 'constant', value: 0 },
        hurdle: { dist: 'constant', value: 0.5 },
        patienceTicks: { dist: 'constant', value: 5 },
        considerProbability: 1,
        renewableShare: 1,
        sellRewardsShare: 1,
      },
      taxRules: { jurisdictions: [j(rules)] },
    }, 'test');
    const net = economyParts(taxed.build(taxed.schema.parse(base), { seed: 3, check: true }));
    net.world.step();
    return net;
  };

  it('enters at 45% on node income and stays out at 55%, either side of the hand-computed 49.98%', () => {
    expect(lone({ nodeIncomeRate: 0.45 }).nodeOperators.nodeCount).toBe(1);
    expect(lone({ nodeIncomeRate: 0.55 }).nodeOperators.nodeCount).toBe(0);
  });

  it('enters at 55% with a 15% renewable credit, not with 5%, and is paid the credit', () => {
    const credited = lone({ nodeIncomeRate: 0.55, renewableCreditShare: 0.15 });
    expect(credited.nodeOperators.nodeCount).toBe(1);
    expect(lone({ nodeIncomeRate: 0.55, renewableCreditShare: 0.05 }).nodeOperators.nodeCount).toBe(0);
    // 60,000 − 54,750 + 0.15 · 54,750 = 13,462.5 USD after buying the unit.
    expect(credited.nodeOperators.population.cols.usd[0]).toBeCloseTo(13_462.5, 6);
  });
});

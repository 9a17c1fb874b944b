import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/experiment/runOne';
import { depinNetwork } from '../../src/models/depinNetwork';
import { afterTaxMarginUsd, gainsRate, gainsTaxUsd, nodeIncomeTaxUsd, stakingRewardTaxUsd, taxRules, untaxedJurisdiction, type Jurisdiction } from '../../src/policy/taxRules';
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

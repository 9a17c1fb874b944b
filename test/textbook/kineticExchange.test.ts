import { describe, expect, it } from 'vitest';
import { validateParams } from '../../src/core/params';
import { applyOverrides } from '../../src/experiment/define';
import { runOne } from '../../src/experiment/runOne';
import { kineticExchangeEconomy, type KineticExchangeEconomyParams } from '../../src/models/kineticExchange';
import { shareBelowMean } from '../../src/textbook/kineticExchange';

type Overrides = Partial<KineticExchangeEconomyParams['kineticExchange']>;

/** Runs the kinetic-exchange economy (500 agents, 100 ticks × 5 exchanges each) with the ledger checked every tick. */
function run(overrides: Overrides, seed = 1, ticks = 100) {
  const params = kineticExchangeEconomy.schema.parse(applyOverrides(kineticExchangeEconomy.defaults, { kineticExchange: { count: 500, ...overrides } }, 'test'));
  const r = runOne(kineticExchangeEconomy, { runId: 0, variant: 'v', replicate: 0, seed, params }, { ticks, every: 10, metrics: null, check: true });
  expect(r.status, r.error ?? '').toBe('ok');
  return r;
}

/** Gini of a Gamma law of shape n: Γ(n + ½) / (n Γ(n) √π); for n = 4, Γ(4.5) = 105√π/16 and Γ(4) = 6, so 105/384. */
const GAMMA4_GINI = 105 / 384;

describe('the kinetic-exchange block against its stationary laws', () => {
  it('random exchange ends at the Boltzmann–Gibbs exponential: Gini ½, P(m < T) = 1 − 1/e, top-10% share (1 + ln 10)/10', () => {
    const s = run({}).summary;
    expect(Math.abs(s.final_money_gini - 0.5)).toBeLessThan(0.03);
    expect(Math.abs(s.final_money_below_mean - (1 - Math.exp(-1)))).toBeLessThan(0.03);
    expect(Math.abs(s.final_money_top10_share - (1 + Math.log(10)) / 10)).toBeLessThan(0.03);
  });

  it('with saving propensity ½ ends near the Gamma law of shape 1 + 3λ/(1 − λ) = 4 (Gini 105/384 ≈ 0.273)', () => {
    const s = run({ savingPropensity: 0.5 }).summary;
    expect(Math.abs(s.final_money_gini - GAMMA4_GINI)).toBeLessThan(0.02);
  });

  it('the yard sale concentrates wealth: the Gini keeps rising, far past the exponential law', () => {
    const short = run({ rule: 'yardSale' }, 1, 20).summary.final_money_gini;
    const long = run({ rule: 'yardSale' }, 1, 200).summary.final_money_gini;
    expect(short).toBeLessThan(long);
    expect(long).toBeGreaterThan(0.85);
  });

  it('conserves money exactly in supply, moves it only along the exchange route, and is deterministic', () => {
    const a = run({ money: { dist: 'lognormal', mu: 3, sigma: 1.5 } }, 7, 30);
    const b = run({ money: { dist: 'lognormal', mu: 3, sigma: 1.5 } }, 7, 30);
    expect(a.series).toEqual(b.series);
    const supply = a.series.supply;
    for (const v of supply) expect(v).toBeCloseTo(supply[0], 6);
    expect(Math.max(...a.series.minted.slice(1))).toBe(0);
    expect(Math.max(...a.series.burned)).toBe(0);
  });

  it('shareBelowMean counts strictly below the mean', () => {
    expect(shareBelowMean(new Float64Array([1, 2, 3, 4]))).toBe(0.5);
    expect(shareBelowMean(new Float64Array([5, 5, 5]))).toBe(0);
    expect(shareBelowMean(new Float64Array(0))).toBe(0);
  });

  it('refuses a saving propensity of 1 and fewer than two agents, naming the path', () => {
    const check = (o: Overrides) => () => validateParams(kineticExchangeEconomy.schema, applyOverrides(kineticExchangeEconomy.defaults, { kineticExchange: o }, 'test'));
    expect(check({ savingPropensity: 1 })).toThrow('parameters: kineticExchange.savingPropensity: Too big: expected number to be <1');
    expect(check({ count: 1 })).toThrow('parameters: kineticExchange.count: Too small: expected number to be >=2');
  });
});

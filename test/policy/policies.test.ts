import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defineExperiment } from '../../src/experiment/define';
import { planRuns } from '../../src/experiment/plan';
import { depinNetwork } from '../../src/models/depinNetwork';
import { CarbonPricing } from '../../src/policy/carbonPricing';
import { accessRules } from '../../src/policy/accessRules';
import { carbonPricing } from '../../src/policy/carbonPricing';
import { renewableMandate, type RenewableMandate } from '../../src/policy/renewableMandate';
import { taxRules, type TaxRules } from '../../src/policy/taxRules';
import { expectSamePrefix } from '../scenarios/stressHarness';
import { policyNetwork, policyRuns, SMALL_DEPIN } from './policyRuns';

const START = 20;

describe('policy blocks before their start tick', () => {
  const runs = policyRuns(
    {
      none: {},
      tax: { carbonPricing: { mode: 'tax', startTick: START, taxUsdPerTonne: 100 } },
      auction: { carbonPricing: { startTick: START, capTonnesPerYear: 60, allocation: 'auction' } },
      grandfathered: { carbonPricing: { startTick: START, capTonnesPerYear: 60, allocation: 'grandfathered', grandfatherBasis: 'capacity' } },
      mandate: { renewableMandate: { startTick: START, effectiveTick: START + 10, targetShare: 0.5 } },
      bar: { accessRules: { startTick: START, restrictedShare: 0.3, rule: 'bar' } },
      kyc: { accessRules: { startTick: START, restrictedShare: 0.3, rule: 'kyc', kycUsd: 50 } },
    },
    { ticks: 40 },
  );

  for (const variant of ['tax', 'auction', 'grandfathered', 'mandate', 'bar', 'kyc']) {
    it(`${variant}: leaves every metric bit for bit as with no policy before tick ${START}, and changes some from it`, () => {
      expectSamePrefix(runs.get(variant)!, runs.get('none')!, START);
    });
  }

  it('inert policy blocks leave every metric of the model without them bit for bit', () => {
    const plain = policyRuns({ none: {} }, { model: depinNetwork, ticks: 40 }).get('none')!;
    const none = runs.get('none')!;
    for (const [name, values] of Object.entries(plain.series)) {
      for (let k = 0; k < values.length; k++) if (!Object.is(values[k], none.series[name][k])) throw new Error(`${name} differs at row ${k}`);
    }
  });
});

describe('policy blocks in force', () => {
  const runs = policyRuns(
    {
      none: {},
      tax: { carbonPricing: { mode: 'tax', startTick: 0, taxUsdPerTonne: 150 } },
      cap: { carbonPricing: { startTick: 0, capTonnesPerYear: 60, allocation: 'auction' } },
      mandate: { renewableMandate: { startTick: 0, targetShare: 0.6 } },
      bar: { accessRules: { startTick: 0, restrictedShare: 0.4, rule: 'bar' } },
    },
    { ticks: 60 },
  );
  const co2 = (v: string) => runs.get(v)!.series.hardware_carbon_kg.reduce((a, b) => a + b, 0);

  it('cut operators\' CO2 against no policy', () => {
    for (const v of ['tax', 'cap', 'mandate']) expect(co2(v)).toBeLessThan(0.9 * co2('none'));
  });

  it('cap-and-trade holds emissions to the cap (no shortfall below the penalty)', () => {
    const s = runs.get('cap')!.series;
    for (let k = 1; k < s.carbon_cap_t.length; k++) {
      expect(s.hardware_carbon_kg[k] / 1000).toBeLessThanOrEqual(s.carbon_cap_t[k] * (1 + 1e-9) + s.carbon_shortfall_t[k]);
      if (s.carbon_price_usd_per_t[k] > 0 && s.carbon_shortfall_t[k] === 0) expect(s.allowances_surrendered_t[k]).toBeCloseTo(s.carbon_cap_t[k], 9);
    }
  });

  it('the mandate makes operators on grid power buy its share green or pay', () => {
    const s = runs.get('mandate')!.series;
    const k = 30;
    expect(s.mandate_share[k]).toBe(0.6);
    expect(s.mandate_switched[k] + s.mandate_penalised[k]).toBeGreaterThan(0);
  });

  it('barring a share of participants turns newcomers away and cuts the traders', () => {
    const s = runs.get('bar')!.series;
    expect(s.access_refused.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(s.traders[59]).toBeLessThan(runs.get('none')!.series.traders[59]);
  });
});

const configArb = fc.record({
  seed: fc.nat(),
  mode: fc.constantFrom('tax' as const, 'capAndTrade' as const),
  allocation: fc.constantFrom('auction' as const, 'grandfathered' as const),
  basis: fc.constantFrom('emissions' as const, 'capacity' as const),
  revenueTo: fc.constantFrom('treasury' as const, 'outside' as const),
  carbonStart: fc.integer({ min: 0, max: 15 }),
  tax: fc.double({ min: 0, max: 500, noNaN: true }),
  cap: fc.double({ min: 0, max: 400, noNaN: true }),
  decline: fc.double({ min: 0, max: 1, noNaN: true }),
  penalty: fc.double({ min: 0, max: 300, noNaN: true }),
  premiumMin: fc.double({ min: 0, max: 0.1, noNaN: true }),
  premiumSpan: fc.double({ min: 0, max: 0.1, noNaN: true }),
  mandateStart: fc.integer({ min: 0, max: 15 }),
  ramp: fc.integer({ min: 0, max: 15 }),
  share: fc.double({ min: 0, max: 1, noNaN: true }),
  mandatePenalty: fc.double({ min: 0, max: 200, noNaN: true }),
  accessStart: fc.integer({ min: 0, max: 15 }),
  restricted: fc.double({ min: 0, max: 1, noNaN: true }),
  rule: fc.constantFrom('bar' as const, 'kyc' as const),
  kycUsd: fc.double({ min: 0, max: 500, noNaN: true }),
  usd: fc.double({ min: 0, max: 6000, noNaN: true }),
  // Up to three jurisdictions whose shares sum to at most 1, every rate over its whole range [0, 1].
  jurisdictions: fc.array(
    fc.record({
      share: fc.double({ min: 0, max: 1 / 3, noNaN: true }),
      stakingRewardRate: fc.double({ min: 0, max: 1, noNaN: true }),
      tradingGainsRate: fc.double({ min: 0, max: 1, noNaN: true }),
      holdingPeriodTicks: fc.integer({ min: 0, max: 30 }),
      longTermDiscount: fc.double({ min: 0, max: 1, noNaN: true }),
      nodeIncomeRate: fc.double({ min: 0, max: 1, noNaN: true }),
      renewableCreditShare: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
    { maxLength: 3 },
  ),
});
type Config = typeof configArb extends fc.Arbitrary<infer T> ? T : never;

function paramsFor(c: Config) {
  const premium = { min: c.premiumMin, max: c.premiumMin + c.premiumSpan };
  const p = applyOverrides<any>(policyNetwork.defaults, {
    ...SMALL_DEPIN,
    nodeOperators: { ...SMALL_DEPIN.nodeOperators, candidates: 60, initialNodes: 20, initialUsd: { dist: 'uniform', min: 0, max: c.usd } },
    traders: { count: 30, arrivals: { perYear: 2000 } },
    carbonPricing: { mode: c.mode, startTick: c.carbonStart, taxUsdPerTonne: c.tax, capTonnesPerYear: c.cap, capDeclinePerYear: c.decline, allocation: c.allocation, grandfatherBasis: c.basis, penaltyUsdPerTonne: c.penalty, revenueTo: c.revenueTo, greenPremiumUsdPerKwh: premium },
    renewableMandate: { startTick: c.mandateStart, effectiveTick: c.mandateStart + c.ramp, targetShare: c.share, penaltyUsdPerMwh: c.mandatePenalty, revenueTo: c.revenueTo, greenPremiumUsdPerKwh: premium },
    accessRules: { startTick: c.accessStart, restrictedShare: c.restricted, rule: c.rule, kycUsd: c.kycUsd },
    taxRules: { jurisdictions: c.jurisdictions.map((j, k) => ({ name: `j${k}`, ...j })) },
  }, 'test');
  policyNetwork.schema.parse(p);
  return p;
}

describe('with every policy block on', () => {
  it('conserves tokens and USD every tick, and allowances: issued = surrendered + expired, emissions = abated + surrendered + short, with taxes in every jurisdiction (property)', () => {
    let taxed = 0;
    let collected = 0;
    fc.assert(
      fc.property(configArb, (c) => {
        const sim = policyNetwork.build(paramsFor(c), { seed: c.seed, check: true });
        const cp = sim.api(carbonPricing) as CarbonPricing;
        const mandate = sim.api(renewableMandate) as RenewableMandate;
        sim.api(accessRules);
        const tax = sim.api(taxRules) as TaxRules;
        // check: true makes every step assert minted − burned = Σ holdings and the USD balance.
        for (let t = 0; t < 30; t++) {
          sim.world.step();
          expect(mandate.share).toBeGreaterThanOrEqual(0);
          if (c.mode === 'capAndTrade') {
            expect(cp.surrenderedT + cp.expiredT).toBeCloseTo(cp.issuedT, 9);
            expect(cp.surrenderedT).toBeLessThanOrEqual(cp.issuedT * (1 + 1e-12) + 1e-12);
            expect(cp.abatedT + cp.surrenderedT + cp.shortfallT).toBeCloseTo(cp.emissionsT, 9);
          }
          expect(sim.world.ledger.account('carbonPricing.clearing')!.usd).toBeLessThanOrEqual(1e-9);
        }
        const t = cp.totals;
        expect(t.surrenderedT + t.expiredT).toBeCloseTo(t.issuedT, 9);
        // Tax is USD out of the model (checked above with every flow); it is never negative, and was collected where a rate bit.
        expect(tax.totalUsd.every((v) => v >= 0)).toBe(true);
        if (tax.jurisdictions.some((j) => j.share > 0.05 && j.stakingRewardRate > 0.05)) taxed++;
        if (tax.totalUsd.some((v) => v > 0)) collected++;
      }),
      { numRuns: 25 },
    );
    // The property reached runs that did tax something.
    expect(taxed).toBeGreaterThan(0);
    expect(collected).toBeGreaterThan(0);
  });
});

describe('bad policy input', () => {
  const plan = (params: object) => () => planRuns(defineExperiment({ name: 'bad', model: policyNetwork, params, ticks: 50 }));
  it('is refused in one line naming the parameter and what was expected', () => {
    expect(plan({ carbonPricing: { capTonnesPerYear: -1 } })).toThrow(/^parameters: carbonPricing\.capTonnesPerYear: Too small: expected number to be >=0$/);
    expect(plan({ renewableMandate: { targetShare: 1.5 } })).toThrow(/^parameters: renewableMandate\.targetShare: Too big: expected number to be <=1$/);
    expect(plan({ accessRules: { restrictedShare: -0.1 } })).toThrow(/^parameters: accessRules\.restrictedShare: Too small: expected number to be >=0$/);
    expect(plan({ carbonPricing: { capDeclinePerYear: 2 } })).toThrow(/^parameters: carbonPricing\.capDeclinePerYear: Too big: expected number to be <=1$/);
    expect(plan({ renewableMandate: { startTick: 50, effectiveTick: 10 } })).toThrow(/^parameters: renewableMandate\.effectiveTick: is 10, before startTick 50; expected effectiveTick ≥ startTick$/);
    expect(plan({ carbonPricing: { greenPremiumUsdPerKwh: { min: 0.05, max: 0.01 } } })).toThrow(/^parameters: carbonPricing\.greenPremiumUsdPerKwh\.max: is below min; expected max ≥ min$/);
  });
});

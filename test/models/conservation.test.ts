import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOverrides } from '../../src/experiment/define';
import { governedTokenEconomy, type GovernedTokenEconomyParams } from '../../src/models/governedTokenEconomy';
import { economyParts } from '../helpers/parts';

/** A small random configuration of the governed token economy (every mechanism and class on, participants arriving and leaving, LPs moving liquidity). */
const configArb = fc.record({
  seed: fc.nat(),
  stakers: fc.integer({ min: 0, max: 60 }),
  traders: fc.integer({ min: 0, max: 60 }),
  candidates: fc.integer({ min: 0, max: 30 }),
  voters: fc.integer({ min: 0, max: 30 }),
  schedule: fc.constantFrom('constant', 'exponential', 'halving' as const),
  ratePerYear: fc.double({ min: 0, max: 2e7, noNaN: true }),
  maxSupply: fc.option(fc.double({ min: 3e7, max: 5e7, noNaN: true }), { nil: null }),
  feeBps: fc.integer({ min: 0, max: 300 }),
  feeShare: fc.double({ min: 0, max: 1, noNaN: true }),
  usdFees: fc.constantFrom('buyAndBurn', 'treasury' as const),
  unbondingTicks: fc.integer({ min: 0, max: 10 }),
  activation: fc.constantFrom('index', 'shuffle' as const),
  votingTicks: fc.integer({ min: 1, max: 5 }),
  lps: fc.integer({ min: 0, max: 20 }),
  lpActivity: fc.double({ min: 0, max: 1, noNaN: true }),
  arbitrageurs: fc.integer({ min: 0, max: 3 }),
  arrivalsPerYear: fc.double({ min: 0, max: 20_000, noNaN: true }),
  departuresPerYear: fc.double({ min: 0, max: 50, noNaN: true }),
  exchangeDepth: fc.double({ min: 1_000, max: 1e6, noNaN: true }),
});

type Config = typeof configArb extends fc.Arbitrary<infer T> ? T : never;

function paramsFor(c: Config): GovernedTokenEconomyParams {
  const p = applyOverrides<GovernedTokenEconomyParams>(governedTokenEconomy.defaults, {
    activation: c.activation,
    emission: { schedule: c.schedule, ratePerYear: c.ratePerYear, maxSupply: c.maxSupply, halvingTicks: 7 },
    amm: { feeBps: c.feeBps },
    feeBurn: { feeShare: c.feeShare, usdFees: c.usdFees },
    staking: { unbondingTicks: c.unbondingTicks },
    stakers: { count: c.stakers, adjustShare: 0.5 },
    traders: { count: c.traders, activity: 0.5, arrivals: { perYear: c.arrivalsPerYear }, departures: { perYear: c.departuresPerYear } },
    liquidityProviders: { count: c.lps, activity: c.lpActivity, hurdle: { dist: 'uniform', min: -0.5, max: 0.5 } },
    arbitrageurs: { count: c.arbitrageurs },
    exchange: { depth2PctUsd: c.exchangeDepth },
    nodeOperators: { candidates: c.candidates, initialNodes: Math.floor(c.candidates / 2), considerProbability: 0.3 },
    voters: { count: c.voters, turnout: { dist: 'uniform', min: 0.2, max: 0.9 } },
    governance: { proposalEveryTicks: 3, votingTicks: c.votingTicks, quorum: 0 },
  }, 'test');
  governedTokenEconomy.schema.parse(p);
  return p;
}

describe('token conservation', () => {
  it('holds at the end of every tick across random configurations', () => {
    fc.assert(
      fc.property(configArb, (c) => {
        const econ = governedTokenEconomy.build(paramsFor(c), { seed: c.seed, check: true });
        econ.world.ledger.check(0);
        // check: true makes every step assert minted − burned = Σ holdings (and the USD balance).
        for (let t = 0; t < 40; t++) econ.world.step();
        const l = econ.world.ledger;
        expect(Math.abs(l.totalTokenHoldings() - l.supply)).toBeLessThanOrEqual(1e-9 * l.minted);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps every balance non-negative', () => {
    fc.assert(
      fc.property(configArb, (c) => {
        const econ = economyParts(governedTokenEconomy.build(paramsFor(c), { seed: c.seed, check: false }));
        for (let t = 0; t < 40; t++) econ.world.step();
        for (const pop of econ.world.populations) {
          for (let i = 0; i < pop.size; i++) {
            expect(pop.cols.tokens[i]).toBeGreaterThanOrEqual(-1e-9);
            expect(pop.cols.usd[i]).toBeGreaterThanOrEqual(-1e-9);
          }
        }
        expect(econ.pool.tokenReserve).toBeGreaterThan(0);
        expect(econ.pool.usdReserve).toBeGreaterThan(0);
      }),
      { numRuns: 30 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runOne } from '../../src/experiment/runOne';
import { planRuns } from '../../src/experiment/plan';
import { defineExperiment } from '../../src/experiment/define';
import { tokenEconomy } from '../../src/models/tokenEconomy';
import { crash } from '../../src/scenarios/crash';
import { liquidityWithdrawal } from '../../src/scenarios/liquidityWithdrawal';
import { massUnstake } from '../../src/scenarios/massUnstake';
import { unlockSale } from '../../src/scenarios/unlockSale';
import { lstDepeg } from '../../src/scenarios/lstDepeg';
import { defiEconomy } from '../../src/models/defiEconomy';
import { governedTokenEconomy } from '../../src/models/governedTokenEconomy';
import { governanceAttack } from '../../src/scenarios/governanceAttack';
import { SMALL, stressRuns } from './stressHarness';
import { SCENARIO_TARGETS } from '../../src/scenarios/scenarioSet';
import { liquidityProviders } from '../../agents/liquidityProviders';
import { lstStakers } from '../../agents/lstStakers';
import { stakers } from '../../agents/stakers';
import { voteBuyer } from '../../agents/voteBuyer';
import { liquidStaking } from '../../src/defi/liquidStaking';
import { marketPort } from '../../src/market/amm';
import { factor } from '../../src/market/factor';
import { service } from '../../src/mechanisms/serviceMarket';

/** Every scenario kind of the token economy at once, with drawn parameters. */
const scenariosArb = fc.record({
  at: fc.integer({ min: 1, max: 15 }),
  depth: fc.double({ min: 0.01, max: 0.95, noNaN: true }),
  crashTicks: fc.integer({ min: 1, max: 5 }),
  lpShare: fc.double({ min: 0.01, max: 1, noNaN: true }),
  unstakeShare: fc.double({ min: 0.01, max: 1, noNaN: true }),
  tokens: fc.double({ min: 1, max: 3e6, noNaN: true }),
  sellShare: fc.double({ min: 0, max: 1, noNaN: true }),
  unbondingTicks: fc.integer({ min: 0, max: 5 }),
});

describe('the scenarios block', () => {
  it('targets each block by its own key', () => {
    const blocks = { factor, market: marketPort, liquidityProviders, stakers, service, liquidStaking, lstStakers, voteBuyer };
    expect(Object.fromEntries(Object.entries(SCENARIO_TARGETS).map(([k, p]) => [k, p.key]))).toEqual(Object.fromEntries(Object.entries(blocks).map(([k, b]) => [k, b.key])));
  });

  it('conserves tokens and USD every tick under every scenario (ledger checked each tick)', () => {
    fc.assert(
      fc.property(scenariosArb, (c) => {
        const { results } = stressRuns(
          {
            crash: crash({ at: c.at, depth: c.depth, ticks: c.crashTicks }),
            lps: liquidityWithdrawal({ at: c.at, share: c.lpShare }),
            unstake: massUnstake({ at: c.at, share: c.unstakeShare }),
            unlock: unlockSale({ at: c.at, tokens: c.tokens, sellShare: c.sellShare }),
          },
          { params: { ...SMALL, staking: { unbondingTicks: c.unbondingTicks } }, ticks: 20 },
        );
        for (const [name, r] of results) expect(r.status, `${name}: ${r.error}`).toBe('ok');
      }),
      { numRuns: 6 },
    );
  });

  it('conserves every asset of the DeFi economy under an LST dump and a crash (ledger and issued assets checked each tick)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15 }), fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 0.95, noNaN: true }), (at, share, depth) => {
        const { results } = stressRuns(
          { dump: lstDepeg({ at, share }), crash: crash({ at, depth, ticks: 3 }) },
          { model: defiEconomy, params: { stakers: { count: 15 }, traders: { count: 15 }, lstStakers: { count: 20 }, borrowers: { count: 15 }, depositors: { count: 15 } }, ticks: 20 },
        );
        for (const [name, r] of results) expect(r.status, `${name}: ${r.error}`).toBe('ok');
      }),
      { numRuns: 4 },
    );
  });

  it('conserves tokens and USD (counting the declared inflow) under a governance attack', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15 }), fc.double({ min: 1, max: 1e7, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (at, usd, buyShare) => {
        const { results } = stressRuns(
          { attack: governanceAttack({ at, usd, buyShare }) },
          { model: governedTokenEconomy, params: { ...SMALL, voters: { count: 20 }, voteBuyer: { count: 2 } }, ticks: 20 },
        );
        for (const [name, r] of results) expect(r.status, `${name}: ${r.error}`).toBe('ok');
      }),
      { numRuns: 4 },
    );
  });

  it('gives the same outputs for the same seed', () => {
    const scenarios = { unstake: massUnstake({ at: 10, share: 0.5 }), unlock: unlockSale({ at: 10, tokens: 100_000, sellShare: 1 }) };
    const a = stressRuns(scenarios, { ticks: 20 }).results;
    const b = stressRuns(scenarios, { ticks: 20 }).results;
    for (const [name, r] of a) {
      expect(r.series).toEqual(b.get(name)!.series);
      expect(r.summary).toEqual(b.get(name)!.summary);
    }
  });

  it('leaves an unshocked run without locked holdings as the model without scenarios gives it, bit for bit', () => {
    const { results } = stressRuns({ crash: crash({ at: 10, depth: 0.3, ticks: 2 }), lps: liquidityWithdrawal({ at: 10, share: 0.5 }) }, { ticks: 20 });
    const plain = defineExperiment({ name: 'plain', model: tokenEconomy, params: SMALL, seeds: 1, ticks: 20 });
    const run = planRuns(plain).runs[0];
    const without = runOne(plain.model, run, { ticks: 20, every: 1, metrics: null, check: true });
    expect(results.get('none')!.series).toEqual(without.series);
  });

  it('measures the tail KPIs of the unshocked run from the earliest scenario start', () => {
    const { results } = stressRuns({ late: crash({ at: 15, depth: 0.3, ticks: 2 }), early: liquidityWithdrawal({ at: 9, share: 0.5 }) }, { ticks: 20 });
    expect(results.get('none')!.summary.stress_start_tick).toBe(9);
    expect(results.get('late')!.summary.stress_start_tick).toBe(15);
  });
});

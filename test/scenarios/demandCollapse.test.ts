import { describe, expect, it } from 'vitest';
import { depinNetwork } from '../../src/models/depinNetwork';
import { demandCollapse, demandScale } from '../../src/scenarios/demandCollapse';
import { expectSamePrefix, stressRuns } from './stressHarness';

const SMALL_DEPIN = { stakers: { count: 40 }, traders: { count: 40 }, nodeOperators: { candidates: 100, initialNodes: 20 } };

describe('demandCollapse', () => {
  it('scales demand by 1 − depth on its ticks, for good when ticks is null', () => {
    expect(demandScale({ at: 5, depth: 0.6, ticks: 3 }, 4)).toBe(1);
    expect(demandScale({ at: 5, depth: 0.6, ticks: 3 }, 7)).toBeCloseTo(0.4, 15);
    expect(demandScale({ at: 5, depth: 0.6, ticks: 3 }, 8)).toBe(1);
    expect(demandScale({ at: 5, depth: 0.6, ticks: null }, 10_000)).toBeCloseTo(0.4, 15);
  });

  it('leaves every metric before its tick bit for bit as unshocked, then multiplies the drawn demand by exactly 1 − depth for its ticks', () => {
    const { results } = stressRuns({ slump: demandCollapse({ at: 15, depth: 0.6, ticks: 10 }) }, { model: depinNetwork, params: SMALL_DEPIN, ticks: 30 });
    const shocked = results.get('slump')!;
    const none = results.get('none')!;
    expectSamePrefix(shocked, none, 15);
    for (let t = 15; t < 25; t++) expect(shocked.series.demand[t] / none.series.demand[t]).toBeCloseTo(0.4, 12);
    for (let t = 25; t <= 30; t++) expect(shocked.series.demand[t]).toBe(none.series.demand[t]);
  });

  it('is refused in one line on a model with no service market', () => {
    expect(() => stressRuns({ slump: demandCollapse({ at: 15, depth: 0.6, ticks: null }) })).toThrow(/^scenario "slump" \(demandCollapse\) perturbs the service block, which model tokenEconomy does not have$/);
  });
});

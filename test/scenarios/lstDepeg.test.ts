import { describe, expect, it } from 'vitest';
import { lstStakers } from '../../agents/lstStakers';
import { liquidStaking } from '../../src/defi/liquidStaking';
import { defiEconomy } from '../../src/models/defiEconomy';
import { lstDepeg } from '../../src/scenarios/lstDepeg';
import { expectSamePrefix, prePhaseProbes, stressRuns } from './stressHarness';

const SMALL_DEFI = {
  stakers: { count: 15 },
  traders: { count: 15 },
  liquidityProviders: { count: 10 },
  nodeOperators: { candidates: 10, initialNodes: 4 },
  depositors: { count: 15 },
  borrowers: { count: 15 },
  liquidators: { count: 2 },
  lstStakers: { count: 20 },
  rwaInvestors: { count: 10 },
};

describe('lstDepeg', () => {
  it('sells exactly its share of every LST staker’s LST into the LST pool at its tick, opening a discount, and nothing before', () => {
    const probes = prePhaseProbes(12, { holders: lstStakers, lst: liquidStaking }, ({ holders, lst }) => ({
      lst: Float64Array.from(holders.population.cols.lst.subarray(0, holders.population.size)),
      reserve: lst.pool.baseUnits as number,
      discount: 1 - lst.pool.price / lst.exchangeRate,
    }));
    const { results } = stressRuns({ dump: lstDepeg({ at: 12, share: 0.5 }) }, { model: defiEconomy, params: SMALL_DEFI, ticks: 20, extra: probes.install });
    expectSamePrefix(results.get('dump')!, results.get('none')!, 12);
    const { before, after } = probes.seen;
    const held = before!.lst.reduce((a, b) => a + b, 0);
    expect(held).toBeGreaterThan(0);
    before!.lst.forEach((x, i) => expect(after!.lst[i]).toBeCloseTo(0.5 * x, 9));
    expect(after!.reserve - before!.reserve).toBeCloseTo(0.5 * held, 6);
    expect(after!.discount).toBeGreaterThan(before!.discount);
  });
});

import { describe, expect, it } from 'vitest';
import { liquidityProviders } from '../../agents/liquidityProviders';
import { amm } from '../../src/market/amm';
import { liquidityWithdrawal } from '../../src/scenarios/liquidityWithdrawal';
import { tokenEconomy } from '../../src/models/tokenEconomy';
import { expectSamePrefix, prePhaseProbes, SMALL, stressRuns } from './stressHarness';

describe('liquidityWithdrawal', () => {
  it('burns exactly its share of every LP’s shares at its tick, taking that share of the LPs’ reserves, and nothing before', () => {
    const probes = prePhaseProbes(20, { lps: liquidityProviders, pool: amm }, ({ lps, pool }) => ({
      shares: Float64Array.from(lps.population.cols.lpShares.subarray(0, lps.population.size)),
      totalShares: pool.totalShares as number,
      seedShares: pool.seedShares as number,
      tokenReserve: pool.tokenReserve as number,
    }));
    const { results } = stressRuns({ lpExit: liquidityWithdrawal({ at: 20, share: 0.6 }) }, { extra: probes.install });
    expectSamePrefix(results.get('lpExit')!, results.get('none')!, 20);
    const { before, after } = probes.seen;
    expect(before!.shares.some((s) => s > 0)).toBe(true);
    before!.shares.forEach((s, i) => expect(after!.shares[i]).toBeCloseTo(0.4 * s, 9));
    // The LPs' part of the pool shrinks by 60%; the genesis liquidity stays.
    const lpBefore = before!.totalShares - before!.seedShares;
    expect(after!.totalShares - after!.seedShares).toBeCloseTo(0.4 * lpBefore, 6);
    expect(after!.tokenReserve / before!.tokenReserve).toBeCloseTo(after!.totalShares / before!.totalShares, 12);
  });

  it('is refused in one line when the model has no liquidity providers', () => {
    const { liquidityProviders: _lps, ...rest } = SMALL;
    const run = () => stressRuns({ lpExit: liquidityWithdrawal({ at: 20, share: 0.6 }) }, { model: tokenEconomy.without('liquidityProviders'), params: rest });
    expect(run).toThrow(/^scenario "lpExit" \(liquidityWithdrawal\) perturbs the liquidityProviders block, which model tokenEconomy does not have$/);
  });
});

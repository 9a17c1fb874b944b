import { describe, expect, it } from 'vitest';
import { voteBuyer } from '../../agents/voteBuyer';
import { amm } from '../../src/market/amm';
import { governedTokenEconomy } from '../../src/models/governedTokenEconomy';
import { governanceAttack } from '../../src/scenarios/governanceAttack';
import { expectSamePrefix, prePhaseProbes, stressRuns } from './stressHarness';

const SMALL_GOVERNED = {
  stakers: { count: 40 },
  traders: { count: 40 },
  liquidityProviders: { count: 10 },
  nodeOperators: { candidates: 20, initialNodes: 8 },
  voters: { count: 20 },
  voteBuyer: { count: 2, initialTokens: { dist: 'constant', value: 0 }, initialUsd: { dist: 'constant', value: 0 } },
  governance: { proposalEveryTicks: 5, votingTicks: 3 },
} as const;

describe('governanceAttack', () => {
  it('funds each vote buyer with usd / n from outside at its tick and spends buyShare of it on tokens in one swap each, and nothing before', () => {
    const probes = prePhaseProbes(12, { buyers: voteBuyer, pool: amm }, ({ buyers, pool }, w) => ({
      usd: Float64Array.from(buyers.population.cols.usd.subarray(0, 2)),
      tokens: Float64Array.from(buyers.population.cols.tokens.subarray(0, 2)),
      usdReserve: pool.usdReserve as number,
      cut: (pool.fee as number) * (pool.protocolFeeShare as number),
      usdIn: w.ledger.usdNet as number,
    }));
    const { results } = stressRuns({ attack: governanceAttack({ at: 12, usd: 400_000, buyShare: 0.25 }) }, { model: governedTokenEconomy, params: SMALL_GOVERNED, ticks: 30, extra: probes.install });
    expectSamePrefix(results.get('attack')!, results.get('none')!, 12);
    const { before, after } = probes.seen;
    // 200,000 each: 50,000 into the pool, 150,000 kept for bribes.
    for (let i = 0; i < 2; i++) {
      expect(after!.usd[i] - before!.usd[i]).toBeCloseTo(150_000, 6);
      expect(after!.tokens[i]).toBeGreaterThan(before!.tokens[i]);
    }
    expect(after!.usdIn - before!.usdIn).toBeCloseTo(400_000, 6);
    // The two swaps put 100,000 USD into the pool, less the protocol's cut of the fee.
    expect(after!.usdReserve - before!.usdReserve).toBeCloseTo(100_000 * (1 - before!.cut), 6);
  });
});

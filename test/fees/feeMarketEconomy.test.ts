import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOverrides, type DeepPartial } from '../../src/experiment/define';
import { runOne } from '../../src/experiment/runOne';
import { feeMarketEconomy, type FeeMarketEconomyParams } from '../../src/models/feeMarketEconomy';

const logUniform = (lo: number, hi: number) => fc.double({ min: Math.log10(lo), max: Math.log10(hi), noNaN: true }).map((e) => 10 ** e);

const chain = fc.record({
  rule: fc.constantFrom('eip1559' as const, 'firstPrice' as const),
  gasLimit: fc.integer({ min: 200_000, max: 60_000_000 }),
  initialBaseFeeGwei: logUniform(1e-6, 1e5),
  txPerBlock: logUniform(0.1, 600),
  multiplier: logUniform(0.1, 50),
  tokenReserve: logUniform(1e3, 1e9),
  usdReserve: logUniform(1e3, 1e9),
  usersTokens: logUniform(1, 1e7),
  countSwaps: fc.boolean(),
  seed: fc.integer({ min: 0, max: 2 ** 31 }),
});
type Case = typeof chain extends fc.Arbitrary<infer T> ? T : never;

function params(c: Case): FeeMarketEconomyParams {
  const over: DeepPartial<FeeMarketEconomyParams> = {
    amm: { tokenReserve: c.tokenReserve, usdReserve: c.usdReserve },
    feeMarket: { rule: c.rule, gasLimit: c.gasLimit, initialBaseFeeGwei: c.initialBaseFeeGwei },
    txDemand: { txPerBlock: c.txPerBlock, usersTokens: c.usersTokens, countSwaps: c.countSwaps, spike: { startTick: 3, endTick: 6, multiplier: c.multiplier } },
    stakers: { count: 20 },
    traders: { count: 20 },
    transactors: { count: 40, activity: 0.5 },
  };
  return applyOverrides(feeMarketEconomy.defaults, over, 'test');
}

const run = (p: FeeMarketEconomyParams, seed: number, ticks = 10) =>
  runOne(feeMarketEconomy, { runId: 0, variant: 'p', point: 0, replicate: 0, seed, params: p } as never, { ticks, every: 1, metrics: null, check: true });

/** A failure a run may have with extreme parameters that is not money appearing, vanishing or moving around the ledger. */
const HONEST_FAILURE = /price is|not finite/;

describe('the fee-market economy', () => {
  it('conserves tokens and USD every tick over the legal ranges of its fee market and demand (property, --check)', () => {
    let ok = 0;
    fc.assert(
      fc.property(chain, (c) => {
        const p = params(c);
        feeMarketEconomy.schema.parse(p);
        const r = run(p, c.seed);
        if (r.status === 'failed') expect(r.error).toMatch(HONEST_FAILURE);
        else {
          ok++;
          for (const [k, v] of Object.entries(r.summary)) expect(Number.isFinite(v), k).toBe(true);
        }
      }),
      { numRuns: 25, seed: 16 },
    );
    expect(ok).toBeGreaterThanOrEqual(20);
  });

  it('gives the same KPIs for the same seed, under either rule', () => {
    for (const rule of ['eip1559', 'firstPrice'] as const) {
      const p = applyOverrides(feeMarketEconomy.defaults, { feeMarket: { rule }, txDemand: { spike: { startTick: 2, endTick: 4, multiplier: 3 } } }, 'test');
      const a = run(p, 5, 8);
      const b = run(p, 5, 8);
      expect(a.status).toBe('ok');
      expect(b.summary).toEqual(a.summary);
    }
  });
});

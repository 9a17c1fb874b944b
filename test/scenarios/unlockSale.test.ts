import { describe, expect, it } from 'vitest';
import { amm } from '../../src/market/amm';
import { unlockSale } from '../../src/scenarios/unlockSale';
import { expectSamePrefix, prePhaseProbes, stressRuns } from './stressHarness';

describe('unlockSale', () => {
  it('holds its tokens locked from genesis in every run, then at its tick unlocks them and sells its share in one swap', () => {
    const probes = prePhaseProbes(20, { pool: amm }, ({ pool }, w) => ({
      tokenReserve: pool.tokenReserve as number,
      usdReserve: pool.usdReserve as number,
      cut: (pool.fee as number) * (pool.protocolFeeShare as number),
      locked: w.ledger.account('scenarios.unlock')!.tokens,
      seller: w.ledger.account('scenarios.unlock.seller')?.tokens ?? 0,
      circulating: w.ledger.circulating(),
    }));
    const { results } = stressRuns({ unlock: unlockSale({ at: 20, tokens: 200_000, sellShare: 0.75 }) }, { extra: probes.install });
    const none = results.get('none')!;
    const shocked = results.get('unlock')!;
    expectSamePrefix(shocked, none, 20);
    const { before, after } = probes.seen;
    expect(before!.locked).toBe(200_000);
    expect(after!.locked).toBe(0);
    // 150,000 sold, 50,000 kept, all of it circulating now.
    expect(after!.seller).toBeCloseTo(50_000, 9);
    expect(after!.circulating - before!.circulating).toBeCloseTo(200_000, 6);
    // Constant product with a 0.3% fee on the input: USD out = y · 0.997a / (x + 0.997a), a = 150,000
    // (Uniswap v2 getAmountOut); the protocol's cut of the fee leaves the reserve for the fees account.
    const x = before!.tokenReserve;
    const y = before!.usdReserve;
    expect(before!.cut).toBeGreaterThan(0);
    expect(after!.tokenReserve).toBeCloseTo(x + 150_000 * (1 - before!.cut), 6);
    expect(after!.usdReserve).toBeCloseTo(y - (0.997 * 150_000 * y) / (x + 0.997 * 150_000), 6);
    // The unshocked run minted the same locked tokens at genesis: supplies agree up to the sale (the prefix above).
    expect(none.series.supply[19]).toBe(shocked.series.supply[19]);
  });
});

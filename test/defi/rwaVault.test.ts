import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rwaInvestors } from '../../agents/rwaInvestors';
import type { DeepPartial } from '../../src/experiment/define';
import { rwaVault, type RwaVaultParams } from '../../src/defi/rwaVault';
import { buildBlocks } from '../helpers/blocks';

/** The fund with a 1,000-unit pool and ten idle investors (retail: the fund takes their requests, they never arbitrage) of $1,000, half in the fund: 6,000 units, $6,000 off chain. */
function fundWorld(vault: DeepPartial<RwaVaultParams> = {}) {
  const sim = buildBlocks([rwaVault, rwaInvestors], {
    rwaVault: { pool: { units: 1000, feeBps: 0 }, ...vault },
    rwaInvestors: { count: 10, initialWealthUsd: { dist: 'constant', value: 1000 }, targetShare: { dist: 'constant', value: 0.5 }, qualifiedShare: 0, informedShare: 0, activity: 0 },
  });
  const api = sim.api(rwaVault);
  return { sim, fund: api.fund, asset: api.asset, investors: sim.api(rwaInvestors).population, world: sim.world };
}

describe('RWA NAV', () => {
  it('is off-chain assets / units: 6,000 USD over 6,000 units at genesis', () => {
    const { fund, asset } = fundWorld();
    expect(asset.supply).toBe(6000);
    expect(fund.aumUsd).toBe(6000);
    expect(fund.trueNav).toBe(1);
  });

  it('grows by (yield − fee) / ticksPerYear a tick: 1 + 0.0485 / 365 after one tick', () => {
    const { fund, world } = fundWorld({ yieldPerYear: 0.05, feePerYear: 0.0015 });
    world.step();
    expect(fund.trueNav).toBeCloseTo(1 + 0.0485 / 365, 14);
    expect(fund.yieldThisTick).toBeCloseTo((6000 * 0.05) / 365, 10);
  });

  it('is reported by the oracle L ticks late: after a 20% write-down at tick 3 the oracle (lag 2) still says 1 until tick 5', () => {
    const { fund, world } = fundWorld({ yieldPerYear: 0, feePerYear: 0, navLagTicks: 2, events: [{ atTick: 3, writeDown: 0.2 }] });
    const oracle: number[] = [];
    const truth: number[] = [];
    for (let t = 1; t <= 6; t++) {
      world.step();
      oracle.push(fund.oracleNav);
      truth.push(fund.trueNav);
    }
    expect(truth).toEqual([1, 1, 0.8, 0.8, 0.8, 0.8].map((x) => expect.closeTo(x, 12)));
    expect(oracle).toEqual([1, 1, 1, 1, 0.8, 0.8].map((x) => expect.closeTo(x, 12)));
  });

  it('falls by |yield| / ticksPerYear a tick when the yield is negative: 1 − 0.1 / 365 after one tick', () => {
    const { fund, world } = fundWorld({ yieldPerYear: -0.1, feePerYear: 0 });
    world.step();
    expect(fund.trueNav).toBeCloseTo(1 - 0.1 / 365, 14);
    expect(fund.aumUsd).toBeCloseTo(6000 * (1 - 0.1 / 365), 10);
  });
});

describe('RWA after a total write-down', () => {
  it('refunds a mint that comes due after the fund was written down to nothing, and refuses new ones', () => {
    const { fund, asset, investors, world } = fundWorld({ yieldPerYear: 0, feePerYear: 0, navLagTicks: 0, settlementTicks: 2, events: [{ atTick: 2, writeDown: 1 }] });
    world.step();
    expect(fund.requestMint(investors, 0, 300)).toBe(300);
    world.step(); // tick 2: the assets are written off
    expect(fund.trueNav).toBe(0);
    expect(fund.requestMint(investors, 1, 100)).toBe(0);
    world.step(); // tick 3: the request is due, with no NAV to price it at
    expect(investors.cols.usd[0]).toBe(500);
    expect(investors.cols.rwa[0]).toBe(500);
    expect(asset.supply).toBe(6000);
    expect(fund.mints.pendingUnits).toBe(0);
  });
});

describe('RWA mint and redemption', () => {
  it('mints usd / NAV at settlement, settlementTicks after the request, and leaves the NAV unchanged', () => {
    const { fund, asset, investors, world } = fundWorld({ yieldPerYear: 0, feePerYear: 0, settlementTicks: 2 });
    world.step();
    expect(fund.requestMint(investors, 0, 300)).toBe(300);
    expect(investors.cols.usd[0]).toBe(200);
    world.step();
    expect(investors.cols.rwa[0]).toBe(500);
    world.step(); // tick 3 = 1 + 2
    expect(investors.cols.rwa[0]).toBeCloseTo(800, 12);
    expect(asset.supply).toBeCloseTo(6300, 12);
    expect(fund.trueNav).toBeCloseTo(1, 14);
  });

  it('pays units × NAV at settlement under forward pricing and units × oracle NAV at the request under request pricing', () => {
    // A 20% write-down at tick 1, the oracle one tick late; 100 units redeemed at tick 1 (oracle still 1).
    const run = (pricing: 'settlement' | 'request') => {
      const w = fundWorld({ yieldPerYear: 0, feePerYear: 0, navLagTicks: 1, pricing, events: [{ atTick: 1, writeDown: 0.2 }] });
      w.world.step();
      expect(w.fund.oracleNav).toBe(1);
      w.fund.requestRedemption(w.investors, 0, 100);
      w.world.step();
      return { paid: w.investors.cols.usd[0] - 500, nav: w.fund.trueNav };
    };
    const forward = run('settlement');
    expect(forward.paid).toBeCloseTo(80, 12);
    expect(forward.nav).toBeCloseTo(0.8, 12);
    // Paid 100 at the stale NAV: the 5,900 units left share 4,700, 0.7966 each, below the true 0.8.
    const stale = run('request');
    expect(stale.paid).toBeCloseTo(100, 12);
    expect(stale.nav).toBeCloseTo(4700 / 5900, 12);
  });

  it('accepts no more than the mint and redemption limits of a tick', () => {
    const { fund, investors, world } = fundWorld({ mintLimitUsdPerTick: 250, redeemLimitUsdPerTick: 120 });
    world.step();
    expect(fund.requestMint(investors, 0, 200)).toBe(200);
    expect(fund.requestMint(investors, 1, 200)).toBe(50);
    expect(fund.requestRedemption(investors, 2, 100)).toBeCloseTo(100, 12);
    expect(fund.requestRedemption(investors, 3, 100)).toBeCloseTo(20 / fund.oracleNav, 9);
    world.step();
    expect(fund.requestMint(investors, 4, 200)).toBe(200);
  });

  it('keeps units and USD conserved and every request paid once, over random sequences (property)', () => {
    fc.assert(
      fc.property(
        fc.record({ pricing: fc.constantFrom('settlement' as const, 'request' as const), settle: fc.integer({ min: 0, max: 4 }), lag: fc.integer({ min: 0, max: 4 }), writeDown: fc.double({ min: 0, max: 0.9, noNaN: true }) }),
        fc.array(fc.record({ kind: fc.constantFrom('mint', 'redeem', 'step'), who: fc.integer({ min: 0, max: 9 }), share: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength: 1, maxLength: 50 }),
        (c, ops) => {
          const w = fundWorld({ pricing: c.pricing, settlementTicks: c.settle, navLagTicks: c.lag, events: [{ atTick: 2, writeDown: c.writeDown }] });
          for (const op of ops) {
            if (op.kind === 'mint') w.fund.requestMint(w.investors, op.who, w.investors.cols.usd[op.who] * op.share);
            else if (op.kind === 'redeem') w.fund.requestRedemption(w.investors, op.who, w.investors.cols.rwa[op.who] * op.share);
            else w.world.step();
            w.asset.check(w.world.tick);
            w.world.ledger.check(w.world.tick);
            expect(w.fund.trueNav).toBeGreaterThanOrEqual(0);
          }
          for (let t = 0; t < c.settle + 2; t++) w.world.step();
          expect(w.fund.mints.pendingCount).toBe(0);
          expect(w.fund.redemptions.pendingCount).toBe(0);
          expect(w.sim.world.ledger.account('rwaVault.subscriptions')!.usd).toBeCloseTo(0, 9);
        },
      ),
      { numRuns: 50, seed: 5 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { traders } from '../../agents/traders';
import { amm } from '../../src/market/amm';
import { honey, honeyDefaults, honeyMinted, honeyRedeemed, type HoneyParams } from '../../src/mechanisms/honey';
import { proofOfLiquidity } from '../../src/mechanisms/proofOfLiquidity';
import { proofOfLiquidityDefaults, type ProofOfLiquidityParams, type RewardVault } from '../../src/mechanisms/proofOfLiquidityParams';
import { buildBlocks } from '../helpers/blocks';

const rates: HoneyParams = { ...honeyDefaults, mintRate: 0.9995, redeemRate: 0.999, polFeeCollectorShare: 0.6 };

describe("HoneyFactory's mint and redeem", () => {
  it('mints A · mintRate HONEY and splits the fee A − honey by the PoL share', () => {
    // 10,000 USD at 0.9995: 9,995 HONEY, fee 5 USD, 3 to the PoL fee collector, 2 kept.
    const m = honeyMinted(10_000, rates);

    expect(m.honey).toBeCloseTo(9995, 9);
    expect(m.toPol).toBeCloseTo(3, 9);
    expect(m.toReceiver).toBeCloseTo(2, 9);
  });

  it('pays H · redeemRate USD and splits the fee H − usd the same way', () => {
    // 1,000 HONEY at 0.999: 999 USD, fee 1 USD, 0.6 and 0.4.
    const r = honeyRedeemed(1000, rates);

    expect(r.usd).toBeCloseTo(999, 9);
    expect(r.toPol).toBeCloseTo(0.6, 9);
    expect(r.toReceiver).toBeCloseTo(0.4, 9);
  });
});

const vault = (name: string, bribeUsdPerBgt: number): RewardVault => ({ name, pool: name, bribeUsdPerBgt, whitelisted: true, feesUsdPerYear: 100, initialLiquidityUsd: 1000 });

/** Two vaults (A 2 USD/BGT, B 0.5), cap 0.75; V0 (stake 3) bribe-max, V1 (stake 1) fixed 50/50; boosters 80%. */
const handWorked: ProofOfLiquidityParams = {
  ...proofOfLiquidityDefaults,
  emission: 'fixed',
  bgtPerTick: 1000,
  vaults: [vault('A', 2), vault('B', 0.5)],
  validators: [
    { stakeShare: 3, rule: 'bribe-max', weights: [] },
    { stakeShare: 1, rule: 'fixed', weights: [0.5, 0.5] },
  ],
  maxWeightPerVault: 0.75,
  delegatorShare: 0.8,
  incentiveAuctionShare: 0,
  redeemShare: 0,
  sellShare: 0,
  capitalElasticity: 0,
};

function build(p: ProofOfLiquidityParams, h: HoneyParams, withTraders = false, seed = 1) {
  const overrides = { amm: { tokenReserve: 1_000_000, usdReserve: 1_000_000 }, proofOfLiquidity: p, honey: h };
  const sim = withTraders ? buildBlocks([amm, traders, honey, proofOfLiquidity], { ...overrides, traders: { count: 30 } }, seed) : buildBlocks([amm, honey, proofOfLiquidity], overrides, seed);
  return { sim, world: sim.world, pol: sim.api(proofOfLiquidity), h: sim.api(honey) };
}

describe('proof-of-liquidity incentives paid in HONEY (hand-worked)', () => {
  it('mints the incentives as HONEY: 306.25 to validators, 1225 to boosters, collateral (honey / mintRate) less the PoL fee', () => {
    const { world, pol, h } = build(handWorked, rates);

    world.step();

    // The same incentives as in USD (1531.25), now HONEY; no USD reaches the validators or boosters.
    expect(h.balance('validators')).toBeCloseTo(306.25, 9);
    expect(h.balance('delegators')).toBeCloseTo(1225, 9);
    expect(h.supply).toBeCloseTo(1531.25, 9);
    expect(pol.accounts.validators.usd).toBe(0);
    // Deposited 1531.25 / 0.9995; fee 1531.25 (1/0.9995 − 1) ≈ 0.766, 60% of it sent to the PoL fee collector.
    const fee = 1531.25 / 0.9995 - 1531.25;
    expect(h.polFees.usd).toBeCloseTo(0.6 * fee, 9);
    expect(h.collateral.usd).toBeCloseTo(1531.25 + 0.4 * fee, 9);
  });

  it("redeems the boosters' auction share for USD at the redeem rate before buying BERA", () => {
    const { world, pol, h } = build({ ...handWorked, incentiveAuctionShare: 0.5 }, rates);

    world.step();

    // 612.5 HONEY redeemed: 611.8875 USD buys BERA; 612.5 HONEY stays with the boosters.
    expect(h.balance('delegators')).toBeCloseTo(612.5, 9);
    expect(pol.auctionBera).toBeCloseTo((1e6 * 611.8875 * 0.997) / (1e6 + 611.8875 * 0.997), 6);
    expect(pol.accounts.delegators.usd).toBeCloseTo(0, 9);
    expect(h.supply).toBeCloseTo(1531.25 - 612.5, 9);
  });
});

describe('BERA–HONEY LP positions (hand-worked)', () => {
  it("holds lpHoneyShare of the vault's LP capital as HONEY, minted with its USD at the mint rate", () => {
    const { world, pol, h } = build({ ...handWorked, adjustSpeed: 1 }, { ...rates, lpVaults: ['A'], lpHoneyShare: 0.5 });

    world.step();

    // The USD move first (as without HONEY): c_A = 2000 · a / (a + b) (fees 100 USD a year each, 1000 USD each at genesis); then half of it minted as HONEY, paid diff / m from the vault's USD.
    const T = world.ticksPerYear;
    const a = 100 + 687.5 * T;
    const b = 100 + 312.5 * T;
    const c = (2000 * a) / (a + b);
    expect(pol.vaults.cols.honey[0]).toBeCloseTo(0.5 * c, 6);
    expect(pol.vaults.cols.usd[0]).toBeCloseTo(c - (0.5 * c) / 0.9995, 6);
    expect(pol.liquidityUsd(0)).toBeCloseTo(c - 0.5 * c * (1 / 0.9995 - 1), 6);
    expect(pol.vaults.cols.honey[1]).toBe(0);
    expect(h.balance('vaults')).toBeCloseTo(0.5 * c, 6);
  });
});

describe('HONEY across its parameter ranges (property)', () => {
  const params = fc.record({
    mintRate: fc.double({ min: 0.98, max: 1, noNaN: true }),
    redeemRate: fc.double({ min: 0.98, max: 1, noNaN: true }),
    polFeeCollectorShare: fc.double({ min: 0, max: 1, noNaN: true }),
    bribes: fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: 2, maxLength: 2 }),
    incentiveAuctionShare: fc.double({ min: 0, max: 1, noNaN: true }),
    delegatorShare: fc.double({ min: 0, max: 1, noNaN: true }),
    lpVaults: fc.subarray(['A', 'B']),
    lpHoneyShare: fc.double({ min: 0, max: 1, noNaN: true }),
    adjustSpeed: fc.double({ min: 0.01, max: 1, noNaN: true }),
  });

  it('keeps collateral = HONEY supply + the fee receiver’s fees and every HONEY backed, with USD and tokens conserved every tick', () => {
    fc.assert(
      fc.property(params, (q) => {
        const p = { ...handWorked, vaults: [vault('A', q.bribes[0]), vault('B', q.bribes[1])], incentiveAuctionShare: q.incentiveAuctionShare, delegatorShare: q.delegatorShare, redeemShare: 0.1, sellShare: 0.5, adjustSpeed: q.adjustSpeed, capitalElasticity: 1 };
        // build() runs with the ledger's check every tick: a broken conservation throws.
        const { world, h, pol } = build(p, { ...honeyDefaults, mintRate: q.mintRate, redeemRate: q.redeemRate, polFeeCollectorShare: q.polFeeCollectorShare, lpVaults: q.lpVaults, lpHoneyShare: q.lpHoneyShare }, true);
        for (let t = 0; t < 10; t++) {
          world.step();
          const scale = 1 + h.minted;
          expect(Math.abs(h.collateral.usd - h.supply - h.receiverFeesUsd)).toBeLessThanOrEqual(1e-9 * scale);
          expect(h.collateral.usd).toBeGreaterThanOrEqual(h.supply - 1e-9 * scale);
          let held = 0;
          for (const b of h.balances.values()) {
            expect(b).toBeGreaterThanOrEqual(0);
            held += b;
          }
          expect(Math.abs(held - h.supply)).toBeLessThanOrEqual(1e-9 * scale);
          const legs = pol.vaults.cols.honey[0] + pol.vaults.cols.honey[1];
          expect(Math.abs(h.balance('vaults') - legs)).toBeLessThanOrEqual(1e-9 * scale);
          for (let k = 0; k < 2; k++) {
            expect(pol.vaults.cols.usd[k]).toBeGreaterThanOrEqual(-1e-9 * scale);
            if (!q.lpVaults.includes(['A', 'B'][k])) expect(pol.vaults.cols.honey[k]).toBe(0);
          }
        }
      }),
      { numRuns: 40, seed: 11 },
    );
  });
});

describe('fee-free HONEY against USD incentives (differential)', () => {
  it('gives the same price path and BERA bought when HONEY mints and redeems 1:1', () => {
    const p = { ...handWorked, incentiveAuctionShare: 0.7, redeemShare: 0.1, sellShare: 0.5 };
    const withHoney = build(p, { ...honeyDefaults, mintRate: 1, redeemRate: 1 }, true, 3);
    const overrides = { amm: { tokenReserve: 1_000_000, usdReserve: 1_000_000 }, proofOfLiquidity: p, traders: { count: 30 } };
    const usd = buildBlocks([amm, traders, proofOfLiquidity], overrides, 3);

    for (let t = 0; t < 30; t++) {
      withHoney.world.step();
      usd.world.step();
      expect(withHoney.sim.pool.price).toBe(usd.pool.price);
    }
    expect(withHoney.pol.auctionBera).toBe(usd.api(proofOfLiquidity).auctionBera);
    expect(withHoney.h.balance('validators')).toBeCloseTo(usd.api(proofOfLiquidity).accounts.validators.usd, 6);
  });
});

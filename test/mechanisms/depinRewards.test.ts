import { describe, expect, it } from 'vitest';
import { burnsForUsage, capacityMintShare, operatorMint, type DepinRewardsParams } from '../../src/mechanisms/depinRewards';
import { bareNetwork } from '../models/depinHelpers';

const params = (model: DepinRewardsParams['model'], cap: number | null = null): DepinRewardsParams => ({
  model,
  emission: { schedule: 'constant', ratePerYear: 365_000, decayPerYear: 0, halvingTicks: 365, maxSupply: null },
  capacityShare: 0.25,
  netEmissionCapPerYear: cap,
  protocolFeeShare: 0,
});

describe('operator mint', () => {
  it('pays the schedule in full except under utilisation, which pays E · u', () => {
    expect(operatorMint(params('fixedEmission'), 1000, 0.3, 0, 365)).toBe(1000);
    expect(operatorMint(params('burnAndMint'), 1000, 0.3, 0, 365)).toBe(1000);
    expect(operatorMint(params('utilisation'), 1000, 0.3, 0, 365)).toBeCloseTo(300, 12);
  });

  it('keeps net emission within the cap: mint ≤ burned + cap / ticksPerYear', () => {
    // Cap 36,500/year = 100/tick: with 250 burned the mint may be 350 at most.
    expect(operatorMint(params('hybrid', 36_500), 1000, 1, 250, 365)).toBeCloseTo(350, 12);
    expect(operatorMint(params('hybrid', 0), 1000, 1, 0, 365)).toBe(0);
    expect(operatorMint(params('hybrid', 36_500), 1000, 1, 5000, 365)).toBe(1000);
  });

  it('splits by capacity: all in fixed emission, none in utilisation or burn-and-mint, capacityShare in the hybrid', () => {
    expect(capacityMintShare(params('fixedEmission'))).toBe(1);
    expect(capacityMintShare(params('utilisation'))).toBe(0);
    expect(capacityMintShare(params('burnAndMint'))).toBe(0);
    expect(capacityMintShare(params('hybrid'))).toBe(0.25);
    expect([burnsForUsage(params('fixedEmission')), burnsForUsage(params('utilisation')), burnsForUsage(params('burnAndMint')), burnsForUsage(params('hybrid'))]).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });
});

describe('burn-and-mint equilibrium', () => {
  /*
   * Customers spend a constant D = 1,000 units × $2 = $2,000 per tick buying
   * tokens and burning them; the mint pays operators M = 1,000 tokens per
   * tick and they sell all of it; nothing else trades, the pool charges no
   * fee. The pool is at rest when it takes in as many tokens as it gives out
   * (bought = burned = M) and as many dollars (D = USD paid for M tokens):
   * price P* ≈ D / M = $2 and net emission M − B → 0.
   *
   * Exactly, with k = x·y constant (no fee) and x the token reserve after the
   * operators sell: x D / (y + D) = M and y = k / x give
   *   D x² − D M x − k M = 0,   P* = y / x = k / x²,
   * which differs from D / M by the slippage of a buy of M tokens, about M / x.
   */
  it('drives price to P* = k/x² ≈ D/M and net emission to zero', () => {
    const net = bareNetwork({ depinRewards: { model: 'burnAndMint', emission: { ratePerYear: 1000 * 365 } } });
    const D = 2000;
    const M = 1000;
    const k = net.pool.k;
    const x = (D * M + Math.sqrt(D * D * M * M + 4 * D * k * M)) / (2 * D);
    const pStar = k / (x * x);
    for (let t = 0; t < 1000; t++) net.world.step();
    expect(net.pool.price).toBeCloseTo(pStar, 6);
    expect(Math.abs(net.pool.price - D / M) / (D / M)).toBeLessThan((1.5 * M) / x);
    const netEmission = net.world.ledger.mintedThisTick - net.world.ledger.burnedThisTick;
    expect(Math.abs(netEmission)).toBeLessThan(1e-6 * M);
    expect(net.depinRewards.burnedThisTick).toBeCloseTo(M, 6);
  });

  it('approaches P* from either side: a dearer start falls, a cheaper start rises', () => {
    const dear = bareNetwork({ amm: { tokenReserve: 50_000, usdReserve: 200_000 }, depinRewards: { model: 'burnAndMint', emission: { ratePerYear: 1000 * 365 } } });
    const cheap = bareNetwork({ amm: { tokenReserve: 200_000, usdReserve: 50_000 }, depinRewards: { model: 'burnAndMint', emission: { ratePerYear: 1000 * 365 } } });
    const gap = (n: typeof dear) => Math.abs(n.pool.price - 2);
    const before = [gap(dear), gap(cheap)];
    for (let t = 0; t < 300; t++) {
      dear.world.step();
      cheap.world.step();
    }
    expect(dear.pool.price).toBeLessThan(4);
    expect(cheap.pool.price).toBeGreaterThan(0.25);
    expect(gap(dear)).toBeLessThan(before[0] / 5);
    expect(gap(cheap)).toBeLessThan(before[1] / 5);
  });

  it('with a net-emission cap of zero never mints more than it burns', () => {
    const net = bareNetwork({ depinRewards: { model: 'hybrid', emission: { ratePerYear: 5000 * 365 }, netEmissionCapPerYear: 0 } });
    for (let t = 0; t < 200; t++) {
      net.world.step();
      expect(net.depinRewards.mintedThisTick).toBeLessThanOrEqual(net.depinRewards.burnedThisTick * (1 + 1e-12));
    }
    expect(net.world.ledger.supply).toBeLessThanOrEqual(net.world.ledger.minted - net.world.ledger.burned + 1e-6);
  });

  it('under fixed emission pays customers’ USD to operators and burns nothing', () => {
    const net = bareNetwork({ depinRewards: { model: 'fixedEmission', protocolFeeShare: 0.1 } });
    const treasury0 = net.treasury.usd;
    for (let t = 0; t < 10; t++) net.world.step();
    expect(net.world.ledger.burned).toBe(0);
    // 10 ticks × $2,000, 10% kept by the treasury.
    expect(net.treasury.usd - treasury0).toBeCloseTo(2000, 6);
  });
});

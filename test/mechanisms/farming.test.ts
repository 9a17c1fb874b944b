import { describe, expect, it } from 'vitest';
import { farmingEquilibrium, tickCostUsd, walletValueUsd, walletsToFarm } from '../../src/mechanisms/farming';

describe('what farming costs and is worth', () => {
  it('costs n g + V b / 10⁴ + L k / T + τ: 2 · 0.3 + 100 · 10 / 10⁴ + 3650 · 0.1 / 365 + 0.1 = 1.8 USD a tick', () => {
    const c = tickCostUsd({ volumeUsd: 100, liquidityUsd: 3650, transactions: 2 }, { gasUsdPerTx: 0.3, tradeCostBps: 10, capitalCostPerYear: 0.1, timeUsdPerTick: 0.1 }, 365);
    expect(c).toBeCloseTo(1.8, 12);
  });

  it('runs wallet j while V > C (1 + γ j): V = 100, C = 50, γ = 0.5 gives 2 wallets; γ = 0 gives all', () => {
    expect(walletsToFarm(100, 50, 0.5, 10)).toBe(2);
    expect(walletsToFarm(100, 50, 0, 10)).toBe(10);
    expect(walletsToFarm(100, 100, 0, 10)).toBe(0);
  });

  // A = 1000 tokens at $2; a wallet's 100 points kept at κ = 1 − (1 − 0.3) = 0.3 by an excluding filter
  // missing 30%; real users' 900 points kept at 0.95: V(1) = 2000 · 30 / (855 + 30) = 67.797 USD.
  const x = { walletWeight: 100, keep: 0.3, realWeight: 855, tokens: 1000, priceUsd: 2, capShare: 1, claimShare: 1 };

  it('values a wallet at A · p · v · min(cap, κ w / (W + N κ w)): 2000 · 30 / 885 with one wallet', () => {
    expect(walletValueUsd(x, 1)).toBeCloseTo((2000 * 30) / 885, 12);
    expect(walletValueUsd({ ...x, capShare: 0.01 }, 1)).toBeCloseTo(20, 12);
  });

  it('flips a lone farmer in at a season cost just under the hand-computed break-even, out just over it', () => {
    const breakEven = (2000 * 30) / 885;
    const out = new Int32Array(1);
    expect(farmingEquilibrium(x, Float64Array.of(breakEven - 0.01), Int32Array.of(1), 0, out)).toBe(1);
    expect(farmingEquilibrium(x, Float64Array.of(breakEven + 0.01), Int32Array.of(1), 0, out)).toBe(0);
  });

  it('admits farmers, cheapest first, while the last one in still profits and the next would not', () => {
    // One wallet each, κ = 1, w = 100, W = 900, A · p = 2000: V(N) = 2000 · 100 / (900 + 100 N) = 200, 181.8, 166.7, 153.8 USD for N = 1 … 4.
    const y = { ...x, keep: 1, realWeight: 900 };
    const out = new Int32Array(4);
    expect(farmingEquilibrium(y, Float64Array.of(160, 150, 170, 190), Int32Array.of(1, 1, 1, 1), 0, out)).toBe(2);
    // With 2 in (costs 150 and 160), V = 181.8 covers both; the 170 farmer entering would see V(3) = 166.7 < 170.
    expect(Array.from(out)).toEqual([1, 1, 0, 0]);
  });
});

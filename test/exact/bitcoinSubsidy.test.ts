import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COIN, HALVING_INTERVAL, blockSubsidy, cumulativeSubsidy } from '../../src/exact/bitcoinSubsidy';
import { cumulativeEmission, scheduledEmission, type EmissionParams } from '../../src/mechanisms/emission';

/** bitcoin/bitcoin src/test/validation_tests.cpp `TestBlockSubsidyHalvings`, transcribed. */
function checkHalvings(interval: number): void {
  const initial = 50n * COIN;
  let previous = initial * 2n;
  for (let halvings = 0; halvings < 64; halvings++) {
    const subsidy = blockSubsidy(halvings * interval, interval);
    expect(subsidy <= initial).toBe(true);
    expect(subsidy).toBe(previous / 2n);
    previous = subsidy;
  }
  expect(blockSubsidy(64 * interval, interval)).toBe(0n);
}

describe('blockSubsidy against bitcoin/bitcoin src/test/validation_tests.cpp', () => {
  it("'block_subsidy_test': each halving halves the subsidy, at mainnet's 210000, regtest's 150 and 1000 blocks, and it is 0 after 64", () => {
    checkHalvings(HALVING_INTERVAL);
    checkHalvings(150);
    checkHalvings(1000);
  });

  it("'subsidy_limit_test': summing every 1000th block's subsidy × 1000 up to height 14·10^6 gives 2099999997690000 satoshi", () => {
    let sum = 0n;
    let over = 0;
    for (let h = 0; h < 14_000_000; h += 1000) {
      const s = blockSubsidy(h);
      if (s > 50n * COIN) over++;
      sum += s * 1000n;
    }
    expect(over).toBe(0);
    expect(sum).toBe(2099999997690000n);
  });
});

describe('cumulativeSubsidy', () => {
  it('equals the block-by-block sum at era boundaries and inside eras', () => {
    for (const h of [0, 1, 209_999, 210_000, 210_001, 420_000, 1_234_567, 6_930_000, 7_000_000]) {
      let direct = 0n;
      for (let era = 0; era * HALVING_INTERVAL < h; era++) {
        const blocks = Math.min(h, (era + 1) * HALVING_INTERVAL) - era * HALVING_INTERVAL;
        direct += BigInt(blocks) * blockSubsidy(era * HALVING_INTERVAL);
      }
      expect(cumulativeSubsidy(h)).toBe(direct);
    }
  });

  it('stops at 20999999.9769 BTC: 2099999997690000 satoshi from height 6930000 (33 halvings) on', () => {
    expect(blockSubsidy(6_929_999)).toBe(1n);
    expect(blockSubsidy(6_930_000)).toBe(0n);
    expect(cumulativeSubsidy(6_930_000)).toBe(2099999997690000n);
    expect(cumulativeSubsidy(20_000_000)).toBe(2099999997690000n);
  });
});

describe('blockSubsidy against the float halving schedule (src/mechanisms/emission.ts)', () => {
  // One tick per block: E(t) = 50 · 2^-⌊(t − 1) / 210000⌋ BTC for block height t − 1.
  const halving: EmissionParams = { schedule: 'halving', ratePerYear: 50, decayPerYear: 0, halvingTicks: HALVING_INTERVAL, maxSupply: null };

  it('agrees to the satoshi for the first 10 halvings (5·10^9 = 2^9 · 9765625 shifts exactly 9 times)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * HALVING_INTERVAL - 1 }), (h) => {
        expect(scheduledEmission(halving, h + 1, 1) * 1e8).toBe(Number(blockSubsidy(h)));
      }),
    );
  });

  it('over-pays by less than 1 satoshi a block at any height, and by 0.0231 BTC in total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 64 * HALVING_INTERVAL }), (h) => {
        const gap = scheduledEmission(halving, h + 1, 1) * 1e8 - Number(blockSubsidy(h));
        expect(gap).toBeGreaterThanOrEqual(0);
        expect(gap).toBeLessThan(1);
      }),
    );
    // At the 32nd halving the chain pays 5·10^9 >> 32 = 1 satoshi, the float schedule 5·10^9 / 2^32 = 1.164.
    expect(Number(blockSubsidy(32 * HALVING_INTERVAL))).toBe(1);
    expect(scheduledEmission(halving, 32 * HALVING_INTERVAL + 1, 1) * 1e8).toBeCloseTo(1.1641532, 6);
    const floatTotal = cumulativeEmission(halving, 64 * HALVING_INTERVAL, 1);
    expect(floatTotal).toBeCloseTo(21_000_000, 6);
    expect(floatTotal * 1e8 - Number(cumulativeSubsidy(64 * HALVING_INTERVAL))).toBeCloseTo(2_310_000, -1);
  });
});

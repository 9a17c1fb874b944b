import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quadraticFunding, quadraticMatch, quadraticMatchFloat } from '../../src/exact/quadraticFunding';

// No contract publishes CLR vectors; these are hand-worked from (Σ√c)² − Σc.
describe('quadraticMatch, hand-worked', () => {
  it('matches four gifts of 1 with (4·1)² − 4 = 12, and one gift of 4 with (2)² − 4 = 0', () => {
    expect(quadraticMatch([1n, 1n, 1n, 1n])).toBe(12n);
    expect(quadraticMatch([4n])).toBe(0n);
  });

  it('matches 1 ETH from each of 100 donors with (100·10^9)² − 100·10^18 = 9900 ETH', () => {
    const oneEth = 10n ** 18n;
    expect(quadraticMatch(new Array(100).fill(oneEth))).toBe(9900n * oneEth);
  });

  it('floors each root: gifts of 2 and 3 wei match (1 + 1)² − 5 = −1 → 0, where the real rule gives 4.899', () => {
    expect(quadraticMatch([2n, 3n])).toBe(0n);
    expect(quadraticMatchFloat([2, 3])).toBeCloseTo(2 * Math.sqrt(6), 12);
  });

  it('scales matches pro rata to the pool, flooring: 12 and 0 and 6 into a pool of 10 give 6, 0 and 3', () => {
    // Project matches 12, 0, 6 (sum 18 > 10): ⌊12·10/18⌋ = 6, 0, ⌊6·10/18⌋ = 3; 1 unit stays in the pool.
    const projects = [[1n, 1n, 1n, 1n], [4n], [1n, 1n, 1n]];
    expect(projects.map(quadraticMatch)).toEqual([12n, 0n, 6n]);
    expect(quadraticFunding(projects, 10n)).toEqual([6n, 0n, 3n]);
    expect(quadraticFunding(projects, 100n)).toEqual([12n, 0n, 6n]);
  });

  it('throws a RangeError for a negative contribution', () => {
    expect(() => quadraticMatch([-1n])).toThrow(RangeError);
  });
});

describe('quadraticMatch against the real-valued rule', () => {
  // Stated tolerance: each floor loses δ_i ∈ [0, 1) of a root, so with S = Σ√c_i and n contributors the
  // exact match is below the real one by less than 2·n·S base units (and is 0 where that is negative).
  it('is below (Σ√c)² − Σc by less than 2nS wei over 1 to 50 gifts of 10^-6 to 10^6 tokens', () => {
    const gift = fc.double({ min: -6, max: 6, noNaN: true }).map((e) => BigInt(Math.round(10 ** e * 1e6)) * 10n ** 12n);
    fc.assert(
      fc.property(fc.array(gift, { minLength: 1, maxLength: 50 }), (gifts) => {
        const exact = Number(quadraticMatch(gifts));
        const float = quadraticMatchFloat(gifts.map(Number));
        const S = gifts.reduce((s, c) => s + Math.sqrt(Number(c)), 0);
        const slack = 1e-12 * (S * S);
        expect(exact).toBeLessThanOrEqual(Math.max(0, float) + slack);
        expect(exact).toBeGreaterThanOrEqual(float - 2 * gifts.length * S - slack);
      }),
      { numRuns: 300 },
    );
  });

  it('never pays more than the pool, and pays the unscaled matches when they fit', () => {
    const project = fc.array(fc.bigInt({ min: 0n, max: 10n ** 24n }), { maxLength: 20 });
    fc.assert(
      fc.property(fc.array(project, { minLength: 1, maxLength: 10 }), fc.bigInt({ min: 0n, max: 10n ** 26n }), (projects, pool) => {
        const paid = quadraticFunding(projects, pool);
        const raw = projects.map(quadraticMatch);
        const rawTotal = raw.reduce((a, b) => a + b, 0n);
        const total = paid.reduce((a, b) => a + b, 0n);
        if (rawTotal <= pool) expect(paid).toEqual(raw);
        else expect(total <= pool && pool - total < BigInt(projects.length)).toBe(true);
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INITIAL_BASE_FEE, baseFeeFloat, calcBaseFee } from '../../src/exact/eip1559';
import { relErr } from './helpers';

describe('calcBaseFee against go-ethereum consensus/misc/eip1559/eip1559_test.go TestCalcBaseFee', () => {
  // {parentBaseFee, parentGasLimit, parentGasUsed, expectedBaseFee}, every row of the table.
  const rows: [bigint, bigint, bigint, bigint][] = [
    [INITIAL_BASE_FEE, 20000000n, 10000000n, INITIAL_BASE_FEE], // usage == target
    [INITIAL_BASE_FEE, 20000000n, 9000000n, 987500000n], // usage below target
    [INITIAL_BASE_FEE, 20000000n, 11000000n, 1012500000n], // usage above target
    [INITIAL_BASE_FEE, 20000000n, 20000000n, 1125000000n], // usage full
    [INITIAL_BASE_FEE, 20000000n, 0n, 875000000n], // usage 0
  ];
  rows.forEach(([baseFee, gasLimit, gasUsed, expected], i) => {
    it(`row ${i}: used ${gasUsed} of ${gasLimit} gas moves 1 gwei to ${expected} wei`, () => {
      expect(calcBaseFee({ baseFee, gasLimit, gasUsed })).toBe(expected);
    });
  });
});

describe('calcBaseFee rounding', () => {
  it('rises by at least 1 wei above target: 8 wei with a block 1 gas over target goes to 9', () => {
    // ⌊⌊8 · 1 / 15·10^6⌋ / 8⌋ = 0, raised to the minimum increase of 1.
    expect(calcBaseFee({ baseFee: 8n, gasLimit: 30_000_000n, gasUsed: 15_000_001n })).toBe(9n);
  });

  it('never falls from 7 wei, even after empty blocks: ⌊7 · t / t / 8⌋ = 0', () => {
    let b = 7n;
    for (let k = 0; k < 100; k++) b = calcBaseFee({ baseFee: b, gasLimit: 30_000_000n, gasUsed: 0n });
    expect(b).toBe(7n);
  });

  it('falls from 1 gwei to its 7-wei floor after 145 empty blocks, where the float rule is at 3.9 wei and still falling', () => {
    let exact = INITIAL_BASE_FEE;
    let float = 1e9;
    let blocks = 0;
    while (exact > 7n) {
      exact = calcBaseFee({ baseFee: exact, gasLimit: 30_000_000n, gasUsed: 0n });
      float = baseFeeFloat(float, 0, 15_000_000);
      blocks++;
    }
    expect(blocks).toBe(145);
    expect(float).toBeCloseTo(3.9009, 4);
  });
});

describe('calcBaseFee against the float rule b · (1 + (u − t) / 8t)', () => {
  // Stated tolerance: one step agrees to 2 wei (the two floors) plus 1e-15 relative.
  it('agrees within 2 wei + 1e-15 relative for one block, for fees from 1 wei to 10^6 gwei', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 15n }), fc.integer({ min: 2, max: 60_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (b, limit, fill) => {
        const gasLimit = BigInt(limit);
        const gasUsed = BigInt(Math.floor(limit * fill));
        const exact = calcBaseFee({ baseFee: b, gasLimit, gasUsed });
        const float = baseFeeFloat(Number(b), Number(gasUsed), Number(gasLimit / 2n));
        expect(Math.abs(Number(exact) - float)).toBeLessThanOrEqual(2 + 1e-15 * float + (gasUsed > gasLimit / 2n ? 1 : 0));
      }),
      { numRuns: 1000 },
    );
  });

  it('drifts over 1000 random blocks by at most Σ 2 wei / b_k relative, the floors of every block', () => {
    // Each block's floors lose under 2 wei; that error then scales with the fee, so relative errors add up.
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.3, max: 0.7, noNaN: true }), { minLength: 1000, maxLength: 1000 }), (fills) => {
        let exact = 50n * INITIAL_BASE_FEE;
        let float = 50e9;
        let bound = 1e-12;
        for (const fill of fills) {
          const gasUsed = BigInt(Math.floor(30_000_000 * fill));
          bound += 2 / Number(exact);
          exact = calcBaseFee({ baseFee: exact, gasLimit: 30_000_000n, gasUsed });
          float = baseFeeFloat(float, Number(gasUsed), 15_000_000);
        }
        expect(relErr(float, Number(exact))).toBeLessThanOrEqual(bound);
      }),
      { numRuns: 30 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOB_SCHEDULES, GAS_PER_BLOB, blobBaseFee, calcExcessBlobGas, fakeExponential, type BlobConfig } from '../../src/exact/eip4844';

describe('fakeExponential against go-ethereum consensus/misc/eip4844/eip4844_test.go TestFakeExponential', () => {
  // {factor, numerator, denominator, want}, every row of the table.
  const rows: [bigint, bigint, bigint, bigint][] = [
    [1n, 0n, 1n, 1n],
    [38493n, 0n, 1000n, 38493n],
    [0n, 1234n, 2345n, 0n],
    [1n, 2n, 1n, 6n],
    [1n, 4n, 2n, 6n],
    [1n, 3n, 1n, 16n],
    [1n, 6n, 2n, 18n],
    [1n, 4n, 1n, 49n],
    [1n, 8n, 2n, 50n],
    [10n, 8n, 2n, 542n],
    [11n, 8n, 2n, 596n],
    [1n, 5n, 1n, 136n],
    [1n, 5n, 2n, 11n],
    [2n, 5n, 2n, 23n],
    [1n, 50000000n, 2225652n, 5709098764n],
  ];
  rows.forEach(([f, n, d, want], i) => {
    it(`row ${i}: fakeExponential(${f}, ${n}, ${d}) = ${want}`, () => {
      expect(fakeExponential(f, n, d)).toBe(want);
    });
  });

  it('stays within 1 of factor · e^(n/d) from below for small exponents (property)', () => {
    // The Taylor terms are floored, so the result is at most the true value and loses under one unit per term.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 4000 }), (factor, n) => {
        const got = Number(fakeExponential(BigInt(factor), BigInt(n), 1000n));
        const exact = factor * Math.exp(n / 1000);
        expect(got).toBeLessThanOrEqual(exact * (1 + 1e-12));
        expect(got).toBeGreaterThanOrEqual(exact - 40);
      }),
      { numRuns: 300 },
    );
  });
});

describe('blobBaseFee against go-ethereum TestCalcBlobFee (Cancun schedule)', () => {
  const rows: [bigint, bigint][] = [
    [0n, 1n],
    [2314057n, 1n],
    [2314058n, 2n],
    [10n * 1024n * 1024n, 23n],
  ];
  rows.forEach(([excess, want]) => {
    it(`excess blob gas ${excess} gives ${want} wei per blob gas`, () => {
      expect(blobBaseFee(excess, BLOB_SCHEDULES.cancun)).toBe(want);
    });
  });
});

describe('calcExcessBlobGas against go-ethereum TestCalcExcessBlobGas (mainnet Cancun: target 3 blobs)', () => {
  const target = BLOB_SCHEDULES.cancun.target;
  const targetGas = target * GAS_PER_BLOB;
  // {parent excess, parent blobs, want}, every row of the table.
  const rows: [bigint, bigint, bigint][] = [
    [0n, 0n, 0n],
    [0n, 1n, 0n],
    [0n, target, 0n],
    [0n, target + 1n, GAS_PER_BLOB],
    [1n, target + 1n, GAS_PER_BLOB + 1n],
    [1n, target + 2n, 2n * GAS_PER_BLOB + 1n],
    [targetGas, target, targetGas],
    [targetGas, target - 1n, targetGas - GAS_PER_BLOB],
    [targetGas, target - 2n, targetGas - 2n * GAS_PER_BLOB],
    [GAS_PER_BLOB - 1n, target - 1n, 0n],
  ];
  rows.forEach(([excess, blobs, want], i) => {
    it(`row ${i}: excess ${excess} with ${blobs} blobs gives ${want}`, () => {
      expect(calcExcessBlobGas(excess, blobs * GAS_PER_BLOB, BLOB_SCHEDULES.cancun)).toBe(want);
    });
  });
});

describe("calcExcessBlobGas under EIP-7918's reserve price", () => {
  // go-ethereum TestCalcExcessBlobGasEIP7918: Osaka schedule (6 of 9 blobs), parent at the target with zero excess.
  it('below the reserve price (base fee 1 gwei) the excess grows by used · (max − target) / max: 6 blobs give 262144', () => {
    const used = 6n * GAS_PER_BLOB;
    expect(calcExcessBlobGas(0n, used, BLOB_SCHEDULES.osaka, 1_000_000_000n)).toBe((used * 3n) / 9n);
    expect((used * 3n) / 9n).toBe(262_144n);
  });

  it('above the reserve price (base fee 1 wei) the Cancun rule applies: at the target the excess stays 0', () => {
    expect(calcExcessBlobGas(0n, 6n * GAS_PER_BLOB, BLOB_SCHEDULES.osaka, 1n)).toBe(0n);
  });

  // go-ethereum TestCalcBlobFeePostOsaka (as in bnb-chain/bsc's copy of consensus/misc/eip4844/eip4844_test.go): the blob-parameter-only forks' schedules.
  const bpo1: BlobConfig = { target: 9n, max: 14n, updateFraction: 8_832_827n, reservePrice: true };
  const bpo3: BlobConfig = { target: 21n, max: 32n, updateFraction: 20_609_697n, reservePrice: true };
  it('BPO1 (9 of 14 blobs): excess 5149252 with 1310720 blob gas at base fee 30 wei gives 5617366', () => {
    expect(calcExcessBlobGas(5_149_252n, 1_310_720n, bpo1, 30n)).toBe(5_617_366n);
  });
  it('BPO3 (21 of 32 blobs): excess 19251039 with 2490368 blob gas at base fee 50 wei gives 20107103', () => {
    expect(calcExcessBlobGas(19_251_039n, 2_490_368n, bpo3, 50n)).toBe(20_107_103n);
  });

  it('never lets the excess fall while blobs are cheaper than the reserve, even in empty blocks', () => {
    let excess = 0n;
    for (let k = 0; k < 50; k++) excess = calcExcessBlobGas(excess, 0n, BLOB_SCHEDULES.osaka, 10n ** 12n);
    expect(excess).toBe(0n);
    excess = calcExcessBlobGas(excess, 9n * GAS_PER_BLOB, BLOB_SCHEDULES.osaka, 10n ** 12n);
    expect(excess).toBe((9n * GAS_PER_BLOB * 3n) / 9n);
  });
});

describe('blob base fee per full block (Cancun)', () => {
  it('rises by e^(3 · 131072 / 3338477) ≈ 12.5% per block of 6 blobs, as the specification says', () => {
    let excess = 0n;
    for (let k = 0; k < 200; k++) excess = calcExcessBlobGas(excess, 6n * GAS_PER_BLOB);
    const a = Number(blobBaseFee(excess));
    const b = Number(blobBaseFee(calcExcessBlobGas(excess, 6n * GAS_PER_BLOB)));
    expect(b / a).toBeCloseTo(Math.exp((3 * 131_072) / 3_338_477), 4);
    expect(b / a).toBeCloseTo(1.125, 2);
  });
});

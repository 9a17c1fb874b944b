import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import { BLOB_SCHEDULES, GAS_PER_BLOB, blobBaseFee } from '../../src/exact/eip4844';
import { L1DataMarket } from '../../src/fees/l1DataMarket';

describe('the L1 blob market a rollup posts to', () => {
  it('carries the excess of full Prague blocks (9 blobs, target 6): 3 · 131072 blob gas a block, priced by blobBaseFee', () => {
    const m = new L1DataMarket(BLOB_SCHEDULES.prague, new Rng(1));
    for (let k = 1; k <= 40; k++) {
      const fee = m.blobFeeWei;
      const out = m.block(9, 0, 1, 0, 10n ** 9n);
      expect(out).toEqual({ ours: 9, others: 0, blobFeeWei: fee });
      expect(m.excess).toBe(BigInt(k) * 3n * GAS_PER_BLOB);
      expect(m.blobFeeWei).toBe(blobBaseFee(m.excess, BLOB_SCHEDULES.prague));
    }
    // 40 blocks over target: e^(40 · 393216 / 5007716) ≈ 23.1, floored by fakeExponential.
    expect(m.blobFeeWei).toBe(23n);
  });

  it('caps our blobs at the maximum and lets the others fill only what is left', () => {
    const m = new L1DataMarket(BLOB_SCHEDULES.cancun, new Rng(2));
    expect(m.block(8, 0, 1, 0, 1n).ours).toBe(6);
    const out = m.block(4, 100, 1e18, 0, 1n);
    expect(out.ours + out.others).toBe(6);
  });

  it('prices the others out: at a reservation price below the blob fee none of them posts', () => {
    const m = new L1DataMarket(BLOB_SCHEDULES.prague, new Rng(3));
    for (let k = 0; k < 60; k++) m.block(9, 0, 1, 0, 1n);
    const fee = Number(m.blobFeeWei);
    expect(m.block(0, 50, fee / 2, 0, 1n).others).toBe(0);
    expect(m.block(0, 50, fee * 2, 0, 1n).others).toBe(9);
  });
});

import { describe, expect, it } from 'vitest';
import { BlockBuilder } from '../../src/fees/blockBuilder';
import { Mempool } from '../../src/fees/mempool';

/**
 * Four pending transactions of 50,000 gas (fee cap, priority fee in wei per gas):
 * 0: (100, 10), 1: (30, 20), 2: (20, 0) expiring at block 1, 3: (200, 50).
 */
function pool(): Mempool {
  const m = new Mempool();
  m.push(100, 10, 50_000, 1, 10, 0, 0, 0);
  m.push(30, 20, 50_000, 1, 10, 0, 1, 0);
  m.push(20, 0, 50_000, 1, 1, 0, 2, 0);
  m.push(200, 50, 50_000, 1, 10, 0, 3, 0);
  return m;
}

function build(firstPrice: boolean) {
  const m = pool();
  const paid: [agent: number, weiPerGas: number][] = [];
  const out = new BlockBuilder().build(m, 1, 120_000, { firstPrice, baseFeeWei: 25, minPriceWei: 0, minGas: 21_000 }, (row, price) => {
    paid.push([m.agent[row], price]);
    return true;
  }, () => {});
  return { m, paid, out };
}

describe('BlockBuilder under EIP-1559 (base fee 25 wei, limit 120,000 gas)', () => {
  // Includable: caps ≥ 25, i.e. 0, 1, 3 (150,000 gas, over the limit). Effective tips min(tip, cap − 25):
  // 0 → 10, 1 → min(20, 5) = 5, 3 → 50. By tip: 3 then 0 fill 100,000 gas; 20,000 left is under a transfer's 21,000.
  it('includes by effective priority fee and each pays base fee + min(tip, cap − base fee)', () => {
    const { paid, out } = build(false);
    expect(paid).toEqual([[3, 75], [0, 35]]);
    expect(out.gasUsed).toBe(100_000);
    expect(out.tipsWei).toBe(50_000 * 50 + 50_000 * 10);
  });

  it('drops the transaction whose cap is below the base fee at its last block, keeps the one that did not fit', () => {
    const { m, out } = build(false);
    expect(out.expired).toBe(1);
    expect(m.length).toBe(1);
    expect(m.agent[0]).toBe(1);
  });

  it('counts a transaction its payer cannot pay as unpaid, and fills the block with the next', () => {
    const m = pool();
    const paid: number[] = [];
    const out = new BlockBuilder().build(m, 1, 120_000, { firstPrice: false, baseFeeWei: 25, minPriceWei: 0, minGas: 21_000 }, (row) => {
      if (m.agent[row] === 3) return false;
      paid.push(m.agent[row]);
      return true;
    }, () => {});
    expect(out.unpaid).toBe(1);
    expect(paid).toEqual([0, 1]);
    expect(out.gasUsed).toBe(100_000);
  });
});

describe('BlockBuilder under a first-price auction', () => {
  it('includes the highest bids and each pays its whole bid', () => {
    // Bids are the caps: 200, 100, 30, 20 — the first two fill the block.
    const { paid, out } = build(true);
    expect(paid).toEqual([[3, 200], [0, 100]]);
    expect(out.tipsWei).toBe(50_000 * 300);
  });
});

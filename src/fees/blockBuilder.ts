import type { Mempool } from './mempool';

/** What one block did: gas used, transactions included, dropped (expired or unpaid), and the priority fees and fees paid, in wei. */
export interface BuiltBlock {
  gasUsed: number;
  included: number;
  expired: number;
  unpaid: number;
  /** Σ gas · priority fee per gas of the included transactions (the whole bid under a first-price rule), in wei. */
  tipsWei: number;
}

/**
 * Fills blocks from a mempool as a fee-maximising block producer does
 * (go-ethereum `miner` orders pending transactions by effective tip):
 *
 * - EIP-1559 (`baseFeeWei` ≥ 0): a transaction is includable when its fee
 *   cap m covers the base fee b; its effective priority fee is
 *   min(tip, m − b) and it pays b + that per gas (ethereum/EIPs
 *   `EIPS/eip-1559.md`, the `priority_fee_per_gas` of the reference code);
 * - first price (`firstPrice`): every bid at or above `minPriceWei` is
 *   includable and pays its bid.
 *
 * When the includable gas exceeds the block's limit the producer takes
 * them by priority (ties: earliest arrival first, then mempool order),
 * skipping one that no longer fits while a transfer still could. A
 * transaction whose payer cannot pay is dropped; one that has waited
 * past its last block is dropped as expired.
 */
export class BlockBuilder {
  private cand = new Int32Array(1024);
  private prio = new Float64Array(1024);
  private keep = new Uint8Array(1024);

  /**
   * Builds block `block` from `pool` under gas limit `gasLimit` (gas);
   * `pay(row, weiPerGas)` charges the transaction's payer and returns
   * false when it cannot pay; `included(row, delayBlocks)` is told of each
   * inclusion. The included and dropped rows leave the pool.
   */
  build(
    pool: Mempool,
    block: number,
    gasLimit: number,
    rule: { firstPrice: boolean; baseFeeWei: number; minPriceWei: number; minGas: number },
    pay: (row: number, weiPerGas: number) => boolean,
    included: (row: number, delayBlocks: number) => void,
  ): BuiltBlock {
    const n = pool.length;
    this.ensure(n);
    const { cand, prio, keep } = this;
    const { maxFee, tip, gas, arrival, deadline } = pool;
    const b = rule.baseFeeWei;
    let m = 0;
    let candidateGas = 0;
    for (let r = 0; r < n; r++) {
      keep[r] = 1;
      const cap = maxFee[r];
      if (rule.firstPrice) {
        if (cap < rule.minPriceWei) continue;
        prio[r] = cap;
      } else {
        if (cap < b) continue;
        const room = cap - b;
        prio[r] = tip[r] < room ? tip[r] : room;
      }
      cand[m++] = r;
      candidateGas += gas[r];
    }
    const order = cand.subarray(0, m);
    if (candidateGas > gasLimit) order.sort((x, y) => prio[y] - prio[x] || arrival[x] - arrival[y] || x - y);
    const out: BuiltBlock = { gasUsed: 0, included: 0, expired: 0, unpaid: 0, tipsWei: 0 };
    for (let k = 0; k < m; k++) {
      const left = gasLimit - out.gasUsed;
      if (left < rule.minGas) break;
      const r = order[k];
      const g = gas[r];
      if (g > left) continue;
      const price = rule.firstPrice ? prio[r] : b + prio[r];
      keep[r] = 0;
      if (!pay(r, price)) {
        out.unpaid++;
        continue;
      }
      out.gasUsed += g;
      out.included++;
      out.tipsWei += g * prio[r];
      included(r, block - arrival[r]);
    }
    for (let r = 0; r < n; r++) {
      if (keep[r] === 1 && deadline[r] <= block) {
        keep[r] = 0;
        out.expired++;
      }
    }
    pool.retain(keep);
    return out;
  }

  private ensure(n: number): void {
    if (n <= this.cand.length) return;
    let cap = this.cand.length;
    while (cap < n) cap *= 2;
    this.cand = new Int32Array(cap);
    this.prio = new Float64Array(cap);
    this.keep = new Uint8Array(cap);
  }
}

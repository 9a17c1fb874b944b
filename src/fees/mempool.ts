/**
 * Pending transactions, column-wise: for each, its fee cap and priority
 * fee (wei per gas; under a first-price rule the cap is the bid), gas, the
 * block it arrived at and the last block it waits for, its payer and the
 * payer's agent (−1 for a scalar payer). Rows are appended as transactions
 * arrive and compacted after each block (`retain`), so indices are valid
 * within one block only.
 */
export class Mempool {
  length = 0;
  maxFee = new Float64Array(1024);
  tip = new Float64Array(1024);
  gas = new Float64Array(1024);
  arrival = new Int32Array(1024);
  deadline = new Int32Array(1024);
  payer = new Int32Array(1024);
  agent = new Int32Array(1024);
  kind = new Uint8Array(1024);

  /** Appends a transaction and returns its row. */
  push(maxFee: number, tip: number, gas: number, arrival: number, deadline: number, payer: number, agent: number, kind: number): number {
    if (this.length === this.maxFee.length) this.grow();
    const k = this.length++;
    this.maxFee[k] = maxFee;
    this.tip[k] = tip;
    this.gas[k] = gas;
    this.arrival[k] = arrival;
    this.deadline[k] = deadline;
    this.payer[k] = payer;
    this.agent[k] = agent;
    this.kind[k] = kind;
    return k;
  }

  /** Keeps the rows whose `keep` flag is 1, in order; returns how many were removed. */
  retain(keep: Uint8Array): number {
    let w = 0;
    const n = this.length;
    for (let r = 0; r < n; r++) {
      if (keep[r] === 0) continue;
      if (w !== r) {
        this.maxFee[w] = this.maxFee[r];
        this.tip[w] = this.tip[r];
        this.gas[w] = this.gas[r];
        this.arrival[w] = this.arrival[r];
        this.deadline[w] = this.deadline[r];
        this.payer[w] = this.payer[r];
        this.agent[w] = this.agent[r];
        this.kind[w] = this.kind[r];
      }
      w++;
    }
    this.length = w;
    return n - w;
  }

  private grow(): void {
    const cap = this.maxFee.length * 2;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.maxFee = f64(this.maxFee);
    this.tip = f64(this.tip);
    this.gas = f64(this.gas);
    this.arrival = i32(this.arrival);
    this.deadline = i32(this.deadline);
    this.payer = i32(this.payer);
    this.agent = i32(this.agent);
    const kind = new Uint8Array(cap);
    kind.set(this.kind);
    this.kind = kind;
  }
}

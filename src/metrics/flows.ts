import type { Route } from '../core/route';
import type { ColumnSpec } from '../io/columnData';
import type { TableInfo } from '../experiment/model';

/** The columns of `flows.arrow` after `run_id`. */
export const FLOW_COLUMNS: ColumnSpec[] = [
  { name: 'tick', kind: 'int32' },
  { name: 'from', kind: 'utf8' },
  { name: 'to', kind: 'utf8' },
  { name: 'reason', kind: 'utf8' },
  { name: 'tokens', kind: 'float64' },
  { name: 'usd', kind: 'float64' },
];

/** The declaration of `flows.arrow`. */
export const FLOWS_TABLE: TableInfo = {
  name: 'flows',
  block: 'ledger',
  description:
    'Money moved since the previous recorded row, by (from, to, reason): tokens and USD. Mints come from "mint", burns go to "burn", USD entering or leaving the model from/to "outside".',
  columns: FLOW_COLUMNS,
};

/**
 * Collects the ledger's flows for `flows.arrow`: every tick it adds each
 * route's per-tick total to the interval's total of its (from, to, reason)
 * group; at each recorded row it emits one row per group that moved
 * anything since the previous row (tokens and USD side by side). Routes of
 * the same group are summed. Routes opened during the run (a block may open
 * one on first use) join when they appear. Rows come in group order (the
 * order routes were opened), so the table is deterministic.
 */
export class FlowRecorder {
  private group = new Int32Array(0);
  private readonly index = new Map<string, number>();
  private readonly keys: { from: string; to: string; reason: string }[] = [];
  private tokens = new Float64Array(0);
  private usd = new Float64Array(0);
  private seen = 0;
  private readonly rowTick: number[] = [];
  private readonly rowGroup: number[] = [];
  private readonly rowTokens: number[] = [];
  private readonly rowUsd: number[] = [];

  constructor(private readonly routes: readonly Route[]) {
    this.join();
  }

  /** Gives every route opened since the last call its group. */
  private join(): void {
    const rs = this.routes;
    if (rs.length === this.seen) return;
    const group = new Int32Array(rs.length);
    group.set(this.group);
    for (let k = this.seen; k < rs.length; k++) {
      const r = rs[k];
      const id = `${r.fromName}\u0000${r.toName}\u0000${r.reason}`;
      let g = this.index.get(id);
      if (g === undefined) {
        g = this.keys.length;
        this.index.set(id, g);
        this.keys.push({ from: r.fromName, to: r.toName, reason: r.reason });
      }
      group[k] = g;
    }
    this.group = group;
    this.seen = rs.length;
    if (this.tokens.length < this.keys.length) {
      const t = new Float64Array(this.keys.length);
      const u = new Float64Array(this.keys.length);
      t.set(this.tokens);
      u.set(this.usd);
      this.tokens = t;
      this.usd = u;
    }
  }

  /** Adds this tick's route totals to the interval (call once per tick, after the tick ran). */
  accumulate(): void {
    this.join();
    const rs = this.routes;
    for (let k = 0; k < rs.length; k++) {
      const r = rs[k];
      if (r.tick === 0) continue;
      if (r.asset === 'tokens') this.tokens[this.group[k]] += r.tick;
      else this.usd[this.group[k]] += r.tick;
    }
  }

  /** Emits the interval's non-zero groups as rows at `tick` and starts a new interval. */
  emit(tick: number): void {
    for (let g = 0; g < this.keys.length; g++) {
      if (this.tokens[g] === 0 && this.usd[g] === 0) continue;
      this.rowTick.push(tick);
      this.rowGroup.push(g);
      this.rowTokens.push(this.tokens[g]);
      this.rowUsd.push(this.usd[g]);
    }
    this.tokens.fill(0);
    this.usd.fill(0);
  }

  /** Returns the rows so far, column-wise. */
  rows(): { data: Record<string, Int32Array | Float64Array | string[]>; length: number } {
    const n = this.rowTick.length;
    return {
      data: {
        tick: Int32Array.from(this.rowTick),
        from: this.rowGroup.map((g) => this.keys[g].from),
        to: this.rowGroup.map((g) => this.keys[g].to),
        reason: this.rowGroup.map((g) => this.keys[g].reason),
        tokens: Float64Array.from(this.rowTokens),
        usd: Float64Array.from(this.rowUsd),
      },
      length: n,
    };
  }
}

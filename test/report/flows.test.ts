import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { meanFlows } from '../../src/report/flows';

describe('meanFlows', () => {
  it('sums each (from, to, reason) over ticks and averages over the variant’s finished runs, counting runs that moved nothing', () => {
    // Variant a: runs 0 and 1 have rows, run 4 none (3 finished runs); run 2 failed; variant b: run 3.
    const table = tableFromArrays({
      run_id: Int32Array.from([0, 0, 1, 2, 3, 0]),
      tick: Int32Array.from([1, 2, 1, 1, 1, 2]),
      from: ['mint', 'mint', 'mint', 'mint', 'mint', 'outside'],
      to: ['stakers', 'stakers', 'stakers', 'stakers', 'stakers', 'treasury'],
      reason: ['emission', 'emission', 'emission', 'emission', 'emission', 'revenue'],
      tokens: Float64Array.from([10, 20, 30, 1000, 5, 0]),
      usd: Float64Array.from([0, 0, 0, 0, 0, 9]),
    });
    const variantOf = (id: number) => (id === 2 ? undefined : id === 3 ? 'b' : 'a');
    const out = meanFlows(table, variantOf, (v) => (v === 'a' ? 3 : 1));
    expect(out.get('a')).toEqual([
      { from: 'mint', to: 'stakers', reason: 'emission', tokens: (10 + 20 + 30) / 3, usd: 0 },
      { from: 'outside', to: 'treasury', reason: 'revenue', tokens: 0, usd: 3 },
    ]);
    expect(out.get('b')).toEqual([{ from: 'mint', to: 'stakers', reason: 'emission', tokens: 5, usd: 0 }]);
  });
});

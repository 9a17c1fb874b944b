import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArrowFile } from '../../src/io/arrowReader';
import { fans, quantileSorted } from '../../src/report/fan';
import { writeResultsDir } from '../fixtures/resultsDir';

describe('quantileSorted', () => {
  it('interpolates between order statistics (type 7)', () => {
    // n = 5: h = 4q. q = 0.05 → h = 0.2: 10 + 0.2·(20 − 10) = 12; q = 0.95 → h = 3.8: 40 + 0.8·(50 − 40) = 48.
    const xs = [10, 20, 30, 40, 50];
    expect(quantileSorted(xs, 0.05)).toBeCloseTo(12, 12);
    expect(quantileSorted(xs, 0.5)).toBe(30);
    expect(quantileSorted(xs, 0.95)).toBeCloseTo(48, 12);
    expect(quantileSorted([7], 0.95)).toBe(7);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});

describe('fans', () => {
  it('gives per variant and tick the 5/50/95% quantiles across runs, leaving out excluded runs', async () => {
    // Variant a: five runs whose price at tick t is (r + 1)·10 + t; variant b: one run, plus a failed one.
    const runs = [
      ...[0, 1, 2, 3, 4].map((r) => ({ variant: 'a', replicate: r, seed: r, kpis: { k: 0 }, series: { price: [0, 1, 2].map((t) => (r + 1) * 10 + t) } })),
      { variant: 'b', replicate: 0, seed: 0, kpis: { k: 0 }, series: { price: [5, 6, 7] } },
      { variant: 'b', replicate: 1, seed: 1, ok: false, kpis: { k: 0 }, series: { price: [1e9, 1e9, 1e9] } },
    ];
    const dir = await writeResultsDir(runs);
    const { table } = readArrowFile(join(dir, 'timeseries.arrow'));
    const out = fans(table, ['price'], ['a', 'b'], (id) => (id === 6 ? undefined : id < 5 ? 'a' : 'b'));
    const [a, b] = out.get('price')!;
    expect(Array.from(a.ticks)).toEqual([0, 1, 2]);
    expect(Array.from(a.p05)).toEqual([12, 13, 14].map((x) => expect.closeTo(x, 12)));
    expect(Array.from(a.p50)).toEqual([30, 31, 32]);
    expect(Array.from(a.p95)).toEqual([48, 49, 50].map((x) => expect.closeTo(x, 12)));
    expect(Array.from(b.p50)).toEqual([5, 6, 7]);
    expect(Array.from(b.p95)).toEqual([5, 6, 7]);
  });
});

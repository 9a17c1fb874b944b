import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutSankey, sankeyScale, type SankeyFlow } from '../../src/report/sankeyLayout';

describe('layoutSankey', () => {
  it('stacks sources and destinations in two columns, entries first and exits last, the shorter column centred', () => {
    const flows: SankeyFlow[] = [
      { from: 'mint', to: 'stakers', reason: 'emission', amount: 100 },
      { from: 'traders', to: 'pool', reason: 'swap', amount: 50 },
      { from: 'pool', to: 'traders', reason: 'swap', amount: 30 },
      { from: 'traders', to: 'burn', reason: 'fee_burn', amount: 20 },
      { from: 'treasury', to: 'stakers', reason: 'reward', amount: 0 },
    ];
    const l = layoutSankey(flows, 1, 10);
    // Sources mint 100, traders 70, pool 30: 200 + 2 gaps = 220; destinations stakers 100, pool 50, traders 30, burn 20: 200 + 3 gaps = 230.
    expect(l.height).toBe(230);
    expect(l.nodes.filter((n) => n.side === 'source').map((n) => [n.name, n.y0, n.y1])).toEqual([
      ['mint', 5, 105],
      ['traders', 115, 185],
      ['pool', 195, 225],
    ]);
    expect(l.nodes.filter((n) => n.side === 'target').map((n) => [n.name, n.y0, n.y1])).toEqual([
      ['stakers', 0, 100],
      ['pool', 110, 160],
      ['traders', 170, 200],
      ['burn', 210, 230],
    ]);
    // Bands leave traders in destination order (pool, then burn) and arrive in source order.
    const band = (from: string, to: string) => l.links.find((x) => x.from === from && x.to === to)!;
    expect([band('traders', 'pool').sy0, band('traders', 'pool').sy1, band('traders', 'burn').sy0, band('traders', 'burn').sy1]).toEqual([115, 165, 165, 185]);
    expect([band('traders', 'burn').ty0, band('traders', 'burn').ty1]).toEqual([210, 230]);
    expect(l.links).toHaveLength(4);
  });

  it('fills every bar exactly with its bands, which neither overlap nor leave gaps', () => {
    const name = fc.constantFrom('mint', 'burn', 'outside', 'a', 'b', 'c', 'treasury');
    const flow = fc.record({ from: name, to: name, reason: fc.constantFrom('x', 'y', 'z'), amount: fc.double({ min: 0, max: 1e6, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(flow, { maxLength: 25 }), fc.double({ min: 1e-6, max: 1, noNaN: true }), (flows, scale) => {
        const l = layoutSankey(flows, scale, 5);
        for (const [side, lo, hi, key] of [
          ['source', 'sy0', 'sy1', 'from'],
          ['target', 'ty0', 'ty1', 'to'],
        ] as const) {
          for (const n of l.nodes.filter((x) => x.side === side)) {
            const bands = l.links.filter((b) => b[key] === n.name).sort((a, b) => a[lo] - b[lo] || a[hi] - b[hi]);
            let y = n.y0;
            for (const b of bands) {
              if (Math.abs(b[lo] - y) > 1e-6 * Math.max(1, y)) return false;
              y = b[hi];
            }
            if (Math.abs(y - n.y1) > 1e-6 * Math.max(1, y)) return false;
            if (n.y1 > l.height * (1 + 1e-12) + 1e-9) return false;
          }
        }
        return true;
      }),
    );
  });
});

describe('sankeyScale', () => {
  it('fits the diagram with the most flow per available pixel into the height', () => {
    const a: SankeyFlow[] = [{ from: 'mint', to: 'x', reason: 'r', amount: 100 }, { from: 'y', to: 'x', reason: 'r', amount: 0 }];
    const b: SankeyFlow[] = [
      { from: 'mint', to: 'x', reason: 'r', amount: 100 },
      { from: 'mint', to: 'y', reason: 'r', amount: 50 },
      { from: 'mint', to: 'z', reason: 'r', amount: 50 },
    ];
    // a: (400 − 0·10) / 100 = 4 per side; b: sources (400 − 0) / 200 = 2, destinations (400 − 2·10) / 200 = 1.9.
    expect(sankeyScale([a, b], 400, 10)).toBeCloseTo(1.9, 12);
    expect(sankeyScale([[]], 400, 10)).toBe(0);
  });
});

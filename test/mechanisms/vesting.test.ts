import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/core/ledger';
import { Vesting, type VestingSector, releasedBy } from '../../src/mechanisms/vesting';

function sector(s: Partial<VestingSector>): VestingSector {
  return { name: 'team', tokens: 1200, startTick: 0, cliffTicks: 0, vestingTicks: 0, granularity: 'daily', tgeShare: 0, recipient: 'holders', ...s };
}

/** Runs `v` for ticks 1..T and returns each sector's unlocks per tick. */
function run(v: Vesting, T: number, tpy = 360): number[][] {
  const out: number[][] = v.sectors.map(() => []);
  for (let t = 1; t <= T; t++) {
    v.pre({ tick: t, ticksPerYear: tpy });
    v.sectors.forEach((_, k) => out[k].push(v.releasedThisTickBySector[k]));
  }
  return out;
}

describe('the cliff convention', () => {
  // 1,200 tokens, start 10, cliff 30, vesting 120 ticks: 10 tokens accrue per tick from tick 10.
  const s = sector({ startTick: 10, cliffTicks: 30, vestingTicks: 120 });

  it('releases nothing before the cliff', () => {
    expect(releasedBy(s, 9, 360)).toBe(0);
    expect(releasedBy(s, 10, 360)).toBe(0);
    expect(releasedBy(s, 39, 360)).toBe(0);
  });

  it('releases everything accrued since the start at once at the cliff, then 10 a tick', () => {
    expect(releasedBy(s, 40, 360)).toBe(300);
    expect(releasedBy(s, 41, 360)).toBeCloseTo(310, 10);
  });

  it('releases the whole allocation at start + vesting and nothing more after', () => {
    expect(releasedBy(s, 130, 360)).toBe(1200);
    expect(releasedBy(s, 1000, 360)).toBe(1200);
  });

  it('pays a TGE share at the start, before the cliff', () => {
    const g = sector({ startTick: 0, cliffTicks: 30, vestingTicks: 120, tgeShare: 0.25 });

    expect(releasedBy(g, 0, 360)).toBe(300);
    expect(releasedBy(g, 29, 360)).toBe(300);
    // at the cliff: 300 + 900 · 30/120
    expect(releasedBy(g, 30, 360)).toBe(525);
  });

  it('with no vesting length releases everything at the cliff', () => {
    const c = sector({ cliffTicks: 5, vestingTicks: 0 });

    expect([releasedBy(c, 4, 360), releasedBy(c, 5, 360)]).toEqual([0, 1200]);
  });
});

describe('monthly granularity', () => {
  it('releases at whole months after the start (30 ticks a month at 360 ticks a year)', () => {
    const s = sector({ vestingTicks: 360, granularity: 'monthly' });
    const unlocks = run(new Vesting([s], () => {}), 95)[0];

    const days = unlocks.flatMap((u, k) => (u > 0 ? [k + 1] : []));
    expect(days).toEqual([30, 60, 90]);
    expect(unlocks[29]).toBe(100);
  });

  it('a cliff inside a month waits for it, then releases the accrued whole months', () => {
    const s = sector({ vestingTicks: 360, cliffTicks: 45, granularity: 'monthly' });

    expect(releasedBy(s, 44, 360)).toBe(0);
    expect(releasedBy(s, 45, 360)).toBe(100);
    expect(releasedBy(s, 60, 360)).toBe(200);
  });
});

describe('the Vesting mechanism', () => {
  it('mints the allocations into an escrow the ledger sees', () => {
    const ledger = new Ledger();
    const v = new Vesting([sector({ tokens: 500 }), sector({ name: 'investors', tokens: 700 })], () => {});
    ledger.register(v);

    v.mintAllocations(ledger);

    expect(ledger.supply).toBe(1200);
    expect(ledger.totalTokenHoldings()).toBe(1200);
  });

  it("pays each sector's unlocks to the sink, summing to exactly its allocation", () => {
    const sectorArb = fc.record({
      name: fc.constant('s'),
      tokens: fc.double({ min: 0, max: 1e9, noNaN: true }),
      startTick: fc.integer({ min: 0, max: 50 }),
      cliffTicks: fc.integer({ min: 0, max: 100 }),
      vestingTicks: fc.integer({ min: 0, max: 300 }),
      granularity: fc.constantFrom('daily', 'monthly' as const),
      tgeShare: fc.double({ min: 0, max: 1, noNaN: true }),
      recipient: fc.constant('holders' as const),
    });
    fc.assert(
      fc.property(fc.array(sectorArb, { minLength: 1, maxLength: 4 }), fc.constantFrom(360, 365), (sectors, tpy) => {
        const paid = new Float64Array(sectors.length);
        const v = new Vesting(sectors, (k, a) => (paid[k] += a));
        v.mintAllocations(new Ledger());
        run(v, 460, tpy);
        sectors.forEach((s, k) => {
          expect(v.released[k]).toBe(s.tokens);
          expect(Math.abs(paid[k] - s.tokens)).toBeLessThanOrEqual(1e-12 * s.tokens);
        });
        expect(v.escrow).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});

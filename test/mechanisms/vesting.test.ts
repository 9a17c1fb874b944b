import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineModel } from '../../src/model/defineModel';
import { amm } from '../../src/market/amm';
import { treasury } from '../../src/mechanisms/treasury';
import { Vesting, type VestingSector, calendarReleases, priceChangeAfterPeakUnlock, releasedBy, vesting } from '../../src/mechanisms/vesting';
import { tempCsvDir } from '../market/tempCsv';
import { buildBlocks } from '../helpers/blocks';

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

describe('the vesting block', () => {
  const team = sector({ name: 'team', tokens: 500, vestingTicks: 10, recipient: 'treasury' });
  const fund = sector({ name: 'ecosystem', tokens: 700, cliffTicks: 5, recipient: 'treasury' });

  it('mints the allocations at genesis into its own account, out of the circulating supply', () => {
    const sim = buildBlocks([treasury, vesting], { treasury: { tokens: 0, usd: 0 }, vesting: { sectors: [team, fund] } });
    const { ledger } = sim.world;

    expect(ledger.supply).toBe(1200);
    expect(sim.vesting.account.tokens).toBe(1200);
    expect(sim.vesting.vesting.escrow).toBe(1200);
    expect(ledger.circulating()).toBe(0);
  });

  it('pays a treasury sector’s unlocks to the treasury as allocation income, tick by tick', () => {
    // team: 50 a tick for 10 ticks; ecosystem: all 700 at the cliff, tick 5.
    const sim = buildBlocks([treasury, vesting], { treasury: { tokens: 0, usd: 0 }, vesting: { sectors: [team, fund] } });
    const got: number[] = [];

    for (let t = 1; t <= 6; t++) {
      sim.world.step();
      got.push(sim.treasury.incomeThisTick().allocation.tokens);
    }

    expect(got).toEqual([50, 50, 50, 50, 750, 50]);
    expect(sim.treasury.tokens).toBe(1000);
    expect(sim.vesting.account.tokens).toBe(200);
    expect(sim.vesting.vesting.escrow).toBe(200);
  });

  it('reports the escrow and the tick’s unlocks, and logs them as rows of unlocks.arrow', () => {
    const sim = buildBlocks([treasury, vesting], { vesting: { sectors: [team, fund] } });
    const read = Object.fromEntries(sim.metrics.map((m) => [m.name, m.read]));

    for (let t = 1; t <= 5; t++) sim.world.step();
    const rows = sim.tables!.find((t) => t.name === 'unlocks')!.collect();

    expect([read.vesting_escrow(), read.unlocked()]).toEqual([250, 750]);
    expect(rows.length).toBe(6);
    expect(Array.from(rows.data.tick as Int32Array)).toEqual([1, 2, 3, 4, 5, 5]);
    expect(rows.data.sector).toEqual(['team', 'team', 'team', 'team', 'team', 'ecosystem']);
    expect(Array.from(rows.data.sold as Float64Array)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('refuses, before any run, a sector paying holders in a model without a sectorHolders block', () => {
    const model = defineModel({ name: 'test', blocks: [treasury, vesting] });
    const holders = sector({ name: 'airdrop', recipient: 'holders', holders: { count: 1, weight: { dist: 'constant', value: 1 }, sellShare: { dist: 'constant', value: 0 }, stakeShare: { dist: 'constant', value: 0 }, lockShare: { dist: 'constant', value: 0 }, lockTicks: { dist: 'constant', value: 1 }, sellPace: { dist: 'constant', value: 1 } } });

    const r = model.schema.safeParse({ ...model.defaults, vesting: { sectors: [team, holders] } });

    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path.map(String)).toEqual(['vesting', 'sectors', '1', 'recipient']);
    expect(r.error?.issues[0].message).toMatch(/no sectorHolders block/);
  });

  it('refuses two sectors of one name, and a holders sector without holders', () => {
    const model = defineModel({ name: 'test', blocks: [treasury, vesting] });

    expect(model.schema.safeParse({ ...model.defaults, vesting: { sectors: [team, team] } }).success).toBe(false);
    expect(model.schema.safeParse({ ...model.defaults, vesting: { sectors: [sector({ recipient: 'holders' })] } }).success).toBe(false);
  });

  it('summarises the tokens unlocked over the run and the price change after the largest unlock', () => {
    const sim = buildBlocks([amm, treasury, vesting], { vesting: { sectors: [team] } });
    const series = { unlocked: Float64Array.from([0, 50, 450]), price: Float64Array.from([1, 2, 1]) };

    const k = sim.summary(series, Int32Array.from([0, 1, 31]));

    expect(k.total_unlocked).toBe(500);
    // Largest unlock in the row of tick 31; the row before it has price 2; the first row 30 on is the last: 1 / 2 − 1.
    expect(k.unlock_price_change_30d).toBe(-0.5);
  });
});

describe('a replayed unlock calendar', () => {
  const { csv } = tempCsvDir('tokensim-calendar-');
  // Tokens unlocked per tick: 100 at the TGE (tick 1), a cliff of 3 ticks, then 50 a tick for two ticks.
  const file = csv('unlocks.csv', 'date,team\n2024-01-01,100\n2024-01-02,0\n2024-01-03,0\n2024-01-04,50\n2024-01-05,50\n');

  it('releases by tick the running sum of the calendar, and nothing after its last row', () => {
    expect(Array.from(calendarReleases([100, 0, 0, 50, 50]))).toEqual([0, 100, 100, 100, 150, 200]);
    const v = new Vesting([sector({ tokens: 300, vestingTicks: 999, calendar: { file, column: 'team' } })], () => {});
    expect(run(v, 7)[0]).toEqual([100, 0, 0, 50, 50, 0, 0]);
    // What the calendar never unlocks stays in escrow.
    expect(v.escrow).toBe(100);
  });

  it('pays the calendar through the ledger, conserving supply, and refuses a calendar larger than the allocation or a missing file in one line', () => {
    const team = sector({ tokens: 200, recipient: 'treasury', calendar: { file, column: 'team' } });
    const sim = buildBlocks([treasury, vesting], { treasury: { tokens: 0, usd: 0 }, vesting: { sectors: [team] } });
    for (let t = 1; t <= 6; t++) sim.world.step();
    expect(sim.treasury.tokens).toBe(200);
    expect(sim.vesting.account.tokens).toBe(0);
    expect(sim.world.ledger.supply).toBe(200);

    const model = defineModel({ name: 'test', blocks: [treasury, vesting] });
    const small = model.schema.safeParse({ ...model.defaults, vesting: { sectors: [{ ...team, tokens: 150 }] } });
    expect(small.error?.issues[0].message).toMatch(/its "team" column unlocks 200 tokens, more than sector team's allocation of 150$/);
    const missing = model.schema.safeParse({ ...model.defaults, vesting: { sectors: [{ ...team, calendar: { file: file + '.gone', column: 'team' } }] } });
    expect(missing.error?.issues[0].path.map(String)).toEqual(['vesting', 'sectors', '0', 'calendar', 'file']);
    expect(missing.error?.issues[0].message).toMatch(/cannot read the file \(ENOENT\)/);
  });
});

describe('price change after the largest unlock', () => {
  it('runs from the row before it to the first row 30 ticks on', () => {
    const ticks = Int32Array.from([0, 10, 20, 30, 40, 50, 60]);
    const unlocked = Float64Array.from([999, 0, 5, 50, 0, 0, 0]); // genesis row ignored; peak at tick 30
    const price = Float64Array.from([1, 1, 1, 2, 1.5, 1.2, 1.0]);

    // p(60) / p(20) − 1 = 1.0 / 1 − 1 = 0
    expect(priceChangeAfterPeakUnlock(unlocked, price, ticks, 30)).toBe(0);
    // window 10: p(40) / p(20) − 1 = 0.5
    expect(priceChangeAfterPeakUnlock(unlocked, price, ticks, 10)).toBe(0.5);
    expect(priceChangeAfterPeakUnlock(new Float64Array(7), price, ticks, 10)).toBe(0);
  });
});

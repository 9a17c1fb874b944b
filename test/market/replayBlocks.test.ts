import { describe, expect, it } from 'vitest';
import { traders } from '../../agents/traders';
import { amm } from '../../src/market/amm';
import { demandReplay } from '../../src/market/demandReplay';
import { factor } from '../../src/market/factor';
import { fundamentals } from '../../src/market/fundamentals';
import { depinNetwork } from '../../src/models/depinNetwork';
import { applyOverrides } from '../../src/experiment/define';
import { buildBlocks } from '../helpers/blocks';
import { smallNetwork } from '../models/depinHelpers';
import { tempCsvDir } from './tempCsv';

const { csv } = tempCsvDir('tokensim-replay-');

describe('the market factor block', () => {
  it('replays the log returns of a price file tick by tick, with the level and a unit-variance sentiment', () => {
    const file = csv('factor.csv', 'date,price\n2024-01-01,100\n2024-01-02,110\n2024-01-03,99\n2024-01-04,99\n');
    const sim = buildBlocks([amm, factor], { factor: { source: 'replay', file, sentimentHalfLifeTicks: 1 } });
    const f = sim.api(factor);
    const r = [Math.log(1.1), Math.log(0.9), 0];
    for (let t = 0; t < 3; t++) {
      sim.world.step();
      expect(f.returnThisTick).toBeCloseTo(r[t], 12);
    }
    expect(f.level).toBeCloseTo(0.99, 12);
    // Half-life 1: w = ½, k = √(1/3); s = EWMA / k.
    const sd = Math.sqrt(((r[0] - (r[0] + r[1]) / 3) ** 2 + (r[1] - (r[0] + r[1]) / 3) ** 2 + ((r[0] + r[1]) / 3) ** 2) / 2);
    const z = r.map((x) => x / sd);
    const ewma = 0.5 * (0.5 * (0.5 * z[0]) + 0.5 * z[1]) + 0.5 * z[2];
    expect(f.sentiment).toBeCloseTo(ewma / Math.sqrt(1 / 3), 9);
    // A run longer than the file stops there, naming it.
    expect(() => sim.world.step()).toThrow(/factor\.csv: the replayed factor has 3 returns, the run needs tick 4/);
  });

  it('refuses a replay without a file, and a malformed file, before any run', () => {
    const bad = csv('bad.csv', 'price\n1\nabc\n');
    expect(() => buildBlocks([amm, factor], { factor: { source: 'replay' } })).toThrow(/needs a file/);
    expect(() => buildBlocks([amm, factor], { factor: { source: 'replay', file: bad } })).toThrow(/bad\.csv line 3/);
  });

  it('moves the fundamental value with its level, V = V₀ F^β when nothing else changes', () => {
    const file = csv('up.csv', 'return\n0.1\n0.1\n0.1\n');
    const sim = buildBlocks([amm, factor, fundamentals], { factor: { source: 'replay', file }, fundamentals: { factorWeight: 0.5, usageWeight: 0 } });
    for (let t = 0; t < 3; t++) sim.world.step();
    expect(sim.api(fundamentals).value).toBeCloseTo(Math.exp(0.5 * 0.3), 12);
  });

  it('moves traders with the factor: a rising factor lifts the price', () => {
    const up = csv('rally.csv', 'return\n' + '0.05\n0.01\n'.repeat(10));
    const down = csv('slump.csv', 'return\n' + '-0.05\n-0.01\n'.repeat(10));
    const flat = csv('flat.csv', 'return\n' + '0.03\n'.repeat(20));
    const price = (file: string) => {
      const sim = buildBlocks([amm, factor, traders], { factor: { source: 'replay', file }, traders: { count: 200, arrivals: { perYear: 0 }, departures: { perYear: 0 } } });
      for (let t = 0; t < 20; t++) sim.world.step();
      return sim.api(amm).price;
    };
    expect(price(up)).toBeGreaterThan(price(down));
    // A constant series has no spread: its standardised shocks and sentiment are 0, not a division by rounding.
    expect(Number.isFinite(price(flat))).toBe(true);
  });
});

describe('the service-demand replay', () => {
  it('replaces the drawn demand with the file’s, tick by tick, and is inert without a file', () => {
    const file = csv('demand.csv', 'tick,demand\n1,100\n2,2500\n3,0\n');
    const net = smallNetwork({ demandReplay: { file } });
    const seen: number[] = [];
    for (let t = 0; t < 3; t++) {
      net.world.step();
      seen.push(net.service.demand);
    }
    expect(seen).toEqual([100, 2500, 0]);
    const drawn = smallNetwork({});
    drawn.world.step();
    expect(drawn.service.demand).toBeGreaterThan(0);
    expect(drawn.service.demand).not.toBe(100);
  });

  it('refuses a negative demand or a missing column by path before any run', () => {
    const neg = csv('neg.csv', 'demand\n5\n-1\n');
    const other = csv('other.csv', 'usage\n5\n');
    const issues = (over: object) => {
      const r = depinNetwork.schema.safeParse(applyOverrides(depinNetwork.defaults, over, 'test'));
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues({ demandReplay: { file: neg } }).join()).toMatch(/demandReplay\.file: .*neg\.csv line 3: demand -1 is negative/);
    expect(issues({ demandReplay: { file: other } }).join()).toMatch(/demandReplay\.file: .*other\.csv/);
    expect(issues({})).toEqual([]);
    expect(depinNetwork.blocks).toContain(demandReplay);
  });
});

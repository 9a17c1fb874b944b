import { describe, expect, it } from 'vitest';
import { applyOverrides } from '../../src/experiment/define';
import { runOne } from '../../src/experiment/runOne';
import type { BlockModel } from '../../src/model/defineModel';
import { launchEconomy } from '../../src/models/launchEconomy';
import { governedTokenEconomy } from '../../src/models/governedTokenEconomy';
import type { AnyBlock } from '../../src/core/block';
import { compensatedSum } from '../../src/core/sum';

const spec = (params: object) => ({ runId: 0, variant: 'v', point: 0, replicate: 0, seed: 5, params }) as never;

/** Runs `model` for `ticks` and returns, per tick, each account's holdings read from its balances (columns summed), and the flows table. */
function runWithHoldings<B extends AnyBlock>(model: BlockModel<B>, overrides: object, ticks: number) {
  const params = applyOverrides(model.defaults, overrides as never, 'test');
  const sim = model.build(params, { seed: 5, check: true });
  const ledger = sim.world.ledger;
  const read = () =>
    Object.fromEntries(
      ledger.accounts.map((a) => {
        if (!a.columnar) return [a.name, { tokens: a.tokens, usd: a.usd }];
        let tokens = 0;
        let usd = 0;
        for (const p of a.pockets) {
          const s = compensatedSum(p.pop.f64Columns[p.column], 0, p.pop.size);
          if (p.asset === 'tokens') tokens += s;
          else usd += s;
        }
        return [a.name, { tokens, usd }];
      }),
    );
  const holdings = [read()];
  const flows: { tick: number; from: string; to: string; reason: string; tokens: number; usd: number }[] = [];
  const take = (tick: number) => {
    for (const r of ledger.routes) {
      if (r.tick === 0) continue;
      flows.push({ tick, from: r.fromName, to: r.toName, reason: r.reason, tokens: r.asset === 'tokens' ? r.tick : 0, usd: r.asset === 'usd' ? r.tick : 0 });
    }
  };
  for (let t = 1; t <= ticks; t++) {
    sim.world.step();
    take(t);
    holdings.push(read());
  }
  return { holdings, flows, sim, params };
}

describe('the ledger of flows', () => {
  it.each([
    ['the governed token economy', governedTokenEconomy, { stakers: { count: 100 }, traders: { count: 100 }, voters: { count: 50 }, buyback: { policy: 'fixed', everyTicks: 5, amountUsd: 1000 }, treasuryPolicy: { grantsUsdPerYear: 1e5, subsidyTokensPerYear: 1e5 }, usageBurn: { demandUsdPerTick: 500 } }],
    ['the launch economy', launchEconomy, { stakers: { count: 60 }, traders: { count: 60 }, voters: { count: 40 } }],
  ] as const)('in %s: for every tick, Σ flows in − out of each account equals the change of its holdings', (_name, model, overrides) => {
    const { holdings, flows } = runWithHoldings(model as BlockModel<AnyBlock>, overrides, 40);
    for (let t = 1; t < holdings.length; t++) {
      for (const name of Object.keys(holdings[t])) {
        const net = { tokens: 0, usd: 0 };
        for (const f of flows) {
          if (f.tick !== t) continue;
          const sign = (f.to === name ? 1 : 0) - (f.from === name ? 1 : 0);
          net.tokens += sign * f.tokens;
          net.usd += sign * f.usd;
        }
        const dTokens = holdings[t][name].tokens - holdings[t - 1][name].tokens;
        const dUsd = holdings[t][name].usd - holdings[t - 1][name].usd;
        const scale = 1e-9 * Math.max(1, Math.abs(holdings[t][name].tokens), Math.abs(holdings[t - 1][name].tokens));
        const usdScale = 1e-9 * Math.max(1, Math.abs(holdings[t][name].usd), Math.abs(holdings[t - 1][name].usd));
        expect(Math.abs(dTokens - net.tokens), `${name} tokens at tick ${t}`).toBeLessThanOrEqual(scale);
        expect(Math.abs(dUsd - net.usd), `${name} USD at tick ${t}`).toBeLessThanOrEqual(usdScale);
      }
    }
  });

  it("books the treasury's income by source: the sources' flows sum to its receipts, lock penalties included", () => {
    // A team that locks everything and leaves its locks early at the first 0.1% price fall, paying the full penalty to the treasury.
    const team = {
      count: 10,
      weight: { dist: 'constant', value: 1 },
      sellShare: { dist: 'constant', value: 0 },
      stakeShare: { dist: 'constant', value: 0 },
      lockShare: { dist: 'constant', value: 1 },
      lockTicks: { dist: 'constant', value: 300 },
      sellPace: { dist: 'constant', value: 1 },
      exitDrawdown: { dist: 'constant', value: 0.001 },
    };
    const { flows, sim } = runWithHoldings(governedTokenEconomy as BlockModel<AnyBlock>, {
      stakers: { count: 60 },
      // No newcomers: their USD would lift this small market's price past any fall from the lock price.
      traders: { count: 60, arrivals: { perYear: 0 } },
      voters: { count: 20 },
      locking: { earlyExitPenalty: 1 },
      usageBurn: { demandUsdPerTick: 1000, revenueShare: 0.5 },
      vesting: { sectors: [{ name: 'team', tokens: 1e6, startTick: 0, cliffTicks: 0, vestingTicks: 10, granularity: 'daily', tgeShare: 0, recipient: 'holders', holders: team }] },
    }, 120);
    const inflow = flows.filter((f) => f.to === 'treasury');
    const outflow = flows.filter((f) => f.from === 'treasury');
    const sum = (xs: typeof flows, k: 'tokens' | 'usd') => xs.reduce((s, f) => s + f[k], 0);
    const bySource = new Map<string, { tokens: number; usd: number }>();
    for (const f of inflow) {
      const e = bySource.get(f.reason) ?? { tokens: 0, usd: 0 };
      e.tokens += f.tokens;
      e.usd += f.usd;
      bySource.set(f.reason, e);
    }
    expect(bySource.get('lock penalty')?.tokens).toBeGreaterThan(0);
    expect(bySource.get('service')?.usd).toBeGreaterThan(0);
    expect(bySource.get('emission')?.tokens).toBeGreaterThan(0);
    const t = sim.world.ledger.account('treasury')!;
    // Genesis funding happened before tick 1: receipts since then less spending equal the change since genesis.
    const genesis = sim.world.params.treasury;
    const books = [...bySource.values()];
    expect(t.tokens - genesis.tokens).toBeCloseTo(books.reduce((s, e) => s + e.tokens, 0) - sum(outflow, 'tokens'), 3);
    expect(t.usd - genesis.usd).toBeCloseTo(books.reduce((s, e) => s + e.usd, 0) - sum(outflow, 'usd'), 3);
    expect(sum(inflow, 'tokens')).toBeCloseTo(books.reduce((s, e) => s + e.tokens, 0), 6);
  });

  it('is written as flows.arrow rows whose totals match the run: genesis mints at tick 0, one row per (from, to, reason) with money moved', () => {
    const params = applyOverrides(governedTokenEconomy.defaults, { stakers: { count: 50 }, traders: { count: 50 }, voters: { count: 20 } }, 'test');
    const r = runOne(governedTokenEconomy, spec(params), { ticks: 30, every: 10, metrics: null, check: true });
    const f = r.tables.flows;
    expect(f.length).toBeGreaterThan(0);
    const ticks = new Set(Array.from(f.data.tick as Int32Array));
    expect([...ticks].sort((a, b) => a - b)).toEqual([0, 10, 20, 30]);
    const rows = Array.from({ length: f.length }, (_, k) => ({ tick: (f.data.tick as Int32Array)[k], from: (f.data.from as string[])[k], to: (f.data.to as string[])[k], reason: (f.data.reason as string[])[k], tokens: (f.data.tokens as Float64Array)[k] }));
    const minted = rows.filter((x) => x.from === 'mint').reduce((s, x) => s + x.tokens, 0);
    const burned = rows.filter((x) => x.to === 'burn').reduce((s, x) => s + x.tokens, 0);
    const supply = r.series.supply;
    expect(minted - burned).toBeCloseTo(supply[supply.length - 1], 0);
    // Genesis: the mints of the initial balances and allocations, and what agents do with them before tick 1 (voters stake).
    const genesisMints = rows.filter((x) => x.tick === 0 && x.from === 'mint');
    expect(genesisMints.length).toBeGreaterThan(0);
    expect(genesisMints.every((x) => x.reason === 'genesis' || x.reason === 'allocation')).toBe(true);
    const keys = rows.map((x) => `${x.tick}|${x.from}|${x.to}|${x.reason}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

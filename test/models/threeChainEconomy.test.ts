import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bridgeArbitrageursOver } from '../../agents/bridgeArbitrageurs';
import { bridge, bridgeBlock } from '../../src/chains/bridgeBlock';
import { BRIDGE_DESIGNS } from '../../src/chains/bridgeParams';
import { chainOf } from '../../src/chains/chainRegistry';
import { InputError } from '../../src/core/errors';
import { validateParams } from '../../src/core/params';
import { applyOverrides, type DeepPartial } from '../../src/experiment/define';
import { crossChainEconomy, type CrossChainEconomyParams } from '../../src/models/crossChainEconomy';
import { farBridge, threeChainEconomy, type ThreeChainEconomyParams } from '../../src/models/threeChainEconomy';

function params(...overrides: DeepPartial<ThreeChainEconomyParams>[]): ThreeChainEconomyParams {
  const p = overrides.reduce<ThreeChainEconomyParams>((acc, o) => applyOverrides(acc, o, 'test'), threeChainEconomy.defaults);
  validateParams(threeChainEconomy.schema, p);
  return p;
}

const CHAINS = ['main', 'side', 'far'] as const;

/** Runs `ticks` ticks with conservation checked every tick; returns |ln| of side/main, far/side and far/main at the end of each. */
function gaps(p: ThreeChainEconomyParams, ticks: number, seed = 5) {
  const sim = threeChainEconomy.build(p, { seed, check: true });
  const w = sim.world;
  const out = { sideMain: [] as number[], farSide: [] as number[], farMain: [] as number[] };
  const price = (c: string) => chainOf(w, c).pool.price;
  for (let t = 0; t < ticks; t++) {
    w.step();
    out.sideMain.push(Math.abs(Math.log(price('side') / price('main'))));
    out.farSide.push(Math.abs(Math.log(price('far') / price('side'))));
    out.farMain.push(Math.abs(Math.log(price('far') / price('main'))));
  }
  return out;
}

// No gas, no delay on either hop: each hop's round trip returns (1 − 0.003)(1 − 0.001)(1 − 0.003) of the first
// dollar, so once no trip pays on either bridge each hop's gap is ≤ −ln(0.997 · 0.999 · 0.997) = 0.0070095, and
// far against main (two hops, |ln| obeys the triangle inequality) ≤ 2 × 0.0070095 = 0.014019.
const BAND = -Math.log(0.997 * 0.999 * 0.997);
const noGas = { mainChain: { gasNative: 0 }, sideChain: { gasNative: 0 }, farChain: { gasNative: 0 } };
const instant = {
  bridge: { delayTicks: 0 },
  farBridge: { delayTicks: 0 },
  // Trips alternate between the hops until neither pays: enough of them to reach the band every tick.
  bridgeArbitrageurs: { initialUsd: { dist: 'constant' as const, value: 1_000_000 }, maxTrips: 200 },
};

describe('prices over two hops', () => {
  it('stay within each hop’s fees, and far within the sum of both hops’ fees of main, at the end of every tick', () => {
    expect(2 * BAND).toBeCloseTo(0.014019, 6);
    const g = gaps(params(noGas, instant), 150);
    for (let t = 0; t < g.farMain.length; t++) {
      expect(g.sideMain[t]).toBeLessThanOrEqual(BAND + 1e-6);
      expect(g.farSide[t]).toBeLessThanOrEqual(BAND + 1e-6);
      expect(g.farMain[t]).toBeLessThanOrEqual(2 * BAND + 2e-6);
    }
    // The two-hop band is reached, not just respected: far drifts past one hop's band from main.
    expect(Math.max(...g.farMain)).toBeGreaterThan(1.5 * BAND);
  });

  for (const shut of ['bridge', 'farBridge'] as const) {
    it(`stay apart when ${shut} is shut (capacity 0): far leaves main's two-hop band and the gap grows`, () => {
      const g = gaps(params(noGas, instant, { [shut]: { capacityPerTick: 0 } }), 150);
      expect(g.farMain.filter((x) => x > 2 * BAND).length).toBeGreaterThan(0.8 * g.farMain.length);
      expect(g.farMain[g.farMain.length - 1]).toBeGreaterThan(5 * 2 * BAND);
      // The open hop still holds its own pair in its band.
      const open = shut === 'bridge' ? g.farSide : g.sideMain;
      for (const x of open) expect(x).toBeLessThanOrEqual(BAND + 1e-6);
    });
  }
});

describe('conservation in the three-chain model (property)', () => {
  const bridgeParams = fc.record({
    design: fc.constantFrom(...BRIDGE_DESIGNS),
    feeBps: fc.double({ min: 0, max: 10_000, noNaN: true }),
    delayTicks: fc.integer({ min: 0, max: 365 }),
    capacityPerTick: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e15, noNaN: true })),
    exploitRiskPerTick: fc.double({ min: 0, max: 1, noNaN: true }),
    exploitShare: fc.double({ min: 0, max: 1, noNaN: true }),
    poolTokens: fc.double({ min: 0, max: 1e15, noNaN: true }),
  });

  it('holds on each chain and in total at the end of every tick, through both bridges, tokens in flight and exploits, over both bridges’ whole parameter range', () => {
    fc.assert(
      fc.property(bridgeParams, bridgeParams, fc.integer({ min: 1, max: 1000 }), (one, two, seed) => {
        const p = params({ traders: { count: 20 }, bridge: one, farBridge: two });
        const sim = threeChainEconomy.build(p, { seed, check: true });
        const l = sim.world.ledger;
        for (let t = 0; t < 20; t++) {
          // check: true makes every step assert minted − burned = holdings on each chain and in total; this restates it.
          sim.world.step();
          let held = 0;
          for (const c of CHAINS) {
            const h = l.totalTokenHoldings(c);
            expect(Math.abs(h - l.chainSupply(c))).toBeLessThanOrEqual(1e-9 * Math.max(1, l.chainSupply(c)));
            held += h;
          }
          expect(Math.abs(held - l.supply)).toBeLessThanOrEqual(1e-9 * Math.max(1, l.supply));
        }
        const read = (n: string) => sim.metrics.find((x) => x.name === n)!.read();
        expect(read('bridge_unbacked')).toBeGreaterThanOrEqual(0);
        expect(read('far_bridge_unbacked')).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 40 },
    );
  });
});

describe('one bridge among several', () => {
  it('draws its exploits from its own stream: the second bridge does not move the first one’s exploit ticks (same seed)', () => {
    const risky = { bridge: { exploitRiskPerTick: 0.05 } };
    const exploitTicks = (sim: ReturnType<typeof crossChainEconomy.build>, table: string) => {
      for (let t = 0; t < 120; t++) sim.world.step();
      return Array.from(sim.tables!.find((x) => x.name === table)!.collect().data.tick as Int32Array);
    };
    const two = applyOverrides(crossChainEconomy.defaults, risky as DeepPartial<CrossChainEconomyParams>, 'test');
    const alone = exploitTicks(crossChainEconomy.build(two, { seed: 11, check: true }), 'bridge_exploits');
    const withSecond = threeChainEconomy.build(params(risky, { farBridge: { exploitRiskPerTick: 0.05 } }), { seed: 11, check: true });
    const first = exploitTicks(withSecond, 'bridge_exploits');
    expect(alone.length).toBeGreaterThan(2);
    expect(first).toEqual(alone);
    // The second bridge has exploits of its own, on other ticks: a stream of its own, not a copy.
    const second = Array.from(withSecond.tables!.find((x) => x.name === 'far_bridge_exploits')!.collect().data.tick as Int32Array);
    expect(second.length).toBeGreaterThan(2);
    expect(second).not.toEqual(first);
  });

  it('names its accounts, columns, KPIs and tables by its key', () => {
    const metrics = threeChainEconomy.metrics.map((m) => m.name);
    expect(metrics).toEqual(expect.arrayContaining(['bridge_in_flight', 'cross_chain_gap', 'far_bridge_in_flight', 'far_bridge_gap', 'gap_far_main']));
    expect(threeChainEconomy.kpis.map((k) => k.name)).toEqual(expect.arrayContaining(['cross_chain_gap_mean', 'total_exploit_loss_usd', 'far_bridge_gap_mean', 'total_far_bridge_exploit_loss_usd', 'total_far_bridge_volume']));
    expect(threeChainEconomy.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['bridge_exploits', 'far_bridge_exploits', 'far_bridge_losses']));
    const sim = threeChainEconomy.build(params(), { seed: 1, check: true });
    const l = sim.world.ledger;
    expect([l.account('farBridge.escrow')!.chain, l.account('farBridge.inFlight.to')!.chain]).toEqual(['side', 'far']);
    expect([l.account('bridgeArbitrageurs.farBridge.from')!.chain, l.account('bridgeArbitrageurs.farBridge.to')!.chain]).toEqual(['side', 'far']);
  });

  it('backs far by side tokens and side (the second escrow included) by main tokens at genesis: nothing unbacked', () => {
    const sim = threeChainEconomy.build(params(), { seed: 1, check: true });
    const read = (n: string) => sim.metrics.find((x) => x.name === n)!.read();
    const l = sim.world.ledger;
    expect(read('far_bridge_locked')).toBeCloseTo(l.totalTokenHoldings('far'), 6);
    expect(read('bridge_locked')).toBeCloseTo(l.totalTokenHoldings('side'), 6);
    expect(l.account('farBridge.escrow')!.tokens).toBeGreaterThan(0);
    expect([read('bridge_unbacked'), read('far_bridge_unbacked')]).toEqual([0, 0]);
  });
});

describe('bad input', () => {
  const refusal = (o: DeepPartial<ThreeChainEconomyParams>) => () => validateParams(threeChainEconomy.schema, applyOverrides(threeChainEconomy.defaults, o, 'test'));

  it('refuses a second bridge to a chain the model does not have, naming the chains it has', () => {
    expect(refusal({ farBridge: { to: 'nowhere' } })).toThrow(InputError);
    expect(refusal({ farBridge: { to: 'nowhere' } })).toThrow('farBridge.to: no chain "nowhere" in this model; expected one of main, side, far');
  });

  it('refuses a second bridge from a chain to itself', () => {
    expect(refusal({ farBridge: { to: 'side' } })).toThrow('farBridge.to: the bridge joins chain side to itself; expected two different chains');
  });

  it('refuses two bridges with one key, in one line, when the model is made', () => {
    expect(() => threeChainEconomy.with({ after: 'farBridge' }, bridgeBlock('farBridge'))).not.toThrow();
    expect(() => crossChainEconomy.with(bridgeBlock('hop'), bridgeBlock('hop'))).toThrow('model crossChainEconomy: two blocks have the key hop; use .with() to replace one');
  });

  it('refuses arbitrageurs over no bridge, and over a bridge the model lacks', () => {
    expect(() => bridgeArbitrageursOver()).toThrow('expected at least one bridge block');
    expect(() => crossChainEconomy.with(bridgeArbitrageursOver(bridge, farBridge))).toThrow('block bridgeArbitrageurs needs farBridge');
  });
});

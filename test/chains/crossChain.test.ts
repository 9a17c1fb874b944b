import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bridgeArbitrageurs } from '../../agents/bridgeArbitrageurs';
import { bridge } from '../../src/chains/bridgeBlock';
import { chain } from '../../src/chains/chain';
import { chainOf } from '../../src/chains/chainRegistry';
import { InputError } from '../../src/core/errors';
import { validateParams } from '../../src/core/params';
import { applyOverrides, type DeepPartial } from '../../src/experiment/define';
import { crossChainEconomy, type CrossChainEconomyParams } from '../../src/models/crossChainEconomy';

function params(...overrides: DeepPartial<CrossChainEconomyParams>[]): CrossChainEconomyParams {
  const p = overrides.reduce<CrossChainEconomyParams>((acc, o) => applyOverrides(acc, o, 'test'), crossChainEconomy.defaults);
  validateParams(crossChainEconomy.schema, p);
  return p;
}

/** Runs `ticks` ticks with conservation checked every tick; returns the gap |ln(p_side / p_main)| at the end of each. */
function gaps(p: CrossChainEconomyParams, ticks: number, seed = 5) {
  const sim = crossChainEconomy.build(p, { seed, check: true });
  const w = sim.world;
  const out: number[] = [];
  for (let t = 0; t < ticks; t++) {
    w.step();
    out.push(Math.abs(Math.log(chainOf(w, 'side').pool.price / chainOf(w, 'main').pool.price)));
  }
  return { gaps: out, sim };
}

// No gas, no delay: a round trip main → side (or back) returns (1 − 0.003)(1 − 0.001)(1 − 0.003) of the
// first dollar at equal prices, so once no trip pays, |ln(p_side / p_main)| ≤ −ln(0.997 · 0.999 · 0.997) = 2 · 0.0030045 + 0.0010005 = 0.0070095.
const BAND = -Math.log(0.997 * 0.999 * 0.997);
const noGas = { mainChain: { gasNative: 0 }, sideChain: { gasNative: 0 } };
const instant = { bridge: { delayTicks: 0, feeBps: 10 }, bridgeArbitrageurs: { initialUsd: { dist: 'constant' as const, value: 1_000_000 } } };

describe('cross-chain prices', () => {
  it('stay within the round trip’s fees, 0.0070 in log price, at the end of every tick when arbitrage is allowed', () => {
    expect(BAND).toBeCloseTo(0.0070095, 6);
    const { gaps: g } = gaps(params(noGas, instant), 120);
    for (const x of g) expect(x).toBeLessThanOrEqual(BAND + 1e-6);
    // The band is reached, not just respected: the side chain's noise pushes the gap to its edge.
    expect(Math.max(...g)).toBeGreaterThan(0.9 * BAND);
  });

  it('stay apart when the bridge is shut (capacity 0): the gap leaves the band and grows', () => {
    const { gaps: g, sim } = gaps(params(noGas, instant, { bridge: { capacityPerTick: 0 } }), 120);
    expect(g.filter((x) => x > BAND).length).toBeGreaterThan(0.9 * g.length);
    expect(g[g.length - 1]).toBeGreaterThan(5 * BAND);
    expect(sim.world.ledger.account('bridge.inFlight.to')!.tokens).toBe(0);
  });

  it('move together more loosely with gas and a delay: each trip must beat gas on both chains and the delay’s required return', () => {
    const fast = gaps(params(noGas, instant), 120).gaps;
    const slow = gaps(params({ bridge: { delayTicks: 5 } }), 120).gaps;
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(slow)).toBeGreaterThan(mean(fast));
  });
});

describe('per-chain columns', () => {
  it('declares price, supply, liquidity and volume for each chain, with units', () => {
    const m = new Map(crossChainEconomy.metrics.map((x) => [x.name, x]));
    for (const c of ['main', 'side']) {
      expect(m.get(`price_${c}`)?.unit).toBe('USD/token');
      expect(m.get(`supply_${c}`)?.unit).toBe('tokens');
      expect(m.get(`liquidity_usd_${c}`)?.unit).toBe('USD');
      expect(m.get(`volume_${c}`)?.kind).toBe('flow');
    }
  });

  it('reads each chain’s supply as minted − burned on it, and their sum as the ledger’s supply', () => {
    const sim = crossChainEconomy.build(params(), { seed: 2, check: true });
    for (let t = 0; t < 20; t++) sim.world.step();
    const read = (n: string) => sim.metrics.find((x) => x.name === n)!.read();
    const l = sim.world.ledger;
    expect(read('supply_main')).toBeCloseTo(l.chainSupply('main'), 6);
    expect(read('supply_side')).toBeCloseTo(l.chainSupply('side'), 6);
    expect(read('supply_main') + read('supply_side')).toBeCloseTo(l.supply, 6);
    // Lock-and-mint: everything on side is wrapped and backed one for one by the escrow on main.
    expect(read('bridge_locked')).toBeCloseTo(read('supply_side'), 6);
  });
});

describe('conservation in the two-chain model (property)', () => {
  it('holds on each chain and in total every tick, whatever the design, fee, delay, capacity and exploit risk', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('lockAndMint' as const, 'burnAndMint' as const, 'liquidityNetwork' as const),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom(0, 1000, 1e9),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        (design, feeBps, delayTicks, capacityPerTick, exploitRiskPerTick, seed) => {
          const p = params({ traders: { count: 20 }, bridge: { design, feeBps, delayTicks, capacityPerTick, exploitRiskPerTick } });
          const sim = crossChainEconomy.build(p, { seed, check: true });
          // check: true makes every step assert minted − burned = holdings on main, on side and in total.
          for (let t = 0; t < 25; t++) sim.world.step();
          const read = (n: string) => sim.metrics.find((x) => x.name === n)!.read();
          if (design === 'lockAndMint') expect(read('bridge_locked') + read('bridge_unbacked')).toBeCloseTo(read('supply_side'), 4);
          expect(read('bridge_unbacked')).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('bad input', () => {
  it('refuses a bridge to a chain the model does not have, naming the chains it has, before any run', () => {
    const p = applyOverrides(crossChainEconomy.defaults, { bridge: { to: 'nowhere' } }, 'test');
    expect(() => validateParams(crossChainEconomy.schema, p)).toThrow(InputError);
    expect(() => validateParams(crossChainEconomy.schema, p)).toThrow('bridge.to: no chain "nowhere" in this model; expected one of main, side');
  });

  it('refuses a bridge from a chain to itself', () => {
    const p = applyOverrides(crossChainEconomy.defaults, { bridge: { to: 'main' } }, 'test');
    expect(() => validateParams(crossChainEconomy.schema, p)).toThrow('bridge.to: the bridge joins chain main to itself; expected two different chains');
  });

  it('refuses a chain name that is not an identifier, and a second chain on the model’s market', () => {
    expect(() => chain('side chain')).toThrow(InputError);
    expect(() => chain('side', { market: true })).toThrow('only the main chain');
  });

  it('refuses a token route between accounts on two chains', () => {
    const sim = crossChainEconomy.build(params(), { seed: 1, check: true });
    const l = sim.world.ledger;
    expect(() => l.route(l.account('mainChain.holders')!, l.account('sideChain.holders')!, 'teleport')).toThrow('a token moves between chains only through a bridge');
  });

  it('knows the blocks it is made of', () => {
    expect(crossChainEconomy.blocks.map((b) => b.key)).toContain(bridge.key);
    expect(crossChainEconomy.blocks.map((b) => b.key)).toContain(bridgeArbitrageurs.key);
  });
});

import { describe, expect, it } from 'vitest';
import { BridgeArbitrageurs, maximiseConcave } from '../../agents/bridgeArbitrageurs';
import { bridgeArbitrageurs } from '../../agents/bridgeArbitrageurs';
import { chainOf } from '../../src/chains/chainRegistry';
import { validateParams } from '../../src/core/params';
import { applyOverrides, type DeepPartial } from '../../src/experiment/define';
import { crossChainEconomy, type CrossChainEconomyParams } from '../../src/models/crossChainEconomy';
import { threeChainArbitrageurs, threeChainEconomy, type ThreeChainEconomyParams } from '../../src/models/threeChainEconomy';

function build(...overrides: DeepPartial<CrossChainEconomyParams>[]) {
  const p = overrides.reduce<CrossChainEconomyParams>((acc, o) => applyOverrides(acc, o, 'test'), crossChainEconomy.defaults);
  validateParams(crossChainEconomy.schema, p);
  const sim = crossChainEconomy.build(p, { seed: 3, check: true });
  const arbs = () => (sim.api(bridgeArbitrageurs) as () => BridgeArbitrageurs)();
  return { sim, w: sim.world, arbs };
}

// Only the arbitrageurs move prices: no traders, no local flow.
const still = { traders: { count: 0 }, sideChain: { flowUsd: 0 }, mainChain: { gasNative: 0 } };

describe('maximiseConcave', () => {
  it('finds the top of −(x − 3)² + 5 on [0, 10]', () => {
    const [x, v] = maximiseConcave((x) => -((x - 3) ** 2) + 5, 10);
    expect(x).toBeCloseTo(3, 6);
    expect(v).toBeCloseTo(5, 9);
  });

  it('returns 0 when the function only falls', () => {
    expect(maximiseConcave((x) => -x - 1, 10)).toEqual([0, -1]);
  });
});

describe('a cross-chain trip', () => {
  it('is not made when the gap is inside the fees (equal prices)', () => {
    const { w, arbs } = build(still, { sideChain: { gasNative: 0 } });
    w.step();
    expect(arbs().trips).toBe(0);
    expect(arbs().bestTrip(0, 1e6)).toEqual([0, 0]);
  });

  it('flips on at the break-even gas worked from the trip’s value before gas', () => {
    // Side's price pushed up: the best trip's value with no gas is v; gas costs 2 transactions on each chain,
    // 2 · (0 + g) on main (free here) and side, so the trip pays exactly while g < v / 2.
    const { w, arbs } = build(still, { sideChain: { gasNative: 0 } }, { bridge: { delayTicks: 0 } });
    w.step();
    const side = chainOf(w, 'side').pool;
    side.trader('outside', 'burn', 'push').buy(5_000);
    const v = arbs().bestTrip(0, 1e6)[1];
    expect(v).toBeGreaterThan(0);
    const sideGas = (g: number) => w.changeParam('sideChain.gasNative', g / 3000);
    sideGas((v / 2) * 1.01);
    expect(arbs().bestTrip(0, 1e6)[1]).toBeLessThan(0);
    sideGas((v / 2) * 0.99);
    expect(arbs().bestTrip(0, 1e6)[1]).toBeGreaterThan(0);
  });

  it('with a delay, holds its tokens in flight and sells them on arrival', () => {
    const { w, arbs, sim } = build(still, { bridge: { delayTicks: 3 } });
    w.step();
    chainOf(w, 'side').pool.trader('outside', 'burn', 'push').buy(20_000);
    w.step();
    expect(arbs().trips).toBeGreaterThan(0);
    const inFlight = () => sim.world.ledger.account('bridge.inFlight.to')!.tokens;
    expect(inFlight()).toBeGreaterThan(0);
    const sideVolume = () => chainOf(w, 'side').pool.volumeUsd;
    w.step();
    w.step();
    w.step();
    expect(inFlight()).toBe(0);
    expect(sideVolume()).toBeGreaterThan(0);
    expect(sim.world.ledger.account('bridgeArbitrageurs.remote')!.tokens).toBe(0);
  });
});

describe('a desk over two bridges (the three-chain model)', () => {
  function build3(...overrides: DeepPartial<ThreeChainEconomyParams>[]) {
    const p = overrides.reduce<ThreeChainEconomyParams>((acc, o) => applyOverrides(acc, o, 'test'), threeChainEconomy.defaults);
    validateParams(threeChainEconomy.schema, p);
    const sim = threeChainEconomy.build(p, { seed: 3, check: true });
    return { w: sim.world, arbs: () => (sim.api(threeChainArbitrageurs) as () => BridgeArbitrageurs)() };
  }
  const still3 = { traders: { count: 0 }, sideChain: { flowUsd: 0, gasNative: 0 }, farChain: { flowUsd: 0, gasNative: 0 }, mainChain: { gasNative: 0 } };

  it('prices a trip over the second bridge with that hop’s gas: it flips at the break-even gas on far worked from its value before gas', () => {
    // Far's price pushed up: the best trip side → far with no gas is worth v; it pays 2 transactions on side (free here)
    // and 2 on far, so it pays exactly while far's gas per transaction g < v / 2. The first bridge's trip stays at 0.
    const { w, arbs } = build3(still3, { farBridge: { delayTicks: 0 } });
    w.step();
    chainOf(w, 'far').pool.trader('outside', 'burn', 'push').buy(5_000);
    const v = arbs().bestTrip(0, 1e6, 1)[1];
    expect(v).toBeGreaterThan(0);
    expect(arbs().bestTrip(0, 1e6, 0)).toEqual([0, 0]);
    const farGas = (g: number) => w.changeParam('farChain.gasNative', g / 3000);
    farGas((v / 2) * 1.01);
    expect(arbs().bestTrip(0, 1e6, 1)[1]).toBeLessThan(0);
    farGas((v / 2) * 0.99);
    expect(arbs().bestTrip(0, 1e6, 1)[1]).toBeGreaterThan(0);
  });

  it('trades the bridge whose gap pays, and leaves no trip that pays on either bridge', () => {
    const { w, arbs } = build3(still3, { bridge: { delayTicks: 0 }, farBridge: { delayTicks: 0 }, bridgeArbitrageurs: { maxTrips: 200 } });
    w.step();
    chainOf(w, 'far').pool.trader('outside', 'burn', 'push').buy(20_000);
    w.step();
    expect(arbs().trips).toBeGreaterThan(0);
    for (const k of [0, 1]) for (const d of [0, 1] as const) expect(arbs().bestTrip(d, 1e6, k)[1]).toBeLessThanOrEqual(0);
  });
});

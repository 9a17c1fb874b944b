import { describe, expect, it } from 'vitest';
import { storageProviders } from '../../agents/storageProviders';
import { validateParams } from '../../src/core/params';
import { applyOverrides, type DeepPartial } from '../../src/experiment/define';
import { storage } from '../../src/mechanisms/storageNetwork';
import { storageNetwork, type StorageNetworkModelParams } from '../../src/models/storageNetwork';

/**
 * Ten providers of 100 TiB each, no faults, deals or sales, and the traits
 * below; a day earns about 0.1 token (≈ $0.50) per TiB, so about $190 per
 * TiB-year at the pool's $5, and a TiB pledges about 25 tokens.
 */
function network(over: DeepPartial<StorageNetworkModelParams['storageProviders']>) {
  const p = applyOverrides(storageNetwork.defaults, {
    storage: { faultRatePerSectorPerTick: 0, deals: { initialTiB: 0, marketSizeTiB: 0 } },
    storageProviders: {
      candidates: 10,
      initialProviders: 10,
      initialTiB: { dist: 'constant', value: 100 },
      stepTiB: { dist: 'constant', value: 10 },
      maxTiB: { dist: 'constant', value: 1000 },
      initialUsd: { dist: 'constant', value: 1e7 },
      hardwareUsdPerTiB: { dist: 'constant', value: 15 },
      costUsdPerTiBYear: { dist: 'constant', value: 0 },
      hurdle: { dist: 'constant', value: 0.4 },
      patienceTicks: { dist: 'constant', value: 3 },
      considerProbability: 0,
      sellRewardsShare: 0,
      ...over,
    },
  }, 'test');
  validateParams(storageNetwork.schema, p);
  const sim = storageNetwork.build(p, { seed: 2, check: true });
  return { world: sim.world, net: sim.api(storage), providers: sim.api(storageProviders) };
}

describe('storage providers', () => {
  it('add a step when hardware and pledge pay back within their hurdle, locking its pledge and paying its hardware', () => {
    const { world, net, providers } = network({ considerProbability: 1 });
    const pledge0 = net.pledgeLocked;
    world.step();
    // Each of the ten adds 10 TiB: capital ≈ $15 + 25 tokens · $5 a TiB against ≈ $190 a TiB-year pays back in < 1 / (0.4 + 1/4) years.
    expect(providers.onboardedTiB).toBe(100);
    expect(net.networkTiB).toBe(1100);
    expect(net.pledgeLocked).toBeGreaterThan(pledge0);
    const hardware = world.ledger.routes.find((r) => r.reason === 'hardware')!;
    expect(hardware.tick).toBeCloseTo(100 * 15, 9);
  });

  it('do not add when the hardware would not pay back within the hurdle', () => {
    const { world, providers } = network({ considerProbability: 1, hardwareUsdPerTiB: { dist: 'constant', value: 1000 } });
    for (let t = 0; t < 5; t++) world.step();
    expect(providers.onboardedTiB).toBe(0);
  });

  it('keep storage whose margin covers its cash cost but not its hardware (hysteresis)', () => {
    // $100 a TiB-year of cash cost < ≈ $190 of reward; $1,000 of hardware a TiB would not pay back: neither add nor leave.
    const { world, net } = network({ considerProbability: 1, hardwareUsdPerTiB: { dist: 'constant', value: 1000 }, costUsdPerTiBYear: { dist: 'constant', value: 100 } });
    for (let t = 0; t < 60; t++) world.step();
    expect(net.networkTiB).toBe(1000);
  });

  it('terminate a step after `patience` ticks of a negative forward margin', () => {
    const { world, net, providers } = network({ costUsdPerTiBYear: { dist: 'constant', value: 1e5 } });
    world.step();
    world.step();
    expect(net.networkTiB).toBe(1000);
    world.step();
    expect(providers.terminatedTiB).toBe(100);
    expect(net.networkTiB).toBe(900);
  });

  it('terminate everything when they cannot pay their costs, the pledge coming back less 8.5%', () => {
    const { world, net, providers } = network({ initialUsd: { dist: 'constant', value: 0 }, costUsdPerTiBYear: { dist: 'constant', value: 1e5 } });
    const pledge0 = net.pledgeLocked;
    const burned0 = world.ledger.burned;
    world.step();
    expect(providers.forcedExits).toBe(10);
    expect(net.networkTiB).toBe(0);
    expect(net.pledgeLocked).toBeCloseTo(0, 6);
    expect(world.ledger.burned - burned0).toBeCloseTo(0.085 * pledge0, 6);
    expect(providers.storing).toBe(0);
  });
});

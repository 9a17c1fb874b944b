import { describe, expect, it } from 'vitest';
import { run, smallEconomy } from './helpers';

const quiet = { governance: { enabled: false }, voters: { count: 0 } } as const;

describe('node operators', () => {
  it('leave when node rewards are cut', () => {
    const rich = run(smallEconomy({ ...quiet, emission: { ratePerYear: 10_000_000 } }), 180);
    const cut = run(smallEconomy({ ...quiet, emission: { ratePerYear: 10_000_000 }, rewards: { nodes: 0.02 } }), 180);
    expect(cut.nodeOperators.nodeCount).toBeLessThan(rich.nodeOperators.nodeCount);
    expect(cut.nodeOperators.nodeCount).toBeLessThan(20);
  });

  it('join when the expected return beats their hurdle', () => {
    const econ = run(smallEconomy({ ...quiet, emission: { ratePerYear: 30_000_000 }, nodeOperators: { considerProbability: 0.5 } }), 60);
    expect(econ.nodeOperators.nodeCount).toBeGreaterThan(20);
  });

  it('all go offline when nothing is paid to nodes', () => {
    const econ = run(smallEconomy({ ...quiet, rewards: { nodes: 0 } }), 100);
    expect(econ.nodeOperators.nodeCount).toBe(0);
  });

  it('pay their USD costs out of the model, selling tokens when short of USD', () => {
    const econ = smallEconomy({ ...quiet, nodeOperators: { initialUsd: { dist: 'constant', value: 0 } } });
    const usdBefore = econ.world.ledger.usdNet;
    run(econ, 10);
    expect(econ.world.ledger.usdNet).toBeLessThan(usdBefore);
    // With no USD of their own, every dollar paid came from selling rewards.
    const { usd, online } = econ.nodeOperators.population.cols;
    for (let i = 0; i < econ.nodeOperators.population.size; i++) if (online[i]) expect(usd[i]).toBeGreaterThanOrEqual(0);
  });
});

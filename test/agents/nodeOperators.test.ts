import { describe, expect, it } from 'vitest';
import { maxPaybackYears, paybackYears } from '../../agents/nodeOperators';
import { bareNetwork } from '../models/depinHelpers';
import { run, smallEconomy } from './helpers';

// No newcomers or leavers, so the USD in the model changes only by the operators' payments.
const quiet = { governance: { enabled: false }, voters: { count: 0 }, traders: { arrivals: { perYear: 0 }, departures: { perYear: 0 } } } as const;

describe('node operators', () => {
  it('leave when node rewards are cut below their cash costs (sunk hardware does not count)', () => {
    const rich = run(smallEconomy({ ...quiet, emission: { ratePerYear: 10_000_000 } }), 180);
    const cut = run(smallEconomy({ ...quiet, emission: { ratePerYear: 10_000_000, split: { nodes: 0.001 } } }), 180);
    expect(cut.nodeOperators.nodeCount).toBeLessThan(rich.nodeOperators.nodeCount);
    expect(cut.nodeOperators.nodeCount).toBeLessThan(20);
  });

  it('join when the expected return beats their hurdle', () => {
    const econ = run(smallEconomy({ ...quiet, emission: { ratePerYear: 30_000_000 }, nodeOperators: { considerProbability: 0.5 } }), 60);
    expect(econ.nodeOperators.nodeCount).toBeGreaterThan(20);
  });

  it('all go offline when nothing is paid to nodes', () => {
    const econ = run(smallEconomy({ ...quiet, emission: { split: { nodes: 0 } } }), 100);
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

describe('node operators in a DePIN network', () => {
  // One operator with one unit of 100 service units, customers wanting 1,000 units at $2: a unit earns
  // min(1000, 100) · $2 = $200 a tick under fixed emission with no mint; opex $50 leaves a $150 margin.
  // Hardware $54,750 then pays back in 54,750 / (150 · 365) = 1 year.
  const lone = (hurdle: number, online: boolean) =>
    bareNetwork({
      depinRewards: { model: 'fixedEmission', emission: { ratePerYear: 0 }, protocolFeeShare: 0 },
      nodeOperators: {
        candidates: 1,
        initialNodes: online ? 1 : 0,
        hardwareUsd: { dist: 'constant', value: 54_750 },
        opexUsdPerTick: { dist: 'constant', value: 50 },
        initialUsd: { dist: 'constant', value: 60_000 },
        hurdle: { dist: 'constant', value: hurdle },
        considerProbability: 1,
        patienceTicks: { dist: 'constant', value: 5 },
      },
    });

  it('states the payback rule: payback < 1 / (hurdle + 1 / amortisation years)', () => {
    expect(paybackYears(54_750, 150, 365)).toBeCloseTo(1, 12);
    expect(paybackYears(1000, 0, 365)).toBe(Infinity);
    // Requiring 20%/year after depreciation over 3 years: payback within 1 / (0.2 + 1/3) = 1.875 years.
    expect(maxPaybackYears(0.2, 3)).toBeCloseTo(1.875, 12);
  });

  it('enter when the payback beats their hurdle and stay out when it does not', () => {
    // Amortisation over 1e6 ticks adds ~0.0004/year: hurdle 0.9 allows ~1.11 years, 1.1 allows ~0.91.
    const keen = lone(0.9, false);
    const picky = lone(1.1, false);
    keen.world.step();
    picky.world.step();
    expect(keen.nodeOperators.nodeCount).toBe(1);
    expect(picky.nodeOperators.nodeCount).toBe(0);
    keen.world.step();
    expect(keen.service.served).toBe(100);
    expect(keen.service.revenueUsd).toBe(200);
  });

  it('leave after `patience` loss-making ticks when income no longer covers cost', () => {
    const net = lone(0.5, true);
    net.world.changeParam('service.priceUsdPerUnit', 0);
    for (let t = 1; t <= 4; t++) net.world.step();
    expect(net.nodeOperators.nodeCount).toBe(1);
    net.world.step();
    expect(net.nodeOperators.nodeCount).toBe(0);
    expect(net.nodeOperators.capacityOnline).toBe(0);
  });

  it('stay online while income covers cost', () => {
    const net = lone(0.5, true);
    for (let t = 0; t < 50; t++) net.world.step();
    expect(net.nodeOperators.nodeCount).toBe(1);
  });

  it('add hardware units up to maxUnits while each new unit pays back, and join in numbers when profitable', () => {
    const net = bareNetwork({
      service: { initialDemand: 50_000, marketSize: 50_000 },
      nodeOperators: { candidates: 20, initialNodes: 2, maxUnits: 3, considerProbability: 0.5, hurdle: { dist: 'constant', value: 0.1 }, initialUsd: { dist: 'constant', value: 10 } },
      depinRewards: { model: 'fixedEmission', emission: { ratePerYear: 0 } },
    });
    for (let t = 0; t < 40; t++) net.world.step();
    const { units, online } = net.nodeOperators.population.cols;
    expect(net.nodeOperators.nodeCount).toBe(20);
    for (let i = 0; i < 20; i++) {
      expect(online[i]).toBe(1);
      expect(units[i]).toBe(3);
    }
    expect(net.nodeOperators.capacityOnline).toBe(20 * 3 * 100);
  });

  it('lose `slashShare` of their collateral, burned, for every tick they are down, and serve nothing then', () => {
    const net = bareNetwork({
      nodeOperators: {
        candidates: 2,
        initialNodes: 2,
        collateralTokens: 1000,
        slashShare: 0.1,
        downtime: { dist: 'constant', value: 1 },
      },
    });
    const burned0 = net.world.ledger.burned;
    for (let t = 0; t < 3; t++) net.world.step();
    // 2 nodes × 1,000 tokens × 0.9³ left; the rest burned.
    expect(net.nodeOperators.collateral).toBeCloseTo(2000 * 0.729, 9);
    expect(net.world.ledger.burned - burned0).toBeCloseTo(2000 * (1 - 0.729), 9);
    expect(net.service.served).toBe(0);
  });

  it('buy their collateral on the pool before joining, and get it back when they leave', () => {
    const net = bareNetwork({
      nodeOperators: { candidates: 1, initialNodes: 0, initialUsd: { dist: 'constant', value: 5000 }, collateralTokens: 500, considerProbability: 1, patienceTicks: { dist: 'constant', value: 5 } },
      depinRewards: { model: 'fixedEmission', emission: { ratePerYear: 0 } },
    });
    net.world.step();
    expect(net.nodeOperators.nodeCount).toBe(1);
    expect(net.nodeOperators.collateral).toBeCloseTo(500, 6);
    net.world.changeParam('service.priceUsdPerUnit', 0);
    for (let t = 0; t < 200 && net.nodeOperators.nodeCount > 0; t++) net.world.step();
    expect(net.nodeOperators.nodeCount).toBe(0);
    expect(net.nodeOperators.collateral).toBe(0);
    expect(net.nodeOperators.population.cols.tokens[0]).toBeGreaterThan(0);
  });
});

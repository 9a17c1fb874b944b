import { describe, expect, it } from 'vitest';
import { run, smallEconomy } from './helpers';

const tradersOnly = {
  governance: { enabled: false },
  voters: { count: 0 },
  stakers: { count: 0 },
  nodeOperators: { candidates: 0, initialNodes: 0 },
  emission: { ratePerYear: 0 },
} as const;

describe('traders', () => {
  it('fundamentalists who value the token above the price push the price up', () => {
    const mix = { noise: 0, momentum: 0, fundamentalist: 1 };
    const up = run(smallEconomy({ ...tradersOnly, traders: { mix, fairValue: { dist: 'constant', value: 2 } } }), 30);
    const down = run(smallEconomy({ ...tradersOnly, traders: { mix, fairValue: { dist: 'constant', value: 0.5 } } }), 30);
    expect(up.pool.price).toBeGreaterThan(1.05);
    expect(down.pool.price).toBeLessThan(0.95);
  });

  it('fundamentalists do nothing inside their band', () => {
    const econ = smallEconomy({ ...tradersOnly, traders: { mix: { noise: 0, momentum: 0, fundamentalist: 1 }, fairValue: { dist: 'constant', value: 1 }, band: 0.1 } });
    run(econ, 5);
    expect(econ.pool.price).toBe(1);
  });

  it('momentum traders buy after a rise and so extend it', () => {
    const econ = smallEconomy({ ...tradersOnly, traders: { mix: { noise: 0, momentum: 1, fundamentalist: 0 }, lookback: 3, momentumThreshold: 0.01 } });
    // An outside buyer lifts the price by ~10% at tick 1 (and burns what it bought); momentum traders should follow.
    const outsider = econ.pool.trader('outside', 'burn', 'shock');
    econ.world.addHook('exogenous', 'shock', (w) => {
      if (w.tick === 1) outsider.buy(260_000);
    });
    run(econ, 1);
    const afterShock = econ.pool.price;
    run(econ, 10);
    expect(econ.pool.price).toBeGreaterThan(afterShock);
  });

  it('noise traders trade only when active and keep within their balances', () => {
    const idle = run(smallEconomy({ ...tradersOnly, traders: { mix: { noise: 1, momentum: 0, fundamentalist: 0 }, activity: 0 } }), 10);
    expect(idle.pool.trades).toBe(0);
    const busy = smallEconomy({ ...tradersOnly, traders: { mix: { noise: 1, momentum: 0, fundamentalist: 0 }, activity: 1 } });
    busy.world.step();
    expect(busy.pool.trades).toBeGreaterThan(150);
  });

  it('respect their position limit', () => {
    const econ = run(smallEconomy({ ...tradersOnly, traders: { mix: { noise: 0, momentum: 0, fundamentalist: 1 }, fairValue: { dist: 'constant', value: 100 }, positionLimit: 1.5 } }), 40);
    const { tokens, limit } = econ.traders.population.cols;
    for (let i = 0; i < econ.traders.population.size; i++) expect(tokens[i]).toBeLessThanOrEqual(limit[i] * (1 + 1e-9));
  });
});

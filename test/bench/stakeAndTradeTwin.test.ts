import { describe, expect, it } from 'vitest';
import { buildStakeAndTrade, runStakeAndTrade } from '../../bench/stakeAndTrade';
import { runTwin } from '../../bench/stakeAndTradeTwin';
import type { Trajectories } from '../../bench/stakeAndTradeModel';

/** Returns the largest relative difference between two series (scaled by max(|a|, |b|, 1e-300)). */
function maxRelDiff(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]) / Math.max(Math.abs(a[i]), Math.abs(b[i]), 1e-300);
    if (d > worst) worst = d;
  }
  return worst;
}

function expectSame(a: Trajectories, b: Trajectories): void {
  expect(a.price.length).toBe(b.price.length);
  expect(maxRelDiff(a.price, b.price)).toBeLessThan(1e-9);
  expect(maxRelDiff(a.staked, b.staked)).toBeLessThan(1e-9);
  expect(maxRelDiff(a.supply, b.supply)).toBeLessThan(1e-9);
}

describe('stake-and-trade benchmark: tokensim version against the hand-written twin', () => {
  it.each([
    [1, 50, 200],
    [2, 200, 365],
    [3, 1000, 120],
  ])('gives the same price, staked and supply every tick (seed %i, %i agents, %i ticks)', (seed, agents, ticks) => {
    const tokensim = runStakeAndTrade(agents, ticks, seed);
    const twin = runTwin(agents, ticks, seed);
    expectSame(tokensim, twin);
  });

  it('is not trivially equal: the trajectories move and different seeds differ', () => {
    const a = runTwin(200, 100, 1);
    const b = runTwin(200, 100, 2);
    expect(a.price[99]).not.toBe(a.price[0]);
    expect(a.staked[99]).toBeGreaterThan(0);
    expect(a.supply[99]).toBeGreaterThan(a.supply[0]);
    expect(maxRelDiff(a.price, b.price)).toBeGreaterThan(1e-6);
  });

  it('conserves tokens and USD every tick in the tokensim version', () => {
    const sim = buildStakeAndTrade(300, 5, true);
    expect(() => {
      for (let t = 0; t < 60; t++) sim.world.step();
    }).not.toThrow();
    expect(sim.world.ledger.supply).toBeCloseTo(2 * 1000 * 300 + 59 * 0.2 * 300, 6);
  });
});

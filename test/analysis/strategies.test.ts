import { describe, expect, it } from 'vitest';
import { findStrategy, isStrategic } from '../../src/analysis/strategies';
import { applyOverrides } from '../../src/experiment/define';
import { tokenEconomy } from '../../src/models/tokenEconomy';
import { economyParts } from '../helpers/parts';

const params = applyOverrides(
  tokenEconomy.defaults,
  { stakers: { count: 20, hurdle: { dist: 'constant', value: 0 }, adjustShare: 0.5 }, traders: { count: 20 }, nodeOperators: { candidates: 5, initialNodes: 2 } },
  'test',
);

describe('staker strategies', () => {
  it('are declared with a strategy column and found by name', () => {
    const econ = economyParts(tokenEconomy.build(params, { seed: 1, check: false }));
    expect(isStrategic(econ.stakers)).toBe(true);
    expect(isStrategic(econ.traders)).toBe(false);
    expect(findStrategy(econ.world.agents, 'stakers', 'always-stake').index).toBe(2);
  });

  it('never-stake unstakes everything and always-stake leaves no liquid tokens, while the rule stakes half a tick', () => {
    const econ = economyParts(tokenEconomy.build(params, { seed: 1, check: true }));
    const pop = econ.stakers.population;
    const staked = pop.cols.staked;
    for (let t = 0; t < 3; t++) econ.world.step();
    expect(staked[0]).toBeGreaterThan(0);
    pop.cols.strategy[0] = 1;
    pop.cols.strategy[1] = 2;
    econ.world.step();
    expect(staked[0]).toBe(0);
    expect(pop.cols.unbonding[0]).toBeGreaterThan(0);
    expect(pop.cols.tokens[1]).toBe(0);
    expect(pop.cols.tokens[2]).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { checkDeviation } from '../../src/analysis/deviation';
import { defineExperiment, type DeepPartial } from '../../src/experiment/define';
import { tokenEconomy, type TokenEconomyParams } from '../../src/models/tokenEconomy';

const small: DeepPartial<TokenEconomyParams> = {
  traders: { count: 100 },
  nodeOperators: { candidates: 20, initialNodes: 10 },
};
const experiment = (stakers: DeepPartial<TokenEconomyParams['stakers']>) =>
  defineExperiment({ name: 'deviation-test', model: tokenEconomy, params: { ...small, stakers: { count: 50, ...stakers } }, seeds: 4, ticks: 60 });

describe('checkDeviation', () => {
  it('finds the planted profitable deviation: staking alone when the class’s hurdle keeps everyone else out', () => {
    // Hurdle 1e9/year: no one stakes by the class's rule, so the staker
    // rewards (0.6 · 5M tokens/year) go to whoever stakes — the deviator alone.
    const exp = experiment({ hurdle: { dist: 'constant', value: 1e9 }, priceWeight: { dist: 'constant', value: 0 } });
    const res = checkDeviation(exp, { className: 'stakers', strategy: 'always-stake' });
    expect(res.deviators).toBe(1);
    expect(res.verdict).toBe('profitable');
    expect(res.gain.lo).toBeGreaterThan(0);
    expect(res.relativeGain).toBeGreaterThan(1);
  });

  it('finds no profitable deviation when never staking forgoes rewards everyone else earns', () => {
    const exp = experiment({ hurdle: { dist: 'constant', value: 0 }, priceWeight: { dist: 'constant', value: 0 } });
    const res = checkDeviation(exp, { className: 'stakers', strategy: 'never-stake', share: 0.1 });
    expect(res.deviators).toBe(5);
    expect(res.verdict).toBe('unprofitable');
    expect(res.gain.hi).toBeLessThan(0);
  });

  it('finds a zero gain when the deviation is what the rule already does', () => {
    // Hurdle 0 with no band, adjustShare 1, all compounding, no buying: the rule stakes every liquid token every tick, as always-stake does.
    const exp = experiment({ hurdle: { dist: 'constant', value: 0 }, priceWeight: { dist: 'constant', value: 0 }, adjustShare: 1, compoundShare: 1, band: 0, buyShare: 0 });
    const res = checkDeviation(exp, { className: 'stakers', strategy: 'always-stake', share: 0.2 });
    expect(res.verdict).toBe('no significant gain');
    for (let r = 0; r < res.seeds.length; r++) expect(res.deviant[r]).toBe(res.baseline[r]);
  });

  it('names the classes and strategies there are when asked for one that is not', () => {
    const exp = experiment({});
    expect(() => checkDeviation(exp, { className: 'whales', strategy: 'x' })).toThrow(/no such agent class; the model has stakers, traders/);
    expect(() => checkDeviation(exp, { className: 'traders', strategy: 'x' })).toThrow(/declares no alternative strategies; classes that do: stakers/);
    expect(() => checkDeviation(exp, { className: 'stakers', strategy: 'x' })).toThrow(/declares never-stake, always-stake/);
  });
});

import { describe, expect, it } from 'vitest';
import { chainGap } from '../../src/chains/chainGap';
import { chainOf } from '../../src/chains/chainRegistry';
import { InputError } from '../../src/core/errors';
import { threeChainEconomy } from '../../src/models/threeChainEconomy';

describe('chainGap', () => {
  it('reads |ln(p_far / p_main)| from the two chains’ pools: $1 on main, far pushed to $1.21 → ln 1.21 = 0.1906', () => {
    const sim = threeChainEconomy.build(threeChainEconomy.defaults, { seed: 1, check: true });
    const read = () => sim.metrics.find((m) => m.name === 'gap_far_main')!.read();
    expect(read()).toBe(0);
    // A constant-product pool of 500k tokens and $500k: buying $50k moves the price to (550k / 500k)² = 1.21 (no fee here).
    const far = chainOf(sim.world, 'far').pool;
    far.fee = 0;
    far.trader('outside', 'burn', 'push').buy(50_000);
    expect(far.price).toBeCloseTo(1.21, 9);
    expect(read()).toBeCloseTo(Math.log(1.21), 9);
  });

  it('keys itself and names its columns by the two chains', () => {
    const g = chainGap('far', 'main');
    expect(g.key).toBe('farToMainGap');
    expect(Object.keys(g.spec.metrics!)).toEqual(['gap_far_main']);
    expect(Object.keys(g.spec.kpis!)).toEqual(['gap_far_main_mean', 'gap_far_main_max']);
  });

  it('refuses one chain twice', () => {
    expect(() => chainGap('main', 'main')).toThrow(InputError);
  });
});

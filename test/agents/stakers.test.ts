import { describe, expect, it } from 'vitest';
import { exitSoldAfterDrop } from '../../agents/stakers';
import { run, smallEconomy, stakingRatio } from './helpers';

const quiet = { governance: { enabled: false }, voters: { count: 0 } } as const;

describe('stakers', () => {
  it('stake more when the emission rate is higher', () => {
    const low = run(smallEconomy({ ...quiet, emission: { ratePerYear: 500_000 } }), 120);
    const high = run(smallEconomy({ ...quiet, emission: { ratePerYear: 20_000_000 } }), 120);
    expect(stakingRatio(high)).toBeGreaterThan(stakingRatio(low) + 0.05);
  });

  it('do not stake when no reward is paid to stakers', () => {
    const econ = run(smallEconomy({ ...quiet, emission: { split: { stakers: 0 } }, stakers: { priceWeight: { dist: 'constant', value: 0 } } }), 30);
    expect(econ.staking.totalStaked).toBe(0);
  });

  it('unstake through the unbonding period when the yield falls below their hurdle', () => {
    const econ = smallEconomy({ ...quiet, emission: { ratePerYear: 20_000_000 }, staking: { unbondingTicks: 5 }, stakers: { adjustShare: 0.1, exitIntent: { base: { dist: 'constant', value: 0 }, sensitivity: 0 } } });
    run(econ, 60);
    const before = econ.staking.totalStaked;
    const liquidBefore = econ.stakers.population.cols.tokens.reduce((a, b) => a + b, 0);
    econ.world.changeParam('emission.split.stakers', 0);
    econ.world.step();
    // The unstaked tokens are in unbonding, not yet back in the stakers' hands.
    expect(econ.staking.totalStaked).toBeLessThan(before);
    expect(econ.staking.totalUnbonding).toBeCloseTo(before - econ.staking.totalStaked, 6);
    run(econ, 40);
    expect(econ.staking.totalStaked).toBeLessThan(0.05 * before);
    const liquidAfter = econ.stakers.population.cols.tokens.reduce((a, b) => a + b, 0);
    expect(liquidAfter).toBeGreaterThan(liquidBefore);
  });

  it('that sell rewards push the price below that of stakers that compound', () => {
    const compound = run(smallEconomy({ ...quiet, emission: { ratePerYear: 20_000_000 }, stakers: { compoundShare: 1 } }), 90);
    const sell = run(smallEconomy({ ...quiet, emission: { ratePerYear: 20_000_000 }, stakers: { compoundShare: 0, sellRewardsShare: { dist: 'constant', value: 1 } } }), 90);
    expect(sell.pool.price).toBeLessThan(compound.pool.price);
  });

  it('sell their exit intent of what unbonds, when it is released', () => {
    const exitAll = { adjustShare: 0.2, exitIntent: { base: { dist: 'constant', value: 1 }, sensitivity: 0 } } as const;
    const econ = smallEconomy({ ...quiet, emission: { ratePerYear: 20_000_000 }, staking: { unbondingTicks: 5 }, stakers: exitAll });
    run(econ, 40);
    econ.world.changeParam('emission.split.stakers', 0);
    let sold = 0;
    for (let t = 0; t < 4; t++) {
      econ.world.step();
      sold += econ.stakers.exitSoldThisTick;
    }
    // Nothing is released during the first unbonding period, so nothing is exit-sold.
    expect(sold).toBe(0);
    run(econ, 10);
    let later = 0;
    for (let t = 0; t < 10; t++) {
      econ.world.step();
      later += econ.stakers.exitSoldThisTick;
    }
    expect(later).toBeGreaterThan(0);
    const keep = smallEconomy({ ...quiet, emission: { ratePerYear: 20_000_000 }, staking: { unbondingTicks: 5 }, stakers: { ...exitAll, exitIntent: { base: { dist: 'constant', value: 0 }, sensitivity: 0 } } });
    run(keep, 40);
    keep.world.changeParam('emission.split.stakers', 0);
    let kept = 0;
    for (let t = 0; t < 24; t++) {
      keep.world.step();
      kept += keep.stakers.exitSoldThisTick;
    }
    expect(kept).toBe(0);
  });
});

describe('exitSoldAfterDrop', () => {
  it('counts exit selling only on rows 10% or more below the previous 30 rows’ high', () => {
    const price = [1, 1.2, 1.1, 1.07, 1.08, 1.3];
    const sold = [5, 5, 5, 5, 5, 5];
    // Rows 3 (1.07 ≤ 0.9 · 1.2 = 1.08) and 4 (1.08 ≤ 1.08) qualify; row 2 (1.1) does not.
    expect(exitSoldAfterDrop(price, sold)).toBe(10);
    expect(exitSoldAfterDrop(price, sold, 1)).toBe(0);
    expect(exitSoldAfterDrop([1, 1, 1], sold)).toBe(0);
  });
});

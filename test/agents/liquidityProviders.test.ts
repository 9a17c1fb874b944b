import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { liquidityProviders, type LiquidityProviders } from '../../agents/liquidityProviders';
import { defineExperiment } from '../../src/experiment/define';
import { planRuns } from '../../src/experiment/plan';
import { runOne } from '../../src/experiment/runOne';
import { amm } from '../../src/market/amm';
import { staking } from '../../src/mechanisms/staking';
import { treasuryStaking } from '../../src/mechanisms/treasuryStaking';
import { tokenEconomy } from '../../src/models/tokenEconomy';
import { defineModel } from '../../src/model/defineModel';
import { buildBlocks } from '../helpers/blocks';

/** One LP with 1,000 tokens and $1,000 all in a $1 pool, reviewing every tick, moving half at a time, and a reward source stating R tokens a year. */
function oneLp(rate: () => number, margin: number) {
  const sim = buildBlocks([amm, staking, liquidityProviders], {
    amm: { tokenReserve: 1_000_000, usdReserve: 1_000_000 },
    staking: { unbondingTicks: 2 },
    liquidityProviders: {
      count: 1,
      initialTokens: { dist: 'constant', value: 1000 },
      initialUsd: { dist: 'constant', value: 1000 },
      hurdle: { dist: 'constant', value: 0 },
      band: 0,
      activity: 1,
      adjustShare: 0.5,
      genesisDepositShare: 1,
      stakeMargin: margin,
    },
  });
  sim.staking.rewardsFrom('mint', 'test reward', rate);
  const lp = sim.api(liquidityProviders) as LiquidityProviders;
  return { sim, lp, cols: lp.population.cols };
}

describe('liquidity providers switching into stake', () => {
  it('hand-worked: at apr = 100 / 1000 = 10% over a net yield of 0, burns half its shares, stakes the 500 tokens and keeps the $500', () => {
    const { sim, cols } = oneLp(() => 100, 0.01);
    sim.world.step(); // tick 1: LPs act from tick 2
    expect(cols.lpShares[0]).toBeGreaterThan(0);
    expect(cols.tokens[0]).toBeCloseTo(0, 9);
    sim.world.step(); // tick 2: alone, apr = R / (its 1000 tokens) = 0.1 > 0 + 0.01
    expect(cols.staked[0]).toBeCloseTo(500, 6);
    expect(cols.usd[0]).toBeCloseTo(500, 6);
    sim.world.step(); // tick 3: stake 500 + pooled 500, apr 0.1 again: half the rest
    expect(cols.staked[0]).toBeCloseTo(750, 6);
    expect(cols.usd[0]).toBeCloseTo(750, 6);
    expect(sim.staking.totalStaked).toBeCloseTo(750, 6);
  });

  it('stays in the pool while the APR does not beat the net yield by the margin', () => {
    const { sim, cols } = oneLp(() => 100, 0.2);
    for (let t = 0; t < 5; t++) sim.world.step();
    expect(cols.staked[0]).toBe(0);
    expect(cols.tokens[0]).toBeCloseTo(0, 9);
  });

  it('goes back: with the rewards gone and fees paid, unstakes half, waits out unbonding, then redeposits by its hurdle', () => {
    let rate = 100;
    const { sim, cols } = oneLp(() => rate, 0);
    // A round trip each tick pays fees to the pool, so its net yield is above 0.
    const buyer = sim.pool.trader('outside', 'burn', 'test round trip');
    sim.world.addHook('exogenous', 'round trip', () => {
      const got = buyer.buy(10_000);
      if (got > 0) sim.pool.trader('outside', 'mint', 'test round trip back').sell(got);
    });
    sim.world.step();
    sim.world.step(); // tick 2: into stake, 500
    expect(cols.staked[0]).toBeCloseTo(500, 6);
    const shares = cols.lpShares[0];
    rate = 0;
    for (let t = 0; t < 4; t++) sim.world.step(); // tick 3 unstakes half; released at tick 5 and redeposited
    expect(cols.staked[0]).toBeLessThan(500);
    expect(cols.lpShares[0]).toBeGreaterThan(shares);
  });
});

describe('the stake margin without a staking pool', () => {
  it('is refused before any run, naming the parameter', () => {
    const e = defineExperiment({ name: 'lp-no-pool', model: defineModel({ name: 'poolOnly', blocks: [amm, liquidityProviders] }), params: { liquidityProviders: { stakeMargin: 0.02 } }, seeds: 1, ticks: 5 });
    expect(() => planRuns(e)).toThrow(/liquidityProviders\.stakeMargin: switches liquidity into stake, but the model has no staking block to stake in; expected null/);
  });
});

describe('liquidity providers and traders staking, over their whole parameter range', () => {
  it('conserve tokens and USD every tick, with the treasury desk on its yield rule (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.nat(),
          margin: fc.double({ min: 0, max: 10, noNaN: true }),
          share: fc.double({ min: 0, max: 1, noNaN: true }),
          hurdle: fc.double({ min: -0.5, max: 2, noNaN: true }),
          band: fc.double({ min: 0, max: 10, noNaN: true }),
          unbonding: fc.integer({ min: 0, max: 20 }),
          leave: fc.double({ min: 0, max: 50, noNaN: true }),
          yieldHurdle: fc.option(fc.double({ min: 0, max: 10, noNaN: true }), { nil: null }),
        }),
        (c) => {
          const e = defineExperiment({
            name: 'holders-stake-property',
            model: tokenEconomy.with(treasuryStaking),
            params: {
              stakers: { count: 30 },
              traders: { count: 40, stakeIdle: { share: c.share, hurdle: { dist: 'constant', value: c.hurdle }, band: c.band }, departures: { perYear: c.leave } },
              liquidityProviders: { count: 20, activity: 0.5, stakeMargin: c.margin },
              staking: { unbondingTicks: c.unbonding },
              treasuryStaking: { startTick: 0, rebalanceEveryTicks: 10, yieldHurdle: c.yieldHurdle },
            },
            seeds: 1,
            baseSeed: c.seed,
            ticks: 60,
          });
          const p = planRuns(e);
          const r = runOne(e.model, p.runs[0], { ticks: p.ticks, every: 1, metrics: null, check: true });
          expect(r.status, r.error ?? undefined).toBe('ok');
        },
      ),
      { numRuns: 12 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineExperiment } from '../../src/experiment/define';
import { planRuns } from '../../src/experiment/plan';
import { runOne } from '../../src/experiment/runOne';
import { staking } from '../../src/mechanisms/staking';
import { treasury } from '../../src/mechanisms/treasury';
import { rebalanceTokens, treasuryStaking, yieldTargetShare, type TreasuryDesk } from '../../src/mechanisms/treasuryStaking';
import { tokenEconomy } from '../../src/models/tokenEconomy';
import { buildBlocks } from '../helpers/blocks';

describe('rebalanceTokens', () => {
  it('hand-worked: Δ = τ (T + s + u) − (s + u), never more than T held', () => {
    expect(rebalanceTokens(0.5, 10, 0, 0)).toBe(5);
    // 0.5 · (2 + 8) − 8 = −3: unstake 3.
    expect(rebalanceTokens(0.5, 2, 8, 0)).toBe(-3);
    // Unbonding counts as stake already leaving: 0.5 · (4 + 3 + 3) − 6 = −1.
    expect(rebalanceTokens(0.5, 4, 3, 3)).toBe(-1);
    // All of it: 1 · (4 + 6) − 6 = 4 = T.
    expect(rebalanceTokens(1, 4, 6, 0)).toBe(4);
    expect(rebalanceTokens(0, 4, 0, 0)).toBe(0);
  });
});

describe('yieldTargetShare', () => {
  it('hand-worked: τ = (R / (S_o + τ W) − h) / span, the positive root of its quadratic', () => {
    // R = 1M/yr, S_o = 4M, W = 10M, h = 0.02, span = 0.1: (0.1 τ + 0.02)(4 + 10 τ) = 1, τ² + 0.6 τ − 0.92 = 0.
    const tau = yieldTargetShare(1e6, 4e6, 1e7, 0.02, 0.1, 1);
    expect(tau).toBeCloseTo((-0.6 + Math.sqrt(4.04)) / 2, 12);
    expect(tau).toBeCloseTo(0.704988, 6);
    // At that share the APR is 1M / 11.05M = 9.05%, 7.05 points over the hurdle: 0.705 of the span.
    expect((1e6 / (4e6 + tau * 1e7) - 0.02) / 0.1).toBeCloseTo(tau, 12);
    // Alone in the pool with no hurdle: span W τ² = R, τ = √(1e5 / 1e6).
    expect(yieldTargetShare(1e5, 0, 1e7, 0, 0.1, 1)).toBeCloseTo(Math.sqrt(0.1), 12);
  });

  it('is capped at maxShare, and 0 when the APR without the desk is at or below the hurdle', () => {
    expect(yieldTargetShare(1e6, 4e6, 1e7, 0.02, 0.1, 0.5)).toBe(0.5);
    // 80,000 / 4M = 2%: exactly the hurdle.
    expect(yieldTargetShare(80_000, 4e6, 1e7, 0.02, 0.1, 1)).toBe(0);
    expect(yieldTargetShare(50_000, 4e6, 1e7, 0.02, 0.1, 1)).toBe(0);
    expect(yieldTargetShare(0, 0, 1e7, 0, 0.1, 1)).toBe(0);
    expect(yieldTargetShare(1e6, 4e6, 0, 0.02, 0.1, 1)).toBe(0);
  });

  it('rises with the rewards and falls with the hurdle (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 1, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 1e-6, max: 10, noNaN: true }),
        (R, So, W, h, span) => {
          const tau = yieldTargetShare(R, So, W, h, span, 1);
          expect(tau).toBeGreaterThanOrEqual(0);
          expect(tau).toBeLessThanOrEqual(1);
          expect(yieldTargetShare(2 * R, So, W, h, span, 1)).toBeGreaterThanOrEqual(tau);
          expect(yieldTargetShare(R, So, W, h + 0.01, span, 1)).toBeLessThanOrEqual(tau);
          // Inside the bounds the share is where the ramp meets the APR it earns there.
          if (tau > 1e-9 && tau < 1) expect((R / (So + tau * W) - h) / span).toBeCloseTo(tau, 6);
        },
      ),
    );
  });
});

/** A treasury of 1,000 tokens, the staking pool (unbonding 2 ticks) and the desk, rebalancing every 3 ticks from tick 1. */
function setup(targetShare: number, yieldRule: { hurdle: number; span: number; maxShare: number } | null = null, rewardsPerYear?: () => number) {
  const sim = buildBlocks([treasury, staking, treasuryStaking], {
    treasury: { tokens: 1000, usd: 0 },
    staking: { unbondingTicks: 2 },
    treasuryStaking: { startTick: 1, targetShare, rebalanceEveryTicks: 3, ...(yieldRule ? { yieldHurdle: yieldRule.hurdle, yieldSpan: yieldRule.span, yieldMaxShare: yieldRule.maxShare } : {}) },
  });
  const desk = sim.api(treasuryStaking) as TreasuryDesk;
  const reward = sim.staking.rewardsFrom('mint', 'test reward', rewardsPerYear);
  return { sim, desk, t: sim.treasury, reward, world: sim.world };
}

describe('the treasury desk, through the block', () => {
  it('stakes τ of the treasury at its start, books each reward to the treasury under "staking reward", and rebalances every 3 ticks', () => {
    const { desk, t, reward, world } = setup(0.4);
    world.step(); // tick 1: the start and the first rebalance, 0.4 · 1000
    expect(world.tick).toBe(1);
    expect(desk.staked).toBe(400);
    expect(t.tokens).toBe(600);
    // The stake is still the treasury's: at $2 a token it is worth 2 · (600 + 400).
    expect(t.valueUsd(2)).toBe(2000);
    // A reward of 50 paid to the only staker comes home in the next tick's post phase.
    reward.pay(50);
    world.step(); // tick 2
    expect(desk.rewardsThisTick).toBeCloseTo(50, 9);
    expect(t.tokens).toBeCloseTo(650, 9);
    expect(t.incomeThisTick()['staking reward'].tokens).toBeCloseTo(50, 9);
    world.step(); // tick 3: no rebalance
    expect(desk.staked).toBe(400);
    world.step(); // tick 4: rebalance, 0.4 · 1050 − 400 = 20 more
    expect(desk.staked).toBeCloseTo(420, 9);
    expect(t.tokens).toBeCloseTo(630, 9);
  });

  it('brings the stake down through unbonding when the treasury shrinks, the principal booked as "unstaked"', () => {
    const { desk, t, world } = setup(0.4);
    world.step(); // tick 1: 400 staked, 600 held
    t.spendTo('burn', 'test burn').move(590); // 10 held
    for (let k = 2; k <= 4; k++) world.step(); // tick 4 rebalances: 0.4 · (10 + 400) − 400 = −236
    expect(desk.staked).toBeCloseTo(164, 9);
    expect(desk.unbonding).toBeCloseTo(236, 9);
    expect(t.tokens).toBeCloseTo(10, 9);
    for (let k = 5; k <= 6; k++) world.step(); // released at tick 6 (4 + 2) and sent home
    expect(desk.unbonding).toBe(0);
    expect(t.tokens).toBeCloseTo(246, 9);
    expect(t.incomeThisTick().unstaked.tokens).toBeCloseTo(236, 9);
  });
});

describe('the treasury desk on the yield rule, through the block', () => {
  it('stakes the share where the ramp meets the APR it would earn, and follows the rewards at each rebalance', () => {
    let rate = 100;
    const { desk, t, world } = setup(0.9, { hurdle: 0, span: 1, maxShare: 1 }, () => rate);
    world.step(); // tick 1: alone in the pool, τ · 1000 τ = 100, τ = √0.1 (the fixed 0.9 is not used)
    expect(desk.staked).toBeCloseTo(1000 * Math.sqrt(0.1), 9);
    expect(t.tokens).toBeCloseTo(1000 - 1000 * Math.sqrt(0.1), 9);
    rate = 25; // the rewards fall to a quarter: τ = √0.025
    for (let k = 2; k <= 4; k++) world.step(); // tick 4 rebalances
    expect(desk.staked).toBeCloseTo(1000 * Math.sqrt(0.025), 9);
    expect(desk.unbonding).toBeCloseTo(1000 * (Math.sqrt(0.1) - Math.sqrt(0.025)), 9);
  });

  it('hand-worked with a hurdle and a cap: (0.2 + τ) · 1000 τ = 100, τ = (−0.2 + √0.44) / 2; capped at 0.1; nothing without rewards', () => {
    const hurdle = setup(0.9, { hurdle: 0.2, span: 1, maxShare: 1 }, () => 100);
    hurdle.world.step();
    expect(hurdle.desk.staked).toBeCloseTo(1000 * ((-0.2 + Math.sqrt(0.44)) / 2), 9);
    expect(hurdle.desk.staked).toBeCloseTo(231.66, 2);
    const capped = setup(0.9, { hurdle: 0.2, span: 1, maxShare: 0.1 }, () => 100);
    capped.world.step();
    expect(capped.desk.staked).toBeCloseTo(100, 9);
    const none = setup(0.9, { hurdle: 0, span: 1, maxShare: 1 }, () => 0);
    none.world.step();
    expect(none.desk.staked).toBe(0);
    expect(none.t.tokens).toBe(1000);
  });
});

describe('the treasury-staking experiment model', () => {
  const experiment = defineExperiment({
    name: 'treasury-staking-test',
    model: tokenEconomy.with(treasuryStaking),
    params: { stakers: { count: 60 }, traders: { count: 60 } },
    variants: { none: {}, half: { treasuryStaking: { startTick: 0, targetShare: 0.5 } }, all: { treasuryStaking: { startTick: 0, targetShare: 1 } } },
    seeds: 1,
    ticks: 90,
  });
  const plan = planRuns(experiment);
  const runs = new Map(plan.runs.map((r) => [r.variant, runOne(experiment.model, r, { ticks: plan.ticks, every: 1, metrics: null, check: true })]));
  const plain = (() => {
    const e = defineExperiment({ name: 'plain', model: tokenEconomy, params: { stakers: { count: 60 }, traders: { count: 60 } }, seeds: 1, ticks: 90 });
    const p = planRuns(e);
    return runOne(e.model, p.runs[0], { ticks: p.ticks, every: 1, metrics: null, check: true });
  })();

  it('conserves tokens and USD every tick, and the staking ratio rises with the share the treasury stakes', () => {
    for (const [v, r] of runs) expect(r.status, `${v}: ${r.error}`).toBe('ok');
    const ratio = (v: string) => runs.get(v)!.summary.mean_staking_ratio;
    expect(ratio('half')).toBeGreaterThan(ratio('none'));
    expect(ratio('all')).toBeGreaterThan(ratio('half'));
    expect(runs.get('all')!.summary.total_treasury_staking_rewards).toBeGreaterThan(0);
  });

  it('inert (no start tick), leaves every metric of the model without it bit for bit', () => {
    const none = runs.get('none')!;
    for (const [name, values] of Object.entries(plain.series)) {
      for (let k = 0; k < values.length; k++) if (!Object.is(values[k], none.series[name][k])) throw new Error(`${name} differs at row ${k}`);
    }
  });
});

describe('the treasury desk over its whole parameter range', () => {
  it('conserves tokens and USD every tick and keeps its stake within what the treasury had (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.nat(),
          targetShare: fc.double({ min: 0, max: 1, noNaN: true }),
          every: fc.integer({ min: 1, max: 60 }),
          start: fc.integer({ min: 0, max: 30 }),
          unbonding: fc.integer({ min: 0, max: 30 }),
          yieldHurdle: fc.option(fc.double({ min: 0, max: 10, noNaN: true }), { nil: null }),
          yieldSpan: fc.double({ min: 1e-9, max: 10, noNaN: true }),
          yieldMaxShare: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        (c) => {
          const e = defineExperiment({
            name: 'desk-property',
            model: tokenEconomy.with(treasuryStaking),
            params: { stakers: { count: 30 }, traders: { count: 30 }, staking: { unbondingTicks: c.unbonding }, treasuryStaking: { startTick: c.start, targetShare: c.targetShare, rebalanceEveryTicks: c.every, yieldHurdle: c.yieldHurdle, yieldSpan: c.yieldSpan, yieldMaxShare: c.yieldMaxShare } },
            seeds: 1,
            baseSeed: c.seed,
            ticks: 60,
          });
          const p = planRuns(e);
          const r = runOne(e.model, p.runs[0], { ticks: p.ticks, every: 1, metrics: null, check: true });
          expect(r.status, r.error ?? undefined).toBe('ok');
          const staked = r.series.treasury_staked;
          const held = r.series.treasury;
          for (let k = 0; k < staked.length; k++) {
            expect(staked[k]).toBeGreaterThanOrEqual(0);
            expect(held[k]).toBeGreaterThanOrEqual(-1e-6);
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});

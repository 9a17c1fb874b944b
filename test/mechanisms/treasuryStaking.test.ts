import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineExperiment } from '../../src/experiment/define';
import { planRuns } from '../../src/experiment/plan';
import { runOne } from '../../src/experiment/runOne';
import { staking } from '../../src/mechanisms/staking';
import { treasury } from '../../src/mechanisms/treasury';
import { rebalanceTokens, treasuryStaking, type TreasuryDesk } from '../../src/mechanisms/treasuryStaking';
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

describe('the treasury desk, through the block', () => {
  /** A treasury of 1,000 tokens, the staking pool (unbonding 2 ticks) and the desk, rebalancing every 3 ticks from tick 1. */
  function setup(targetShare: number) {
    const sim = buildBlocks([treasury, staking, treasuryStaking], {
      treasury: { tokens: 1000, usd: 0 },
      staking: { unbondingTicks: 2 },
      treasuryStaking: { startTick: 1, targetShare, rebalanceEveryTicks: 3 },
    });
    const desk = sim.api(treasuryStaking) as TreasuryDesk;
    const reward = sim.staking.rewardsFrom('mint', 'test reward');
    return { sim, desk, t: sim.treasury, reward, world: sim.world };
  }

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
        }),
        (c) => {
          const e = defineExperiment({
            name: 'desk-property',
            model: tokenEconomy.with(treasuryStaking),
            params: { stakers: { count: 30 }, traders: { count: 30 }, staking: { unbondingTicks: c.unbonding }, treasuryStaking: { startTick: c.start, targetShare: c.targetShare, rebalanceEveryTicks: c.every } },
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

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compensatedSum } from '../../src/core/sum';
import {
  type EmissionParams,
  type EmissionState,
  cumulativeEmission,
  emissionParamsSchema,
  scheduledEmission,
  stakingTargetInflation,
} from '../../src/mechanisms/emission';
import { emissionWorld } from './emissionWorld';

function params(p: Partial<EmissionParams>): EmissionParams {
  return { schedule: 'constant', ratePerYear: 365, decayPerYear: 0, halvingTicks: 10, maxSupply: null, ...p };
}

function state(p: Partial<EmissionState>): EmissionState {
  return { supply: 1000, staked: 0, price: 1, feesUsd: 0, treasury: 0, ...p };
}

const target = { target: 0.5, minPerYear: 0.02, maxPerYear: 0.1, gain: 0.2 };

describe('linear decay', () => {
  it('E0 = 1 per tick, L = 4 ticks: emits 1, 0.75, 0.5, 0.25, then nothing; cumulative 2.5', () => {
    const p = params({ schedule: 'linear', linearTicks: 4 });

    expect([1, 2, 3, 4, 5, 9].map((t) => scheduledEmission(p, t, 365))).toEqual([1, 0.75, 0.5, 0.25, 0, 0]);
    expect(cumulativeEmission(p, 4, 365)).toBe(2.5);
    expect(cumulativeEmission(p, 100, 365)).toBe(2.5);
  });

  it('the closed form matches the summed schedule for any L and horizon', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 800 }), fc.double({ min: 0, max: 1e8, noNaN: true }), (L, T, rate) => {
        const p = params({ schedule: 'linear', linearTicks: L, ratePerYear: rate });
        const xs = new Float64Array(T);
        for (let t = 1; t <= T; t++) xs[t - 1] = scheduledEmission(p, t, 365);
        expect(Math.abs(compensatedSum(xs) - cumulativeEmission(p, T, 365))).toBeLessThanOrEqual(1e-9 * Math.max(1, rate * L));
      }),
    );
  });
});

describe('inflation targeting', () => {
  it('mints (1.1)^(1/12) − 1 of supply per tick at 10%/year with 12 ticks a year', () => {
    const p = params({ schedule: 'inflation', inflationPerYear: 0.1 });

    expect(scheduledEmission(p, 1, 12, state({ supply: 1000 }))).toBeCloseTo(1000 * (Math.pow(1.1, 1 / 12) - 1), 10);
  });

  it('grows supply by exactly the annual rate over a year when every tick compounds', () => {
    const { world } = emissionWorld({ schedule: 'inflation', inflationPerYear: 0.07 }, { genesis: 1_000_000 });

    for (let t = 1; t <= 365; t++) world.step();

    expect(world.ledger.supply / 1_000_000).toBeCloseTo(1.07, 10);
  });
});

describe('target staking ratio', () => {
  it('is the midpoint at the target, rises below it and falls above it, within bounds', () => {
    // i(r) = clamp(0.06 + 0.2 · (0.5 − r), 0.02, 0.1)
    expect(stakingTargetInflation(target, 0.5)).toBeCloseTo(0.06, 15);
    expect(stakingTargetInflation(target, 0.4)).toBeCloseTo(0.08, 15);
    expect(stakingTargetInflation(target, 0.6)).toBeCloseTo(0.04, 15);
    expect(stakingTargetInflation(target, 0)).toBe(0.1);
    expect(stakingTargetInflation(target, 1)).toBe(0.02);
  });

  it('mints supply · i(ratio) / ticksPerYear per tick', () => {
    const p = params({ schedule: 'stakingTarget', stakingTarget: target });

    // ratio 0.4 → 8%/year of 36,500 tokens over 365 ticks = 8 tokens a tick
    expect(scheduledEmission(p, 3, 365, state({ supply: 36_500, staked: 14_600 }))).toBeCloseTo(8, 12);
  });

  it('reads supply and stake from the model at the start of the tick', () => {
    // Supply 36,500 with 14,600 staked: ratio 0.4 → 8%/year → 8 tokens in the first tick.
    const { world, done } = emissionWorld({ schedule: 'stakingTarget', stakingTarget: target }, { genesis: 36_500, holder: 14_600, stake: 14_600 });

    world.step();

    expect(done.mintedThisTick).toBeCloseTo(8, 12);
  });
});

describe('emission schema', () => {
  it('asks for the field a schedule needs', () => {
    const r = emissionParamsSchema.safeParse(params({ schedule: 'linear' }));

    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('linearTicks');
  });

  it('state-dependent schedules have no closed form in ticks', () => {
    expect(() => cumulativeEmission(params({ schedule: 'inflation', inflationPerYear: 0.1 }), 10, 365)).toThrow(/depends on state/);
  });
});

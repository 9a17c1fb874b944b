import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compensatedSum } from '../../src/core/sum';
import { type EmissionParams, cappedEmission, cumulativeEmission, scheduledEmission } from '../../src/mechanisms/emission';
import { emissionWorld } from './emissionWorld';

function params(p: Partial<EmissionParams>): EmissionParams {
  return { schedule: 'constant', ratePerYear: 365, decayPerYear: 0, halvingTicks: 10, maxSupply: null, ...p };
}

/** Σ scheduledEmission(t) for t = 1..T, the plain reference for the closed form. */
function summed(p: EmissionParams, T: number, tpy: number): number {
  const xs = new Float64Array(T);
  for (let t = 1; t <= T; t++) xs[t - 1] = scheduledEmission(p, t, tpy);
  return compensatedSum(xs);
}

function expectRel(actual: number, expected: number, rel = 1e-9): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

const ticksPerYear = fc.constantFrom(1, 12, 52, 365, 8760);

describe('emission schedules: hand-worked values', () => {
  it('constant: ratePerYear 730, 365 ticks/year → E0 = 2 per tick, 10 ticks → 20', () => {
    const p = params({ schedule: 'constant', ratePerYear: 730 });

    expect(scheduledEmission(p, 7, 365)).toBe(2);
    expect(cumulativeEmission(p, 10, 365)).toBe(20);
  });

  it('exponential: ratePerYear 12, 12 ticks/year, λ = 12·ln 2 → r = 1/2, 3 ticks → 1 + 0.5 + 0.25 = 1.75', () => {
    const p = params({ schedule: 'exponential', ratePerYear: 12, decayPerYear: 12 * Math.LN2 });

    expectRel(scheduledEmission(p, 3, 12), 0.25, 1e-12);
    expectRel(cumulativeEmission(p, 3, 12), 1.75, 1e-12);
  });

  it('exponential with λ = 0 emits E0 every tick: 3650/yr, 365 ticks/year, 4 ticks → 40', () => {
    const p = params({ schedule: 'exponential', ratePerYear: 3650, decayPerYear: 0 });

    expect(scheduledEmission(p, 100, 365)).toBe(10);
    expect(cumulativeEmission(p, 4, 365)).toBe(40);
  });

  it('halving: ratePerYear 365, 365 ticks/year, P = 10, 25 ticks → 10·1 + 10·0.5 + 5·0.25 = 16.25', () => {
    const p = params({ schedule: 'halving', ratePerYear: 365, halvingTicks: 10 });

    expect([scheduledEmission(p, 10, 365), scheduledEmission(p, 11, 365), scheduledEmission(p, 21, 365)]).toEqual([1, 0.5, 0.25]);
    expect(cumulativeEmission(p, 25, 365)).toBe(16.25);
  });
});

describe('emission schedules: closed form equals the sum of per-tick emissions', () => {
  it('constant', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), ticksPerYear, fc.integer({ min: 1, max: 3000 }), (rate, tpy, T) => {
        const p = params({ schedule: 'constant', ratePerYear: rate });

        expectRel(cumulativeEmission(p, T, tpy), summed(p, T, tpy));
      }),
    );
  });

  it('exponential (λ from 0.01 to 100 per year)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e9, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        ticksPerYear,
        fc.integer({ min: 1, max: 3000 }),
        (rate, lambda, tpy, T) => {
          const p = params({ schedule: 'exponential', ratePerYear: rate, decayPerYear: lambda });

          expectRel(cumulativeEmission(p, T, tpy), summed(p, T, tpy));
        },
      ),
    );
  });

  it('halving, including tick counts that are not a multiple of the period', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e9, noNaN: true }),
        fc.integer({ min: 1, max: 400 }),
        ticksPerYear,
        fc.integer({ min: 1, max: 3000 }),
        (rate, P, tpy, T) => {
          const p = params({ schedule: 'halving', ratePerYear: rate, halvingTicks: P });

          expectRel(cumulativeEmission(p, T, tpy), summed(p, T, tpy));
        },
      ),
    );
  });

  // (1 − r^T) / (1 − r) with r = exp(−λ/TPY) would cancel catastrophically for
  // tiny λ/TPY (r rounds to 1 at λ = 1e-14: 0/0); the expm1 form stays exact.
  // ratePerYear 1000, λ = 1e-7/yr, 8760 ticks/yr, T = 1000: exact sum (50-digit
  // mpmath) 114.155250490633017; λ = 1e-14/yr, 365 ticks/yr, T = 100: 273.972602739725656.
  it.each([
    [1e-7, 8760, 1000],
    [1e-14, 365, 100],
  ])('exponential closed form stays exact for a tiny decay rate (λ = %s/yr, %s ticks/yr, T = %s)', (lambda, tpy, T) => {
    const p = params({ schedule: 'exponential', ratePerYear: 1000, decayPerYear: lambda });

    const closed = cumulativeEmission(p, T, tpy);

    expectRel(closed, summed(p, T, tpy));
  });
});

describe('cappedEmission', () => {
  it('gives the remainder under the cap: minted 99.5, cap 100, E = 1 → 0.5', () => {
    const p = params({ ratePerYear: 365, maxSupply: 100 });

    expect(cappedEmission(p, 1, 365, { minted: 99.5, supply: 99.5 })).toBe(0.5);
  });

  it('gives 0 when minted is already above the cap', () => {
    const p = params({ ratePerYear: 365, maxSupply: 100 });

    expect(cappedEmission(p, 1, 365, { minted: 120, supply: 120 })).toBe(0);
  });

  it('gives the scheduled amount when there is no cap', () => {
    const p = params({ ratePerYear: 365, maxSupply: null });

    expect(cappedEmission(p, 1, 365, { minted: 1e12, supply: 1e12 })).toBe(1);
  });

  it('caps every token ever minted by default, so burns never reopen minting: minted 100 of cap 100, supply 40 → 0', () => {
    const p = params({ ratePerYear: 365, maxSupply: 100 });

    expect(cappedEmission(p, 1, 365, { minted: 100, supply: 40 })).toBe(0);
    expect(cappedEmission({ ...p, capOn: 'minted' }, 1, 365, { minted: 99.75, supply: 40 })).toBe(0.25);
  });

  it("caps minted − burned with capOn 'supply', so burns make room: supply 99.5 of cap 100, minted 500 → 0.5", () => {
    const p = params({ ratePerYear: 365, maxSupply: 100, capOn: 'supply' });

    expect(cappedEmission(p, 1, 365, { minted: 500, supply: 99.5 })).toBe(0.5);
  });

  it('never lets minted exceed maxSupply over a run with emissions and burns (capOn minted)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<EmissionParams['schedule']>('constant', 'exponential', 'halving'),
        fc.double({ min: 1, max: 1e7, noNaN: true }),
        fc.double({ min: 1, max: 1e7, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 200 }),
        (schedule, rate, maxSupply, startFrac, burnFracs) => {
          const p = params({ schedule, ratePerYear: rate, decayPerYear: 0.5, halvingTicks: 7, maxSupply });
          let minted = maxSupply * startFrac;
          let supply = minted;
          for (let t = 1; t <= burnFracs.length; t++) {
            const e = cappedEmission(p, t, 12, { minted, supply });
            minted += e;
            supply += e;

            expect(minted).toBeLessThanOrEqual(maxSupply);
            supply -= supply * burnFracs[t - 1] * 0.01;
          }
        },
      ),
    );
  });

  it("never lets supply exceed maxSupply over a run with emissions and burns (capOn 'supply')", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<EmissionParams['schedule']>('constant', 'exponential', 'halving'),
        fc.double({ min: 1, max: 1e7, noNaN: true }),
        fc.double({ min: 1, max: 1e7, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 200 }),
        (schedule, rate, maxSupply, startFrac, burnFracs) => {
          const p = params({ schedule, ratePerYear: rate, decayPerYear: 0.5, halvingTicks: 7, maxSupply, capOn: 'supply' });
          let minted = maxSupply * startFrac;
          let supply = minted;
          for (let t = 1; t <= burnFracs.length; t++) {
            const e = cappedEmission(p, t, 12, { minted, supply });
            minted += e;
            supply += e;

            expect(supply).toBeLessThanOrEqual(maxSupply);
            supply -= supply * burnFracs[t - 1] * 0.01;
          }
        },
      ),
    );
  });
});

describe('the emission block', () => {
  it('splits E(t) by share: 3650/yr at 365 ticks/yr → E = 10, shares 0.7 stakers / 0.3 treasury → 7 and 3', () => {
    const { world, sim, member, done } = emissionWorld({ split: { stakers: 0.7, nodes: 0, treasury: 0.3, lockers: 0 } }, { stake: 100 });
    const treasuryBefore = sim.treasury.tokens;

    world.step();

    expectRel(member.pending(0), 7, 1e-15);
    expectRel(sim.treasury.tokens - treasuryBefore, 3, 1e-15);
    expectRel(world.ledger.mintedThisTick, 10, 1e-15);
    expectRel(done.mintedThisTick, 10, 1e-15);
    expect(sim.treasury.incomeThisTick().emission.tokens).toBeCloseTo(3, 15);
  });

  it('mints nothing for a recipient that refuses: stakers 0.6 (nothing staked) / treasury 0.4 of E = 10 → 4 minted', () => {
    const { world, sim, done } = emissionWorld({ split: { stakers: 0.6, nodes: 0, treasury: 0.4, lockers: 0 } });

    world.step();

    expect(sim.staking.rewards.escrow.tokens).toBe(0);
    expectRel(world.ledger.mintedThisTick, 4, 1e-15);
    expectRel(done.mintedThisTick, 4, 1e-15);
    expect(done.scheduledThisTick).toBe(10);
  });

  it('does not offer anything to a recipient whose share is 0', () => {
    const { world, sim } = emissionWorld({ split: { stakers: 0, nodes: 0, treasury: 1, lockers: 0 } });

    world.step();

    expect(sim.nodeRewards.offeredThisTick).toBe(0);
  });

  it('offers the nodes’ share to the node stream, which refuses it with no node online', () => {
    const { world, sim, done } = emissionWorld({ split: { stakers: 0, nodes: 0.3, treasury: 0.7, lockers: 0 } });

    world.step();

    expectRel(sim.nodeRewards.offeredThisTick, 3, 1e-15);
    expect(sim.nodeRewards.distributedThisTick).toBe(0);
    expectRel(done.mintedThisTick, 7, 1e-15);
  });

  it('mints only up to maxSupply: genesis 97.5 of cap 100, E = 10 → 2.5, then nothing', () => {
    const { world, done } = emissionWorld({ maxSupply: 100 }, { genesis: 97.5, holder: 0 });

    world.step();
    const first = done.mintedThisTick;
    world.step();

    expect(first).toBe(2.5);
    expect(done.mintedThisTick).toBe(0);
    expect(world.ledger.supply).toBe(100);
  });

  it('reads the schedule at the tick of the world: halving P = 10 at tick 11 → E0/2', () => {
    const { world, done } = emissionWorld({ schedule: 'halving', halvingTicks: 10 });

    for (let t = 1; t <= 11; t++) world.step();

    expect(done.mintedThisTick).toBe(5);
  });

  it('tells stakers what it pays them per year: this tick’s E · stakers’ share · ticks per year', () => {
    const { world, sim } = emissionWorld({ split: { stakers: 0.6, nodes: 0, treasury: 0.4, lockers: 0 } });

    world.step();

    expectRel(sim.staking.expectedRewardsPerYear(), 10 * 0.6 * 365, 1e-12);
  });

  it('reports the rate parameter in force and the emission the schedule offered', () => {
    const { world, sim } = emissionWorld({ split: { stakers: 0.6, nodes: 0, treasury: 0.4, lockers: 0 } });
    const read = Object.fromEntries(sim.metrics.map((m) => [m.name, m.read]));

    world.step();
    world.changeParam('emission.ratePerYear', 730);

    expect(read.scheduled_emission()).toBe(10);
    expect(read.emission_rate()).toBe(730);
  });
});

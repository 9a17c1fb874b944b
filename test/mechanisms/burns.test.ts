import { describe, expect, it } from 'vitest';
import { amm } from '../../src/market/amm';
import { serviceDemandUsd, usageBurn, type ServiceParams } from '../../src/mechanisms/burnOnUse';
import { scheduledBurn, scheduledBurnAmount } from '../../src/mechanisms/scheduledBurn';
import { treasury } from '../../src/mechanisms/treasury';
import { buildBlocks } from '../helpers/blocks';

describe('scheduled burn', () => {
  it('burns tokens + share · supply every K ticks, capped by the treasury', () => {
    const p = { everyTicks: 30, tokens: 100, supplyShare: 0.01 };

    expect(scheduledBurnAmount(p, 29, 10_000, 1e6)).toBe(0);
    expect(scheduledBurnAmount(p, 30, 10_000, 1e6)).toBe(200);
    expect(scheduledBurnAmount(p, 60, 10_000, 150)).toBe(150);
  });

  it('takes the burned tokens from the treasury and records them with the ledger', () => {
    const sim = buildBlocks([treasury, scheduledBurn], { treasury: { tokens: 1000, usd: 0 }, scheduledBurn: { everyTicks: 1, tokens: 300, supplyShare: 0 } });

    sim.world.step();

    expect(sim.treasury.tokens).toBe(700);
    expect(sim.world.ledger.supply).toBe(700);
    expect(sim.world.ledger.burnedThisTick).toBe(300);
    expect(sim.scheduledBurn.burned).toBe(300);
    const burn = sim.world.ledger.routes.find((r) => r.reason === 'scheduled burn')!;
    expect([burn.fromName, burn.toName, burn.tick]).toEqual(['treasury', 'burn', 300]);
  });

  it('burns a share of the supply at the start of the burn tick: 10% of 1000 → 100, then 10% of 900 → 90', () => {
    const sim = buildBlocks([treasury, scheduledBurn], { treasury: { tokens: 1000, usd: 0 }, scheduledBurn: { everyTicks: 2, tokens: 0, supplyShare: 0.1 } });
    const burned: number[] = [];

    for (let t = 1; t <= 4; t++) {
      sim.world.step();
      burned.push(sim.scheduledBurn.burned);
    }

    expect(burned).toEqual([0, 100, 0, 90]);
  });
});

describe('burn on use', () => {
  const params: ServiceParams = { demandUsdPerTick: 1000, growthPerYear: 1, noise: 0, revenueShare: 0.25 };

  it('demand grows as D0 · (1 + g)^(t / TPY): doubling a year at g = 1', () => {
    expect(serviceDemandUsd(params, 365, 365)).toBeCloseTo(2000, 9);
    expect(serviceDemandUsd(params, 0, 365)).toBe(1000);
  });

  it('brings D USD into the model, gives r·D to the treasury and burns the tokens (1 − r)·D buys', () => {
    const sim = buildBlocks([amm, treasury, usageBurn], {
      amm: { tokenReserve: 1e6, usdReserve: 1e6, feeBps: 30 },
      treasury: { tokens: 0, usd: 0 },
      usageBurn: { ...params, growthPerYear: 0 },
    });
    const { ledger } = sim.world;
    const expected = sim.pool.quoteBuy(750);
    const usdBefore = ledger.usdNet;

    sim.world.step();

    expect(sim.treasury.usd).toBe(250);
    expect(sim.usageBurn.burned).toBe(expected);
    expect(sim.usageBurn.usd).toBe(1000);
    expect(ledger.supply).toBeCloseTo(1e6 - expected, 6);
    expect(ledger.usdNet - usdBefore).toBe(1000);
    expect(sim.treasury.revenueUsd.value).toBe(250);
    expect(sim.treasury.incomeThisTick().service.usd).toBe(250);
  });

  it('does nothing when demand is 0', () => {
    const sim = buildBlocks([amm, treasury, usageBurn], { usageBurn: { ...params, demandUsdPerTick: 0 } });

    sim.world.step();

    expect([sim.usageBurn.usd, sim.usageBurn.burned, sim.world.ledger.burned]).toEqual([0, 0, 0]);
  });

  it('draws mean-one lognormal noise from its own stream, the same for the same seed', () => {
    // exp(σZ − σ²/2) has mean 1: over 4000 ticks of D = 1000 the mean payment is 1000 within a few standard errors.
    const run = (seed: number) => {
      const sim = buildBlocks([amm, treasury, usageBurn], { usageBurn: { ...params, growthPerYear: 0, noise: 0.3 } }, seed);
      const paid: number[] = [];
      for (let t = 0; t < 4000; t++) {
        sim.world.step();
        paid.push(sim.usageBurn.usd);
      }
      return paid;
    };

    const a = run(5);
    const mean = a.reduce((s, x) => s + x, 0) / a.length;

    expect(run(5)).toEqual(a);
    expect(Math.abs(mean - 1000)).toBeLessThan(4 * (1000 * Math.sqrt(Math.expm1(0.09))) / Math.sqrt(4000));
  });
});

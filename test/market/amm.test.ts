import { describe, expect, it } from 'vitest';
import { amm, ammParamsSchema } from '../../src/market/amm';
import { buildBlocks } from '../helpers/blocks';

describe('ammParamsSchema', () => {
  it('rejects a fee above 10 000 bps, a non-positive reserve and an unknown key', () => {
    const base = { tokenReserve: 1, usdReserve: 1, feeBps: 30 };

    expect(ammParamsSchema.safeParse(base).success).toBe(true);
    expect(ammParamsSchema.safeParse({ ...base, feeBps: 10_001 }).success).toBe(false);
    expect(ammParamsSchema.safeParse({ ...base, tokenReserve: 0 }).success).toBe(false);
    expect(ammParamsSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
  });
});

describe('the amm block', () => {
  it('mints the token reserve and brings the USD reserve from outside at genesis, pricing the token at their ratio', () => {
    const sim = buildBlocks([amm], { amm: { tokenReserve: 400, usdReserve: 1000, feeBps: 30 } });
    const { ledger } = sim.world;

    expect([sim.pool.tokenReserve, sim.pool.usdReserve]).toEqual([400, 1000]);
    expect(ledger.minted).toBe(400);
    expect(ledger.usdNet).toBe(1000);
    expect(sim.world.priceHistory[0]).toBe(2.5);
    expect(sim.pool.fee).toBe(0.003);
  });

  it('makes the pool price the world’s price at the end of every tick', () => {
    const sim = buildBlocks([amm], { amm: { tokenReserve: 1000, usdReserve: 1000, feeBps: 30 } });

    sim.pool.trader('outside', 'burn', 'test').buy(100);
    sim.world.step();

    expect(sim.world.priceAt(1)).toBe(sim.pool.price);
    expect(sim.world.priceAt(1)).toBe(1100 / (1000 - 90.66108938801491));
  });

  it('follows amm.feeBps when a parameter change sets it', () => {
    const sim = buildBlocks([amm]);

    sim.world.changeParam('amm.feeBps', 100);

    expect(sim.pool.fee).toBe(0.01);
  });

  it('resets the pool’s per-tick counters at the start of each tick, keeping the last tick’s', () => {
    const sim = buildBlocks([amm], { amm: { tokenReserve: 1000, usdReserve: 1000, feeBps: 30 } });
    sim.pool.trader('outside', 'burn', 'test').buy(100);

    sim.world.step();

    expect([sim.pool.volumeUsd, sim.pool.feesUsd, sim.pool.trades]).toEqual([0, 0, 0]);
    expect(sim.pool.previousVolumeUsd).toBe(100);
    expect(sim.pool.previousFeesUsd).toBeCloseTo(0.3, 12);
  });

  it('reads its metrics from the pool: price, volume, fees with token fees at the price, and 2 × the USD reserve as liquidity', () => {
    const sim = buildBlocks([amm], { amm: { tokenReserve: 1000, usdReserve: 1000, feeBps: 30 } });
    const m = Object.fromEntries(sim.metrics.map((x) => [x.name, x]));
    const seller = sim.pool.trader('outside', 'mint', 'test');

    seller.sell(100);

    expect(m.price.read()).toBe(sim.pool.price);
    expect(m.volume.read()).toBe(sim.pool.volumeUsd);
    expect(m.fees_usd.read()).toBeCloseTo(0.3 * sim.pool.price, 12);
    expect(m.liquidity_usd.read()).toBe(2 * sim.pool.usdReserve);
    expect(sim.metrics.filter((x) => x.kind === 'flow').map((x) => x.name)).toEqual(['volume', 'fees_usd']);
  });

  it('summarises final and mean price, volatility, drawdown and total volume from the recorded series', () => {
    // Prices 1, 2, 1 at ticks 0, 1, 2: mean 4/3, drawdown 0.5, log returns ±ln 2 (sd ln 2 · √2 per row, annualised by √365).
    const sim = buildBlocks([amm]);
    const series = { price: Float64Array.from([1, 2, 1]), volume: Float64Array.from([0, 10, 5]) };

    const kpis = sim.summary(series, Int32Array.from([0, 1, 2]));

    expect(kpis.final_price).toBe(1);
    expect(kpis.mean_price).toBeCloseTo(4 / 3, 12);
    expect(kpis.max_drawdown).toBeCloseTo(0.5, 12);
    expect(kpis.total_volume).toBe(15);
    expect(kpis.volatility).toBeCloseTo(Math.LN2 * Math.SQRT2 * Math.sqrt(365), 9);
  });
});

import { describe, expect, it } from 'vitest';
import type { Population } from '../../src/core/population';
import { amm } from '../../src/market/amm';
import type { ConstantProductPool } from '../../src/market/constantProductPool';
import { feeBurn, type FeeBurnParams } from '../../src/mechanisms/feeBurn';
import { treasury } from '../../src/mechanisms/treasury';
import { buildBlocks, summarise } from '../helpers/blocks';
import { holdersBlock } from '../helpers/holders';

type Trade = (pool: ConstantProductPool, trader: Population) => void;

/**
 * A model of a 1000-token / 1000-USD pool at 30 bps, an empty treasury
 * (unless `withTreasury` is false), the fee burn, and one trader holding
 * 100 tokens and 100 USD who makes the trades `onTick` sets, in the agents
 * phase of every tick (between the fee burn's `pre` and `post`).
 */
function setup(params: FeeBurnParams, withTreasury = true) {
  let trade: Trade = () => {};
  const traders = holdersBlock('traders', {}, [100], [100], (pop) => trade(sim.pool, pop));
  const overrides = { amm: { tokenReserve: 1000, usdReserve: 1000, feeBps: 30 }, feeBurn: params };
  const sim = withTreasury ? buildBlocks([amm, treasury, feeBurn, traders], { ...overrides, treasury: { tokens: 0, usd: 0 } }) : buildBlocks([amm, feeBurn, traders], overrides);
  return {
    sim,
    world: sim.world,
    pool: sim.pool,
    done: sim.feeBurn,
    onTick: (f: Trade) => {
      trade = f;
    },
  };
}

const sell = (tokens: number): Trade => (pool, trader) => pool.sellFor(trader, 0, tokens);
const buy = (usd: number): Trade => (pool, trader) => pool.buyFor(trader, 0, usd);

function expectRel(actual: number, expected: number, rel = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

describe('the fee burn', () => {
  it('sets the pool protocol share from feeShare in pre', () => {
    const { world, pool } = setup({ feeShare: 0.5, usdFees: 'buyAndBurn' });

    world.step();

    expect(pool.protocolFeeShare).toBe(0.5);
  });

  it('applies a changed feeShare from the next pre', () => {
    const { world, pool } = setup({ feeShare: 0.5, usdFees: 'buyAndBurn' });
    world.step();

    world.changeParam('feeBurn.feeShare', 0.2);
    const before = pool.protocolFeeShare;
    world.step();

    expect(before).toBe(0.5);
    expect(pool.protocolFeeShare).toBe(0.2);
  });

  it('burns a·f·s = 100 · 0.003 · 0.5 = 0.15 tokens for a sell of 100 tokens', () => {
    const { world, pool, done, onTick } = setup({ feeShare: 0.5, usdFees: 'buyAndBurn' });
    onTick(sell(100));

    world.step();

    expectRel(world.ledger.burned, 0.15);
    expectRel(done.burnedThisTick, 0.15);
    expect(pool.fees.tokens).toBe(0);
    expectRel(pool.tokenReserve, 1099.85);
  });

  it('burns nothing with feeShare 0', () => {
    const { world, done, onTick } = setup({ feeShare: 0, usdFees: 'buyAndBurn' });
    onTick((pool, trader) => {
      sell(100)(pool, trader);
      buy(100)(pool, trader);
    });

    world.step();

    expect(world.ledger.burned).toBe(0);
    expect(done.burnedThisTick).toBe(0);
  });

  it('buys and burns with the USD-side cut, reducing the token reserve by exactly the tokens bought', () => {
    // buy 100 USD: cut 0.15 USD; reserves then 909.338910611985 tokens / 1099.85 USD.
    // buyAndBurn 0.15 USD (no protocol cut on its own buy): a = 0.15 · 0.997 = 0.14955,
    // out = 909.338910611985 · 0.14955 / (1099.85 + 0.14955) = 0.12362880883180576 tokens.
    const { world, pool, onTick } = setup({ feeShare: 0.5, usdFees: 'buyAndBurn' });
    onTick(buy(100));

    world.step();

    expectRel(world.ledger.burned, 0.12362880883180576);
    expectRel(pool.tokenReserve, 909.338910611985 - 0.12362880883180576);
    expectRel(pool.usdReserve, 1099.85 + 0.15);
    expect(pool.fees.usd).toBe(0);
  });

  it('leaves the protocol share alone and takes no cut on its own buy', () => {
    const { world, pool, onTick } = setup({ feeShare: 0.5, usdFees: 'buyAndBurn' });
    onTick(buy(100));

    world.step();

    expect(pool.protocolFeeShare).toBe(0.5);
    expect([pool.fees.tokens, pool.fees.usd]).toEqual([0, 0]);
  });

  it('pays the USD-side cut to the treasury in treasury mode as fee revenue and burns no tokens for it', () => {
    // buy 100 USD: cut = 100 · 0.003 · 0.5 = 0.15 USD → treasury.
    const { sim, world, pool, done, onTick } = setup({ feeShare: 0.5, usdFees: 'treasury' });
    onTick(buy(100));

    world.step();

    expectRel(sim.treasury.usd, 0.15);
    expectRel(sim.treasury.revenueUsd.value, 0.15);
    expectRel(sim.treasury.incomeThisTick().fees.usd, 0.15);
    expectRel(done.treasuryUsdThisTick, 0.15);
    expect(world.ledger.burned).toBe(0);
    expectRel(pool.tokenReserve, 909.338910611985);
    expect(pool.fees.usd).toBe(0);
  });

  it('buys and burns the USD side in treasury mode when the model has no treasury', () => {
    const { world, pool, done, onTick } = setup({ feeShare: 0.5, usdFees: 'treasury' }, false);
    onTick(buy(100));

    world.step();

    expectRel(world.ledger.burned, 0.12362880883180576);
    expect(done.treasuryUsdThisTick).toBe(0);
    expect(pool.fees.usd).toBe(0);
  });

  it.each(['buyAndBurn', 'treasury'] as const)('conserves tokens and USD over ticks of buys and sells (%s)', (usdFees) => {
    const { world, onTick } = setup({ feeShare: 0.5, usdFees });
    onTick((pool, trader) => {
      buy(7)(pool, trader);
      sell(5)(pool, trader);
    });

    for (let t = 0; t < 10; t++) world.step(); // buildBlocks checks conservation every tick

    expect(world.ledger.burned).toBeGreaterThan(0);
    expect(() => world.ledger.check(world.tick)).not.toThrow();
  });

  it('reports the tick’s burn, the share in force, and the run’s total', () => {
    const { sim, world, onTick } = setup({ feeShare: 0.5, usdFees: 'buyAndBurn' });
    const read = Object.fromEntries(sim.metrics.map((m) => [m.name, m.read]));
    onTick(sell(100));

    world.step();

    expectRel(read.fee_burn(), 0.15);
    expect(read.burn_share()).toBe(0.5);
    expect(summarise(sim, { fee_burn: [0, 0.15, 0.25] }, [0, 1, 2]).total_fee_burn).toBe(0.4);
  });
});

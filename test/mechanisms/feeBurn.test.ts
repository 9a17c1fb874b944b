import { describe, expect, it } from 'vitest';
import { Population } from '../../src/core/population';
import { World } from '../../src/core/world';
import { ConstantProductPool } from '../../src/market/amm';
import { FeeBurn, type FeeBurnParams } from '../../src/mechanisms/feeBurn';

type Params = { feeBurn: FeeBurnParams };

/**
 * A world with a 1000-token / 1000-USD pool at 30 bps and one trader holding
 * 100 tokens and 100 USD, everything minted or paid in through the ledger.
 */
function setup(feeBurn: FeeBurnParams, check = false) {
  const world = new World<Params>({ params: { feeBurn }, seed: 1, check });
  const pool = new ConstantProductPool({ tokenReserve: 1000, usdReserve: 1000, feeBps: 30 });
  world.ledger.register(pool);
  world.ledger.mint(1000);
  world.ledger.usdIn(1000);
  const trader = new Population('traders', {});
  trader.add(1);
  trader.cols.tokens[0] = 100;
  trader.cols.usd[0] = 100;
  world.addPopulation(trader);
  world.ledger.mint(100);
  world.ledger.usdIn(100);
  const burn = world.addMechanism(new FeeBurn(pool, () => world.params.feeBurn));
  return { world, pool, trader, burn };
}

function sell(pool: ConstantProductPool, trader: Population, tokens: number): void {
  const out = pool.sell(tokens);
  trader.cols.tokens[0] -= tokens;
  trader.cols.usd[0] += out;
}

function buy(pool: ConstantProductPool, trader: Population, usd: number): void {
  const out = pool.buy(usd);
  trader.cols.usd[0] -= usd;
  trader.cols.tokens[0] += out;
}

function expectRel(actual: number, expected: number, rel = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

describe('FeeBurn', () => {
  it('sets the pool protocol share from feeShare in pre', () => {
    const { pool, burn } = setup({ feeShare: 0.5, usdFees: 'buyAndBurn' });

    burn.pre();

    expect(pool.protocolFeeShare).toBe(0.5);
  });

  it('applies a changed feeShare from the next pre', () => {
    const { world, pool, burn } = setup({ feeShare: 0.5, usdFees: 'buyAndBurn' });
    burn.pre();

    world.changeParam('feeBurn.feeShare', 0.2);
    const before = pool.protocolFeeShare;
    burn.pre();

    expect(before).toBe(0.5);
    expect(pool.protocolFeeShare).toBe(0.2);
  });

  it('burns a·f·s = 100 · 0.003 · 0.5 = 0.15 tokens for a sell of 100 tokens', () => {
    const { world, pool, trader, burn } = setup({ feeShare: 0.5, usdFees: 'buyAndBurn' });
    burn.pre();
    sell(pool, trader, 100);

    burn.post(world);

    expectRel(world.ledger.burned, 0.15);
    expectRel(burn.burnedThisTick, 0.15);
    expect(pool.protocolTokens).toBe(0);
    expectRel(pool.tokenReserve, 1099.85);
  });

  it('burns nothing with feeShare 0', () => {
    const { world, pool, trader, burn } = setup({ feeShare: 0, usdFees: 'buyAndBurn' });
    burn.pre();
    sell(pool, trader, 100);
    buy(pool, trader, 100);

    burn.post(world);

    expect(world.ledger.burned).toBe(0);
    expect(burn.burnedThisTick).toBe(0);
  });

  it('buys and burns with the USD-side cut, reducing the token reserve by exactly the tokens bought', () => {
    // buy 100 USD: cut 0.15 USD; reserves then 909.338910611985 tokens / 1099.85 USD.
    // buyAndBurn 0.15 USD: a = 0.15 · 0.997 = 0.14955,
    // out = 909.338910611985 · 0.14955 / (1099.85 + 0.14955) = 0.12362880883180576 tokens.
    const { world, pool, trader, burn } = setup({ feeShare: 0.5, usdFees: 'buyAndBurn' });
    burn.pre();
    buy(pool, trader, 100);
    const tokenReserve = pool.tokenReserve;
    const usdReserve = pool.usdReserve;
    const quoted = pool.quoteBuy(pool.protocolUsd);

    burn.post(world);

    expectRel(quoted, 0.12362880883180576);
    expect(world.ledger.burned).toBe(quoted);
    expect(pool.tokenReserve).toBe(tokenReserve - quoted);
    expectRel(pool.usdReserve, usdReserve + 0.15);
    expect(pool.protocolUsd).toBe(0);
  });

  it('restores the protocol share after its own buy', () => {
    const { world, pool, trader, burn } = setup({ feeShare: 0.5, usdFees: 'buyAndBurn' });
    burn.pre();
    buy(pool, trader, 100);

    burn.post(world);

    expect(pool.protocolFeeShare).toBe(0.5);
  });

  it('pays the USD-side cut to the treasury in treasury mode and burns no tokens for it', () => {
    // buy 100 USD: cut = 100 · 0.003 · 0.5 = 0.15 USD → treasury.
    const { world, pool, trader, burn } = setup({ feeShare: 0.5, usdFees: 'treasury' });
    burn.pre();
    buy(pool, trader, 100);
    const tokenReserve = pool.tokenReserve;

    burn.post(world);

    expectRel(world.treasury.usd, 0.15);
    expect(world.ledger.burned).toBe(0);
    expect(pool.tokenReserve).toBe(tokenReserve);
    expect(pool.protocolUsd).toBe(0);
  });

  it.each(['buyAndBurn', 'treasury'] as const)('conserves tokens and USD over ticks of buys and sells (%s)', (usdFees) => {
    const { world, pool, trader } = setup({ feeShare: 0.5, usdFees }, true);
    world.addAgents({
      name: 'traders',
      population: trader,
      act: () => {
        buy(pool, trader, 7);
        sell(pool, trader, 5);
      },
    });

    for (let t = 0; t < 10; t++) world.step(); // check: true asserts conservation every tick

    expect(world.ledger.burned).toBeGreaterThan(0);
    expect(() => world.ledger.check(world.tick)).not.toThrow();
  });
});

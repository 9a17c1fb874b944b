import { describe, expect, it } from 'vitest';
import { localFlow } from '../../src/chains/chain';
import { Ledger } from '../../src/core/ledger';
import { Rng } from '../../src/core/rng';
import { ConstantProductPool } from '../../src/market/constantProductPool';

/** A pool of 500k tokens and $500k on chain `side`, and local holders with 100k tokens and $100k. */
function side() {
  const ledger = new Ledger();
  const open = (name: string) => ledger.open(name, { owner: 'test', circulating: true, chain: 'side' });
  const pool = new ConstantProductPool(ledger, open('pool'), open('fees'), 0);
  const holders = open('holders');
  ledger.route('mint', pool.reserves, 'genesis').move(500_000);
  ledger.route('outside', pool.reserves, 'genesis', 'usd').move(500_000);
  ledger.route('mint', holders, 'genesis').move(100_000);
  ledger.route('outside', holders, 'genesis', 'usd').move(100_000);
  pool.seed();
  return { ledger, pool, holders, trader: pool.trader(holders, holders, 'local trade') };
}

describe('the local holders’ flow', () => {
  it('without noise, sells towards a valuation of half the price: κ · y · ln(v / p) / 2 = 0.1 · 500,000 · ln 0.5 / 2 = −$17,329 of tokens', () => {
    const { pool, holders, trader, ledger } = side();
    const usdOut = localFlow(pool, trader, holders.usd, holders.tokens, 0, new Rng(1), 0.5, 0.1);
    const sold = (0.1 * 500_000 * Math.log(2)) / 2;
    expect(100_000 - holders.tokens).toBeCloseTo(sold, 6);
    expect(usdOut).toBeCloseTo((500_000 * sold) / (500_000 + sold), 6);
    expect(() => ledger.check(1)).not.toThrow();
    expect(ledger.chainSupply('side')).toBe(600_000);
  });

  it('does nothing with no noise and no valuation', () => {
    const { pool, holders, trader } = side();
    expect(localFlow(pool, trader, holders.usd, holders.tokens, 0, new Rng(1))).toBe(0);
    expect(pool.price).toBe(1);
  });

  it('never sells more tokens, or spends more USD, than the holders have', () => {
    const { pool, holders, trader } = side();
    const rng = new Rng(2);
    for (let k = 0; k < 200; k++) localFlow(pool, trader, holders.usd, holders.tokens, 1e6, rng);
    expect(holders.tokens).toBeGreaterThanOrEqual(0);
    expect(holders.usd).toBeGreaterThanOrEqual(0);
  });
});

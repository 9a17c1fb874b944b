import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/core/ledger';
import { Population } from '../../src/core/population';
import { amm } from '../../src/market/amm';
import { Treasury, treasury } from '../../src/mechanisms/treasury';
import { buildBlocks } from '../helpers/blocks';

/** A treasury on its own ledger, with a payer account holding 100 tokens and 100 USD. */
function setup() {
  const ledger = new Ledger();
  const t = new Treasury(ledger, ledger.open('treasury', { owner: 'treasury', circulating: false }));
  const payer = ledger.open('payer', { owner: 'test', circulating: true });
  ledger.route('mint', payer, 'genesis').move(100);
  ledger.route('outside', payer, 'genesis', 'usd').move(100);
  return { ledger, t, payer };
}

describe('treasury books', () => {
  it('counts USD income from fees and service as revenue, and other income by source only', () => {
    const { t } = setup();

    t.receive('outside', 50, 'service', 'usd');
    t.receive('outside', 25, 'fees', 'usd');
    t.receive('outside', 10, 'carbon fee', 'usd');
    t.receive('mint', 7, 'allocation');

    expect(t.usd).toBe(85);
    expect(t.tokens).toBe(7);
    expect(t.revenueUsd.value).toBe(75);
    expect(t.revenueUsdThisTick).toBe(75);
    expect(t.incomeThisTick()).toEqual({
      service: { tokens: 0, usd: 50 },
      fees: { tokens: 0, usd: 25 },
      'carbon fee': { tokens: 0, usd: 10 },
      allocation: { tokens: 7, usd: 0 },
    });
  });

  it('sums its income by source to what it received this tick, and resets with the ledger’s tick', () => {
    const { ledger, t, payer } = setup();
    t.receive(payer, 30, 'fees');
    t.incomeFrom(payer, 'fees').move(5);
    t.receive(payer, 40, 'lock penalty');
    t.receive(payer, 20, 'buyback', 'usd');
    const during = t.incomeThisTick();

    ledger.beginTick(1);
    t.beginTick();

    expect(during.fees).toEqual({ tokens: 35, usd: 0 });
    expect(during['lock penalty']).toEqual({ tokens: 40, usd: 0 });
    expect(Object.values(during).reduce((s, e) => s + e.tokens, 0)).toBe(t.tokens);
    expect(Object.values(during).reduce((s, e) => s + e.usd, 0)).toBe(t.usd);
    expect(t.revenueUsdThisTick).toBe(0);
    expect(Object.values(t.incomeThisTick()).every((e) => e.tokens === 0 && e.usd === 0)).toBe(true);
  });

  it('opens one route per payer, source and asset, and reuses it', () => {
    const { ledger, t, payer } = setup();
    const before = ledger.routes.length;

    const a = t.incomeFrom(payer, 'fees');
    const b = t.incomeFrom(payer, 'fees');
    const c = t.incomeFrom(payer, 'fees', 'usd');
    const d = t.spendTo('outside', 'grant', 'usd');

    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(t.spendTo('outside', 'grant', 'usd')).toBe(d);
    expect(ledger.routes.length).toBe(before + 3);
    expect([a.reason, a.fromName, a.toName]).toEqual(['fees', 'payer', 'treasury']);
  });

  it('does nothing for a receipt that is not positive', () => {
    const { ledger, t } = setup();
    const routes = ledger.routes.length;

    t.receive('outside', 0, 'fees', 'usd');
    t.receive('outside', -3, 'fees', 'usd');

    expect([t.usd, t.revenueUsd.value, ledger.routes.length]).toEqual([0, 0, routes]);
  });

  it('pays agents and takes from agents along routes of their own pockets', () => {
    // The treasury pays agent 1 12 tokens and 3 USD of grants; agent 0 pays 4 tokens of fees.
    const { ledger, t } = setup();
    const pop = new Population('p', {});
    pop.add(2);
    const own = ledger.openPopulation(pop, { owner: 'p', circulating: true });
    ledger.route('mint', ledger.pocket(own, pop, 'tokens'), 'genesis').pay(0, 10);
    t.receive('mint', 20, 'genesis');
    t.receive('outside', 5, 'genesis', 'usd');

    t.spendToAgents(pop, 'airdrop').pay(1, 12);
    t.spendToAgents(pop, 'grant', 'usd').pay(1, 3);
    t.incomeFromAgents(pop, 'fees').take(0, 4);

    expect(Array.from(pop.cols.tokens.subarray(0, 2))).toEqual([6, 12]);
    expect(pop.cols.usd[1]).toBe(3);
    expect([t.tokens, t.usd]).toEqual([12, 2]);
    expect(t.incomeThisTick().fees.tokens).toBe(4);
    expect(() => ledger.check(0)).not.toThrow();
  });

  it('values its holdings at a price as USD + tokens · price', () => {
    const { t } = setup();
    t.receive('mint', 200, 'genesis');
    t.receive('outside', 100, 'genesis', 'usd');

    expect(t.valueUsd(0.5)).toBe(200);
  });
});

describe('the treasury block', () => {
  it('holds its genesis tokens (minted) and USD (from outside), out of the circulating supply', () => {
    const sim = buildBlocks([treasury], { treasury: { tokens: 1000, usd: 300 } });

    expect([sim.treasury.tokens, sim.treasury.usd]).toEqual([1000, 300]);
    expect(sim.treasury.incomeThisTick().genesis).toEqual({ tokens: 1000, usd: 300 });
    expect(sim.world.ledger.circulating()).toBe(0);
    expect(sim.world.ledger.account('treasury')).toBe(sim.treasury.account);
  });

  it('values itself at the market price when the model has one, and at its USD alone without', () => {
    const withMarket = buildBlocks([amm, treasury], { amm: { tokenReserve: 1000, usdReserve: 2000, feeBps: 30 }, treasury: { tokens: 10, usd: 5 } });
    const alone = buildBlocks([treasury], { treasury: { tokens: 10, usd: 5 } });
    const value = (s: typeof alone) => s.metrics.find((m) => m.name === 'treasury_usd')!.read();

    expect(value(withMarket)).toBe(5 + 10 * 2);
    expect(value(alone)).toBe(5);
  });

  it('resets its revenue counter each tick in phase pre', () => {
    const sim = buildBlocks([treasury]);
    sim.treasury.receive('outside', 50, 'fees', 'usd');
    const read = sim.metrics.find((m) => m.name === 'treasury_revenue_usd')!.read;
    const before = read();

    sim.world.step();

    expect([before, read()]).toEqual([50, 0]);
    expect(sim.treasury.revenueUsd.value).toBe(50);
  });
});

import { describe, expect, it } from 'vitest';
import { InputError, RunError } from '../../src/core/errors';
import { Ledger } from '../../src/core/ledger';
import { Population } from '../../src/core/population';

function thrownBy(f: () => void): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** A ledger with scalar accounts `names` (circulating, owned by `test`). */
function ledgerWith(...names: string[]) {
  const ledger = new Ledger();
  const accounts = names.map((n) => ledger.open(n, { owner: 'test', circulating: true }));
  return { ledger, accounts };
}

describe('Ledger token side', () => {
  it('passes check when holdings equal minted − burned', () => {
    // minted 1000 to alice; alice pays the pool 250 and burns 250 → supply 750 = 500 + 250.
    const { ledger, accounts: [alice, pool] } = ledgerWith('alice', 'pool');

    ledger.route('mint', alice, 'genesis').move(1000);
    ledger.route(alice, pool, 'swap').move(250);
    ledger.route(alice, 'burn', 'fee burn').move(250);

    expect([alice.tokens, pool.tokens]).toEqual([500, 250]);
    expect(ledger.supply).toBe(750);
    expect(() => ledger.check(3)).not.toThrow();
  });

  it('passes check when holdings are off by less than 1e-9 relative to minted', () => {
    // minted 1e6 → tolerance 1e-9 · 1e6 = 1e-3; a write around the ledger of 5e-4.
    const { ledger, accounts: [alice] } = ledgerWith('alice');
    ledger.route('mint', alice, 'genesis').move(1e6);

    alice.tokens += 5e-4;

    expect(() => ledger.check(1)).not.toThrow();
  });

  it('throws a RunError carrying the tick when holdings are off by more than 1e-9 relative', () => {
    // minted 1e6 → tolerance 1e-3; a write around the ledger of 2e-3.
    const { ledger, accounts: [alice] } = ledgerWith('alice');
    ledger.route('mint', alice, 'genesis').move(1e6);
    alice.tokens += 2e-3;

    const e = thrownBy(() => ledger.check(17));

    expect(e).toBeInstanceOf(RunError);
    expect((e as RunError).tick).toBe(17);
    expect((e as RunError).message).toMatch(/token conservation/);
  });

  it('throws when a holding is NaN', () => {
    const { ledger, accounts: [alice] } = ledgerWith('alice');
    alice.tokens = NaN;

    expect(() => ledger.check(2)).toThrow(RunError);
  });

  it('names each account with its holdings in the breakdown', () => {
    const { ledger, accounts: [a, b] } = ledgerWith('a', 'b');
    ledger.route('mint', a, 'genesis').move(5);
    ledger.route('mint', b, 'genesis').move(2);

    expect(ledger.tokenBreakdown()).toEqual({ a: 5, b: 2 });
  });

  it('refuses to open a second account under a name already taken, naming both owners', () => {
    const ledger = new Ledger();
    ledger.open('treasury', { owner: 'treasury', circulating: false });

    expect(() => ledger.open('treasury', { owner: 'rogue', circulating: true })).toThrow(InputError);
    expect(() => ledger.open('treasury', { owner: 'rogue', circulating: true })).toThrow(/treasury.*twice.*treasury and rogue/);
  });

  it('rejects a negative, NaN or infinite mint with a RunError and leaves minted unchanged', () => {
    const { ledger, accounts: [alice] } = ledgerWith('alice');
    const mint = ledger.route('mint', alice, 'emission');
    mint.move(10);

    for (const bad of [-1, NaN, Infinity]) expect(() => mint.move(bad)).toThrow(RunError);
    expect(() => mint.move(-1)).toThrow(/mint to alice \(emission\).*finite and >= 0/);
    expect(ledger.minted).toBe(10);
    expect(alice.tokens).toBe(10);
  });

  it('rejects a negative or NaN burn with a RunError', () => {
    const { ledger, accounts: [alice] } = ledgerWith('alice');
    const burn = ledger.route(alice, 'burn', 'fee burn');

    expect(() => burn.move(-1)).toThrow(RunError);
    expect(() => burn.move(NaN)).toThrow(RunError);
    expect(ledger.burned).toBe(0);
  });

  it('counts per-tick minted and burned and resets them at beginTick, keeping the totals', () => {
    const { ledger, accounts: [alice] } = ledgerWith('alice');
    const mint = ledger.route('mint', alice, 'emission');
    const burn = ledger.route(alice, 'burn', 'fee burn');
    mint.move(5);
    burn.move(2);

    ledger.beginTick(1);
    mint.move(1);

    expect(ledger.mintedThisTick).toBe(1);
    expect(ledger.burnedThisTick).toBe(0);
    expect(ledger.minted).toBe(6);
    expect(ledger.burned).toBe(2);
  });

  it('keeps the tokens minted before tick 1 as genesisMinted', () => {
    const { ledger, accounts: [alice] } = ledgerWith('alice');
    const mint = ledger.route('mint', alice, 'genesis');
    mint.move(40);

    ledger.beginTick(1);
    mint.move(2);

    expect(ledger.genesisMinted).toBe(40);
    expect(ledger.minted).toBe(42);
  });

  it('sums the tokens of circulating accounts only in circulating()', () => {
    const ledger = new Ledger();
    const holder = ledger.open('holder', { owner: 'test', circulating: true });
    const vault = ledger.open('vault', { owner: 'test', circulating: false });
    ledger.route('mint', holder, 'genesis').move(30);
    ledger.route('mint', vault, 'genesis').move(70);

    expect(ledger.circulating()).toBe(30);
    expect(ledger.supply).toBe(100);
  });
});

describe('Ledger routes', () => {
  it('counts what a route moved this tick and resets it at beginTick', () => {
    const { ledger, accounts: [a, b] } = ledgerWith('a', 'b');
    ledger.route('mint', a, 'genesis').move(10);
    const r = ledger.route(a, b, 'pay');
    r.move(3);
    r.move(4);
    const during = r.tick;

    ledger.beginTick(1);

    expect(during).toBe(7);
    expect(r.tick).toBe(0);
    expect([a.tokens, b.tokens]).toEqual([3, 7]);
  });

  it('names the edges of the model mint, burn and outside', () => {
    const { ledger, accounts: [a] } = ledgerWith('a');

    const names = [ledger.route('mint', a, 'x'), ledger.route(a, 'burn', 'x'), ledger.route('outside', a, 'x', 'usd'), ledger.route(a, 'outside', 'x', 'usd')].map((r) => [r.fromName, r.toName]);

    expect(names).toEqual([
      ['mint', 'a'],
      ['a', 'burn'],
      ['outside', 'a'],
      ['a', 'outside'],
    ]);
  });

  it('refuses a token route from burn or outside and a USD route from mint or to burn', () => {
    const { ledger, accounts: [a] } = ledgerWith('a');

    expect(() => ledger.route('burn', a, 'x')).toThrow(InputError);
    expect(() => ledger.route('outside', a, 'x')).toThrow(InputError);
    expect(() => ledger.route('mint', a, 'x', 'usd')).toThrow(InputError);
    expect(() => ledger.route(a, 'burn', 'x', 'usd')).toThrow(/usd route cannot end at burn/);
  });

  it('moves tokens between agent pockets and keeps the account totals equal to the columns', () => {
    // Agent 0 gets 100 at genesis, stakes 30 (same agent, another pocket), pays agent 1 20, agent 1 pays 5 to a vault.
    const ledger = new Ledger();
    const pop = new Population('p', { staked: 'f64' });
    pop.add(2);
    const own = ledger.openPopulation(pop, { owner: 'p', circulating: true });
    const stakeAccount = ledger.open('stake', { owner: 'test', circulating: false });
    const vault = ledger.open('vault', { owner: 'test', circulating: false });
    const liquid = ledger.pocket(own, pop, 'tokens');
    const staked = ledger.pocket(stakeAccount, pop, 'staked');

    ledger.route('mint', liquid, 'genesis').pay(0, 100);
    ledger.route(liquid, staked, 'stake').within(0, 30);
    ledger.route(liquid, liquid, 'gift').between(0, 1, 20);
    ledger.route(liquid, vault, 'fee').take(1, 5);

    expect(Array.from(pop.cols.tokens.subarray(0, 2))).toEqual([50, 15]);
    expect(pop.cols.staked[0]).toBe(30);
    expect([own.tokens, stakeAccount.tokens, vault.tokens]).toEqual([65, 30, 5]);
    expect(() => ledger.check(1)).not.toThrow();
  });

  it('pays a range of agents in one debit of the plain sum with payRange', () => {
    const ledger = new Ledger();
    const pop = new Population('p', {});
    pop.add(3);
    const own = ledger.openPopulation(pop, { owner: 'p', circulating: true });

    const sum = ledger.route('mint', ledger.pocket(own, pop, 'tokens'), 'genesis').payRange(0, Float64Array.from([1, 2, 4]));

    expect(sum).toBe(7);
    expect(Array.from(pop.cols.tokens.subarray(0, 3))).toEqual([1, 2, 4]);
    expect(ledger.minted).toBe(7);
    expect(own.tokens).toBe(7);
  });

  it('splits one debit between two destinations with takeSplit and moveSplit', () => {
    // Agent 0 swaps 10 USD: 9.4 to the pool, 0.6 to fees; a scalar payer pays 4 as 3 + 1.
    const ledger = new Ledger();
    const pop = new Population('p', {});
    pop.add(1);
    const own = ledger.openPopulation(pop, { owner: 'p', circulating: true });
    const pool = ledger.open('pool', { owner: 'test', circulating: true });
    const fees = ledger.open('fees', { owner: 'test', circulating: true });
    const payer = ledger.open('payer', { owner: 'test', circulating: true });
    const usd = ledger.pocket(own, pop, 'usd', 'usd');
    ledger.route('outside', usd, 'genesis', 'usd').pay(0, 10);
    ledger.route('outside', payer, 'genesis', 'usd').move(4);

    const swap = ledger.route(usd, pool, 'swap', 'usd');
    swap.takeSplit(0, 10, 0.6, ledger.route(usd, fees, 'swap fee', 'usd'));
    const pay = ledger.route(payer, pool, 'buy', 'usd');
    const payCut = ledger.route(payer, fees, 'buy fee', 'usd');
    pay.moveSplit(4, 1, payCut);

    expect(pop.cols.usd[0]).toBe(0);
    expect(pool.usd).toBeCloseTo(12.4, 12);
    expect(fees.usd).toBeCloseTo(1.6, 12);
    expect([swap.tick, payCut.tick]).toEqual([9.4, 1]);
    expect(() => ledger.check(1)).not.toThrow();
  });

  it('refuses a pocket whose column the population does not have as f64, and one of the wrong asset', () => {
    const ledger = new Ledger();
    const pop = new Population('p', { kind: 'i32' });
    const own = ledger.openPopulation(pop, { owner: 'p', circulating: true });
    const vault = ledger.open('vault', { owner: 'test', circulating: false });

    expect(() => ledger.pocket(own, pop, 'kind')).toThrow(InputError);
    expect(() => ledger.pocket(own, pop, 'staked')).toThrow(/population p to have the f64 column staked/);
    expect(() => ledger.route(ledger.pocket(own, pop, 'usd', 'usd'), vault, 'x', 'tokens')).toThrow(/holds usd, not tokens/);
  });

  it('returns the same pocket for the same account, population and column', () => {
    const ledger = new Ledger();
    const pop = new Population('p', {});
    const own = ledger.openPopulation(pop, { owner: 'p', circulating: true });

    expect(ledger.pocket(own, pop, 'tokens')).toBe(ledger.pocket(own, pop, 'tokens'));
    expect(own.pockets.length).toBe(2);
  });
});

describe('Ledger check of writes around the ledger', () => {
  it('throws when a column of a columnar account was written around the ledger', () => {
    const ledger = new Ledger();
    const pop = new Population('p', {});
    pop.add(2);
    const own = ledger.openPopulation(pop, { owner: 'p', circulating: true });
    ledger.route('mint', ledger.pocket(own, pop, 'tokens'), 'genesis').pay(0, 10);
    // A column written by hand: the account's running total (what conservation sums) does not see it.
    pop.cols.tokens[1] += 4;

    expect(() => ledger.check(5)).toThrow(/account p: its columns hold 14 tokens.*routes put 10/);
  });

  it('throws after beginTick(t, true) when a scalar balance changed by more than its routes moved', () => {
    const { ledger, accounts: [a, b] } = ledgerWith('a', 'b');
    ledger.route('mint', a, 'genesis').move(10);
    ledger.beginTick(1, true);
    ledger.route(a, b, 'pay').move(2);
    a.tokens -= 3;
    b.tokens += 3;

    const e = thrownBy(() => ledger.check(1));

    expect(e).toBeInstanceOf(RunError);
    expect((e as RunError).message).toMatch(/account a changed by -5 tokens.*flows say -2/);
  });

  it('passes the flow check when every change went along a route', () => {
    const { ledger, accounts: [a, b] } = ledgerWith('a', 'b');
    ledger.route('mint', a, 'genesis').move(10);
    ledger.beginTick(1, true);
    ledger.route(a, b, 'pay').move(2);
    ledger.route('outside', b, 'buy', 'usd').move(7);

    expect(() => ledger.check(1)).not.toThrow();
  });

  it('throws when an account goes negative beyond the tolerance', () => {
    const { ledger, accounts: [a, b] } = ledgerWith('a', 'b');
    ledger.route('mint', a, 'genesis').move(1);
    ledger.route(a, b, 'overdraft').move(3);

    expect(() => ledger.check(4)).toThrow(/account a is negative: -2 tokens/);
  });

  it('throws when one agent of a columnar account is negative', () => {
    const ledger = new Ledger();
    const pop = new Population('p', {});
    pop.add(2);
    const own = ledger.openPopulation(pop, { owner: 'p', circulating: true });
    const liquid = ledger.pocket(own, pop, 'tokens');
    ledger.route('mint', liquid, 'genesis').pay(0, 5);
    ledger.route(liquid, liquid, 'gift').between(1, 0, 2);

    expect(() => ledger.check(6)).toThrow(/agent 1 of p has -2 tokens in tokens/);
  });
});

describe('Ledger USD side', () => {
  it('passes check when USD holdings equal usdIn − usdOut', () => {
    // 1000 in to alice, alice pays the treasury 400, 150 leave → 850 = 450 + 400.
    const { ledger, accounts: [alice, treasury] } = ledgerWith('alice', 'treasury');

    ledger.route('outside', alice, 'genesis', 'usd').move(1000);
    ledger.route(alice, treasury, 'fees', 'usd').move(400);
    ledger.route(alice, 'outside', 'grant', 'usd').move(150);

    expect(ledger.usdNet).toBe(850);
    expect(ledger.totalUsdHoldings()).toBe(850);
    expect(() => ledger.check(4)).not.toThrow();
  });

  it('throws a RunError carrying the tick when USD holdings are off by more than 1e-9 relative', () => {
    // usdIn 1e6 → tolerance 1e-3; off by 2e-3.
    const { ledger, accounts: [alice] } = ledgerWith('alice');
    ledger.route('outside', alice, 'genesis', 'usd').move(1e6);
    alice.usd -= 2e-3;

    const e = thrownBy(() => ledger.check(9));

    expect(e).toBeInstanceOf(RunError);
    expect((e as RunError).tick).toBe(9);
    expect((e as RunError).message).toMatch(/USD conservation/);
  });
});

describe('Ledger chains', () => {
  it('counts each mint and burn on its chain: supply per chain and in total', () => {
    // 1000 minted on main, 300 on side, 100 burned on side → main 1000, side 200, total 1200.
    const ledger = new Ledger();
    const a = ledger.open('a', { owner: 'test', circulating: true });
    const b = ledger.open('b', { owner: 'test', circulating: true, chain: 'side' });
    ledger.route('mint', a, 'genesis').move(1000);
    ledger.route('mint', b, 'genesis').move(300);
    ledger.route(b, 'burn', 'burn').move(100);
    expect([ledger.chainSupply('main'), ledger.chainSupply('side'), ledger.supply]).toEqual([1000, 200, 1200]);
    expect(ledger.chains).toEqual(['main', 'side']);
    expect(() => ledger.check(1)).not.toThrow();
  });

  it('refuses a token route between two chains, and allows a USD one', () => {
    const ledger = new Ledger();
    const a = ledger.open('a', { owner: 'test', circulating: true });
    const b = ledger.open('b', { owner: 'test', circulating: true, chain: 'side' });
    const e = thrownBy(() => ledger.route(a, b, 'teleport'));
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toBe('route teleport moves tokens from a on chain main to b on chain side; a token moves between chains only through a bridge (burned or locked on one, minted or released on the other)');
    expect(() => ledger.route(a, b, 'pay', 'usd')).not.toThrow();
  });

  it('fails check on chain side when tokens moved between chains around the ledger, though the total still matches', () => {
    const ledger = new Ledger();
    const a = ledger.open('a', { owner: 'test', circulating: true });
    const b = ledger.open('b', { owner: 'test', circulating: true, chain: 'side' });
    ledger.route('mint', a, 'genesis').move(1000);
    a.tokens -= 10;
    b.tokens += 10;
    const e = thrownBy(() => ledger.check(4));
    expect(e).toBeInstanceOf(RunError);
    expect((e as Error).message).toContain('token conservation broken on chain main: minted − burned there = 1000 but its accounts hold 990');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bridge, type BridgeSide, type Direction } from '../../src/chains/bridge';
import { bridgeDefaults, type BridgeDesign, type BridgeParams } from '../../src/chains/bridgeParams';
import { equilibriumFee } from '../../src/chains/equilibriumFee';
import { Ledger } from '../../src/core/ledger';
import { Rng } from '../../src/core/rng';

/**
 * A bridge between chains `a` and `b` on a bare ledger: alice holds 1,000
 * canonical tokens on a, bob 1,000 on b (for lock-and-mint, bob's are
 * wrapped, backed at genesis by 1,000 minted into the escrow). Prices: $1
 * on a, $2 on b.
 */
function world(design: BridgeDesign, over: Partial<BridgeParams> = {}) {
  const ledger = new Ledger();
  const p: BridgeParams = { ...bridgeDefaults, from: 'a', to: 'b', design, feeBps: 100, delayTicks: 2, poolTokens: 1000, ...over };
  const open = (name: string, chain: string, circulating = true) => ledger.open(name, { owner: 'test', circulating, chain });
  const side = (chain: string): BridgeSide => ({ chain, inFlight: open(`inFlight.${chain}`, chain, false), fees: open(`fees.${chain}`, chain), pool: open(`pool.${chain}`, chain), exploiter: open(`exploiter.${chain}`, chain) });
  const sides = [side('a'), side('b')] as const;
  const escrow = open('escrow', 'a', false);
  const alice = open('alice', 'a');
  const bob = open('bob', 'b');
  ledger.route('mint', alice, 'genesis').move(1000);
  ledger.route('mint', bob, 'genesis').move(1000);
  if (design === 'lockAndMint') ledger.route('mint', escrow, 'genesis').move(1000);
  if (design === 'liquidityNetwork') for (const s of sides) ledger.route('mint', s.pool, 'genesis').move(p.poolTokens);
  let params = p;
  const b = new Bridge(ledger, () => params, sides, escrow, (d: Direction) => (d === 0 ? 1 : 2), new Rng(7));
  const lanes = [b.lane(0, alice, bob), b.lane(1, bob, alice)] as const;
  let tick = 0;
  const step = () => {
    tick++;
    ledger.beginTick(tick, true);
    b.beginTick(tick);
    b.deliver();
  };
  const set = (o: Partial<BridgeParams>) => {
    params = { ...params, ...o };
  };
  return { ledger, b, sides, escrow, alice, bob, lanes, step, set, get tick() { return tick; } };
}

/** Asserts conservation on each chain and in total (`Ledger.check` checks both). */
function conserved(w: ReturnType<typeof world>) {
  expect(() => w.ledger.check(w.tick)).not.toThrow();
  for (const c of ['a', 'b']) expect(w.ledger.totalTokenHoldings(c)).toBeCloseTo(w.ledger.chainSupply(c), 6);
}

describe('lock-and-mint', () => {
  it('locks 99% of what is sent, mints as many wrapped tokens in flight and delivers them after the delay', () => {
    // Send 100 at 1% fee: 1 to the fee account, 99 locked, 99 minted on b in flight; delivered at tick 1 + 2 = 3.
    const w = world('lockAndMint');
    w.step();
    expect(w.lanes[0].send(-1, 100)).toBe(99);
    expect([w.alice.tokens, w.sides[0].fees.tokens, w.escrow.tokens]).toEqual([900, 1, 1099]);
    expect([w.sides[1].inFlight.tokens, w.bob.tokens]).toEqual([99, 1000]);
    conserved(w);
    w.step();
    expect(w.bob.tokens).toBe(1000);
    w.step();
    expect([w.sides[1].inFlight.tokens, w.bob.tokens]).toEqual([0, 1099]);
    expect(w.b.wrappedSupply()).toBe(w.escrow.tokens);
    conserved(w);
  });

  it('after an exploit of half the escrow, redeems at the backing ratio: the haircut is the holder’s loss, and the ratio stays', () => {
    // Escrow 1,000 backs W = 1,000; half stolen → r = 0.5, unbacked 500. Bob redeems 100: 1 fee, 99 burned, 49.5 released.
    const w = world('lockAndMint', { delayTicks: 0 });
    w.step();
    w.b.exploit(0.5);
    expect(w.b.backingRatio()).toBe(0.5);
    expect(w.b.unbacked()).toBe(500);
    expect(w.sides[0].exploiter.tokens).toBe(500);
    expect(w.b.losses).toEqual([{ tick: 1, holder: 'bob', chain: 'b', heldTokens: 1000, lossTokens: 500, lossUsd: 500 }]);
    expect(w.lanes[1].send(-1, 100)).toBe(49.5);
    expect(w.alice.tokens).toBe(1049.5);
    expect(w.escrow.tokens).toBe(450.5);
    // W = 900 + 1 fee on b = 901; 450.5 / 901 = 0.5.
    expect(w.b.backingRatio()).toBeCloseTo(0.5, 12);
    conserved(w);
  });
});

describe('burn-and-mint', () => {
  it('burns on the source and mints on the destination: total supply stays 2,000', () => {
    const w = world('burnAndMint');
    w.step();
    expect(w.lanes[0].send(-1, 100)).toBe(99);
    expect(w.ledger.chainSupply('a')).toBe(901);
    expect(w.ledger.chainSupply('b')).toBe(1099);
    expect(w.ledger.supply).toBe(2000);
    conserved(w);
  });

  it('records a forged mint as unbacked supply and spreads its loss over every holder by holdings', () => {
    // 10% of b's supply (1,000) forged: alice and bob each held 1,000 of 2,000 → 50 tokens each, at b's $2.
    const w = world('burnAndMint');
    w.step();
    w.b.exploit(0.1);
    expect(w.b.unbacked()).toBe(100);
    expect(w.ledger.supply).toBe(2100);
    expect(w.b.losses.map((l) => [l.holder, l.lossTokens, l.lossUsd])).toEqual([
      ['alice', 50, 100],
      ['bob', 50, 100],
    ]);
    conserved(w);
  });
});

describe('liquidity network', () => {
  it('pays into the source pool and out of the destination pool, less the flat fee and the equilibrium fee', () => {
    // Pools 1,000 each. Send 500 from a: flat 5, equilibrium fee on b's pool 1,000 → 500 = 0.004·100²/(2·550).
    const w = world('liquidityNetwork', { delayTicks: 0 });
    w.step();
    const eq = (0.004 * 100 * 100) / (2 * 550);
    expect(w.lanes[0].send(-1, 500)).toBeCloseTo(500 - 5 - eq, 12);
    expect(w.sides[0].pool.tokens).toBe(1500);
    expect(w.sides[1].pool.tokens).toBeCloseTo(500 + 5 + eq, 12);
    expect(w.b.quote(0, 100)).toBeCloseTo(100 - 1 - equilibriumFee(500 + 5 + eq, 100, 1000), 12);
    conserved(w);
  });

  it('cannot send more than the destination pool holds', () => {
    const w = world('liquidityNetwork');
    w.step();
    expect(w.b.room(0)).toBe(1000);
    expect(w.lanes[0].send(-1, 1001)).toBe(0);
    expect(w.alice.tokens).toBe(1000);
  });
});

describe('capacity', () => {
  it('lets at most capacityPerTick through per direction per tick, and nothing when it is 0', () => {
    const w = world('burnAndMint', { capacityPerTick: 150 });
    w.step();
    expect(w.lanes[0].send(-1, 100)).toBe(99);
    expect(w.b.room(0)).toBe(50);
    expect(w.lanes[0].send(-1, 100)).toBe(0);
    expect(w.b.room(1)).toBe(150);
    w.step();
    expect(w.b.room(0)).toBe(150);
    w.set({ capacityPerTick: 0 });
    expect(w.lanes[0].send(-1, 1)).toBe(0);
  });
});

describe('conservation through transfers, delays and exploits (property)', () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('send' as const), dir: fc.constantFrom(0 as const, 1 as const), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.record({ kind: fc.constant('step' as const) }),
    fc.record({ kind: fc.constant('exploit' as const), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
  );
  it('holds on each chain and in total, counting tokens in flight, for every design, fee and delay', () => {
    fc.assert(
      fc.property(fc.constantFrom<BridgeDesign>('lockAndMint', 'burnAndMint', 'liquidityNetwork'), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 5 }), fc.array(op, { maxLength: 40 }), (design, feeBps, delayTicks, ops) => {
        const w = world(design, { feeBps, delayTicks });
        w.step();
        let stolen = 0;
        for (const o of ops) {
          if (o.kind === 'step') w.step();
          else if (o.kind === 'exploit') {
            const before = w.escrow.tokens;
            w.b.exploit(o.share);
            stolen += before - w.escrow.tokens;
          } else {
            const from = o.dir === 0 ? w.alice : w.bob;
            w.lanes[o.dir].send(-1, Math.min(from.tokens, w.b.room(o.dir)) * o.share);
          }
          expect(() => w.ledger.check(w.tick)).not.toThrow();
          expect(w.b.inFlight()).toBeCloseTo(w.sides[0].inFlight.tokens + w.sides[1].inFlight.tokens, 9);
          if (design === 'lockAndMint') {
            // Backing: the escrow never holds more than the wrapped supply, and falls short of it by no more than was stolen.
            const wrapped = w.b.wrappedSupply();
            expect(w.escrow.tokens).toBeLessThanOrEqual(wrapped * (1 + 1e-9));
            expect(wrapped).toBeLessThanOrEqual(w.escrow.tokens + stolen + 1e-6);
            expect(w.b.unbacked()).toBeGreaterThanOrEqual(0);
          }
          if (design === 'burnAndMint') expect(w.ledger.supply).toBeCloseTo(2000 + w.b.forgedTokens, 6);
        }
        // Every transfer is delivered after the delay: nothing stays in flight.
        for (let k = 0; k <= delayTicks; k++) w.step();
        expect(w.b.inFlight()).toBeCloseTo(0, 9);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps lock-and-mint exactly backed (wrapped supply = escrow) without an exploit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000 }), fc.array(fc.tuple(fc.constantFrom(0 as const, 1 as const), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 30 }), (feeBps, sends) => {
        const w = world('lockAndMint', { feeBps, delayTicks: 1 });
        w.step();
        for (const [dir, share] of sends) {
          w.lanes[dir].send(-1, (dir === 0 ? w.alice : w.bob).tokens * share);
          w.step();
          expect(w.b.wrappedSupply()).toBeCloseTo(w.escrow.tokens, 6);
          expect(w.b.backingRatio()).toBeCloseTo(1, 9);
        }
      }),
    );
  });
});

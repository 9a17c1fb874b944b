import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lstStakers } from '../../agents/lstStakers';
import { defineModel } from '../../src/model/defineModel';
import { liquidStaking } from '../../src/defi/liquidStaking';
import { amm } from '../../src/market/amm';
import { staking } from '../../src/mechanisms/staking';
import { treasury } from '../../src/mechanisms/treasury';
import { buildBlocks } from '../helpers/blocks';

/** A staking pool, a treasury, the provider and ten idle holders with 1,000 tokens each and nothing staked. */
function lstWorld(unbondingTicks = 3, delay = 5, feeShare = 0.1) {
  const sim = buildBlocks([amm, treasury, staking, liquidStaking, lstStakers], {
    staking: { unbondingTicks },
    liquidStaking: { feeShare, redemptionDelayTicks: delay, pool: { lstReserve: 1000, tokenReserve: 1000, feeBps: 0 } },
    lstStakers: { count: 10, initialTokens: { dist: 'constant', value: 1000 }, genesisStakeShare: 0, arbitrageurShare: 0, activity: 0 },
  });
  const lst = sim.api(liquidStaking);
  const holders = sim.api(lstStakers).population;
  const rewards = sim.api(staking).rewardsFrom('mint', 'test reward');
  return { sim, lst, p: lst.provider, holders, rewards, world: sim.world };
}

describe('the LST exchange rate', () => {
  it('starts at 1 and mints a / r LST for a deposit of a tokens', () => {
    const { p, holders } = lstWorld();
    expect(p.exchangeRate).toBe(1);
    expect(p.deposit(holders, 0, 400)).toBe(400);
    expect(holders.cols.lst[0]).toBe(400);
    expect(holders.cols.tokens[0]).toBe(600);
    expect(p.staked).toBe(1400);
  });

  it('rises by the reward net of the fee over the LST outstanding: 1 + 140 · 0.9 / 1,400 = 1.09', () => {
    const { p, holders, rewards, world } = lstWorld();
    p.deposit(holders, 0, 400);
    rewards.pay(140);
    world.step();
    expect(p.exchangeRate).toBeCloseTo(1.09, 12);
    // The treasury got the 10% fee.
    expect(p.feesThisTick).toBeCloseTo(14, 12);
    // A deposit at 1.09 mints 109 / 1.09 = 100 LST and leaves the rate where it was.
    expect(p.deposit(holders, 1, 109)).toBeCloseTo(100, 12);
    expect(p.exchangeRate).toBeCloseTo(1.09, 12);
  });
});

describe('the redemption queue', () => {
  it('owes l · r at the request, holds the LST in the queue, and pays and burns it after the delay', () => {
    const { p, lst, holders, rewards, world } = lstWorld(3, 5);
    p.deposit(holders, 0, 400);
    rewards.pay(140);
    world.step(); // tick 1: r = 1.09
    const owed = p.request(holders, 0, 100, world.tick);
    expect(owed).toBeCloseTo(109, 12);
    expect(p.exchangeRate).toBeCloseTo(1.09, 12);
    expect(p.queue.pendingUnits).toBe(100);
    expect(p.queue.pendingOwed).toBeCloseTo(109, 12);
    expect(lst.asset.ledger.account('stTOKEN:liquidStaking.queue')!.tokens).toBe(100);
    const supply = lst.asset.supply;
    for (let t = 2; t < 6; t++) {
      world.step();
      expect(holders.cols.tokens[0]).toBe(600);
    }
    world.step(); // tick 6 = 1 + 5: paid
    expect(holders.cols.tokens[0]).toBeCloseTo(709, 12);
    expect(lst.asset.supply).toBeCloseTo(supply - 100, 12);
    expect(p.queue.pendingCount).toBe(0);
    expect(p.queue.pendingUnits).toBe(0);
    expect(lst.asset.ledger.account('stTOKEN:liquidStaking.queue')!.tokens).toBe(0);
    expect(p.exchangeRate).toBeCloseTo(1.09, 12);
  });

  it('keeps LST and tokens conserved and the rate unmoved by deposits and requests, over random sequences (property)', () => {
    fc.assert(
      fc.property(
        fc.record({ unbonding: fc.integer({ min: 0, max: 6 }), extra: fc.integer({ min: 0, max: 6 }), fee: fc.double({ min: 0, max: 1, noNaN: true }) }),
        fc.array(fc.record({ kind: fc.constantFrom('deposit', 'request', 'reward', 'step'), who: fc.integer({ min: 0, max: 9 }), share: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength: 1, maxLength: 60 }),
        (c, ops) => {
          const { p, lst, holders, rewards, world } = lstWorld(c.unbonding, c.unbonding + c.extra, c.fee);
          let paidOwed = 0;
          let redeemed = 0;
          for (const op of ops) {
            const before = p.exchangeRate;
            if (op.kind === 'deposit') p.deposit(holders, op.who, holders.cols.tokens[op.who] * op.share);
            else if (op.kind === 'request') paidOwed += p.request(holders, op.who, holders.cols.lst[op.who] * op.share, world.tick);
            else if (op.kind === 'reward') rewards.pay(100 * op.share);
            else {
              world.step();
              redeemed += p.redeemedThisTick;
            }
            if (op.kind === 'deposit' || op.kind === 'request') expect(Math.abs(p.exchangeRate - before)).toBeLessThanOrEqual(1e-9 * before);
            lst.asset.check(world.tick);
            world.ledger.check(world.tick);
            expect(p.queue.pendingUnits).toBeCloseTo(lst.asset.ledger.account('stTOKEN:liquidStaking.queue')!.tokens, 9);
            expect(p.backing).toBeGreaterThanOrEqual(-1e-9);
          }
          for (let t = 0; t < c.unbonding + c.extra + 2; t++) {
            world.step();
            redeemed += p.redeemedThisTick;
          }
          expect(p.queue.pendingCount).toBe(0);
          expect(redeemed).toBeCloseTo(paidOwed, 6);
        },
      ),
      { numRuns: 60, seed: 3 },
    );
  });
});

describe('bad input', () => {
  it('refuses a redemption delay below the unbonding period with one line naming it, before any run', () => {
    const model = defineModel({ name: 'lst', blocks: [amm, treasury, staking, liquidStaking] });
    const params = { ...model.defaults, staking: { unbondingTicks: 14 }, liquidStaking: { ...model.defaults.liquidStaking, redemptionDelayTicks: 7 } };
    const r = model.schema.safeParse(params);
    expect(r.success).toBe(false);
    const issue = r.error!.issues[0];
    expect(issue.path.join('.')).toBe('liquidStaking.redemptionDelayTicks');
    expect(issue.message).toMatch(/below the unbonding period staking.unbondingTicks = 14/);
    expect(issue.message).not.toMatch(/\n/);
  });
});

describe('LST arbitrage', () => {
  it('buys the pool back to a discount of hurdle · delay / ticksPerYear and redeems what it bought: 10% · 5 / 365', () => {
    const sim = buildBlocks([amm, treasury, staking, liquidStaking, lstStakers], {
      staking: { unbondingTicks: 3 },
      liquidStaking: { redemptionDelayTicks: 5, pool: { lstReserve: 10_000, tokenReserve: 10_000, feeBps: 0 } },
      lstStakers: { count: 40, initialTokens: { dist: 'constant', value: 10_000 }, genesisStakeShare: 1, arbitrageurShare: 0.5, arbitrageHurdle: { dist: 'constant', value: 0.1 }, activity: 0 },
    });
    const lst = sim.api(liquidStaking);
    const pop = sim.api(lstStakers).population;
    const holder = pop.cols.kind.findIndex((k) => k === 0);
    expect(pop.cols.lst[holder]).toBeGreaterThan(0);
    // The holder dumps 2,000 LST on the pool: 1 − (10,000 / 12,000)² = a 30.6% discount.
    lst.pool.sellBase(pop, holder, 2000);
    expect(1 - lst.pool.price / lst.exchangeRate).toBeCloseTo(1 - (10_000 / 12_000) ** 2, 12);
    const queued = lst.provider.queue.pendingUnits;
    sim.world.step();
    expect(1 - lst.pool.price / lst.exchangeRate).toBeCloseTo((0.1 * 5) / 365, 9);
    expect(lst.provider.queue.pendingUnits).toBeGreaterThan(queued);
  });
});

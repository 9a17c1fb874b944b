import { describe, expect, it } from 'vitest';
import { TRADER_KINDS } from '../../agents/traders';
import { run, smallEconomy } from './helpers';

/** Traders alone, without the market factor's pull, newcomers or leavers, and with no random order component. */
const tradersOnly = {
  governance: { enabled: false },
  voters: { count: 0 },
  stakers: { count: 0 },
  liquidityProviders: { count: 0 },
  nodeOperators: { candidates: 0, initialNodes: 0 },
  emission: { ratePerYear: 0 },
  fundamentals: { factorWeight: 0, usageWeight: 0 },
} as const;
const still = {
  orderNoise: { noise: 0, chartist: 0, fundamentalist: 0 },
  factorResponse: 0,
  arrivals: { perYear: 0 },
  departures: { perYear: 0 },
  switching: { rate: 0 },
  attention: { elasticity: 0 },
  valueSpread: 0,
} as const;

/** Builds the economy and moves the price by an outside trade of `usd` (buy > 0, sell < 0 of that USD in tokens) at tick 1. */
function shocked(traders: object, usd: number) {
  const econ = smallEconomy({ ...tradersOnly, traders: { ...still, ...traders } });
  const buyer = econ.pool.trader('outside', 'burn', 'shock');
  const seller = econ.pool.trader('outside', 'mint', 'shock');
  econ.world.addHook('exogenous', 'shock', (w) => {
    if (w.tick !== 1) return;
    if (usd > 0) buyer.buy(usd);
    else seller.sell(-usd / econ.pool.price);
  });
  return econ;
}

const price = (econ: ReturnType<typeof smallEconomy>) => econ.world.priceAt(econ.world.tick);

describe('traders', () => {
  it('fundamentalists pull the price back toward the fundamental value after a shock', () => {
    const fundamentalists = { mix: { noise: 0, chartist: 0, fundamentalist: 1 }, fundamentalistGain: 0.3 };
    const idle = run(shocked({ ...fundamentalists, activity: 0 }, -400_000), 21);
    const econ = run(shocked({ ...fundamentalists, activity: 1 }, -400_000), 21);
    expect(price(idle)).toBeLessThan(0.97);
    expect(Math.abs(Math.log(price(econ)))).toBeLessThan(0.5 * Math.abs(Math.log(price(idle))));
  });

  it('chartists buy after a rise and so extend it', () => {
    const econ = shocked({ mix: { noise: 0, chartist: 1, fundamentalist: 0 }, activity: 1, chartistLookback: 3, chartistGain: 2 }, 400_000);
    run(econ, 1);
    const afterShock = price(econ);
    expect(afterShock).toBeGreaterThan(1.03);
    run(econ, 3);
    expect(price(econ)).toBeGreaterThan(afterShock);
  });

  it('trade only when active', () => {
    const idle = run(smallEconomy({ ...tradersOnly, traders: { mix: { noise: 1, chartist: 0, fundamentalist: 0 }, activity: 0, arrivals: { perYear: 0 } } }), 10);
    expect(idle.pool.trades).toBe(0);
    const busy = smallEconomy({ ...tradersOnly, traders: { mix: { noise: 1, chartist: 0, fundamentalist: 0 }, activity: 1, arrivals: { perYear: 0 } } });
    busy.world.step();
    expect(busy.pool.trades).toBeGreaterThan(50);
  });

  it('switch toward the rule that has paid (Brock–Hommes fitness)', () => {
    // Chartists follow a trend the shock starts; a strong intensity of choice and no predisposition or misalignment pull.
    const switching = { rate: 0.5, intensity: 20, predisposition: 0, herding: 0, misalignment: 0, memory: 0.5 };
    const econ = shocked({ ...still, mix: { noise: 0, chartist: 0.5, fundamentalist: 0.5 }, activity: 1, chartistLookback: 1, chartistGain: 3, switching }, 400_000);
    run(econ, 6);
    const cls = econ.traders;
    expect(cls.beliefs.fitnessC).not.toBe(cls.beliefs.fitnessF);
    const moreChartists = cls.beliefs.fitnessC > cls.beliefs.fitnessF;
    expect(cls.shareChartist > 0.5).toBe(moreChartists);
  });

  it('arrive with USD from outside and leave with it, slots reused', () => {
    const econ = smallEconomy({ ...tradersOnly, traders: { arrivals: { perYear: 3650, sentimentElasticity: 0, usageElasticity: 0 }, departures: { perYear: 36.5, sentimentElasticity: 0 } } });
    let arrivals = 0;
    let departures = 0;
    let inflow = 0;
    for (let t = 0; t < 20; t++) {
      econ.world.step();
      arrivals += econ.traders.counts.arrivals;
      departures += econ.traders.counts.departures;
      inflow += econ.traders.counts.inflowUsd;
    }
    // 10 arrivals a tick (Poisson) and a 10% daily hazard on ~200 traders: about 200 and 400.
    expect(arrivals).toBeGreaterThan(150);
    expect(arrivals).toBeLessThan(250);
    expect(departures).toBeGreaterThan(250);
    expect(inflow).toBeGreaterThan(0);
    const { active, kind } = econ.traders.population.cols;
    let n = 0;
    for (let i = 0; i < econ.traders.population.size; i++) {
      if (active[i] === 0) continue;
      n++;
      expect([TRADER_KINDS.noise, TRADER_KINDS.chartist, TRADER_KINDS.fundamentalist]).toContain(kind[i]);
    }
    expect(n).toBe(econ.traders.activeCount);
  });
});

describe('traders staking idle tokens', () => {
  const stakeOf = (econ: ReturnType<typeof smallEconomy>) => {
    const c = econ.traders.population.cols;
    let s = 0;
    for (let i = 0; i < econ.traders.population.size; i++) s += c.staked[i] + c.unbonding[i];
    return s;
  };

  it('keep at most share · holdings staked when the APR beats their hurdle (hand-worked for a trader that only stakes)', () => {
    const econ = run(smallEconomy({ traders: { ...still, activity: 1, mix: { noise: 1, chartist: 0, fundamentalist: 0 }, orderNoise: { noise: 0, chartist: 0, fundamentalist: 0 }, stakeIdle: { share: 0.4, hurdle: { dist: 'constant', value: 0 }, band: 0 } } }), 3);
    const c = econ.traders.population.cols;
    // With no order, each review stakes 0.4 · (x + s + u) − (s + u): 40% of what it holds, once, then nothing more.
    for (let i = 0; i < 20; i++) {
      const held = c.tokens[i] + c.staked[i] + c.unbonding[i];
      expect(c.staked[i] + c.unbonding[i]).toBeCloseTo(0.4 * held, 6);
    }
  });

  it('stake nothing under a hurdle above any APR, and with share 0 never join the staking pool', () => {
    const high = run(smallEconomy({ traders: { stakeIdle: { share: 0.5, hurdle: { dist: 'constant', value: 100 }, band: 0 } } }), 20);
    expect(stakeOf(high)).toBe(0);
    const off = run(smallEconomy({}), 5);
    expect(off.staking.members.some((m) => m.pop === off.traders.population)).toBe(false);
    expect(high.staking.members.some((m) => m.pop === high.traders.population)).toBe(true);
  });

  it('leavers unstake, and what unbonds is sold and taken out when released (conservation checked every tick)', () => {
    const econ = run(smallEconomy({ traders: { activity: 1, departures: { perYear: 40 }, stakeIdle: { share: 0.8, hurdle: { dist: 'constant', value: 0 }, band: 0 } }, staking: { unbondingTicks: 3 } }), 40);
    const c = econ.traders.population.cols;
    for (let i = 0; i < econ.traders.population.size; i++) if (c.active[i] === 0) expect(c.staked[i]).toBe(0);
    expect(stakeOf(econ)).toBeGreaterThan(0);
  });
});

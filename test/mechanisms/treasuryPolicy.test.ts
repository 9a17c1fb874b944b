import { describe, expect, it } from 'vitest';
import { amm } from '../../src/market/amm';
import { staking, stakingColumns } from '../../src/mechanisms/staking';
import { treasury } from '../../src/mechanisms/treasury';
import { MAX_RUNWAY_YEARS, runwayYears, treasuryPolicy } from '../../src/mechanisms/treasuryPolicy';
import { buildBlocks, summarise } from '../helpers/blocks';
import { holdersBlock } from '../helpers/holders';

describe('treasury runway', () => {
  it('is value / spend: (100k USD + 200k tokens · $0.5) / (40k USD + 20k tokens · $0.5) a year = 4 years', () => {
    expect(runwayYears({ usd: 100_000, tokens: 200_000 }, { grantsUsdPerYear: 40_000, subsidyTokensPerYear: 20_000 }, 0.5)).toBe(4);
  });

  it('is capped when nothing is spent', () => {
    expect(runwayYears({ usd: 1, tokens: 0 }, { grantsUsdPerYear: 0, subsidyTokensPerYear: 0 }, 1)).toBe(MAX_RUNWAY_YEARS);
  });

  it('is capped when the spend is tiny against the value', () => {
    expect(runwayYears({ usd: 1e9, tokens: 0 }, { grantsUsdPerYear: 1, subsidyTokensPerYear: 0 }, 1)).toBe(MAX_RUNWAY_YEARS);
  });
});

describe('treasury spending', () => {
  /** A treasury of 500 tokens and `usd` USD spending 3650 USD and 365 tokens a year (10 USD and 1 token a tick); one holder stakes `stake`. */
  function setup(stake: number, usd = 1000) {
    const holders = holdersBlock('holders', stakingColumns, [100]);
    const sim = buildBlocks([amm, treasury, staking, treasuryPolicy, holders], {
      treasury: { tokens: 500, usd },
      treasuryPolicy: { grantsUsdPerYear: 3650, subsidyTokensPerYear: 365 },
    });
    const pop = sim.api(holders);
    const member = sim.staking.attach(pop);
    if (stake > 0) member.stake(0, stake);
    return { sim, member, spending: sim.api(treasuryPolicy) };
  }

  it('pays grants of g / TPY USD a tick out of the model and a subsidy of s / TPY tokens to stakers', () => {
    const { sim, member, spending } = setup(100);
    const usdNet = sim.world.ledger.usdNet;

    sim.world.step();

    expect(sim.treasury.usd).toBe(990);
    expect(usdNet - sim.world.ledger.usdNet).toBe(10);
    expect(sim.treasury.tokens).toBe(499);
    expect(member.pending(0)).toBeCloseTo(1, 12);
    expect([spending.grantsUsdThisTick, spending.subsidyThisTick]).toEqual([10, 1]);
  });

  it('keeps the subsidy when nothing is staked, and stops grants when the USD runs out', () => {
    const { sim, spending } = setup(0, 4);

    sim.world.step();

    expect(sim.treasury.tokens).toBe(500);
    expect(sim.treasury.usd).toBe(0);
    expect(spending.grantsUsdThisTick).toBe(4);
    expect(spending.subsidyThisTick).toBe(0);
  });

  it('books grants and the subsidy as flows out of the treasury', () => {
    const { sim } = setup(100);

    sim.world.step();

    const out = sim.world.ledger.routes.filter((r) => r.tick > 0 && r.fromName === 'treasury').map((r) => [r.toName, r.reason, r.asset, r.tick]);
    expect(out).toEqual([
      ['outside', 'grant', 'usd', 10],
      ['staking.rewards', 'subsidy', 'tokens', 1],
    ]);
  });

  it('reports the runway at the market price', () => {
    // 500 tokens at $1 + 1000 USD over 3650 + 365 · $1 a year.
    const { sim } = setup(0);
    const runway = sim.metrics.find((m) => m.name === 'treasury_runway_years')!;

    expect(runway.read()).toBeCloseTo(1500 / 4015, 12);
  });

  it('summarises the final and shortest runway and the grants and subsidy paid over the run', () => {
    const { sim } = setup(0);

    const k = summarise(sim, { treasury_runway_years: [9, 3, 4], grants_usd: [0, 10, 10], subsidy: [0, 1, 0] }, [0, 1, 2]);

    expect([k.final_runway_years, k.min_runway_years]).toEqual([4, 3]);
    expect([k.total_grants_usd, k.total_subsidy]).toEqual([20, 1]);
  });
});

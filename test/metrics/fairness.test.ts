import { describe, expect, it } from 'vitest';
import { defineBlock } from '../../src/core/block';
import { runOne } from '../../src/experiment/runOne';
import { LORENZ_QUANTILES, fairness, groupReturn, groupShare, stakingParticipation, wealthGroups } from '../../src/metrics/fairness';
import type { WealthReading } from '../../src/metrics/agentWealth';
import { defineModel } from '../../src/model/defineModel';

/**
 * Ten holders B0…B9 with 1 token each but B8 and B9, who hold 6 (20 in
 * all); B0 and B9 delegate (their liquid tokens are stake). At tick 1, B9
 * gives B0 one token.
 */
const holders = defineBlock({
  key: 'holders',
  kind: 'agents',
  description: 'ten fixed holders',
  columns: { delegating: 'u8' },
  build(ctx) {
    const { pop, account } = ctx.population({ delegating: 'u8' } as const);
    const pocket = ctx.ledger.pocket(account, pop, 'tokens');
    const gift = ctx.ledger.route(pocket, pocket, 'gift');
    return {
      api: undefined,
      genesis: () => {
        pop.add(10);
        ctx.ledger.route('mint', pocket, 'genesis').payRange(0, Float64Array.of(1, 1, 1, 1, 1, 1, 1, 1, 6, 6));
        pop.cols.delegating[0] = 1;
        pop.cols.delegating[9] = 1;
      },
      hooks: { pre: (w) => (w.tick === 1 ? gift.between(9, 0, 1) : undefined) },
    };
  },
});

/** A population listed before the holders: one agent with nothing, and another joining at tick 3 (shifting the holders' places). */
const newcomers = defineBlock({
  key: 'newcomers',
  kind: 'agents',
  description: 'agents arriving with nothing',
  build(ctx) {
    const { pop } = ctx.population({});
    return { api: undefined, genesis: () => void pop.add(1), hooks: { pre: (w) => (w.tick === 3 ? void pop.add(1) : undefined) } };
  },
});

const model = defineModel({ name: 'fairnessTest', blocks: [newcomers, holders, fairness] });

function run(sampleEvery: number, ticks = 5) {
  const r = runOne(model, { runId: 0, seed: 1, params: model.defaults, variant: 'x', replicate: 0 } as never, { ticks, every: 1, sampleEvery, metrics: null, check: true, flows: false });
  expect(r.error).toBeNull();
  return r;
}

describe('fairness block on a hand-worked economy', () => {
  it('splits the 11 agents at the start: small holders the poorest 5 (N0, B0…B3), the top the richest 2 (B8, B9)', () => {
    const s = run(1).series;
    // Start: small hold 0 + 4 of 20 = 0.2; stake is B0 (1) and B9 (6): small share 1/7, one in five stakes.
    expect(s.small_holders_share[0]).toBeCloseTo(0.2, 14);
    expect(s.small_holders_stake_share[0]).toBeCloseTo(1 / 7, 14);
    expect(s.small_holders_staking[0]).toBeCloseTo(0.2, 14);
    // Top 10 % of 11 agents is 1.1 holders: 6 + 0.1 · 6 = 6.6 of 20.
    expect(s.holdings_top10_share[0]).toBeCloseTo(0.33, 14);
  });

  it("follows the small holders' gain and the top's loss after the gift, past the newcomer that shifts their places", () => {
    const k = run(1).summary;
    // End: small 0 + 2 + 1 + 1 + 1 = 5 of 20 (+0.05); return 5/4 − 1; top 6 + 5 = 11 from 12.
    expect(k.small_holders_share_end).toBeCloseTo(0.25, 14);
    expect(k.small_holders_share_change).toBeCloseTo(0.05, 14);
    expect(k.small_holders_return).toBeCloseTo(0.25, 14);
    expect(k.top_holders_return).toBeCloseTo(11 / 12 - 1, 14);
    // Price 1 (no market): the growth in tokens is the return.
    expect(k.small_holders_token_growth).toBeCloseTo(0.25, 14);
    expect(k.top_holders_token_growth).toBeCloseTo(11 / 12 - 1, 14);
    // Stake: B0 2, B9 5; small holders' voting share 2/7.
    expect(k.small_holders_voting_share).toBeCloseTo(2 / 7, 14);
    expect(k.small_holders_staking).toBeCloseTo(0.2, 14);
    // 12 agents at the end, sorted 0, 0, 1×7, 2, 5, 6: top 10 % = 1.2 holders = 6 + 0.2 · 5 = 7 of 20; top 1 % = 0.12 · 6.
    expect(k.top10_share_holdings).toBeCloseTo(0.35, 14);
    expect(k.top1_share_holdings).toBeCloseTo(0.036, 14);
    // Palma: 0.35 over the poorest 40 % (4.8 holders: 0 + 0 + 1 + 1 + 0.8) = 2.8/20.
    expect(k.palma_holdings).toBeCloseTo(0.35 / 0.14, 12);
  });

  it('writes Lorenz curves and class wealth at the sampled ticks only (every 2, tick 0 and the last)', () => {
    const { tables } = run(2, 5);
    const lorenz = tables.lorenz;
    const ticks = [...new Set(Array.from(lorenz.data.tick as Int32Array))];
    expect(ticks).toEqual([0, 2, 4, 5]);
    // Per sample: everyone, newcomers and holders, each at 10 quantiles.
    expect(lorenz.length).toBe(4 * 3 * LORENZ_QUANTILES.length);
    const cls = lorenz.data.class as string[];
    const share = lorenz.data.share as Float64Array;
    // The holders at tick 0, L(0.8) = 8/20 and L(0.9) = (8 + 6)/20.
    const at = (c: string, tick: number, q: number) =>
      share[cls.findIndex((x, i) => x === c && (lorenz.data.tick as Int32Array)[i] === tick && (lorenz.data.quantile as Float64Array)[i] === q)];
    expect(at('holders', 0, 0.8)).toBeCloseTo(0.4, 14);
    expect(at('holders', 0, 0.9)).toBeCloseTo(0.7, 14);
    const wealth = tables.class_wealth;
    expect(wealth.length).toBe(4 * 2);
    expect(Array.from(wealth.data.share as Float64Array).filter((_, i) => (wealth.data.class as string[])[i] === 'holders')).toEqual([1, 1, 1, 1]);
  });

  it('writes who gains and who loses at the end: per population and per decile of initial wealth', () => {
    const t = run(1).tables.impact;
    const col = (name: string) => Array.from(t.data[name] as ArrayLike<number>);
    expect(t.data.group).toEqual(['newcomers', 'holders', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8', 'd9', 'd10']);
    expect((t.data.kind as string[]).slice(0, 3)).toEqual(['class', 'class', 'decile']);
    // 11 agents at the start, sorted N0 (0), B0…B7 (1), B8, B9 (6): deciles of ⌊11d/10⌋ − ⌊11(d−1)/10⌋ agents, d10 the last two.
    expect(col('agents')).toEqual([1, 10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]);
    // The newcomer who joins at tick 3 is not in any group; the gift moves B9's token to B0 (d2).
    expect(col('start_usd')).toEqual([0, 20, 0, 1, 1, 1, 1, 1, 1, 1, 1, 12]);
    expect(col('end_usd')).toEqual([0, 20, 0, 2, 1, 1, 1, 1, 1, 1, 1, 11]);
    expect(col('end_tokens')).toEqual(col('end_usd'));
    // B0 (d2) and B9 (d10) delegate: stake 2 and 5 of 7.
    expect(col('staking')).toEqual([0, 0.2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0.5]);
    expect(col('stake_share')[3]).toBeCloseTo(2 / 7, 14);
    expect(col('stake_share')[11]).toBeCloseTo(5 / 7, 14);
  });

  it('gives the same outputs for the same seed', () => {
    expect(run(2).summary).toEqual(run(2).summary);
  });
});

describe('group measures', () => {
  const reading = (tokens: number[], usd: number[], stake: number[]): WealthReading => ({
    tokens: Float64Array.from(tokens),
    usd: Float64Array.from(usd),
    stake: Float64Array.from(stake),
    classOf: new Int32Array(tokens.length),
    offset: Int32Array.of(0),
  });

  it('ranks by tokens · price + USD: at price 2, [3 tokens, 0] beats [0, 5 USD]', () => {
    const r = reading([3, 0, 10, 1], [0, 5, 0, 0], [0, 0, 0, 0]);
    const g = wealthGroups(r, 2);
    // Wealth 6, 5, 20, 2: the poorest two are 3 (2) and 1 (5); the richest one is 2.
    expect(Array.from(g.small)).toEqual([3, 1]);
    expect(Array.from(g.top)).toEqual([2]);
    expect(g.smallStartUsd).toBe(7);
  });

  it('measures return, participation and share on a group', () => {
    const now = reading([2, 0], [1, 8], [2, 0]);
    const g = Int32Array.of(0, 1);
    // (2 · 1.5 + 1) + 8 = 12 from 10.
    expect(groupReturn(g, 10, now, 1.5)).toBeCloseTo(0.2, 14);
    expect(stakingParticipation(g, now)).toBe(0.5);
    expect(groupShare(Int32Array.of(0), now.tokens)).toBe(1);
    expect(groupShare(Int32Array.of(1), Float64Array.of(0, 0))).toBe(0);
  });
});

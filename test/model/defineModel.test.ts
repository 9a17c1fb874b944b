import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { stakers } from '../../agents/stakers';
import { traders } from '../../agents/traders';
import { defineBlock } from '../../src/core/block';
import { amm } from '../../src/market/amm';
import { staking } from '../../src/mechanisms/staking';
import { treasury } from '../../src/mechanisms/treasury';
import { defineModel } from '../../src/model/defineModel';
import { describeModel } from '../../src/model/describe';

/** A block that records, in `log`, the phase and key each time one of its hooks runs. */
const logger = (key: string, log: string[], needs: Record<string, { key: string }> = {}) =>
  defineBlock({
    key,
    kind: 'mechanism',
    description: `logs ${key}`,
    needs,
    params: { schema: z.object({ n: z.number().min(0) }).strict(), defaults: { n: 1 } },
    build: () => ({
      api: key,
      hooks: { exogenous: () => log.push(`exogenous:${key}`), pre: () => log.push(`pre:${key}`), post: () => log.push(`post:${key}`), observe: () => log.push(`observe:${key}`) },
    }),
  });

describe('defineModel', () => {
  it('derives the schema and defaults from the list: one entry per block with parameters, by key, plus the world', () => {
    const m = defineModel({ name: 'm', blocks: [amm, treasury, staking] });
    expect(Object.keys(m.defaults)).toEqual(['ticksPerYear', 'activation', 'amm', 'treasury', 'staking']);
    expect(m.defaults.staking).toEqual({ unbondingTicks: 14 });
    expect(m.schema.safeParse({ ...m.defaults, staking: { unbondingTicks: -1 } }).success).toBe(false);
    expect(m.schema.safeParse({ ...m.defaults, nope: 1 }).success).toBe(false);
  });

  it('runs the hooks of a phase in list order, whatever the order blocks are built in', () => {
    const log: string[] = [];
    const a = logger('aa', log);
    const b = logger('bb', log, { a });
    // bb is listed first but needs aa, so aa is built first; hooks still run bb then aa.
    const m = defineModel({ name: 'm', blocks: [b, a] });
    expect(m.buildOrder.map((x) => x.key)).toEqual(['aa', 'bb']);
    m.build(m.defaults, { seed: 1, check: true }).world.step();
    expect(log).toEqual(['exogenous:bb', 'exogenous:aa', 'pre:bb', 'pre:aa', 'post:bb', 'post:aa', 'observe:bb', 'observe:aa']);
  });

  it('derives the metric, KPI and table columns from the blocks, with units, without building a run', () => {
    const m = defineModel({ name: 'm', blocks: [amm, treasury, staking, stakers] });
    expect(m.metrics.map((x) => x.name)).toEqual(['price', 'volume', 'fees_usd', 'liquidity_usd', 'treasury', 'treasury_usd', 'treasury_cash_usd', 'treasury_revenue_usd', 'staked', 'staking_ratio', 'unbonding', 'staking_apr', 'exit_sold', 'staker_rewards_sold', 'staker_buys_usd']);
    expect(m.metrics[0]).toMatchObject({ name: 'price', unit: 'USD/token', kind: 'level', block: 'amm' });
    expect(m.kpis.find((k) => k.name === 'nakamoto_stake')).toMatchObject({ unit: 'agents', block: 'staking' });
    expect(m.tables.map((t) => t.name)).toEqual(['flows']);
  });

  it.each([
    ['a duplicate key', () => defineModel({ name: 'm', blocks: [amm, amm] }), /model m: two blocks have the key amm/],
    ['a need no block fills', () => defineModel({ name: 'm', blocks: [amm, stakers] }), /model m: block stakers needs staking \(as staking\), which no block of the model provides/],
    ['a cycle of needs', () => {
      const log: string[] = [];
      const x: { key: string } = { key: 'yy' };
      const a = logger('xx', log, { x });
      const b = logger('yy', log, { a });
      return defineModel({ name: 'm', blocks: [a, b] });
    }, /model m: blocks xx, yy need each other in a cycle/],
    ['two blocks declaring one metric', () => {
      const clash = defineBlock({ key: 'clash', kind: 'metrics', description: 'x', metrics: { price: { unit: 'USD', description: 'another price' } }, build: () => ({ api: undefined, metrics: { price: () => 1 } }) });
      return defineModel({ name: 'm', blocks: [amm, clash] });
    }, /model m: metric price is declared by both amm and clash; names must mean one thing/],
    ['defaults that fail the schema', () => defineModel({ name: 'm', blocks: [amm], defaults: { amm: { feeBps: 20_000 } } }), /model m: the defaults fail the schema at amm\.feeBps/],
  ])('refuses %s with one line naming the blocks', (_what, make, message) => {
    expect(make).toThrow(message);
  });

  it('with() adds blocks at the end or next to one, replaces a block of the same key; without() drops blocks and their defaults', () => {
    const base = defineModel({ name: 'm', blocks: [amm, treasury, staking, traders], defaults: { traders: { count: 3 } } });
    expect(base.with(stakers).blocks.map((b) => b.key)).toEqual(['amm', 'treasury', 'staking', 'traders', 'stakers']);
    expect(base.with({ before: 'traders' }, stakers).blocks.map((b) => b.key)).toEqual(['amm', 'treasury', 'staking', 'stakers', 'traders']);
    const slowAmm = defineBlock({ ...amm.spec, description: 'replacement' });
    expect(base.with(slowAmm).blocks[0].spec.description).toBe('replacement');
    const lean = base.without('traders');
    expect(lean.blocks.map((b) => b.key)).toEqual(['amm', 'treasury', 'staking']);
    expect('traders' in lean.defaults).toBe(false);
    expect(() => base.without('stakers' as never)).toThrow(/model m has no block stakers to remove/);
    expect(() => base.with({ after: 'nope' }, stakers)).toThrow(/cannot place blocks next to nope/);
  });


  it('withDefaults() sets defaults over the ones it had, checks each touched block at once and the whole on first use', () => {
    const base = defineModel({ name: 'm', blocks: [amm, treasury, staking, traders], defaults: { traders: { count: 3 } } });
    const m = base.withDefaults({ staking: { unbondingTicks: 7 } });
    expect(m.defaults.staking).toEqual({ unbondingTicks: 7 });
    expect(m.defaults.traders.count).toBe(3);
    expect(base.defaults.staking).toEqual({ unbondingTicks: 14 });
    expect(m.withDefaults({ traders: { count: 5 } }).defaults.staking).toEqual({ unbondingTicks: 7 });
    expect(() => base.withDefaults({ staking: { unbondingTick: 7 } } as never)).toThrow(/unknown model m parameter path "staking\.unbondingTick"/);
    expect(() => base.withDefaults({ staking: { unbondingTicks: -1 } })).toThrow(/model m: the defaults fail the schema at staking\.unbondingTicks/);
  });
  it('a derived model checks again only the defaults its derivation changes: a block replaced by one that rejects them is refused', () => {
    const counted = (key: string, log: string[]) => {
      const b = logger(key, log);
      const schema = b.spec.params!.schema;
      const spy = Object.create(schema, { safeParse: { value: (v: unknown) => (log.push(`check:${key}`), schema.safeParse(v)) } });
      return defineBlock({ ...b.spec, params: { schema: spy, defaults: { n: 1 } } });
    };
    const log: string[] = [];
    const a = counted('a', log);
    const base = defineModel({ name: 'm', blocks: [a, counted('b', log)], defaults: { a: { n: 2 } } });
    expect(log).toEqual(['check:a']);
    const derived = base.with(logger('c', [])).named('n').withDefaults({ b: { n: 3 } }).without('c');
    expect(log).toEqual(['check:a', 'check:b']);
    expect(derived.defaults).toMatchObject({ a: { n: 2 }, b: { n: 3 } });
    expect(derived.buildOrder.map((b) => b.key)).toEqual(['a', 'b']);
    // A new block under a key the model has defaults for is checked against them.
    const strict = defineBlock({ ...a.spec, params: { schema: z.object({ n: z.number().max(1) }).strict(), defaults: { n: 1 } } });
    expect(() => base.with(strict)).toThrow(/model m: the defaults fail the schema at a\.n/);
  });

  it('describes its phase table, accounts and population columns as tokensim model prints them', () => {
    const m = defineModel({ name: 'm', blocks: [amm, treasury, staking, stakers] });
    const d = describeModel(m);
    expect(d.phases).toEqual({ exogenous: ['amm'], pre: ['treasury', 'staking'], agents: ['stakers'], post: [], observe: [] });
    expect(d.accounts.map((a) => [a.name, a.circulating])).toEqual([
      ['amm', true],
      ['amm.fees', true],
      ['treasury', false],
      ['staking', false],
      ['staking.unbonding', false],
      ['staking.rewards', false],
      ['stakers', true],
    ]);
    expect(d.populations[0].columns.find((c) => c.name === 'staked')).toEqual({ name: 'staked', type: 'f64', from: 'staking' });
  });

  it('estimates a run\'s memory from the declared columns and counts, growing linearly in the agents', () => {
    const m = defineModel({ name: 'm', blocks: [amm, treasury, staking, stakers] });
    const small = m.memoryEstimate({ ...m.defaults, stakers: { ...m.defaults.stakers, count: 1000 } }, 365);
    const big = m.memoryEstimate({ ...m.defaults, stakers: { ...m.defaults.stakers, count: 1_001_000 } }, 365);
    // 14 columns: 10 float64 (tokens, usd, staked, stakeSnapshot, unbonding, hurdle, priceWeight, sellShare, exitBase, unbondingSeen), 1 int32 (unbondingChunks) and 3 uint8 (active, compound, strategy) = 87 bytes an agent, twice for the growth slack.
    expect(big - small).toBe(1_000_000 * 2 * 87);
  });
});

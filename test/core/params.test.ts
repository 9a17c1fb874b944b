import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../../src/core/errors';
import { ParamStore } from '../../src/core/params';
import { getPath, hasPath, leafPaths, parseValueLike } from '../../src/core/paths';

const schema = z
  .object({
    staking: z.object({ unbondingTicks: z.number().int().min(0) }).strict(),
    amm: z.object({ feeBps: z.number().min(0).max(10_000) }).strict(),
    label: z.string(),
  })
  .strict();
type P = z.infer<typeof schema>;

function defaults(): P {
  return { staking: { unbondingTicks: 7 }, amm: { feeBps: 30 }, label: 'base' };
}

function thrownBy(f: () => void): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('ParamStore.change', () => {
  it('logs tick, path, before, after and source, and returns the entry', () => {
    const store = new ParamStore(defaults(), schema);

    const entry = store.change(12, 'amm.feeBps', 50, 'governance');

    expect(entry).toEqual({ tick: 12, path: 'amm.feeBps', before: 30, after: 50, source: 'governance' });
    expect(store.log).toEqual([entry]);
    expect(store.current.amm.feeBps).toBe(50);
  });

  it('leaves the earlier snapshot the same object with the same values, deeply frozen', () => {
    const store = new ParamStore(defaults(), schema);
    const before = store.current;

    store.change(5, 'staking.unbondingTicks', 14);

    expect(store.snapshots[0].params).toBe(before);
    expect(before).toEqual(defaults());
    expect(Object.isFrozen(before)).toBe(true);
    expect(Object.isFrozen(before.staking)).toBe(true);
    expect(store.current).not.toBe(before);
  });

  it('freezes the new parameters too', () => {
    const store = new ParamStore(defaults(), schema);

    store.change(5, 'staking.unbondingTicks', 14);

    expect(Object.isFrozen(store.current)).toBe(true);
    expect(Object.isFrozen(store.current.staking)).toBe(true);
  });

  it('returns from at(tick) the snapshot in force at that tick', () => {
    const store = new ParamStore(defaults(), schema);
    store.change(5, 'amm.feeBps', 50);
    store.change(10, 'amm.feeBps', 70);

    const fees = [0, 4, 5, 9, 10, 100].map((t) => store.at(t).amm.feeBps);

    expect(fees).toEqual([30, 30, 50, 50, 70, 70]);
  });

  it('throws an InputError naming an unknown path and changes nothing', () => {
    const store = new ParamStore(defaults(), schema);
    const before = store.current;

    const e = thrownBy(() => store.change(1, 'amm.feeBsp', 50));

    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toContain('"amm.feeBsp"');
    expect(store.current).toBe(before);
    expect(store.log).toEqual([]);
  });

  it('suggests known paths sharing the leaf name for an unknown path', () => {
    const store = new ParamStore(defaults(), schema);

    const e = thrownBy(() => store.change(1, 'market.feeBps', 50));

    expect((e as Error).message).toMatch(/did you mean amm\.feeBps/);
  });

  it('throws an InputError naming the path when the value fails the schema, and leaves params unchanged', () => {
    const store = new ParamStore(defaults(), schema);
    const before = store.current;

    const e = thrownBy(() => store.change(3, 'staking.unbondingTicks', -1));

    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toContain('staking.unbondingTicks');
    expect(store.current).toBe(before);
    expect(store.current.staking.unbondingTicks).toBe(7);
    expect(store.snapshots).toHaveLength(1);
    expect(store.log).toEqual([]);
  });

  it('accepts a value of any type when there is no schema', () => {
    const store = new ParamStore(defaults());

    store.change(1, 'label', 42);

    expect(store.current.label).toBe(42);
  });

  it('reports with wouldAccept whether a change would pass, without changing anything', () => {
    const store = new ParamStore(defaults(), schema);
    const before = store.current;

    const results = [store.wouldAccept('amm.feeBps', 100), store.wouldAccept('amm.feeBps', 20_000), store.wouldAccept('amm.nope', 1)];

    expect(results).toEqual([true, false, false]);
    expect(store.current).toBe(before);
  });
});

describe('paths', () => {
  it('gets a nested value and undefined for a missing path', () => {
    const p = defaults();

    expect(getPath(p, 'staking.unbondingTicks')).toBe(7);
    expect(getPath(p, 'staking.nope.deeper')).toBeUndefined();
  });

  it('finds only own properties with hasPath (not inherited ones such as constructor)', () => {
    const p = defaults();

    expect(hasPath(p, 'amm.feeBps')).toBe(true);
    expect(hasPath(p, 'constructor')).toBe(false);
    expect(hasPath(p, 'amm.feeBps.x')).toBe(false);
  });

  it('lists every leaf path, treating arrays as leaves', () => {
    expect(leafPaths({ a: { b: 1, c: [1, 2] }, d: 'x' })).toEqual(['a.b', 'a.c', 'd']);
  });
});

describe('parseValueLike', () => {
  it('parses a number when the current value is a number', () => {
    expect(parseValueLike('amm.feeBps', '2.5e1', 30)).toBe(25);
  });

  it.each(['abc', '', '  ', 'Infinity', 'NaN'])('rejects %j for a number with a message naming path and value', (text) => {
    const e = thrownBy(() => parseValueLike('amm.feeBps', text, 30));

    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toBe(`--set amm.feeBps=${text}: expected a finite number`);
  });

  it('parses "null" as null and a number otherwise when the current value is null', () => {
    expect(parseValueLike('emission.maxSupply', 'null', null)).toBeNull();
    expect(parseValueLike('emission.maxSupply', '1000', null)).toBe(1000);
  });

  it('parses true and false when the current value is a boolean', () => {
    expect(parseValueLike('x.on', 'true', false)).toBe(true);
    expect(parseValueLike('x.on', 'false', true)).toBe(false);
  });

  it('rejects anything but true/false for a boolean with a message naming path and value', () => {
    const e = thrownBy(() => parseValueLike('x.on', 'yes', false));

    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toBe('--set x.on=yes: expected true or false');
  });

  it('returns the text unchanged when the current value is a string', () => {
    expect(parseValueLike('label', '42', 'base')).toBe('42');
  });

  it('parses JSON when the current value is an object or array', () => {
    expect(parseValueLike('shares', '[0.5, 0.5]', [1, 0])).toEqual([0.5, 0.5]);
    expect(parseValueLike('dist', '{"dist":"constant","value":3}', { dist: 'constant', value: 1 })).toEqual({
      dist: 'constant',
      value: 3,
    });
  });

  it('rejects invalid JSON for an object value with a message naming path and value', () => {
    const e = thrownBy(() => parseValueLike('shares', '[0.5,', [1, 0]));

    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toBe('--set shares=[0.5,: expected JSON for an object or array value');
  });
});

import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { Population } from '../../src/core/population';

describe('Population', () => {
  it('has the base columns tokens (f64), usd (f64) and active (u8) besides its own', () => {
    const pop = new Population('traders', { risk: 'f64', kind: 'i32' });

    expect(pop.schema()).toEqual({ tokens: 'f64', usd: 'f64', active: 'u8', risk: 'f64', kind: 'i32' });
    expect(pop.cols.tokens).toBeInstanceOf(Float64Array);
    expect(pop.cols.usd).toBeInstanceOf(Float64Array);
    expect(pop.cols.active).toBeInstanceOf(Uint8Array);
    expect(pop.cols.kind).toBeInstanceOf(Int32Array);
  });

  it('returns the index of the first new agent from add and counts them in size', () => {
    const pop = new Population('p', {});

    const first = pop.add(3);
    const second = pop.add(2);

    expect(first).toBe(0);
    expect(second).toBe(3);
    expect(pop.size).toBe(5);
  });

  it('marks added agents active and leaves the rest of the column zero', () => {
    const pop = new Population('p', {}, 8);

    pop.add(3);

    expect(Array.from(pop.cols.active)).toEqual([1, 1, 1, 0, 0, 0, 0, 0]);
  });

  it('grows capacity by doubling (2 → 4 → 8) when add needs room', () => {
    const pop = new Population('p', {}, 2);

    pop.add(3);
    const afterFirst = pop.capacity;
    pop.add(3);

    expect(afterFirst).toBe(4);
    expect(pop.capacity).toBe(8);
    expect(pop.cols.tokens.length).toBe(8);
  });

  it('keeps every column value when it grows', () => {
    const pop = new Population('p', { kind: 'i32' }, 2);
    pop.add(2);
    pop.cols.tokens.set([1.5, 2.5]);
    pop.cols.usd.set([10, 20]);
    pop.cols.kind.set([7, -3]);
    pop.cols.active[1] = 0;

    pop.add(5);

    expect(Array.from(pop.cols.tokens.subarray(0, 2))).toEqual([1.5, 2.5]);
    expect(Array.from(pop.cols.usd.subarray(0, 2))).toEqual([10, 20]);
    expect(Array.from(pop.cols.kind.subarray(0, 2))).toEqual([7, -3]);
    expect(Array.from(pop.cols.active.subarray(0, 7))).toEqual([1, 0, 1, 1, 1, 1, 1]);
  });

  it('allocates every declared column zeroed at the capacity, the f64 ones also by name in f64Columns', () => {
    const pop = new Population('p', { staked: 'f64', kind: 'i32' }, 4);
    pop.add(2);

    expect(pop.cols.staked).toEqual(new Float64Array(4));
    expect(pop.cols.kind).toEqual(new Int32Array(4));
    expect(pop.f64Columns.staked).toBe(pop.cols.staked);
    expect(Object.keys(pop.f64Columns).sort()).toEqual(['staked', 'tokens', 'usd']);
  });

  it('points cols, f64Columns and column() at the grown arrays, keeping their values', () => {
    const pop = new Population('p', { staked: 'f64' }, 2);
    pop.add(2);
    pop.cols.staked.set([3, 4]);

    pop.add(3);

    expect(Array.from(pop.cols.staked)).toEqual([3, 4, 0, 0, 0, 0, 0, 0]);
    expect(pop.f64Columns.staked).toBe(pop.cols.staked);
    expect(pop.column('staked')).toBe(pop.cols.staked);
  });

  it('tells which columns are f64 with hasF64 and returns undefined from column() for one it lacks', () => {
    const pop = new Population('p', { staked: 'f64', kind: 'i32' });

    expect([pop.hasF64('staked'), pop.hasF64('tokens'), pop.hasF64('kind'), pop.hasF64('nope')]).toEqual([true, true, false, false]);
    expect(pop.column('nope')).toBeUndefined();
    expect(pop.column('kind')).toBeInstanceOf(Int32Array);
  });

  it('throws an InputError from requireF64 for a missing or non-f64 column, naming the population, the column and who needs it', () => {
    const pop = new Population('stakers', { kind: 'i32' });

    expect(() => pop.requireF64('nope', 'staking')).toThrow(InputError);
    expect(() => pop.requireF64('kind', 'staking')).toThrow(/staking needs population stakers to have the f64 column kind/);
    expect(() => pop.requireF64('tokens', 'staking')).not.toThrow();
  });

  // A schema that redeclares a base column with another type would give the ledger a non-f64 `tokens` or a non-u8 `active`.
  it.fails('throws an InputError when a schema redeclares a base column with another type', () => {
    expect(() => new Population('p', { active: 'f64' })).toThrow(InputError);
    expect(() => new Population('p', { tokens: 'i32' })).toThrow(InputError);
  });

  it('counts only active agents in activeCount', () => {
    const pop = new Population('p', {});
    pop.add(5);

    pop.cols.active[1] = 0;
    pop.cols.active[4] = 0;

    expect(pop.activeCount()).toBe(3);
  });
});

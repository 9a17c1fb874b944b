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

  it('adds a zeroed column of the requested type and capacity with addColumn', () => {
    const pop = new Population('p', {}, 4);
    pop.add(2);

    pop.addColumn('staked', 'f64');

    expect(pop.f64('staked')).toEqual(new Float64Array(4));
    expect(pop.schema().staked).toBe('f64');
  });

  it('keeps the values of a column added later when it grows', () => {
    const pop = new Population('p', {}, 2);
    pop.add(2);
    pop.addColumn('staked', 'f64');
    pop.f64('staked').set([3, 4]);

    pop.add(3);

    expect(Array.from(pop.f64('staked'))).toEqual([3, 4, 0, 0, 0, 0, 0, 0]);
  });

  it('treats re-adding a column of the same type as a no-op that keeps its values', () => {
    const pop = new Population('p', {});
    pop.add(1);
    pop.addColumn('staked', 'f64');
    pop.f64('staked')[0] = 9;
    const before = pop.f64('staked');

    pop.addColumn('staked', 'f64');

    expect(pop.f64('staked')).toBe(before);
    expect(pop.f64('staked')[0]).toBe(9);
  });

  it('throws an InputError naming the column when it is re-added with another type', () => {
    const pop = new Population('stakers', {});
    pop.addColumn('staked', 'f64');

    expect(() => pop.addColumn('staked', 'i32')).toThrow(InputError);
    expect(() => pop.addColumn('staked', 'i32')).toThrow(/stakers.*staked.*f64.*i32/);
  });

  it('throws an InputError when a base column is re-added with another type', () => {
    const pop = new Population('p', {});

    expect(() => pop.addColumn('active', 'f64')).toThrow(InputError);
  });

  it('throws an InputError from f64 for a missing or non-f64 column', () => {
    const pop = new Population('p', { kind: 'i32' });

    expect(() => pop.f64('nope')).toThrow(InputError);
    expect(() => pop.f64('kind')).toThrow(InputError);
  });

  it('counts only active agents in activeCount', () => {
    const pop = new Population('p', {});
    pop.add(5);

    pop.cols.active[1] = 0;
    pop.cols.active[4] = 0;

    expect(pop.activeCount()).toBe(3);
  });
});

import { describe, expect, it } from 'vitest';
import { Population } from '../../../src/core/population';
import { Electorate, electorateColumns } from '../../../src/mechanisms/governance/electorate';

function pop(name: string, tokens: number[], roles: number[]) {
  const p = new Population(name, electorateColumns, 0);
  p.add(tokens.length);
  p.cols.delegate.fill(-1);
  tokens.forEach((t, i) => {
    p.cols.tokens[i] = t;
    p.cols.role[i] = roles[i];
  });
  return p;
}

describe('Electorate', () => {
  it('numbers members across populations in the order they were added, and maps them back', () => {
    const a = pop('a', [1, 2, 3], [0, 1, 2]);
    const empty = pop('empty', [], []);
    const b = pop('b', [4, 5], [3, 3]);
    const e = new Electorate();
    e.add(a);
    e.add(empty);
    e.add(b);
    e.seal();
    expect(e.size).toBe(5);
    expect([e.member(a, 2), e.member(b, 0), e.member(b, 1), e.member(b, 2)]).toEqual([2, 3, 4, -1]);
    expect([e.popOf(0), e.popOf(3), e.popOf(5)]).toEqual([0, 2, -1]);
    expect([e.roleOf(1), e.roleOf(4), e.holdings(4)]).toEqual([1, 3, 5]);
  });

  it('does not count agents added after sealing as members', () => {
    const a = pop('a', [1], [0]);
    const e = new Electorate();
    e.add(a);
    e.seal();
    a.add(1);
    expect(e.member(a, 1)).toBe(-1);
    expect(() => e.add(pop('late', [1], [0]))).toThrow(/sealed/);
  });

  it('maps delegates within a population to member numbers, and gives inactive agents no power', () => {
    const a = pop('a', [10], [0]);
    const b = pop('b', [20, 30], [0, 0]);
    b.cols.delegate[1] = 0; // b[1] delegates to b[0], member 1
    b.cols.active[0] = 0;
    const e = new Electorate();
    e.add(a);
    e.add(b);
    const d = new Int32Array(3);
    expect(e.delegates(d)).toBe(true);
    expect(Array.from(d)).toEqual([-1, -1, 1]);
    const power = new Float64Array(3);
    expect(e.powers('token', 100, power)).toBe(40);
    expect(Array.from(power)).toEqual([10, 0, 30]);
  });
});
